"""The evaluation-plan pages: building an evaluation plan without JavaScript, tenancy
(404 for another municipality), a lezer reads only, input kept on errors, the indicator
library, and a fixed number of queries per page."""

import datetime
import re

import pytest
from django.urls import reverse

from checklists.models import PlanOfApproach
from checklists.models.evaluation_plan import Indicator, IndicatorSuggestion, PlannedEvaluation
from tests.factories import (
    EvaluationMomentFactory,
    IndicatorFactory,
    PlannedEvaluationFactory,
    grow_evaluation_plan,
)


def overview_url(plan):
    return reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})


def edit_url(evaluation):
    return reverse(
        "evaluation_plan:edit", kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk}
    )


def login(client, user):
    client.force_login(user)
    return client


def form_data(evaluation, **overrides):
    """What the edit page posts when the user changes nothing but `overrides`."""
    data = {
        "revision": str(evaluation.revision),
        "evaluatie-questions": evaluation.questions,
        "evaluatie-methods": evaluation.methods,
        "evaluatie-respondents": evaluation.respondents,
        "evaluatie-performed_by": evaluation.performed_by,
        "evaluatie-budget": "" if evaluation.budget is None else str(evaluation.budget),
        "evaluatie-provider_agreement_note": "",
        "evaluatie-culture_note": "",
        "indicator-TOTAL_FORMS": "1",
        "indicator-INITIAL_FORMS": "0",
        "moment-TOTAL_FORMS": "1",
        "moment-INITIAL_FORMS": "0",
    }
    for name in ("baseline_from_start", "provider_agreement", "culture_sensitive"):
        if getattr(evaluation, name):
            data[f"evaluatie-{name}"] = "on"
    data.update(overrides)
    return data


@pytest.fixture
def effect(delft_plan):
    return PlannedEvaluationFactory(plan=delft_plan, kind="effectevaluatie")


def test_the_overview_shows_the_readiness_warnings_and_offers_the_three_kinds(
    client, alice, delft_plan
):
    response = login(client, alice).get(overview_url(delft_plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is nog geen evaluatie gepland" in html
    for label in (
        "planevaluatie toevoegen",
        "procesevaluatie toevoegen",
        "effectevaluatie toevoegen",
    ):
        assert label in html


def test_adding_an_effect_evaluation_opens_its_page_with_the_external_researcher_chosen(
    client, alice, delft_plan
):
    response = login(client, alice).post(
        reverse("evaluation_plan:add", kwargs={"pk": delft_plan.pk}),
        {"kind": "effectevaluatie"},
    )
    evaluation = delft_plan.planned_evaluations.get()
    assert response.url == edit_url(evaluation)
    page = client.get(edit_url(evaluation)).content.decode()
    assert re.search(r'<input[^>]*value="extern"[^>]*checked', page)
    assert "De effectevaluatie heeft geen nulmeting" in page


def test_saving_the_evaluation_with_an_indicator_and_a_moment(client, alice, delft_plan, effect):
    goal = delft_plan.sub_goals.create(description="30 ouders maken de reeks af")
    data = form_data(
        effect,
        **{
            "evaluatie-questions": "Praten ouders vaker met hun kind?",
            "evaluatie-methods": ["vragenlijst", "voor-nameting"],
            "evaluatie-respondents": ["ouders", "trainers"],
            "evaluatie-baseline_from_start": "on",
            "evaluatie-provider_agreement": "on",
            "evaluatie-provider_agreement_note": "Presentielijst per bijeenkomst",
            "evaluatie-budget": "12500.00",
            "indicator-0-name": "Ouders met certificaat",
            "indicator-0-sub_goal": str(goal.pk),
            "indicator-0-instrument": "Presentielijst",
            "moment-0-label": "Nulmeting",
            "moment-0-date": "2027-01-04",
        },
    )
    response = login(client, alice).post(edit_url(effect), data)
    assert response.status_code == 302
    effect.refresh_from_db()
    assert effect.methods == ["vragenlijst", "voor-nameting"]
    assert effect.respondents == ["ouders", "trainers"]
    assert effect.baseline_from_start and effect.provider_agreement
    assert str(effect.budget) == "12500.00"
    assert effect.indicators.get().sub_goal == goal
    assert effect.moments.get().date == datetime.date(2027, 1, 4)

    overview = client.get(overview_url(delft_plan)).content.decode()
    assert "Het evaluatieplan is klaar" in overview
    assert "meet: 30 ouders maken de reeks af" in overview
    assert "Nulmeting" in overview
    assert "€ 12.500,00" in overview


def test_a_bad_date_and_budget_keep_everything_typed_and_say_what_is_wrong(
    client, alice, delft_plan, effect
):
    data = form_data(
        effect,
        **{
            "evaluatie-questions": "Mijn zorgvuldig getypte vraag",
            "evaluatie-budget": "veel",
            "moment-0-label": "Nameting",
            "moment-0-date": "31-31-2027",
        },
    )
    response = login(client, alice).post(edit_url(effect), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mijn zorgvuldig getypte vraag" in html
    assert 'value="Nameting"' in html
    assert "Voer een getal in." in html
    assert "Voer een geldige datum in." in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_evaluatie-budget_error"' in html
    assert "Er is nog niets opgeslagen" in html
    effect.refresh_from_db()
    assert effect.questions == ""
    assert not effect.moments.exists()


def test_an_indicator_cannot_be_linked_to_a_sub_goal_of_another_plan(
    client, alice, delft_plan, utrecht_plan, effect
):
    foreign = utrecht_plan.sub_goals.create(description="Utrechts subdoel")
    data = form_data(
        effect, **{"indicator-0-name": "Opkomst", "indicator-0-sub_goal": str(foreign.pk)}
    )
    response = login(client, alice).post(edit_url(effect), data)
    assert response.status_code == 200
    assert "Utrechts subdoel" not in response.content.decode()
    assert not Indicator.objects.exists()


def test_rows_are_removed_by_ticking_verwijderen(client, alice, delft_plan, effect):
    moment = EvaluationMomentFactory(evaluation=effect, label="Weg", date="2027-02-01")
    data = form_data(
        effect,
        **{
            "moment-TOTAL_FORMS": "2",
            "moment-INITIAL_FORMS": "1",
            "moment-0-id": str(moment.pk),
            "moment-0-evaluation": str(effect.pk),
            "moment-0-label": "Weg",
            "moment-0-date": "2027-02-01",
            "moment-0-DELETE": "on",
        },
    )
    assert login(client, alice).post(edit_url(effect), data).status_code == 302
    assert not effect.moments.exists()


def test_the_library_offers_indicators_of_the_plans_type_and_adopts_one(
    client, alice, delft_plan, effect, parenting
):
    IndicatorSuggestion.objects.create(
        slug="ouders-bereikt-test",
        intervention_type=parenting,
        name="Aantal deelnemende ouders",
        instrument="Presentielijst",
    )
    page = login(client, alice).get(edit_url(effect)).content.decode()
    assert "Aantal deelnemende ouders" in page
    response = client.post(
        reverse(
            "evaluation_plan:adopt_suggestion",
            kwargs={"pk": delft_plan.pk, "evaluation_pk": effect.pk},
        ),
        {"suggestion": "ouders-bereikt-test"},
    )
    assert response.url.endswith("#indicatoren")
    indicator = effect.indicators.get()
    assert (indicator.name, indicator.instrument) == ("Aantal deelnemende ouders", "Presentielijst")


def test_deleting_an_evaluation(client, alice, delft_plan, effect):
    response = login(client, alice).post(
        reverse("evaluation_plan:delete", kwargs={"pk": delft_plan.pk, "evaluation_pk": effect.pk})
    )
    assert response.url == overview_url(delft_plan)
    assert not delft_plan.planned_evaluations.exists()


def test_utrecht_gets_404_on_every_evaluation_plan_url_of_delft(client, bob, delft_plan, effect):
    login(client, bob)
    kwargs = {"pk": delft_plan.pk, "evaluation_pk": effect.pk}
    assert client.get(overview_url(delft_plan)).status_code == 404
    assert client.get(edit_url(effect)).status_code == 404
    assert client.post(edit_url(effect), form_data(effect)).status_code == 404
    add = reverse("evaluation_plan:add", kwargs={"pk": delft_plan.pk})
    assert client.post(add, {"kind": "procesevaluatie"}).status_code == 404
    for name in ("delete", "adopt_suggestion"):
        assert client.post(reverse(f"evaluation_plan:{name}", kwargs=kwargs)).status_code == 404
    assert PlannedEvaluation.objects.filter(plan=delft_plan).count() == 1


def test_an_evaluation_of_another_plan_is_not_found_through_an_own_plan(
    client, bob, delft_plan, utrecht_plan, effect
):
    url = reverse(
        "evaluation_plan:edit", kwargs={"pk": utrecht_plan.pk, "evaluation_pk": effect.pk}
    )
    assert login(client, bob).get(url).status_code == 404


def test_a_lezer_reads_the_evaluation_plan_but_cannot_change_it(client, dirk, delft_plan, effect):
    login(client, dirk)
    html = client.get(overview_url(delft_plan)).content.decode()
    assert "Effectevaluatie" in html
    assert "toevoegen" not in html
    assert "bewerken" not in html
    assert client.get(edit_url(effect)).status_code == 403
    add = reverse("evaluation_plan:add", kwargs={"pk": delft_plan.pk})
    assert client.post(add, {"kind": "procesevaluatie"}).status_code == 403


def test_a_definitive_plan_cannot_change_its_evaluation_plan(client, alice, delft_plan, effect):
    PlanOfApproach.objects.filter(pk=delft_plan.pk).update(
        status="definitief", finalised_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    )
    login(client, alice)
    response = client.post(edit_url(effect), form_data(effect, **{"evaluatie-questions": "x"}))
    assert response.url == overview_url(delft_plan)
    effect.refresh_from_db()
    assert effect.questions == ""
    assert "toevoegen" not in client.get(overview_url(delft_plan)).content.decode()


def test_user_content_is_escaped(client, alice, delft_plan, effect):
    effect.questions = "<script>alert(1)</script>"
    effect.save()
    html = login(client, alice).get(overview_url(delft_plan)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("size", [1, 3])
def test_pages_take_a_fixed_number_of_queries(
    client, alice, delft_plan, django_assert_max_num_queries, size
):
    grow_evaluation_plan(delft_plan, size)
    login(client, alice)
    with django_assert_max_num_queries(14):
        assert client.get(overview_url(delft_plan)).status_code == 200
    effect = delft_plan.planned_evaluations.order_by("-pk").first()
    with django_assert_max_num_queries(16):
        assert client.get(edit_url(effect)).status_code == 200


def test_the_wizards_evaluation_step_shows_the_readiness_of_the_evaluation_plan(
    client, alice, delft_plan, effect
):
    url = reverse("wizard:plan_step", kwargs={"pk": delft_plan.pk, "section_slug": "evaluatie"})
    html = login(client, alice).get(url).content.decode()
    assert "De effectevaluatie heeft geen nulmeting" in html
    assert f'href="{overview_url(delft_plan)}"' in html
    other = reverse("wizard:plan_step", kwargs={"pk": delft_plan.pk, "section_slug": "doelen"})
    assert "De effectevaluatie heeft geen nulmeting" not in client.get(other).content.decode()


def test_the_review_step_and_the_plan_overview_show_the_readiness_warnings(
    client, alice, dirk, delft_plan, effect
):
    review = reverse("wizard:plan_review", kwargs={"pk": delft_plan.pk})
    login(client, alice)
    assert "De effectevaluatie heeft nog geen indicatoren" in client.get(review).content.decode()
    detail = client.get(delft_plan.get_absolute_url()).content.decode()
    assert "De effectevaluatie heeft nog geen indicatoren" in detail
    assert "Evaluatieplan uitwerken" in detail
    # A lezer sees the same warnings, as text, with a link to read the evaluation plan.
    login(client, dirk)
    detail = client.get(delft_plan.get_absolute_url()).content.decode()
    assert "De effectevaluatie heeft nog geen indicatoren" in detail
    assert "Evaluatieplan bekijken" in detail


def test_the_evaluation_page_shows_the_toolkit_checklist_of_its_kind(
    client, alice, delft_plan, effect
):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/31_evaluation_checklists.json", verbosity=0)
    html = login(client, alice).get(edit_url(effect)).content.decode()
    assert "Checklist effectevaluatie" in html
    assert "Randvoorwaarden" in html and "Stappenplan" in html
    assert "Schrijf de uitvraag" in html
    assert "Checklist procesevaluatie" not in html


def request_url(evaluation):
    return reverse(
        "evaluation_plan:request",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )


def test_the_uitvraag_is_generated_from_the_effect_evaluation(client, dirk, delft_plan, effect):
    goal = delft_plan.sub_goals.create(description="30 ouders maken de reeks af")
    IndicatorFactory(
        evaluation=effect, sub_goal=goal, name="Ouders met certificaat", instrument="Registratie"
    )
    EvaluationMomentFactory(evaluation=effect, label="Eindrapport", date="2027-11-01")
    effect.questions = "Praten ouders vaker met hun kind?\nVoelen ouders zich sterker?"
    effect.budget = 15000
    effect.culture_sensitive = True
    effect.culture_note = "Interviewers die Arabisch en Turks spreken."
    effect.save()

    # A lezer may read and print it too.
    html = login(client, dirk).get(request_url(effect)).content.decode()
    assert "Uitvraag effectevaluatie" in html
    assert "<li>Praten ouders vaker met hun kind?</li>" in html
    assert "30 ouders maken de reeks af: Ouders met certificaat (Registratie)" in html
    assert "Interviewers die Arabisch en Turks spreken." in html
    assert "1 november 2027" in html and "Eindrapport" in html
    assert "€ 15.000,00" in html


def test_a_plan_evaluation_has_no_uitvraag_and_utrecht_cannot_read_delfts(
    client, alice, bob, delft_plan, effect
):
    own = PlannedEvaluationFactory(plan=delft_plan, kind="planevaluatie")
    assert login(client, alice).get(request_url(own)).status_code == 404
    assert login(client, bob).get(request_url(effect)).status_code == 404


def checklist_url(evaluation):
    return reverse(
        "evaluation_plan:checklist",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )


@pytest.fixture
def evaluation_checklists(db):
    from django.core.management import call_command

    call_command("loaddata", "fixtures/31_evaluation_checklists.json", verbosity=0)


def test_the_team_answers_the_toolkit_checklist_of_the_evaluation(
    client, alice, delft_plan, effect, evaluation_checklists
):
    from checklists.models import ChecklistItem

    baseline = ChecklistItem.objects.get(
        slug="nulmeting", section__checklist__slug="effectevaluatie"
    )
    question = ChecklistItem.objects.get(
        slug="voor-wie", section__checklist__slug="effectevaluatie"
    )
    login(client, alice)
    page = client.get(checklist_url(effect)).content.decode()
    assert "Checklist effectevaluatie" in page
    response = client.post(
        checklist_url(effect),
        {
            "revision": "0",
            "randvoorwaarden-nulmeting": "deels",
            "vragen-voor-wie": "Vooral moeders uit de wijk",
        },
    )
    assert response.status_code == 302
    answers = {a.item_id: a.value for a in effect.checklist_answers.all()}
    assert answers == {baseline.pk: "deels", question.pk: "Vooral moeders uit de wijk"}
    page = client.get(checklist_url(effect)).content.decode()
    assert "Vooral moeders uit de wijk" in page


def test_the_evaluation_checklist_is_for_the_plans_editors_only(
    client, dirk, bob, delft_plan, effect, evaluation_checklists
):
    assert login(client, dirk).get(checklist_url(effect)).status_code == 403
    assert login(client, bob).get(checklist_url(effect)).status_code == 404
