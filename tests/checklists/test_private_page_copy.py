"""A logged-in user's own copy of Mijn plannen and the wizard's pages
(ebw_portal.page_cache.private_page_copy, checklists.workspace_version): fast on a
return visit, yet never an old version of a plan, never another user's page."""

import logging
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from checklists import services
from checklists.models import ChecklistItem, PlanOfApproach, WorkspaceVersion
from interventions import content_version

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLANS = "/plannen/"


def step_url(plan, slug="draagvlak"):
    return reverse("checklists:plan_step", args=[plan.pk, slug])


def autosave(client, plan, text, **headers):
    plan.refresh_from_db()
    return client.post(
        reverse("checklists:plan_step_autosave", args=[plan.pk, "draagvlak"]),
        {"revision": plan.revision, "a-bestuurlijk-draagvlak": text},
        HTTP_HX_REQUEST="true",
        **headers,
    )


def without_token(html: bytes) -> str:
    text = html.decode()
    token = TOKEN.search(text)
    return text.replace(token.group(1), "") if token else text


def percent_complete(response) -> int:
    return int(re.search(r"<td>(\d+)%</td>", response.content.decode()).group(1))


def number_of(scope) -> int:
    return (
        WorkspaceVersion.objects.filter(scope=scope).values_list("number", flat=True).first() or 0
    )


@pytest.fixture
def remembered_content_version(monkeypatch):
    # The public content version is remembered longer than the test takes.
    monkeypatch.setattr(content_version, "REMEMBER_SECONDS", 60)


@pytest.mark.parametrize("page", ["list", "details", "step", "detail", "review"])
def test_a_return_visit_is_the_users_own_copy_for_three_queries(
    client, alice, delft_plan, remembered_content_version, django_assert_max_num_queries, page
):
    url = {
        "list": PLANS,
        "details": reverse("checklists:plan_details", args=[delft_plan.pk]),
        "step": step_url(delft_plan),
        "detail": delft_plan.get_absolute_url(),
        "review": reverse("checklists:plan_review", args=[delft_plan.pk]),
    }[page]
    client.force_login(alice)
    first = client.get(url)
    # The session, the user and the workspace's numbers: nothing of the page itself.
    with django_assert_max_num_queries(3):
        second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert "Weerbaar opvoeden Delft-Noord" in second.content.decode()
    assert without_token(second.content) == without_token(first.content)


def test_an_autosaved_answer_is_on_the_step_and_in_the_list_at_once(client, alice, delft_plan):
    client.force_login(alice)
    assert "Elk kwartaal naar de raad" not in client.get(step_url(delft_plan)).content.decode()
    before = percent_complete(client.get(PLANS))
    assert autosave(client, delft_plan, "Elk kwartaal naar de raad").status_code == 200
    assert "Elk kwartaal naar de raad" in client.get(step_url(delft_plan)).content.decode()
    # A required question more is answered: the list's "Compleet" column moves.
    assert percent_complete(client.get(PLANS)) > before


def test_a_colleagues_change_renews_the_copy(client, alice, carla, delft_plan):
    """carla is a second redacteur of Delft."""
    client.force_login(alice)
    client.get(PLANS)
    services.create_plan(
        municipality=carla.municipality,
        user=carla,
        title="Sleutelfiguren Tanthof",
        intervention_type=delft_plan.intervention_type,
    )
    assert "Sleutelfiguren Tanthof" in client.get(PLANS).content.decode()


def test_a_change_in_another_municipality_keeps_the_copy(
    client,
    alice,
    bob,
    delft_plan,
    utrecht_plan,
    remembered_content_version,
    django_assert_max_num_queries,
):
    client.force_login(alice)
    client.get(PLANS)
    other = Client()
    other.force_login(bob)
    assert autosave(other, utrecht_plan, "Met de wijkraad").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(PLANS).status_code == 200


def test_a_voorbeeldplan_of_another_municipality_is_shown_as_it_is_now(
    client, alice, bob, delft_plan, utrecht_plan
):
    client.force_login(alice)
    assert "Ouders in Kanaleneiland" not in client.get(PLANS).content.decode()
    utrecht_plan.is_example_plan = True
    utrecht_plan.save(update_fields=["is_example_plan"])
    assert "Ouders in Kanaleneiland" in client.get(PLANS).content.decode()
    services.save_details(
        utrecht_plan, bob, expected_revision=utrecht_plan.revision, title="Ouders in Overvecht"
    )
    page = client.get(PLANS).content.decode()
    assert "Ouders in Overvecht" in page and "Kanaleneiland" not in page


def test_each_user_has_their_own_copy(alice, dirk, delft_plan):
    """alice is redacteur, dirk lezer, both of Delft: the same URL, not the same page."""
    redacteur, lezer = Client(), Client()
    redacteur.force_login(alice)
    lezer.force_login(dirk)
    new_plan = reverse("checklists:plan_create")
    assert new_plan in redacteur.get(PLANS).content.decode()
    assert new_plan not in lezer.get(PLANS).content.decode()
    assert new_plan in redacteur.get(PLANS).content.decode()
    assert "Alice" in redacteur.get(PLANS).content.decode()
    assert "Dirk" in lezer.get(PLANS).content.decode()


def test_a_new_role_gets_a_new_page(client, alice, delft_plan):
    client.force_login(alice)
    new_plan = reverse("checklists:plan_create")
    assert new_plan in client.get(PLANS).content.decode()
    alice.role = "lezer"
    alice.save(update_fields=["role"])
    assert new_plan not in client.get(PLANS).content.decode()


def test_a_waiting_message_is_shown_on_a_fresh_page(client, alice, delft_plan):
    client.force_login(alice)
    url = step_url(delft_plan)
    client.get(url)
    response = client.post(
        url,
        {"revision": delft_plan.revision, "a-bestuurlijk-draagvlak": "Elk half jaar."},
        follow=True,
    )
    page = response.content.decode()
    assert "Opgeslagen." in page and "Elk half jaar." in page
    # The message is shown once; the page after it is a copy again, without it.
    assert "Opgeslagen." not in client.get(url).content.decode()


def test_the_copy_carries_the_users_own_working_csrf_token(alice, delft_plan):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    browser.get(step_url(delft_plan))
    copy = browser.get(step_url(delft_plan)).content.decode()
    token = TOKEN.search(copy).group(1)
    assert autosave(browser, delft_plan, "Met token", HTTP_X_CSRFTOKEN=token).status_code == 200

    stranger = Client(enforce_csrf_checks=True)
    stranger.force_login(alice)  # another browser of the same user: its own token
    refused = autosave(stranger, delft_plan, "Zonder eigen token", HTTP_X_CSRFTOKEN=token)
    assert refused.status_code == 403


def test_an_edited_question_is_on_the_step_at_once(client, alice, delft_plan):
    client.force_login(alice)
    client.get(step_url(delft_plan))
    item = ChecklistItem.objects.get(slug="bestuurlijk-draagvlak")
    item.question = "Hoe houdt u college en raad op de hoogte?"
    item.save()
    assert (
        "Hoe houdt u college en raad op de hoogte?"
        in client.get(step_url(delft_plan)).content.decode()
    )


# ---- with real commits: the numbers go up after the commit, as in production --------


@pytest.mark.django_db(transaction=True)
def test_the_number_goes_up_after_the_commit_and_only_for_that_municipality(
    alice, bob, delft_plan, utrecht_plan
):
    delft, shared, utrecht = (
        number_of(alice.municipality_id),
        number_of(0),
        number_of(bob.municipality_id),
    )
    with transaction.atomic():
        services.save_details(
            delft_plan, alice, expected_revision=delft_plan.revision, title="Nieuwe titel"
        )
        assert number_of(alice.municipality_id) == delft  # not yet: not committed
    assert number_of(alice.municipality_id) > delft
    assert number_of(bob.municipality_id) == utrecht
    # The plan's own row may have become a voorbeeldplan: the shared number goes up too.
    assert number_of(0) > shared


@pytest.mark.django_db(transaction=True)
def test_an_answer_raises_only_its_municipality(alice, bob, delft_plan, utrecht_plan):
    shared, utrecht = number_of(0), number_of(bob.municipality_id)
    delft = number_of(alice.municipality_id)
    client = Client()
    client.force_login(alice)
    assert autosave(client, delft_plan, "Alleen Delft").status_code == 200
    assert number_of(alice.municipality_id) == delft + 1  # one raise per transaction
    assert (number_of(0), number_of(bob.municipality_id)) == (shared, utrecht)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_raises_nothing(alice, delft_plan):
    before = number_of(alice.municipality_id)
    with pytest.raises(RuntimeError), transaction.atomic():
        delft_plan.answers.create(item=ChecklistItem.objects.first(), value="Weg")
        raise RuntimeError
    assert number_of(alice.municipality_id) == before


@pytest.mark.django_db(transaction=True)
def test_a_write_nobody_attributed_renews_every_copy(alice, delft_plan, caplog):
    """update() sends no signal; the SQL is seen all the same."""
    shared = number_of(0)
    with caplog.at_level(logging.WARNING, logger="checklists.workspace_version"):
        with transaction.atomic():
            PlanOfApproach.objects.filter(pk=delft_plan.pk).update(title="Stil gewijzigd")
        assert number_of(0) == shared + 1
        # Outside a transaction, too.
        PlanOfApproach.objects.filter(pk=delft_plan.pk).update(title="Weer stil gewijzigd")
        PlanOfApproach.objects.count()  # the next statement raises what went before
        assert number_of(0) == shared + 2
    assert "checklists_planofapproach" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_logging_in_renews_no_copy(client, alice, delft_plan):
    from tests.conftest import PASSWORD

    numbers = (number_of(0), number_of(alice.municipality_id))
    client.post(reverse("accounts:login"), {"username": alice.username, "password": PASSWORD})
    assert client.get(PLANS).status_code == 200
    assert (number_of(0), number_of(alice.municipality_id)) == numbers


@pytest.mark.django_db(transaction=True)
def test_after_a_committed_autosave_the_step_shows_it(client, alice, delft_plan):
    client.force_login(alice)
    client.get(step_url(delft_plan))
    assert autosave(client, delft_plan, "Gezien na de commit").status_code == 200
    assert "Gezien na de commit" in client.get(step_url(delft_plan)).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_row_saved_without_its_plan_loaded_raises_that_plans_municipality(
    alice, bob, delft_plan, utrecht_plan
):
    """As the admin or a cascade does: only the plan's id is known, the raise looks it up."""
    answer = delft_plan.answers.create(item=ChecklistItem.objects.first(), value="Eerst")
    numbers = (number_of(0), number_of(alice.municipality_id), number_of(bob.municipality_id))
    answer = type(answer).objects.get(pk=answer.pk)  # without its plan
    answer.value = "Daarna"
    answer.save()
    assert number_of(alice.municipality_id) == numbers[1] + 1
    assert (number_of(0), number_of(bob.municipality_id)) == (numbers[0], numbers[2])

    delft_plan.is_example_plan = True
    delft_plan.save(update_fields=["is_example_plan"])
    shared = number_of(0)
    answer = type(answer).objects.get(pk=answer.pk)
    answer.value = "Nu een voorbeeldplan"
    answer.save()
    # Other municipalities see a voorbeeldplan: the shared number goes up as well.
    assert number_of(0) == shared + 1
