"""Sharing a plan shares what the municipality saw in the preview, and nothing more: no
names of people, no history, no review findings; sharing needs a confirmation on the
preview page, withdrawing takes one click and works at once."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from checklists.models import PlanReviewOutcome
from checklists.wizard import services
from tests.checklists.conftest import fill_completely
from tests.factories import PlanReviewFactory, UserFactory

PERSON = "Fatima el Amrani"
ORGANISATION = "Stichting Buurtwerk Voorhof"
FINDINGS = "Doelgroep nog niet gesproken; budget voor nulmeting ontbreekt"


@pytest.fixture
def shared_plan(delft_plan, alice):
    """A complete Delft plan with a named person and organisation, a reviewer and the
    team's findings: everything a municipality keeps to itself."""
    plan = fill_completely(delft_plan, alice)
    plan.stakeholders.create(
        name=PERSON, kind="persoon", role="jongerenwerker", responsibility="werft ouders"
    )
    plan.stakeholders.create(name=ORGANISATION, kind="organisatie", role="uitvoerder")
    reviewer = UserFactory(
        username="rianne-delft",
        first_name="Rianne",
        last_name="Reviewster",
        municipality=alice.municipality,
        role="redacteur",
    )
    PlanReviewFactory(plan=plan, reviewer=reviewer, invited_by=alice)
    PlanReviewOutcome.objects.create(plan=plan, findings=FINDINGS, recorded_by=alice)
    plan.refresh_from_db()
    return plan


def _block(html: str, element_id: str) -> str:
    """The element with `element_id` (a <div> of the plan's partials), as rendered."""
    match = re.search(rf'<div id="{element_id}">(.*?)\n</div>\n', html, re.S)
    assert match, f"no #{element_id} on the page"
    return match.group(1)


def _publish(client, plan):
    return client.post(
        reverse("wizard:plan_share", args=[plan.pk]), {"action": "publish", "confirm": "1"}
    )


def _names_of(user):
    return [name for name in (user.username, user.get_full_name(), str(user)) if name]


def test_the_preview_shows_exactly_what_utrecht_sees_of_the_delft_voorbeeldplan(
    client, alice, bob, shared_plan
):
    client.force_login(alice)
    preview_url = reverse("wizard:plan_share_preview", args=[shared_plan.pk, "voorbeeldplan"])
    preview = client.get(preview_url).content.decode()
    assert _publish(client, shared_plan).status_code == 302

    client.force_login(bob)
    seen = client.get(shared_plan.get_absolute_url()).content.decode()

    for part in ("plan-gegevens", "plan-inhoud"):
        assert _block(preview, part) == _block(seen, part)
    # The content is really there, only the names are not.
    assert "Antwoord op:" in _block(seen, "plan-inhoud")
    assert "jongerenwerker" in seen
    assert "werft ouders" in seen
    shown = _block(preview, "plan-gegevens") + _block(preview, "plan-inhoud")
    for hidden in (PERSON, ORGANISATION, *_names_of(alice)):
        assert hidden not in shown  # (the rest of the preview is Alice's own page)
        assert hidden not in seen
    # The team's own page does show them.
    client.force_login(alice)
    own = client.get(shared_plan.get_absolute_url()).content.decode()
    assert PERSON in own and ORGANISATION in own


def test_utrecht_sees_no_history_and_no_review_findings_of_a_voorbeeldplan(
    client, alice, bob, shared_plan
):
    services.set_sharing(shared_plan, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(shared_plan.get_absolute_url()).content.decode()
    assert reverse("wizard:plan_history", args=[shared_plan.pk]) not in page
    assert client.get(reverse("wizard:plan_history", args=[shared_plan.pk])).status_code == 404
    reviews_url = reverse("reviews:team_reviews", args=[shared_plan.pk])
    assert client.get(reviews_url).status_code == 404
    overview = client.get(reverse("evaluation_plan:overview", args=[shared_plan.pk]))
    assert overview.status_code == 200
    assert reviews_url not in overview.content.decode()
    for url in (
        shared_plan.get_absolute_url(),
        reverse("wizard:plan_review", args=[shared_plan.pk]),
    ):
        text = client.get(url).content.decode()
        assert FINDINGS not in text and "Rianne" not in text

    # Delft's own team still has both.
    client.force_login(alice)
    assert client.get(reverse("wizard:plan_history", args=[shared_plan.pk])).status_code == 200
    assert FINDINGS in client.get(reviews_url).content.decode()


def _pdf_text(response) -> str:
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdf_for_utrecht_has_no_names_and_the_teams_pdf_has_them(
    client, alice, bob, shared_plan
):
    services.set_sharing(shared_plan, alice, is_example_plan=True)
    url = reverse("pdf:plan_pdf", args=[shared_plan.pk])
    client.force_login(alice)
    own = _pdf_text(client.get(url))  # rendered first: Utrecht must not get this copy
    assert PERSON in own and ORGANISATION in own

    client.force_login(bob)
    text = _pdf_text(client.get(url))
    assert "jongerenwerker" in text and "werft ouders" in text
    for hidden in (PERSON, ORGANISATION, FINDINGS, *_names_of(alice)):
        assert hidden not in text


def test_ess_sees_what_the_ess_preview_showed(client, alice, ess_user, shared_plan):
    client.force_login(alice)
    preview = client.get(
        reverse("wizard:plan_share_preview", args=[shared_plan.pk, "ess"])
    ).content.decode()
    assert "Zo ziet ESS dit plan" in preview
    client.post(
        reverse("wizard:plan_share", args=[shared_plan.pk]),
        {"action": "share_ess", "confirm": "1"},
    )
    client.force_login(ess_user)
    seen = client.get(shared_plan.get_absolute_url()).content.decode()
    for part in ("plan-gegevens", "plan-inhoud"):
        assert _block(preview, part) == _block(seen, part)
    assert PERSON not in seen
    assert client.get(reverse("wizard:plan_history", args=[shared_plan.pk])).status_code == 404


def test_publishing_without_the_confirmation_publishes_nothing(client, alice, bob, shared_plan):
    client.force_login(alice)
    page = client.get(shared_plan.get_absolute_url()).content.decode()
    preview_url = reverse("wizard:plan_share_preview", args=[shared_plan.pk, "voorbeeldplan"])
    assert f'href="{preview_url}"' in page  # the button opens the preview; it shares nothing
    for action in ("publish", "share_ess"):
        response = client.post(
            reverse("wizard:plan_share", args=[shared_plan.pk]), {"action": action}, follow=True
        )
        assert "Bekijk eerst wat anderen van het plan zien" in response.content.decode()
    shared_plan.refresh_from_db()
    assert not shared_plan.is_example_plan and not shared_plan.shared_with_ess
    client.force_login(bob)
    assert client.get(shared_plan.get_absolute_url()).status_code == 404


def test_withdrawing_is_one_click_and_works_at_once(client, alice, bob, ess_user, shared_plan):
    client.force_login(alice)
    _publish(client, shared_plan)
    client.post(
        reverse("wizard:plan_share", args=[shared_plan.pk]),
        {"action": "share_ess", "confirm": "1"},
    )
    client.force_login(bob)
    assert client.get(shared_plan.get_absolute_url()).status_code == 200

    client.force_login(alice)
    page = client.get(shared_plan.get_absolute_url()).content.decode()
    assert 'value="withdraw"' in page and 'value="unshare_ess"' in page
    response = client.post(
        reverse("wizard:plan_share", args=[shared_plan.pk]), {"action": "withdraw"}, follow=True
    )
    assert "Het voorbeeldplan is ingetrokken" in response.content.decode()
    client.post(reverse("wizard:plan_share", args=[shared_plan.pk]), {"action": "unshare_ess"})

    client.force_login(bob)
    assert client.get(shared_plan.get_absolute_url()).status_code == 404
    assert client.get(reverse("pdf:plan_pdf", args=[shared_plan.pk])).status_code == 404
    client.force_login(ess_user)
    assert client.get(shared_plan.get_absolute_url()).status_code == 404


def test_a_copy_of_a_voorbeeldplan_does_not_take_the_names_along(client, alice, bob, shared_plan):
    services.set_sharing(shared_plan, alice, is_example_plan=True)
    client.force_login(bob)
    response = client.post(reverse("wizard:plan_duplicate", args=[shared_plan.pk]), follow=True)
    page = response.content.decode()
    assert "jongerenwerker" in page
    assert PERSON not in page and ORGANISATION not in page


def test_utrechts_list_does_not_name_who_changed_a_delft_voorbeeldplan(
    client, alice, bob, shared_plan
):
    services.set_sharing(shared_plan, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(reverse("wizard:plan_list")).content.decode()
    assert shared_plan.title in page
    for name in _names_of(alice):
        assert name not in page
