"""A municipal redacteur writes a plan of approach in a real Chromium, with the keyboard
only: Tab to move, typing, Space for radio buttons, arrow keys in lists, Enter to submit.
She leaves halfway, comes back, finishes and makes the plan definitief. axe checks every
page on the way."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

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


def test_opslaan_during_an_autosave_keeps_the_newest_text(
    page, live_server, municipality_with_editor
):
    """The autosave sent just before 'Opslaan' is held back in the network; the submit
    must wait for it, so the older autosaved text never lands after the newer text."""
    from checklists.models import Answer
    from checklists.wizard import services
    from interventions.models import InterventionType

    plan = services.create_plan(
        municipality=municipality_with_editor.municipality,
        user=municipality_with_editor,
        title="Plan met een trage verbinding",
        intervention_type=InterventionType.objects.first(),
    )
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/plannen/{plan.pk}/stap/vraagstuk-en-visie/")

    held = []

    def hold_the_first_autosave(route):
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/autosave/", hold_the_first_autosave)
    traffic = []  # what the browser sent and received, in order
    page.on("request", lambda r: traffic.append(("sent", r.method, r.url)))
    page.on("response", lambda r: traffic.append(("answered", r.request.method, r.url)))
    field = page.locator("#id_a-visie")
    field.fill("Eerste versie")
    field.dispatch_event("input")
    for _ in range(100):  # the autosave leaves after its delay of 800 ms
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no autosave was sent"

    newest = "Eerste versie, en daarna de laatste woorden"
    field.fill(newest)
    page.locator("button[name=save]").click()
    page.wait_for_timeout(500)  # a submit that does not wait would have been handled now
    held[0].continue_()  # the old autosave reaches the server only now
    expect(page.locator("#id_a-visie")).to_have_value(newest)  # after the submit's reload
    page.wait_for_timeout(1000)  # room for any request still on its way to land

    assert Answer.objects.get(plan=plan, item__slug="visie").value == newest
    # The submit left only after every autosave before it had been answered.
    submit = traffic.index(("sent", "POST", page.url))
    autosaves = [(what, url) for what, _method, url in traffic[:submit] if "autosave" in url]
    sent = sum(what == "sent" for what, _url in autosaves)
    assert sent >= 1 and sent == sum(what == "answered" for what, _url in autosaves)


def test_leaving_a_step_with_an_unsaved_sub_goal_row_asks_first(
    page, live_server, municipality_with_editor
):
    """The autosave does not store list rows, so it says so, and a link away from the
    step makes the browser ask before the typed row is lost."""
    from checklists.wizard import services
    from interventions.models import InterventionType

    plan = services.create_plan(
        municipality=municipality_with_editor.municipality,
        user=municipality_with_editor,
        title="Plan met subdoelen",
        intervention_type=InterventionType.objects.first(),
    )
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/plannen/{plan.pk}/stap/doelen/")
    tab_to(page, "#id_subdoel-0-description")
    page.keyboard.type("40 ouders nemen deel")
    status = page.locator("#autosave-status")
    status.get_by_text("De nieuwe regel is nog niet opgeslagen: klik op Opslaan.").wait_for(
        timeout=10_000
    )
    assert "Opgeslagen om" not in status.inner_text()

    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", stay)
    page.locator("a:has-text('Vorige stap')").click()
    page.wait_for_timeout(1000)
    assert dialogs == ["beforeunload"]
    assert "/stap/doelen/" in page.url
    assert page.locator("#id_subdoel-0-description").input_value() == "40 ouders nemen deel"

    # Saved with the button: leaving asks nothing.
    submit_with(page, "button[name=save]")
    page.locator("a:has-text('Vorige stap')").click()
    page.wait_for_url("**/stap/vraagstuk-en-visie/")
    assert dialogs == ["beforeunload"]
    assert plan.sub_goals.get().description == "40 ouders nemen deel"


def test_a_count_of_the_characters_left_appears_near_a_fields_limit(
    page, live_server, municipality_with_editor
):
    from checklists.wizard import services
    from interventions.models import InterventionType

    plan = services.create_plan(
        municipality=municipality_with_editor.municipality,
        user=municipality_with_editor,
        title="Plan met lange antwoorden",
        intervention_type=InterventionType.objects.first(),
    )
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/plannen/{plan.pk}/stap/betrokkenen-en-rollen/")
    field = page.locator("#id_a-uitvoerder")
    count = page.locator("#id_a-uitvoerder_tekens")
    assert count.get_attribute("aria-live") == "polite"
    assert "id_a-uitvoerder_tekens" in field.get_attribute("aria-describedby").split()
    assert count.inner_text() == ""

    field.fill("x" * 260)
    tab_to(page, "#id_a-uitvoerder")
    page.keyboard.press("End")
    page.keyboard.type("abcdefghijklmno")
    expect(count).to_have_text("Nog 25 tekens.")
    page.keyboard.type("y" * 30)  # the browser does not stop at the limit
    expect(count).to_have_text("5 tekens te veel.")
    assert_accessible(page)

    submit_with(page, "button[name=save]")
    assert "Deze tekst is te lang: hooguit 300 tekens, het zijn er nu 305." in page.content()
    assert (
        page.locator("#id_a-uitvoerder").input_value() == "x" * 260 + "abcdefghijklmno" + "y" * 30
    )
