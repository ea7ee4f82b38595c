"""Mijn plannen and a wizard step use a fixed number of queries, however much data."""

import html
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checklists.wizard import services
from interventions.models import EffectiveElement
from tests.checklists.conftest import fill_completely


def queries_for(client, url):
    cache.clear()  # a first visit each time: nothing kept from an earlier one
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_plans(alice, parenting, count, start=0):
    for number in range(start, start + count):
        plan = services.create_plan(
            municipality=alice.municipality,
            user=alice,
            title=f"Plan {number}",
            intervention_type=parenting,
        )
        fill_completely(plan, alice)


def test_mijn_plannen_queries_do_not_grow_with_plans(client, alice, delft_plan, parenting):
    client.force_login(alice)
    url = reverse("wizard:plan_list")
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
        reverse("wizard:plan_step", args=[delft_plan.pk, slug])
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
        reverse("wizard:plan_review", args=[delft_plan.pk]),
        reverse("wizard:plan_history", args=[delft_plan.pk]),
    ]
    add_rows(delft_plan, alice, parenting, 0, 1)
    small = [queries_for(client, url) for url in urls]
    add_rows(delft_plan, alice, parenting, 1, 8)
    large = [queries_for(client, url) for url in urls]
    assert small == large


def test_mijn_plannen_shows_25_plans_per_page_with_pagination_links(
    client, alice, delft_plan, parenting
):
    client.force_login(alice)
    url = reverse("wizard:plan_list")
    add_plans(alice, parenting, 2)
    few = queries_for(client, url)
    add_plans(alice, parenting, 28, start=2)  # 31 active plans: two pages
    archived = services.create_plan(
        municipality=alice.municipality, user=alice, title="Oud plan", intervention_type=parenting
    )
    services.set_archived(archived, alice, True)
    assert queries_for(client, url) == few
    assert queries_for(client, f"{url}?pagina=2") == few
    first = client.get(url).content.decode()
    assert "heeft 31 plannen van aanpak" in first
    assert first.count('href="/plannen/') >= 25
    titles = [f">Plan {n}<" for n in range(30)] + [">Weerbaar opvoeden Delft-Noord<"]
    on_first = {t for t in titles if t in first}
    assert len(on_first) == 25
    assert '<nav aria-label="Paginering van de plannen van uw gemeente">' in first
    assert 'href="?pagina=2">Volgende</a>' in first
    assert "Pagina 1 van 2" in first
    second = client.get(url, {"pagina": 2}).content.decode()
    on_second = {t for t in titles if t in second}
    assert len(on_second) == 6 and not on_first & on_second
    assert 'href="?pagina=1">Vorige</a>' in second
    assert "Oud plan" in second and "Oud plan" not in first  # the archive comes last


def test_mijn_plannen_shows_the_reviews_that_wait_for_me_in_fixed_queries(
    client, alice, carla, delft_plan, parenting
):
    from checklists.reviews import services as reviews

    client.force_login(carla)
    url = reverse("wizard:plan_list")
    none_waiting = queries_for(client, url)
    assert "Er wacht" not in client.get(url).content.decode()
    review = reviews.invite_reviewer(delft_plan, alice, carla, "buitenstaander")
    one = queries_for(client, url)
    html = client.get(url).content.decode()
    assert "Er wacht een beoordeling op u" in html
    assert f'href="{reverse("reviews:review", args=[review.pk])}"' in html
    assert "Beoordeel ‘Weerbaar opvoeden Delft-Noord’ (Delft)" in html
    for number in range(7):
        plan = services.create_plan(
            municipality=alice.municipality,
            user=alice,
            title=f"Plan {number}",
            intervention_type=parenting,
        )
        reviews.invite_reviewer(plan, alice, carla, "betrokkene")
    assert queries_for(client, url) == one == none_waiting
    html = client.get(url).content.decode()
    assert html.count('href="/plannen/beoordelingen/') == 5 + 2  # five, "alle", the menu link
    assert "Alle beoordelingen die op u wachten" in html
    # Alice's own page shows nothing: the reviews wait for Carla.
    client.force_login(alice)
    assert "Er wacht" not in client.get(url).content.decode()


def test_a_first_autosave_after_a_change_stays_within_12_queries(client, alice, delft_plan):
    """Merging per answer costs no query of its own: the claim of the plan's row, one
    read of the step's stored answers, one upsert and the history line."""
    client.force_login(alice)
    page = client.get(reverse("wizard:plan_step", args=[delft_plan.pk, "draagvlak"]))
    loaded = re.search(r'name="loaded" id="plan-loaded" value="([^"]*)"', page.content.decode())
    cache.clear()  # the checklist's structure is read as well, as on a first request
    with CaptureQueriesContext(connection) as context:
        response = client.post(
            reverse("wizard:plan_step_autosave", args=[delft_plan.pk, "draagvlak"]),
            {
                "revision": delft_plan.revision,
                "loaded": html.unescape(loaded[1]),
                "a-bestuurlijk-draagvlak": "Elk kwartaal.",
            },
            HTTP_HX_REQUEST="true",
        )
    assert "Opgeslagen om" in response.content.decode()
    # The test's own transaction turns the save's transaction into a savepoint.
    queries = [q["sql"] for q in context.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    assert len(queries) <= 12


def test_opslaan_en_verder_is_two_requests_within_12_queries_each(client, alice, delft_plan):
    """The POST stores and redirects; the next step is an ordinary first visit. As a
    person does, the user typed first, so the autosave opened the stretch of work whose
    history line the save renews. The test's savepoints stand for the BEGIN and COMMIT
    of a real request."""
    client.force_login(alice)
    url = reverse("wizard:plan_step", args=[delft_plan.pk, "draagvlak"])
    page = client.get(url)
    loaded = re.search(r'name="loaded" id="plan-loaded" value="([^"]*)"', page.content.decode())
    typed = client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, "draagvlak"]),
        {
            "revision": delft_plan.revision,
            "loaded": html.unescape(loaded[1]),
            "a-bestuurlijk-draagvlak": "Elk kwart",
        },
        HTTP_HX_REQUEST="true",
    )
    assert "Opgeslagen om" in typed.content.decode()
    delft_plan.refresh_from_db()
    loaded = re.search(r'id="plan-loaded"[^>]*value="([^"]*)"', typed.content.decode())
    cache.clear()
    with CaptureQueriesContext(connection) as posted:
        response = client.post(
            url,
            {
                "revision": delft_plan.revision,
                "loaded": html.unescape(loaded[1]),
                "a-bestuurlijk-draagvlak": "Elk kwartaal.",
                "next": "1",
            },
        )
    assert response.status_code == 302
    cache.clear()
    with CaptureQueriesContext(connection) as following:
        assert client.get(response["Location"]).status_code == 200
    assert delft_plan.answers.get(item__slug="bestuurlijk-draagvlak").value == "Elk kwartaal."
    assert len(posted.captured_queries) <= 12
    assert len(following.captured_queries) <= 12
