"""'Evaluatie toevoegen', clicked twice or by two colleagues at once: one evaluation of
the kind, no error page, and the second click opens that evaluation."""

from django.test import Client
from django.urls import reverse

from checklists.models.evaluation_plan import PlannedEvaluation
from tests.checklists.races import second_while_first_is_uncommitted

ALREADY_PLANNED = "Deze evaluatie staat al in het evaluatieplan; u ziet haar nu."


def _add(browser, plan, kind="effectevaluatie"):
    return browser.post(reverse("evaluation_plan:add", kwargs={"pk": plan.pk}), {"kind": kind})


def _edit_url(evaluation):
    return reverse(
        "evaluation_plan:edit",
        kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk},
    )


def test_a_double_click_on_add_opens_the_evaluation_added_by_the_first(client, alice, delft_plan):
    client.force_login(alice)
    first = _add(client, delft_plan)
    second = client.post(
        reverse("evaluation_plan:add", kwargs={"pk": delft_plan.pk}),
        {"kind": "effectevaluatie"},
        follow=True,
    )

    evaluation = PlannedEvaluation.objects.get(plan=delft_plan)
    assert first.url == _edit_url(evaluation)
    assert second.redirect_chain[-1][0] == _edit_url(evaluation)
    assert ALREADY_PLANNED in second.content.decode()


def test_two_colleagues_adding_the_same_kind_at_once_open_the_same_evaluation(
    transactional_db, alice, carla, delft_plan
):
    alices_browser, carlas_browser = Client(), Client()
    alices_browser.force_login(alice)
    carlas_browser.force_login(carla)

    first, second = second_while_first_is_uncommitted(
        lambda: _add(alices_browser, delft_plan), lambda: _add(carlas_browser, delft_plan)
    )

    [evaluation] = PlannedEvaluation.objects.filter(plan=delft_plan)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == _edit_url(evaluation)
    assert ALREADY_PLANNED in carlas_browser.get(second.url).content.decode()
    assert delft_plan.changes.filter(action="evaluation.added").count() == 1
