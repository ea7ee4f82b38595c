"""Mijn plannen and a wizard step use a fixed number of queries, however much data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists import services
from interventions.models import EffectiveElement
from tests.checklists.conftest import fill_completely


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_plans(alice, parenting, count):
    for number in range(count):
        plan = services.create_plan(
            municipality=alice.municipality,
            user=alice,
            title=f"Plan {number}",
            intervention_type=parenting,
        )
        fill_completely(plan, alice)


def test_mijn_plannen_queries_do_not_grow_with_plans(client, alice, delft_plan, parenting):
    client.force_login(alice)
    url = reverse("checklists:plan_list")
    add_plans(alice, parenting, 1)
    small = queries_for(client, url)
    add_plans(alice, parenting, 6)
    large = queries_for(client, url)
    assert small == large <= 16
    assert "Plan 5" in client.get(url).content.decode()


def add_rows(plan, alice, parenting, start, count):
    for number in range(start, start + count):
        plan.stakeholders.create(name=f"Partner {number}")
        plan.sub_goals.create(description=f"Subdoel {number}")
        element = EffectiveElement.objects.create(
            slug=f"element-{number}",
            title=f"Element {number}",
            summary="samenvatting",
            explanation="toelichting",
            aspect="inhoud",
        )
        element.types.add(parenting)
        services.adopt_element(plan, alice, element, "zo passen we het toe")


def test_wizard_step_queries_do_not_grow_with_rows_or_elements(
    client, alice, delft_plan, parenting
):
    client.force_login(alice)
    urls = [
        reverse("checklists:plan_step", args=[delft_plan.pk, slug])
        for slug in ["doelen", "doelgroep-en-interventie", "betrokkenen-en-rollen"]
    ]
    add_rows(delft_plan, alice, parenting, 0, 1)
    small = [queries_for(client, url) for url in urls]
    add_rows(delft_plan, alice, parenting, 1, 8)
    large = [queries_for(client, url) for url in urls]
    assert small == large
    assert max(large) <= 25


def test_plan_overview_queries_do_not_grow_with_rows(client, alice, delft_plan, parenting):
    client.force_login(alice)
    urls = [
        delft_plan.get_absolute_url(),
        reverse("checklists:plan_review", args=[delft_plan.pk]),
        reverse("checklists:plan_history", args=[delft_plan.pk]),
    ]
    add_rows(delft_plan, alice, parenting, 0, 1)
    small = [queries_for(client, url) for url in urls]
    add_rows(delft_plan, alice, parenting, 1, 8)
    large = [queries_for(client, url) for url in urls]
    assert small == large
