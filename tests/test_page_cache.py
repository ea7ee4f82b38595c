"""Anonymous visitors share a stored copy of each public page (ebw_portal/page_cache.py):
fast, yet never stale, never another visitor's CSRF token, never a logged-in page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TYPE_PAGE = "/wat-werkt/opvoedondersteuning/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def visitor() -> Client:
    """A new anonymous browser: no cookies, CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def without_token(html: str) -> str:
    return html.replace(TOKEN.search(html).group(1), "")


def test_a_second_visitor_gets_the_same_page_for_at_most_one_query(
    catalogue, django_assert_max_num_queries
):
    first = visitor().get(TYPE_PAGE).content.decode()
    with django_assert_max_num_queries(1):  # the content version, at most once a second
        second = visitor().get(TYPE_PAGE).content.decode()
    assert "Opvoedondersteuning" in second
    assert without_token(second) == without_token(first)


PUBLIC_PAGES = [
    "/",
    "/wat-werkt/",
    TYPE_PAGE,
    "/wat-werkt/geleerde-lessen/",
    "/zoeken/?q=ouders",
    "/bewijs/",
    "/bewijs/matrix/",
    "/bewijs/over-de-bewijskracht/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_is_served_from_its_shared_copy(
    catalogue, url, django_assert_max_num_queries, monkeypatch
):
    from ebw_portal.common import content_version

    # Remembered longer than the test takes, however slow the machine is.
    monkeypatch.setattr(content_version, "REMEMBER_SECONDS", 60)
    first = visitor().get(url)
    content_version.current()  # the number is remembered, as it is between visits
    with django_assert_max_num_queries(0):
        second = visitor().get(url)
    assert first.status_code == second.status_code == 200
    assert without_token(second.content.decode()) == without_token(first.content.decode())


@pytest.mark.parametrize("kind", ["intervention", "element", "lesson", "evaluation"])
def test_every_public_detail_page_is_served_from_its_shared_copy(
    catalogue, kind, django_assert_max_num_queries, monkeypatch
):
    from django.core.management import call_command

    from ebw_portal.common import content_version
    from evaluations.models import Evaluation
    from interventions.models import EffectiveElement, Intervention, LessonLearned

    call_command("loaddata", "fixtures/20_evaluations.json", verbosity=0)
    shown = {
        "intervention": Intervention.objects.all(),
        "element": EffectiveElement.objects.all(),
        "lesson": LessonLearned.objects.all(),
        "evaluation": Evaluation.objects.public(),
    }[kind]
    url = shown.first().get_absolute_url()
    monkeypatch.setattr(content_version, "REMEMBER_SECONDS", 60)
    visitor().get(url)
    content_version.current()
    with django_assert_max_num_queries(0):
        assert visitor().get(url).status_code == 200


def test_every_visitor_gets_an_own_csrf_token_that_works_for_the_language_switch():
    first, second = visitor(), visitor()
    first_token = TOKEN.search(first.get("/").content.decode()).group(1)
    second_page = second.get("/").content.decode()
    second_token = TOKEN.search(second_page).group(1)

    assert first_token != second_token
    assert second_page.count(second_token) == 2  # the language switch and htmx' header
    switched = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": second_token}
    )
    assert switched.status_code == 302
    assert '<html lang="en">' in second.get("/").content.decode()
    # The other visitor's token is worthless for this visitor.
    refused = visitor()
    refused.get("/")
    assert (
        refused.post(
            "/i18n/setlang/",
            {"language": "en", "next": "/", "csrfmiddlewaretoken": first_token},
        ).status_code
        == 403
    )


def test_a_change_by_a_curator_is_shown_at_the_next_visit(catalogue):
    from interventions.models import EffectiveElement, InterventionType

    assert "Gewijzigde naam" not in visitor().get(TYPE_PAGE).content.decode()
    intervention_type = InterventionType.objects.get(slug="opvoedondersteuning")
    intervention_type.name = "Gewijzigde naam"
    intervention_type.save()
    assert "Gewijzigde naam" in visitor().get(TYPE_PAGE).content.decode()

    # A new link (many-to-many) and a deletion count as changes too.
    element = EffectiveElement.objects.exclude(types=intervention_type).first()
    element.types.add(intervention_type)
    assert element.title in visitor().get(TYPE_PAGE).content.decode()
    element.delete()
    assert element.title not in visitor().get(TYPE_PAGE).content.decode()


def test_a_published_evaluation_appears_in_the_public_list_at_once(catalogue):
    from evaluations.models import Evaluation, Status

    assert "Nieuwe evaluatie van de buurtaanpak" not in visitor().get("/bewijs/").content.decode()
    evaluation = Evaluation.objects.create(
        slug="nieuwe-evaluatie",
        title="Nieuwe evaluatie van de buurtaanpak",
        year=2026,
        evaluator="Bureau Onderzoek",
        kind="proces",
        design="beschrijvend",
        findings="Korte samenvatting.",
        status=Status.PUBLISHED,
    )
    assert evaluation.title in visitor().get("/bewijs/").content.decode()


def test_a_logged_in_user_never_gets_the_shared_copy_nor_leaves_a_copy_behind(alice):
    anonymous_page = visitor().get("/").content.decode()
    assert "Uitloggen" not in anonymous_page

    member = Client()
    member.force_login(alice)
    member_page = member.get("/").content.decode()
    assert "Uitloggen" in member_page and "Mijn plannen" in member_page

    assert "Uitloggen" not in visitor().get("/").content.decode()


def test_english_and_dutch_visitors_each_get_their_own_language():
    english = visitor()
    english.cookies["django_language"] = "en"
    dutch_page = visitor().get("/wat-werkt/").content.decode()
    english_page = english.get("/wat-werkt/").content.decode()
    assert '<html lang="nl">' in dutch_page
    assert '<html lang="en">' in english_page
    assert '<html lang="nl">' in visitor().get("/wat-werkt/").content.decode()


def test_a_visitor_with_a_waiting_message_sees_it_instead_of_the_shared_copy():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpResponse
    from django.test import RequestFactory

    visitor().get("/")  # a shared copy of the home page exists
    storage, carrier = CookieStorage(RequestFactory().get("/")), HttpResponse()
    storage._store([Message(constants.SUCCESS, "Uw bericht is verstuurd.")], carrier)
    with_message = visitor()
    with_message.cookies[CookieStorage.cookie_name] = carrier.cookies[
        CookieStorage.cookie_name
    ].value
    assert "Uw bericht is verstuurd." in with_message.get("/").content.decode()
