"""Anonymous visitors share a stored copy of each public page (ebw_portal/page_cache.py):
fast, yet never stale, never another visitor's CSRF token, never a logged-in page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

TYPE_PAGE = "/wat-werkt/opvoedondersteuning/"


def visitor() -> Client:
    """A new anonymous browser: no cookies, CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def test_a_second_visitor_gets_the_same_page_for_at_most_one_query(
    catalogue, django_assert_max_num_queries
):
    first = visitor().get(TYPE_PAGE).content.decode()
    with django_assert_max_num_queries(1):  # the content version, at most once a second
        second = visitor().get(TYPE_PAGE).content.decode()
    assert "Opvoedondersteuning" in second
    assert second == first


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
    assert second.content == first.content


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


def test_a_public_page_carries_no_csrf_token_and_sets_no_cookie():
    """What makes a page shareable: nothing in it or in its headers is the visitor's."""
    response = visitor().get("/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "X-CSRFToken" not in response.content.decode()
    assert not response.cookies
    # The browser asks again each time; only the server keeps the copy.
    assert "no-cache" in response["Cache-Control"]


def test_the_language_switch_is_a_link_and_the_english_copy_is_separate():
    dutch = visitor()
    page = dutch.get("/").content.decode()
    assert 'href="/taal/en/?volgende=/"' in page
    english = visitor()
    assert english.get("/taal/en/", {"volgende": "/"}).status_code == 302
    assert '<html lang="en">' in english.get("/").content.decode()
    assert '<html lang="nl">' in visitor().get("/").content.decode()


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
