"""Tenancy of the evaluation-plan builder, for every URL its URLconf has (the evaluation
plan, the uitvraag, the second-reviewer flow): another municipality gets 404, a lezer
and a reader of a voorbeeldplan change nothing."""

import pytest
from django.urls import reverse

from checklists.evaluation_plan import urls as evaluation_plan_urls
from checklists.models.evaluation_plan import IndicatorSuggestion
from checklists.models.programme_scan import ScanQuestion
from checklists.programme_scan import urls as programme_scan_urls
from checklists.reviews import urls as reviews_urls
from checklists.wizard import services
from tests.factories import PlannedEvaluationFactory, PlanReviewFactory
from tests.security.conftest import municipal_data_snapshot

# URLs of one plan ("/plannen/<pk>/evaluatieplan/..."), and of one programmascan (its pk is
# the scan's). Lists without an id ("my reviews", the scan list) show only the user's own.
PATTERNS = {
    f"{urls.app_name}:{p.name}": p
    for urls in (evaluation_plan_urls, reviews_urls, programme_scan_urls)
    for p in urls.urlpatterns
}
PLAN_URL_NAMES = sorted(n for n, p in PATTERNS.items() if str(p.pattern).startswith("<int:pk>/"))
SCAN_URL_NAMES = sorted(
    n for n, p in PATTERNS.items() if str(p.pattern).startswith("programmascan/<int:pk>/")
)


@pytest.fixture
def delft_evaluation_plan(delft_plan, parenting, alice, carla):
    """Delft's plan with an effect evaluation, a sub-goal to measure, an indicator
    suggestion to adopt and a review by Carla (a Delft
    colleague): every object that a URL of the builder names."""
    effect = PlannedEvaluationFactory(
        plan=delft_plan, kind="effectevaluatie", questions="Praten ouders vaker met hun kind?"
    )
    IndicatorSuggestion.objects.create(
        slug="ouders-bereikt-security",
        intervention_type=parenting,
        name="Aantal deelnemende ouders",
    )
    # A sub-goal with its own indicator that no evaluation measures yet: the one-click
    # action would link it, so a refusal is not an accident of a sub-goal without one.
    goal = delft_plan.sub_goals.create(
        description="Ouders weten waar ze terechtkunnen", indicator="aandeel met hulpadres"
    )
    objects = {"pk": delft_plan.pk, "evaluation_pk": effect.pk, "sub_goal_pk": goal.pk}
    review = PlanReviewFactory(
        plan=delft_plan, reviewer=carla, reviewer_role="buitenstaander", invited_by=alice
    )
    objects["review_pk"] = review.pk
    return objects


@pytest.fixture
def delft_scan(alice):
    """Delft's programmascan of this year, with one answer."""
    from django.core.management import call_command
    from django.utils import timezone

    from checklists.models.programme_scan import ProgrammeScan

    call_command("loaddata", "fixtures/33_programmascan.json", verbosity=0)
    scan = ProgrammeScan.objects.create(
        municipality=alice.municipality, year=timezone.localdate().year, created_by=alice
    )
    scan.answers.create(question=ScanQuestion.objects.order_by("order", "pk").first(), answer="ja")
    return {"pk": scan.pk}


def _url(name, objects):
    pattern = PATTERNS[name]
    missing = set(pattern.pattern.converters) - set(objects)
    assert not missing, f"give the security test a Delft object for {missing} of {name}"
    kwargs = {key: objects[key] for key in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


def _hostile_post(dirk):
    """Valid-looking input for every form of the builder: a refusal must not be an
    accident of bad input."""
    return {
        "kind": "procesevaluatie",
        "suggestion": "ouders-bereikt-security",
        "evaluatie-questions": "Overschreven door een ander",
        "evaluatie-performed_by": "gemeente",
        "indicator-TOTAL_FORMS": "1",
        "indicator-INITIAL_FORMS": "0",
        "indicator-0-name": "Ingevoegde indicator",
        "moment-TOTAL_FORMS": "1",
        "moment-INITIAL_FORMS": "0",
        "reviewer": str(dirk.pk),
        "reviewer_role": "buitenstaander",
        "findings": "Ingevoegde bevinding",
        "improvements": "Ingevoegde verbetering",
        **{f"vraag-{pk}": "nee" for pk in ScanQuestion.objects.values_list("pk", flat=True)},
        "complete": "1",
    }


def _answers_on_every_url(client, objects, dirk, names=PLAN_URL_NAMES):
    """{url name: (GET status, POST status)} for every plan URL of the builder. One test
    walks them all (one set-up instead of one per URL) and names the URLs that fail."""
    return {
        name: (client.get(url).status_code, client.post(url, _hostile_post(dirk)).status_code)
        for name, url in ((name, _url(name, objects)) for name in names)
    }


def _refused(got, posted):
    """404 (or 405 for the other method) on both: not even the plan's existence shows."""
    return got in (404, 405) and posted in (404, 405) and 404 in (got, posted)


def _changes_nothing(got, posted):
    """A page the user may read ignores a POST body; every other URL refuses the POST."""
    return got in (200, 403, 404, 405) and (posted in (403, 404, 405) or posted == got == 200)


def test_utrecht_gets_404_on_every_evaluation_plan_url_of_delft_and_writes_nothing(
    client, bob, dirk, delft_evaluation_plan
):
    client.force_login(bob)
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_evaluation_plan, dirk)
    assert {name: a for name, a in answers.items() if not _refused(*a)} == {}
    assert municipal_data_snapshot() == before


def test_ess_gets_404_on_an_evaluation_plan_that_is_not_shared_with_it(
    client, ess_user, dirk, delft_evaluation_plan
):
    client.force_login(ess_user)
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_evaluation_plan, dirk)
    assert {name: a for name, a in answers.items() if not _refused(*a)} == {}
    assert municipal_data_snapshot() == before


def test_a_delft_lezer_changes_nothing_through_any_evaluation_plan_url(
    client, dirk, delft_evaluation_plan
):
    client.force_login(dirk)
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_evaluation_plan, dirk)
    assert {name: a for name, a in answers.items() if not _changes_nothing(*a)} == {}
    assert answers["evaluation_plan:overview"][0] == 200
    assert municipal_data_snapshot() == before


def test_a_voorbeeldplan_reader_changes_nothing_through_any_evaluation_plan_url(
    client, alice, bob, dirk, delft_plan, delft_evaluation_plan
):
    services.set_sharing(delft_plan, alice, is_example_plan=True)
    client.force_login(bob)
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_evaluation_plan, dirk)
    assert {name: a for name, a in answers.items() if not _changes_nothing(*a)} == {}
    assert answers["evaluation_plan:overview"][0] == 200
    assert municipal_data_snapshot() == before


def test_a_voorbeeldplan_shows_its_evaluation_plan_to_other_municipalities(
    client, alice, bob, delft_plan, delft_evaluation_plan
):
    services.set_sharing(delft_plan, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(_url("evaluation_plan:overview", delft_evaluation_plan)).content.decode()
    assert "Effectevaluatie" in page
    assert "toevoegen" not in page
    services.set_sharing(delft_plan, alice, is_example_plan=False)
    assert client.get(_url("evaluation_plan:overview", delft_evaluation_plan)).status_code == 404


def test_the_programmascan_has_pages_of_one_scan():
    assert SCAN_URL_NAMES, "the programmascan's URLs moved: point SCAN_URL_NAMES at them"


@pytest.mark.parametrize("user_fixture", ["bob", "ess_user"])
def test_another_municipality_and_ess_get_404_on_delfts_programmascan(
    client, request, dirk, delft_scan, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_scan, dirk, SCAN_URL_NAMES)
    assert {name: a for name, a in answers.items() if not _refused(*a)} == {}
    assert municipal_data_snapshot() == before


def test_utrechts_scan_list_does_not_show_delfts_scan(client, bob, delft_scan):
    client.force_login(bob)
    page = client.get(reverse("programme_scan:list")).content.decode()
    assert _url("programme_scan:results", delft_scan) not in page
    assert _url("programme_scan:fill", delft_scan) not in page


def test_a_delft_lezer_reads_the_programmascan_but_changes_nothing(client, dirk, delft_scan):
    client.force_login(dirk)
    before = municipal_data_snapshot()
    answers = _answers_on_every_url(client, delft_scan, dirk, SCAN_URL_NAMES)
    assert {name: a for name, a in answers.items() if not _changes_nothing(*a)} == {}
    assert answers["programme_scan:results"][0] == 200
    start = client.post(reverse("programme_scan:start"))
    assert start.status_code == 403
    assert municipal_data_snapshot() == before
