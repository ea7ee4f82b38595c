"""htmx autosave on an evaluation's page: it stores what is typed without a button,
keeps the plan's revision (an open wizard tab must not see a conflict), saves valid fields
only, and follows the same tenancy as the page itself."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from checklists.models import PlanChange, PlanOfApproach
from checklists.models.evaluation_plan import PlannedEvaluation


@pytest.fixture
def effect(delft_plan):
    return PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")


def autosave_url(evaluation):
    return reverse(
        "evaluation_plan:autosave",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )


def typed(**fields):
    """What htmx posts: the whole form, here with the evaluation's own fields, from a
    page loaded at the evaluation's first revision (nobody has changed it since)."""
    data = {
        "revision": "0",
        "evaluatie-questions": "",
        "evaluatie-methods": [],
        "evaluatie-respondents": [],
        "evaluatie-performed_by": "extern",
        "evaluatie-budget": "",
        "evaluatie-provider_agreement_note": "",
        "evaluatie-culture_note": "",
        "indicator-TOTAL_FORMS": "1",
        "indicator-INITIAL_FORMS": "0",
        "indicator-0-name": "Half getypte indicator",
        "moment-TOTAL_FORMS": "1",
        "moment-INITIAL_FORMS": "0",
    }
    data.update({f"evaluatie-{name}": value for name, value in fields.items()})
    return data


def test_typing_is_saved_and_the_status_says_when(client, alice, delft_plan, effect):
    client.force_login(alice)
    response = client.post(
        autosave_url(effect),
        typed(questions="Wat leren ouders?", respondents=["ouders"], baseline_from_start="on"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Opgeslagen om" in response.content.decode()
    effect.refresh_from_db()
    assert effect.questions == "Wat leren ouders?"
    assert effect.respondents == ["ouders"]
    assert effect.baseline_from_start is True
    # Half-typed rows are for the page's buttons: no indicator appears behind the user's back.
    assert not effect.indicators.exists()
    assert PlanChange.objects.filter(plan=delft_plan, action="evaluation.changed").exists()


def test_autosave_does_not_raise_the_plans_revision(client, alice, delft_plan, effect):
    before = PlanOfApproach.objects.get(pk=delft_plan.pk)
    client.force_login(alice)
    client.post(autosave_url(effect), typed(questions="Een vraag"))
    after = PlanOfApproach.objects.get(pk=delft_plan.pk)
    assert after.revision == before.revision
    assert after.updated_at > before.updated_at
    assert after.updated_by == alice


def test_a_wrong_budget_is_not_saved_but_the_rest_is_and_the_status_names_it(client, alice, effect):
    effect.budget = 5000
    effect.save()
    client.force_login(alice)
    response = client.post(
        autosave_url(effect), typed(questions="Wat verandert er?", budget="veel")
    )
    html = response.content.decode()
    assert "Opgeslagen om" in html
    assert "nog niet opgeslagen" in html and "Budget" in html
    effect.refresh_from_db()
    assert effect.budget == 5000
    assert effect.questions == "Wat verandert er?"


def test_another_municipality_gets_404(client, bob, effect):
    client.force_login(bob)
    assert client.post(autosave_url(effect), typed(questions="x")).status_code == 404
    effect.refresh_from_db()
    assert effect.questions == ""


def test_a_lezer_cannot_autosave(client, dirk, effect):
    client.force_login(dirk)
    assert client.post(autosave_url(effect), typed(questions="x")).status_code == 403
    effect.refresh_from_db()
    assert effect.questions == ""


def test_autosave_requires_the_csrf_token(alice, effect):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(autosave_url(effect), typed(questions="x")).status_code == 403
    effect.refresh_from_db()
    assert effect.questions == ""


def test_a_get_is_refused(client, alice, effect):
    client.force_login(alice)
    assert client.get(autosave_url(effect)).status_code == 405


def test_a_definitive_plan_is_not_changed_by_autosave(client, alice, delft_plan, effect):
    PlanOfApproach.objects.filter(pk=delft_plan.pk).update(
        status="definitief", finalised_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    )
    client.force_login(alice)
    response = client.post(autosave_url(effect), typed(questions="x"))
    assert "Niet opgeslagen" in response.content.decode()
    effect.refresh_from_db()
    assert effect.questions == ""


def test_an_autosave_racing_the_archiving_says_it_did_not_save(
    client, alice, effect, archived_right_after_the_read
):
    client.force_login(alice)
    response = client.post(autosave_url(effect), typed(questions="Wat werkt?"))

    assert archived_right_after_the_read == [1]
    assert "Niet opgeslagen: dit plan is definitief of gearchiveerd." in response.content.decode()
    effect.refresh_from_db()
    assert effect.questions == ""  # the write before the refusal was rolled back


def test_a_save_racing_the_archiving_leads_to_the_overview_with_a_message(
    client, alice, effect, archived_right_after_the_read
):
    client.force_login(alice)
    edit = reverse(
        "evaluation_plan:edit", kwargs={"pk": effect.plan_id, "evaluation_pk": effect.pk}
    )
    response = client.post(edit, typed(questions="Wat werkt?"))

    assert archived_right_after_the_read == [1]
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Dit plan is definitief of gearchiveerd. Maak een nieuwe versie" in page
    effect.refresh_from_db()
    assert effect.questions == ""
    assert not effect.indicators.exists()  # the half-typed row went with the rollback


def test_the_edit_page_autosaves_its_own_fields_and_still_has_its_buttons(client, alice, effect):
    client.force_login(alice)
    html = client.get(
        reverse("evaluation_plan:edit", kwargs={"pk": effect.plan_id, "evaluation_pk": effect.pk})
    ).content.decode()
    assert f'hx-post="{autosave_url(effect)}"' in html
    assert 'hx-trigger="input changed delay:800ms, change"' in html
    # One autosave at a time, in order, and a submit that waits for the last one.
    assert 'hx-sync="this:queue last"' in html
    assert "data-waits-for-autosave" in html and "js/autosave" in html
    assert 'id="autosave-status"' in html and 'role="status"' in html
    assert "htmx" in html
    # Without JavaScript the normal submit still saves everything.
    assert 'method="post"' in html and 'type="submit"' in html
