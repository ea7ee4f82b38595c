"""Everyday guidance: a lezer knows up front why a plan is read-only and is never led to
a refusal; "Verder invullen" opens the first open step; a concept can be deleted (a
definitief version never); Mijn plannen can be filtered and searched."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from checklists.models import PlanOfApproach
from checklists.wizard import services
from checklists.wizard.progress import sections_of
from tests.checklists.conftest import fill_completely
from tests.factories import PlannedEvaluationFactory

HREF = re.compile(r'href="([^"#]*)(?:#[^"]*)?"')
FORM_ACTION = re.compile(r'<form[^>]*method="post"[^>]*action="([^"]*)"')


def _walk(client, start, prefix):
    """Every page reachable by links from `start` under `prefix`: {url: status}."""
    seen, queue = {}, [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for href in HREF.findall(response.content.decode()):
                path = urlsplit(href).path
                if path.startswith(prefix) and path not in seen:
                    queue.append(path)
    return seen


@pytest.fixture
def full_delft_plan(delft_plan, alice):
    plan = fill_completely(delft_plan, alice)
    PlannedEvaluationFactory(plan=plan, kind="procesevaluatie", questions="Bereiken we ouders?")
    return plan


@pytest.mark.parametrize("finalised", [False, True])
def test_no_link_on_the_plan_pages_leads_a_lezer_to_a_refusal(
    client, alice, dirk, full_delft_plan, finalised
):
    if finalised:
        services.make_definitive(full_delft_plan, alice)
    client.force_login(dirk)
    prefix = f"/plannen/{full_delft_plan.pk}/"
    visited = _walk(client, full_delft_plan.get_absolute_url(), prefix)
    assert len(visited) >= 4  # overview, review, history, evaluation plan, pdf, ...
    refused = [url for url, status in visited.items() if status == 403]
    assert refused == []
    for url in visited:
        page = client.get(url)
        if "text/html" in page.get("Content-Type", ""):
            actions = FORM_ACTION.findall(page.content.decode())
            assert not [a for a in actions if a.startswith(prefix)], url


def test_a_lezer_reads_up_front_that_the_plan_is_read_only_and_why(client, dirk, full_delft_plan):
    client.force_login(dirk)
    for url in (
        full_delft_plan.get_absolute_url(),
        reverse("wizard:plan_review", args=[full_delft_plan.pk]),
        reverse("wizard:plan_history", args=[full_delft_plan.pk]),
        reverse("evaluation_plan:overview", args=[full_delft_plan.pk]),
    ):
        page = client.get(url).content.decode()
        assert "U hebt leesrechten: u bent lezer bij de gemeente Delft." in page, url


def test_a_redacteur_sees_no_read_only_notice(client, alice, full_delft_plan):
    client.force_login(alice)
    assert (
        "U hebt leesrechten" not in client.get(full_delft_plan.get_absolute_url()).content.decode()
    )


def test_utrecht_reads_why_a_delft_voorbeeldplan_is_read_only(client, alice, bob, delft_plan):
    services.set_sharing(delft_plan, alice, is_example_plan=True)
    client.force_login(bob)
    page = client.get(delft_plan.get_absolute_url()).content.decode()
    assert "U hebt leesrechten: dit is een voorbeeldplan van de gemeente Delft." in page


def _answer_section(plan, user, section):
    plan.refresh_from_db()
    answers = {item: f"Antwoord op {item.slug}" for item in section.active_items}
    services.save_step(plan, section, user, answers=answers, expected_revision=plan.revision)


def test_verder_invullen_opens_the_first_step_that_is_not_complete(client, alice, delft_plan):
    sections = sections_of(delft_plan.checklist_id)
    _answer_section(delft_plan, alice, sections[0])  # the first step is done
    assert sections[0].active_items and not sections[0].list_kind
    first_open = sections[1]
    expected = reverse("wizard:plan_step", args=[delft_plan.pk, first_open.slug])
    client.force_login(alice)
    for url in (reverse("wizard:plan_list"), delft_plan.get_absolute_url()):
        page = client.get(url).content.decode()
        link = re.search(r'href="([^"]+)">Verder invullen', page)
        assert link and link.group(1) == expected, url


def test_verder_invullen_of_a_complete_plan_opens_the_review(client, alice, delft_plan):
    fill_completely(delft_plan, alice)
    client.force_login(alice)
    page = client.get(reverse("wizard:plan_list")).content.decode()
    review = reverse("wizard:plan_review", args=[delft_plan.pk])
    assert f'href="{review}">Verder invullen' in page


def test_a_redacteur_deletes_a_concept_after_confirming(client, alice, delft_plan):
    client.force_login(alice)
    delete_url = reverse("wizard:plan_delete", args=[delft_plan.pk])
    assert f'href="{delete_url}"' in client.get(delft_plan.get_absolute_url()).content.decode()
    confirm = client.get(delete_url)
    assert "Concept ‘Weerbaar opvoeden Delft-Noord’ verwijderen?" in confirm.content.decode()
    assert PlanOfApproach.objects.filter(pk=delft_plan.pk).exists()  # asking deletes nothing
    response = client.post(delete_url, follow=True)
    assert "is verwijderd" in response.content.decode()
    assert not PlanOfApproach.objects.filter(pk=delft_plan.pk).exists()
    assert client.get(delft_plan.get_absolute_url()).status_code == 404


def test_deleting_a_new_version_keeps_the_definitief_one(client, alice, delft_plan):
    fill_completely(delft_plan, alice)
    services.make_definitive(delft_plan, alice)
    new = services.new_version_from_definitive(delft_plan, alice)
    client.force_login(alice)
    # A definitief version has no delete, and a posted one is refused.
    page = client.get(delft_plan.get_absolute_url()).content.decode()
    assert reverse("wizard:plan_delete", args=[delft_plan.pk]) not in page
    client.post(reverse("wizard:plan_delete", args=[delft_plan.pk]))
    assert PlanOfApproach.objects.filter(pk=delft_plan.pk).exists()

    response = client.post(reverse("wizard:plan_delete", args=[new.pk]), follow=True)
    assert response.redirect_chain[-1][0] == delft_plan.get_absolute_url()
    delft_plan.refresh_from_db()
    assert delft_plan.is_definitive and delft_plan.answers.exists()
    assert "Nieuwe versie maken om te wijzigen" in response.content.decode()
    assert not PlanOfApproach.objects.filter(pk=new.pk).exists()
    history = client.get(reverse("wizard:plan_history", args=[delft_plan.pk])).content.decode()
    assert "Conceptversie 2 verwijderd" in history


def test_a_lezer_and_another_municipality_cannot_delete(client, bob, dirk, delft_plan):
    url = reverse("wizard:plan_delete", args=[delft_plan.pk])
    client.force_login(dirk)
    assert client.post(url).status_code == 403
    client.force_login(bob)
    assert client.post(url).status_code == 404
    assert PlanOfApproach.objects.filter(pk=delft_plan.pk).exists()


@pytest.fixture
def three_plans(alice, parenting, checklist):
    def make(title):
        return services.create_plan(
            municipality=alice.municipality, user=alice, title=title, intervention_type=parenting
        )

    concept = make("Ouderavonden Tanthof")
    final = fill_completely(make("Weerbare jongeren Buitenhof"), alice)
    services.make_definitive(final, alice)
    archived = make("Oude aanpak Voorhof")
    services.set_archived(archived, alice, True)
    return concept, final, archived


def _titles(client, **params):
    """The plans listed (the tables, not the search field that may hold a title)."""
    page = client.get(reverse("wizard:plan_list"), params).content.decode()
    tables = "".join(re.findall(r"<tbody>(.*?)</tbody>", page, re.S))
    return {t for t in ("Tanthof", "Buitenhof", "Voorhof") if t in tables}, page


def test_mijn_plannen_filters_by_status_and_searches_titles(client, alice, three_plans):
    client.force_login(alice)
    assert _titles(client)[0] == {"Tanthof", "Buitenhof", "Voorhof"}
    assert _titles(client, status="concept")[0] == {"Tanthof"}
    assert _titles(client, status="definitief")[0] == {"Buitenhof"}
    assert _titles(client, status="gearchiveerd")[0] == {"Voorhof"}
    found, page = _titles(client, zoek="buitenhof")
    assert found == {"Buitenhof"}
    assert '<p role="status">1 plan gevonden.</p>' in page
    assert _titles(client, zoek="hof", status="concept")[0] == {"Tanthof"}
    assert _titles(client, zoek="Buitenhof", status="concept")[0] == set()


def test_an_unknown_status_gets_a_dutch_message_beside_the_field(client, alice, three_plans):
    client.force_login(alice)
    response = client.get(reverse("wizard:plan_list"), {"status": "weg", "zoek": "Tanthof"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_status_error"' in page and "Selecteer een geldige keuze" in page
    assert 'aria-describedby="id_status_error"' in page
    assert "Tanthof" in page and "Buitenhof" not in page  # the valid filter still applies


def test_the_pagination_keeps_the_filters(client, alice, parenting, checklist):
    from checklists.wizard.views import PLAN_LIST_PAGE_SIZE

    for number in range(PLAN_LIST_PAGE_SIZE + 2):
        services.create_plan(
            municipality=alice.municipality,
            user=alice,
            title=f"Buurtplan {number}",
            intervention_type=parenting,
        )
    client.force_login(alice)
    page = client.get(reverse("wizard:plan_list"), {"status": "concept", "zoek": "Buurt"})
    next_link = re.search(r'href="([^"]+)">Volgende', page.content.decode()).group(1)
    assert "status=concept" in next_link and "zoek=Buurt" in next_link and "pagina=2" in next_link
    second = client.get(reverse("wizard:plan_list") + next_link.replace("&amp;", "&"))
    assert second.status_code == 200 and "Pagina 2 van 2" in second.content.decode()


def test_a_concept_made_definitief_meanwhile_is_not_deleted(alice, carla, delft_plan):
    """Alice opened the delete page of a concept; Carla made it definitief before Alice
    confirmed. The check is made under the plan's row lock, so the plan stays."""
    seen_by_alice = PlanOfApproach.objects.get(pk=delft_plan.pk)
    fill_completely(delft_plan, carla)
    services.make_definitive(delft_plan, carla)
    with pytest.raises(ValidationError):
        services.delete_concept(seen_by_alice, alice)
    assert PlanOfApproach.objects.get(pk=delft_plan.pk).is_definitive
