"""A redacteur builds an evaluation plan in a real Chromium: a process and an effect
evaluation. The readiness warnings disappear one by one as the plan is completed, and
axe finds no serious or critical violation on the way."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def plan_with_sub_goal(transactional_db):
    from checklists.wizard import services
    from ebw_portal.accounts.models import Municipality, User
    from interventions.models import InterventionType

    call_command(
        "loaddata",
        "fixtures/10_catalogue.json",
        "fixtures/30_checklists.json",
        "fixtures/31_evaluation_checklists.json",
        "fixtures/32_indicator_library.json",
        verbosity=0,
    )
    delft = Municipality.objects.create(name="Delft", cbs_code="GM0503")
    alice = User.objects.create_user(
        username="alice-delft", password=PASSWORD, municipality=delft, role="redacteur"
    )
    plan = services.create_plan(
        municipality=delft,
        user=alice,
        title="Weerbaar opvoeden Delft-Noord",
        intervention_type=InterventionType.objects.get(slug="opvoedondersteuning"),
        start_date=datetime.date(2027, 1, 4),
        end_date=datetime.date(2027, 12, 17),
    )
    plan.sub_goals.create(description="30 ouders maken de reeks af")
    return plan


def assert_accessible(page):
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{page.url}: {serious}"


def warnings_on(page):
    return page.locator(".readiness-warning").all_inner_texts()


def save(page):
    """Press 'Opslaan' and wait for the saved page. The submit may first wait for an
    autosave still on its way (static/js/autosave.js), so wait for the navigation itself."""
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()


def test_warnings_disappear_as_the_evaluation_plan_is_completed(
    page, live_server, plan_with_sub_goal
):
    base = live_server.url
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("alice-delft")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/plannen/")

    page.goto(f"{base}/plannen/{plan_with_sub_goal.pk}/evaluatieplan/")
    assert_accessible(page)
    assert any("nog geen evaluatie gepland" in w for w in warnings_on(page))

    # A process evaluation: the municipality asks only trainers at first.
    page.get_by_role("button", name="procesevaluatie toevoegen").click()
    page.wait_for_url("**/evaluatieplan/*/")
    assert_accessible(page)
    assert page.get_by_label("de gemeente zelf").is_checked()
    # Typing is saved without pressing a button (htmx autosave); a reload shows it kept.
    page.locator("#id_evaluatie-questions").fill("Bereiken we de ouders die we zoeken?")
    expect(page.locator("#autosave-status")).to_contain_text("Opgeslagen om")
    page.reload()
    expect(page.locator("#id_evaluatie-questions")).to_have_value(
        "Bereiken we de ouders die we zoeken?"
    )
    page.get_by_label("Ouders of moeders", exact=False).first.check()
    page.locator("#id_evaluatie-provider_agreement").check()
    save(page)
    assert warnings_on(page) == []

    # An effect evaluation: it defaults to an external researcher and starts with gaps.
    page.goto(f"{base}/plannen/{plan_with_sub_goal.pk}/evaluatieplan/")
    page.get_by_role("button", name="effectevaluatie toevoegen").click()
    page.wait_for_url("**/evaluatieplan/*/")
    assert page.get_by_label("een externe onderzoeker").is_checked()
    found = " ".join(warnings_on(page))
    assert "geen nulmeting" in found
    assert "nog geen indicatoren" in found

    # An indicator from ESS's library, then linked to the sub-goal.
    page.get_by_role("button", name=re.compile("Overnemen.*Aantal ouders dat deelneemt")).click()
    page.wait_for_load_state()
    assert "nog geen indicatoren" not in " ".join(warnings_on(page))
    page.locator("#id_indicator-0-sub_goal").select_option(label="30 ouders maken de reeks af")
    page.locator("#id_evaluatie-baseline_from_start").check()
    page.locator("#id_evaluatie-provider_agreement").check()
    page.locator("#veld-respondents input[value=ouders]").check()
    page.locator("#id_moment-0-label").fill("Eindmeting")
    page.locator("#id_moment-0-date").fill("2028-02-01")
    save(page)
    # A measurement after the end is advice (the toolkit measures effects after a
    # period), not a gap: no warning is left.
    assert warnings_on(page) == []
    advice = page.locator(".readiness-advice-item").all_inner_texts()
    assert any("na de einddatum" in a for a in advice)

    # Moving the last measurement inside the plan's period removes the advice too.
    page.locator("#id_moment-0-date").fill("2027-12-10")
    save(page)
    assert warnings_on(page) == []
    assert page.locator(".readiness-advice-item").count() == 0

    page.goto(f"{base}/plannen/{plan_with_sub_goal.pk}/evaluatieplan/")
    assert page.get_by_text("Het evaluatieplan is klaar").is_visible()
    assert page.get_by_text("Eindmeting").is_visible()
    assert_accessible(page)

    # The uitvraag for an external researcher, generated from the effect evaluation.
    page.get_by_role("link", name="Uitvraag voor de effectevaluatie").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Uitvraag effectevaluatie")
    assert_accessible(page)


def test_plan_evaluation_and_programmascan_pages_are_accessible(
    page, live_server, plan_with_sub_goal
):
    from ebw_portal.accounts.models import User

    call_command("loaddata", "fixtures/33_programmascan.json", verbosity=0)
    User.objects.create_user(
        username="carla-delft",
        password=PASSWORD,
        municipality=plan_with_sub_goal.municipality,
        role="lezer",
        first_name="Carla",
    )
    base = live_server.url
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("alice-delft")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/plannen/")

    # Alice reviews as the involved member and invites Carla as the outsider.
    page.goto(f"{base}/plannen/{plan_with_sub_goal.pk}/evaluatieplan/beoordeling/")
    assert_accessible(page)
    page.get_by_label("Wie nodigt u uit?").select_option(label="Carla (lezer)")
    page.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_load_state()
    page.get_by_label("Wie nodigt u uit?").select_option(index=1)
    page.get_by_label("betrokken bij het plan").check()
    page.get_by_role("button", name="Uitnodigen").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="naar uw beoordeling").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("input[type=radio][value=deels]").first.check()
    page.get_by_role("button", name="Indienen").click()
    page.wait_for_load_state()
    # One verdict is not a review: the open questions are listed, with links to them.
    summary = page.locator("#open-vragen")
    expect(summary).to_contain_text("nog geen oordeel")
    assert summary.locator("a").count() >= 1
    assert_accessible(page)
    assert page.locator("input[type=radio][value=deels]").first.is_checked()
    for box in page.get_by_label("Ik sla deze over").all()[1:]:
        box.check()
    page.get_by_role("button", name="Indienen").click()  # waits for the last autosave
    expect(page.get_by_text("U hebt deze beoordeling ingediend")).to_be_visible(timeout=15_000)

    # The programmascan: start, answer one question, save, see the provisional result.
    page.goto(f"{base}/plannen/programmascan/")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Scan .* starten")).click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.locator("input[type=radio][value=ja]").first.check()
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_load_state()
    assert page.get_by_text("nog 25 open").is_visible()
    assert page.locator("input[type=radio][value=ja]").first.is_checked()
    page.goto(page.url.split("?")[0] + "resultaat/")
    assert page.get_by_text("het resultaat is voorlopig").is_visible()
    assert_accessible(page)
