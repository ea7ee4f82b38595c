"""Mass assignment: fields a form does not offer (municipality, status, revision, sharing,
version, author) and row ids of another plan, posted by hand to the wizard and the
evaluation plan, change nothing they should not."""

import pytest
from django.urls import reverse

from checklists.models import PlanOfApproach
from checklists.models.evaluation_plan import Indicator
from tests.factories import EvaluationMomentFactory, IndicatorFactory, PlannedEvaluationFactory
from tests.security.conftest import municipal_data_snapshot


@pytest.fixture
def extra_fields(utrecht, bob, utrecht_plan):
    """What an attacker adds to a form: another owner, status, sharing and bookkeeping."""
    return {
        "municipality": utrecht.pk,
        "municipality_id": utrecht.pk,
        "status": "definitief",
        "finalised_at": "2026-01-01T00:00:00Z",
        "revision": "1",
        "version": "9",
        "is_example_plan": "on",
        "shared_with_ess": "on",
        "is_archived": "on",
        "previous_version": utrecht_plan.pk,
        "created_by": bob.pk,
        "updated_by": bob.pk,
        "checklist": "999",
    }


def assert_plan_kept_its_own_state(plan, alice):
    plan.refresh_from_db()
    assert plan.municipality_id == alice.municipality_id
    assert plan.status == "concept" and plan.finalised_at is None
    assert not plan.is_example_plan and not plan.shared_with_ess and not plan.is_archived
    assert plan.version == 1 and plan.previous_version_id is None
    assert plan.created_by_id == alice.pk and plan.updated_by_id == alice.pk


def test_creating_a_plan_takes_only_the_offered_fields(client, alice, parenting, extra_fields):
    client.force_login(alice)
    response = client.post(
        reverse("wizard:plan_create"),
        {**extra_fields, "title": "Nieuw plan", "intervention_type": parenting.pk},
    )
    assert response.status_code == 302
    plan = PlanOfApproach.objects.get(title="Nieuw plan")
    assert_plan_kept_its_own_state(plan, alice)
    assert plan.revision == 1


def test_the_details_step_changes_only_the_offered_fields(
    client, alice, delft_plan, parenting, extra_fields
):
    client.force_login(alice)
    response = client.post(
        reverse("wizard:plan_details", args=[delft_plan.pk]),
        {**extra_fields, "title": "Nieuwe titel", "intervention_type": parenting.pk},
    )
    assert response.status_code == 302
    assert_plan_kept_its_own_state(delft_plan, alice)
    assert delft_plan.title == "Nieuwe titel"


def _management(prefix, total, initial):
    return {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial)}


def test_a_wizard_step_cannot_change_or_delete_another_plans_rows(
    client, alice, delft_plan, utrecht_plan, extra_fields
):
    theirs = utrecht_plan.sub_goals.create(description="Utrechts subdoel")
    client.force_login(alice)
    client.post(
        reverse("wizard:plan_step", args=[delft_plan.pk, "doelen"]),
        {
            **extra_fields,
            **_management("subdoel", 2, 1),
            "subdoel-0-id": theirs.pk,
            "subdoel-0-description": "Overgenomen door Delft",
            "subdoel-0-DELETE": "on",
            "subdoel-1-description": "Nieuw subdoel van Delft",
            "subdoel-1-plan": utrecht_plan.pk,
        },
    )
    theirs.refresh_from_db()
    assert theirs.description == "Utrechts subdoel" and theirs.plan_id == utrecht_plan.pk
    assert list(utrecht_plan.sub_goals.values_list("description", flat=True)) == [
        "Utrechts subdoel"
    ]
    # The step itself was saved: the new row landed in Delft's own plan.
    assert list(delft_plan.sub_goals.values_list("description", flat=True)) == [
        "Nieuw subdoel van Delft"
    ]
    assert_plan_kept_its_own_state(delft_plan, alice)


def test_a_step_stores_no_answers_to_questions_of_other_steps(
    client, alice, delft_plan, extra_fields
):
    client.force_login(alice)
    client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, "doelen"]),
        {**extra_fields, "a-doelgroep": "Via een andere stap", "a-plan": "1"},
    )
    assert not delft_plan.answers.filter(value="Via een andere stap").exists()
    assert_plan_kept_its_own_state(delft_plan, alice)


def test_sharing_changes_only_what_its_button_says(client, alice, delft_plan, extra_fields):
    client.force_login(alice)
    client.post(
        reverse("wizard:plan_share", args=[delft_plan.pk]),
        {**extra_fields, "action": "share_ess", "confirm": "1"},
    )
    delft_plan.refresh_from_db()
    assert delft_plan.shared_with_ess and not delft_plan.is_example_plan
    assert delft_plan.municipality_id == alice.municipality_id
    before = municipal_data_snapshot()
    client.post(
        reverse("wizard:plan_share", args=[delft_plan.pk]),
        {"action": "transfer", "municipality": extra_fields["municipality"]},
    )
    assert municipal_data_snapshot() == before


def test_the_evaluation_form_cannot_reach_another_plans_rows(
    client, alice, delft_plan, utrecht_plan, extra_fields
):
    ours = PlannedEvaluationFactory(plan=delft_plan, kind="effectevaluatie")
    theirs = PlannedEvaluationFactory(plan=utrecht_plan, kind="procesevaluatie")
    their_indicator = IndicatorFactory(evaluation=theirs, name="Utrechtse indicator")
    their_moment = EvaluationMomentFactory(
        evaluation=theirs, label="Utrechts moment", date="2027-05-01"
    )
    client.force_login(alice)
    client.post(
        reverse("evaluation_plan:edit", kwargs={"pk": delft_plan.pk, "evaluation_pk": ours.pk}),
        {
            **extra_fields,
            "revision": ours.revision,  # a page loaded at the current revision
            "evaluatie-kind": "planevaluatie",
            "evaluatie-plan": utrecht_plan.pk,
            "evaluatie-performed_by": "extern",
            "evaluatie-questions": "Wat werkt?",
            **_management("indicator", 1, 1),
            "indicator-0-id": their_indicator.pk,
            "indicator-0-evaluation": theirs.pk,
            "indicator-0-name": "Overgenomen door Delft",
            "indicator-0-DELETE": "on",
            **_management("moment", 1, 1),
            "moment-0-id": their_moment.pk,
            "moment-0-evaluation": theirs.pk,
            "moment-0-label": "Overgenomen door Delft",
            "moment-0-date": "2027-05-01",
            "moment-0-DELETE": "on",
        },
    )
    their_indicator.refresh_from_db()
    their_moment.refresh_from_db()
    assert their_indicator.name == "Utrechtse indicator" and their_indicator.evaluation == theirs
    assert their_moment.label == "Utrechts moment" and their_moment.evaluation == theirs
    ours.refresh_from_db()
    assert ours.kind == "effectevaluatie" and ours.plan_id == delft_plan.pk
    assert ours.questions == "Wat werkt?"  # the form itself was saved
    assert not Indicator.objects.filter(name="Overgenomen door Delft", evaluation=theirs).exists()
    assert_plan_kept_its_own_state(delft_plan, alice)
