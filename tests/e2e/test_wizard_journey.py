"""A municipal redacteur writes a plan of approach in a real Chromium, with the keyboard
only: Tab to move, typing, Space for radio buttons, arrow keys in lists, Enter to submit.
She leaves halfway, comes back, finishes and makes the plan definitief. axe checks every
page on the way."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e

FIRST_HALF = ["vraagstuk-en-visie", "doelen", "doelgroep-en-interventie", "betrokkenen-en-rollen"]
SECOND_HALF = [
    "draagvlak",
    "samenwerking-en-informatiedeling",
    "stigmatisering-en-veiligheid",
    "evaluatie",
    "doorontwikkeling-en-borging",
]


@pytest.fixture
def municipality_with_editor(transactional_db):
    from ebw_portal.accounts.models import Municipality, User

    call_command(
        "loaddata", "fixtures/10_catalogue.json", "fixtures/30_checklists.json", verbosity=0
    )
    delft = Municipality.objects.create(name="Delft", cbs_code="GM0503")
    return User.objects.create_user(
        username="alice-delft",
        password=PASSWORD,
        municipality=delft,
        role="redacteur",
        first_name="Alice",
    )


def tab_to(page, selector, limit=150):
    """Press Tab until the element matching `selector` has the focus."""
    target = page.locator(selector).first
    target.wait_for(state="attached")
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def assert_accessible(page):
    violations = Axe().run(page).response["violations"]
    serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{page.url}: {serious}"


def log_in(page, base_url):
    page.goto(f"{base_url}/account/inloggen/")
    assert_accessible(page)
    tab_to(page, "#id_username")
    page.keyboard.type("alice-delft")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/plannen/")


def submit_with(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def fill_step(page):
    """Answer every question of the current step from the keyboard."""
    texts = "textarea[name^='a-'], input[type=text][name^='a-']:not([inputmode=decimal])"
    for field in page.locator(texts).all():
        tab_to(page, f"#{field.get_attribute('id')}")
        page.keyboard.type("Ons antwoord, met zorg ingevuld.")
    for field in page.locator("input[inputmode=decimal][name^='a-']").all():
        tab_to(page, f"#{field.get_attribute('id')}")
        page.keyboard.type("12")
    for group in page.locator("fieldset:has(input[type=radio][name^='a-'])").all():
        first = group.locator("input[type=radio]").first
        tab_to(page, f"#{first.get_attribute('id')}")
        page.keyboard.press("Space")
    for select in page.locator("select[name^='a-']").all():
        tab_to(page, f"#{select.get_attribute('id')}")
        page.keyboard.press("ArrowDown")
    for row_field, text in [
        ("#id_subdoel-0-description", "40 ouders nemen deel"),
        ("#id_subdoel-0-indicator", "aantal deelnemers"),
        ("#id_betrokkene-0-name", "Stichting Buurtwerk"),
    ]:
        if page.locator(row_field).count():
            tab_to(page, row_field)
            page.keyboard.type(text)


def test_keyboard_only_journey_from_login_to_definitief(
    page, live_server, municipality_with_editor
):
    base = live_server.url
    log_in(page, base)
    assert_accessible(page)

    submit_with(page, "a:has-text('Nieuw plan van aanpak')")
    assert_accessible(page)
    tab_to(page, "#id_title")
    page.keyboard.type("Weerbaar Opvoeden Delft")
    tab_to(page, "#id_intervention_type")
    page.keyboard.press("ArrowDown")
    submit_with(page, "button:has-text('Plan aanmaken')")

    for slug in FIRST_HALF:
        assert f"/stap/{slug}/" in page.url
        assert_accessible(page)
        fill_step(page)
        submit_with(page, "button[name=next]")

    # Halfway: the autosave status and the saved answers survive logging out.
    submit_with(page, "button:has-text('Uitloggen')")
    log_in(page, base)
    assert "Weerbaar Opvoeden Delft" in page.content()
    submit_with(page, "a:has-text('Verder invullen')")
    assert_accessible(page)
    submit_with(page, "a[href$='/stap/betrokkenen-en-rollen/']")
    assert page.locator("#id_a-uitvoerder").input_value() == "Ons antwoord, met zorg ingevuld."
    assert page.locator("#id_betrokkene-0-name").input_value() == "Stichting Buurtwerk"
    submit_with(page, "button[name=next]")

    for slug in SECOND_HALF:
        assert f"/stap/{slug}/" in page.url
        assert_accessible(page)
        fill_step(page)
        submit_with(page, "button[name=next]")

    assert "/controle/" in page.url
    assert_accessible(page)
    assert "Het plan is voor 100% compleet." in page.content()
    submit_with(page, "button:has-text('Definitief maken')")
    assert "Het plan is definitief gemaakt." in page.content()
    assert_accessible(page)


def test_autosave_shows_when_it_saved(page, live_server, municipality_with_editor):
    log_in(page, live_server.url)
    submit_with(page, "a:has-text('Nieuw plan van aanpak')")
    tab_to(page, "#id_title")
    page.keyboard.type("Autosave-plan")
    tab_to(page, "#id_intervention_type")
    page.keyboard.press("ArrowDown")
    submit_with(page, "button:has-text('Plan aanmaken')")

    tab_to(page, "#id_a-visie")
    page.keyboard.type("Getypt, niet opgeslagen met een knop")
    status = page.locator("#autosave-status")
    status.get_by_text("Opgeslagen om").wait_for(timeout=10_000)
    assert status.get_attribute("role") == "status"

    page.reload()
    assert page.locator("#id_a-visie").input_value() == "Getypt, niet opgeslagen met een knop"
