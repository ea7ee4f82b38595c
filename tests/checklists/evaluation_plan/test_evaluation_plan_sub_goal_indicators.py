"""One concept of "indicator": the sub-goal's indicator (written in the wizard) says what
is measured, an evaluation indicator linked to it says how and when. The readiness box
offers a one-click action that lets a planned evaluation measure a sub-goal's indicator;
the indicator form takes the sub-goal's indicator over when only the sub-goal is picked."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from checklists.models import PlanChange, PlanOfApproach
from checklists.models.evaluation_plan import Indicator, PlannedEvaluation


def overview_url(plan):
    return reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})


def measure_url(goal):
    return reverse(
        "evaluation_plan:measure_sub_goal", kwargs={"pk": goal.plan_id, "sub_goal_pk": goal.pk}
    )


def edit_url(evaluation):
    return reverse(
        "evaluation_plan:edit", kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk}
    )


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def warning_codes(html):
    return re.findall(r'data-code="([a-z_]+)"', html)


@pytest.fixture
def goal(delft_plan):
    return delft_plan.sub_goals.create(
        description="Ouders weten waar ze terechtkunnen",
        indicator="aandeel ouders dat een hulpadres kan noemen",
        target_value="75%",
    )


@pytest.fixture
def effect(delft_plan):
    return PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")


@pytest.fixture
def process(delft_plan):
    return PlannedEvaluation.objects.create(plan=delft_plan, kind="procesevaluatie")


def test_the_overview_says_the_indicator_exists_and_offers_to_measure_it(
    client, alice, goal, process, effect
):
    client.force_login(alice)
    html = client.get(overview_url(goal.plan)).content.decode()
    assert "sub_goal_indicator_not_measured" in warning_codes(html)
    assert "sub_goal_without_indicator" not in warning_codes(html)
    assert "heeft een indicator (‘aandeel ouders dat een hulpadres kan noemen’)" in html
    assert f'action="{measure_url(goal)}"' in html
    assert "Meten in de effectevaluatie" in html
    assert "(nog door geen evaluatie gemeten)" in html


def test_one_click_links_exactly_one_indicator_and_the_warning_disappears(
    client, alice, delft_plan, goal, process, effect
):
    revision = PlanOfApproach.objects.get(pk=delft_plan.pk).revision
    client.force_login(alice)
    response = client.post(measure_url(goal), {"next": overview_url(delft_plan)})

    assert response.status_code == 302
    assert response.url == overview_url(delft_plan)
    indicator = Indicator.objects.get()
    assert indicator.sub_goal == goal
    assert indicator.evaluation == effect  # the effect evaluation, not the process one
    assert (indicator.name, indicator.target) == (goal.indicator, "75%")
    assert messages_of(response) == [
        "De effectevaluatie meet nu de indicator ‘aandeel ouders dat een hulpadres kan "
        "noemen’. Vul bij de indicatoren van de effectevaluatie nog in met welk meetinstrument."
    ]
    html = client.get(overview_url(delft_plan)).content.decode()
    assert "sub_goal_indicator_not_measured" not in warning_codes(html)
    assert measure_url(goal) not in html
    # Like every evaluation-plan write: history and "last edited by", but the wizard's
    # revision stays, so an open wizard tab reports no conflict.
    plan = PlanOfApproach.objects.get(pk=delft_plan.pk)
    assert plan.revision == revision
    assert plan.updated_by == alice
    change = PlanChange.objects.get(plan=plan, action="evaluation.sub_goal_measured")
    assert "hulpadres" in change.description


def test_a_second_click_adds_no_second_indicator(client, alice, goal, effect):
    client.force_login(alice)
    client.post(measure_url(goal), follow=True)  # the page after it shows the message
    response = client.post(measure_url(goal))
    assert Indicator.objects.count() == 1
    assert messages_of(response) == [
        "De effectevaluatie meet de indicator ‘aandeel ouders dat een hulpadres kan noemen’ al."
    ]


def test_without_an_effect_evaluation_the_first_planned_evaluation_measures(
    client, alice, goal, process
):
    client.force_login(alice)
    client.post(measure_url(goal))
    assert Indicator.objects.get().evaluation == process


def test_without_any_evaluation_there_is_no_button_and_a_post_asks_to_plan_one_first(
    client, alice, delft_plan, goal
):
    client.force_login(alice)
    html = client.get(overview_url(delft_plan)).content.decode()
    assert warning_codes(html) == ["no_evaluations", "sub_goal_indicator_not_measured"]
    assert measure_url(goal) not in html
    response = client.post(measure_url(goal))
    assert response.url == overview_url(delft_plan)
    assert messages_of(response) == [
        "Plan eerst een evaluatie; daarna kan die de indicator van het subdoel meten."
    ]
    assert not Indicator.objects.exists()


def test_a_sub_goal_without_indicator_gets_a_link_to_the_wizard_and_no_button(
    client, alice, delft_plan, effect
):
    bare = delft_plan.sub_goals.create(description="Ouders praten vaker met hun kind")
    client.force_login(alice)
    html = client.get(overview_url(delft_plan)).content.decode()
    assert "sub_goal_without_indicator" in warning_codes(html)
    assert "nog niet meetbaar: geef het een indicator" in html
    step = reverse("wizard:plan_step", kwargs={"pk": delft_plan.pk, "section_slug": "doelen"})
    assert f'href="{step}#lijst"' in html
    assert measure_url(bare) not in html
    # A stale page or a crafted POST does not create a nameless indicator.
    response = client.post(measure_url(bare))
    assert messages_of(response) == [
        "Dit subdoel heeft nog geen indicator. Vul die eerst in bij de subdoelen."
    ]
    assert not Indicator.objects.exists()


def test_the_button_in_the_plans_readiness_box_comes_back_to_the_plan(
    client, alice, delft_plan, goal, effect
):
    client.force_login(alice)
    detail = delft_plan.get_absolute_url()
    html = client.get(detail).content.decode()
    form = re.search(rf'<form method="post" action="{measure_url(goal)}".*?</form>', html, re.S)
    assert form is not None
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert f'name="next" value="{detail}"' in form.group(0)
    response = client.post(measure_url(goal), {"next": detail})
    assert response.url == detail
    assert Indicator.objects.count() == 1


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/"]
)
def test_a_next_address_on_another_site_is_ignored(client, alice, goal, effect, next_url):
    client.force_login(alice)
    response = client.post(measure_url(goal), {"next": next_url})
    assert response.url == overview_url(goal.plan)


def test_a_lezer_sees_the_warning_without_button_and_cannot_post(
    client, dirk, delft_plan, goal, effect
):
    client.force_login(dirk)
    html = client.get(overview_url(delft_plan)).content.decode()
    assert "sub_goal_indicator_not_measured" in warning_codes(html)
    assert measure_url(goal) not in html
    assert client.post(measure_url(goal)).status_code == 403
    assert not Indicator.objects.exists()


def test_another_municipality_gets_404_and_writes_nothing(
    client, bob, delft_plan, utrecht_plan, goal, effect
):
    client.force_login(bob)
    assert client.post(measure_url(goal)).status_code == 404
    # Not through Utrecht's own plan either.
    own_plan_url = reverse(
        "evaluation_plan:measure_sub_goal", kwargs={"pk": utrecht_plan.pk, "sub_goal_pk": goal.pk}
    )
    PlannedEvaluation.objects.create(plan=utrecht_plan, kind="effectevaluatie")
    assert client.post(own_plan_url).status_code == 404
    assert not Indicator.objects.exists()


def test_a_get_changes_nothing(client, alice, goal, effect):
    client.force_login(alice)
    assert client.get(measure_url(goal)).status_code == 405
    assert not Indicator.objects.exists()


def test_the_post_needs_a_csrf_token(alice, goal, effect):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(measure_url(goal)).status_code == 403
    assert not Indicator.objects.exists()


def test_a_definitive_plan_is_not_changed(client, alice, delft_plan, goal, effect):
    PlanOfApproach.objects.filter(pk=delft_plan.pk).update(
        status="definitief", finalised_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    )
    client.force_login(alice)
    response = client.post(measure_url(goal))
    assert response.url == overview_url(delft_plan)
    assert not Indicator.objects.exists()
    assert measure_url(goal) not in client.get(overview_url(delft_plan)).content.decode()


@pytest.mark.parametrize("size", [2, 8])
def test_the_overview_takes_a_fixed_number_of_queries_whatever_the_number_of_sub_goals(
    client, alice, delft_plan, effect, django_assert_max_num_queries, size
):
    for i in range(size):
        delft_plan.sub_goals.create(
            description=f"Subdoel {i}", indicator=f"Indicator {i}" if i % 2 else ""
        )
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        html = client.get(overview_url(delft_plan)).content.decode()
    assert html.count('class="readiness-action') == size // 2


def indicator_row(evaluation, **fields):
    """The edit page's POST with one new indicator row and nothing else changed."""
    data = {
        "evaluatie-questions": "",
        "evaluatie-performed_by": evaluation.performed_by,
        "evaluatie-budget": "",
        "indicator-TOTAL_FORMS": "1",
        "indicator-INITIAL_FORMS": "0",
        "moment-TOTAL_FORMS": "1",
        "moment-INITIAL_FORMS": "0",
    }
    data.update({f"indicator-0-{name}": value for name, value in fields.items()})
    return data


def test_picking_only_a_sub_goal_takes_over_its_indicator_and_target(client, alice, goal, effect):
    client.force_login(alice)
    response = client.post(edit_url(effect), indicator_row(effect, sub_goal=str(goal.pk)))
    assert response.status_code == 302
    indicator = effect.indicators.get()
    assert (indicator.name, indicator.target, indicator.sub_goal) == (
        goal.indicator,
        "75%",
        goal,
    )


def test_a_typed_name_and_target_are_kept_when_a_sub_goal_is_picked(client, alice, goal, effect):
    client.force_login(alice)
    client.post(
        edit_url(effect),
        indicator_row(effect, sub_goal=str(goal.pk), name="Eigen naam", target="60%"),
    )
    indicator = effect.indicators.get()
    assert (indicator.name, indicator.target) == ("Eigen naam", "60%")


def test_an_indicator_without_name_needs_a_sub_goal_with_an_indicator(
    client, alice, delft_plan, effect
):
    bare = delft_plan.sub_goals.create(description="Ouders praten vaker met hun kind")
    client.force_login(alice)
    response = client.post(
        edit_url(effect), indicator_row(effect, sub_goal=str(bare.pk), instrument="Vragenlijst")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geef de indicator een naam, of kies een subdoel dat al een indicator heeft." in html
    assert 'aria-invalid="true"' in html
    assert 'value="Vragenlijst"' in html  # nothing typed is lost
    assert not Indicator.objects.exists()


def test_the_indicator_name_suggests_the_sub_goals_own_indicators(client, alice, goal, effect):
    client.force_login(alice)
    html = client.get(edit_url(effect)).content.decode()
    assert 'list="subdoel-indicatoren"' in html
    assert (
        '<datalist id="subdoel-indicatoren">'
        '<option value="aandeel ouders dat een hulpadres kan noemen"></option></datalist>'
    ) in html
