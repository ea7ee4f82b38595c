"""A curator imports an evaluation in the admin, publishes it, and the public sees it.

Runs under the portal's strict Content Security Policy: any blocked inline script or
handler shows up as a console error and fails the test.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "Veilig-wachtwoord-2026"
TITLE = "Procesevaluatie van de oudergroep in Kralingen"
CSV = (
    "slug,titel,jaar,uitvoerder,auteurs,opdrachtgever,gemeenten,typen,interventies,soort,"
    "opzet,methoden,respondenten,deelnemers,bevindingen,oordeel,bron_url,toegang,voorbeeld,"
    "werkzame_elementen,lessen\n"
    f"oudergroep-kralingen,{TITLE},2025,Testbureau,,,,opvoedondersteuning,weerbaar-opvoeden,"
    "procesevaluatie,kwalitatief,interviews,ouders,12,Ouders kwamen via sleutelfiguren.,"
    # A real (not invented) evaluation is published only with its source.
    "niet vastgesteld,https://testbureau.example/oudergroep-kralingen.pdf,openbaar,nee,"
    "werving-via-sleutelfiguren,\n"
)


@pytest.fixture
def curator_account(transactional_db):
    from ebw_portal.accounts.models import User
    from ebw_portal.accounts.roles import make_curator

    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    user = User.objects.create_user(username="carla-ess", password=PASSWORD, role="ess")
    make_curator(user)
    return user


@pytest.fixture
def csp_errors(page):
    errors = []
    page.on(
        "console",
        lambda msg: (
            errors.append((page.url, msg.text[:90]))
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    return errors


def log_in(page, live_server):
    page.goto(live_server.url + "/beheer/login/")
    page.fill("#id_username", "carla-ess")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def test_curator_imports_publishes_and_the_public_sees_it(
    page, live_server, curator_account, csp_errors, tmp_path
):
    upload = tmp_path / "evaluaties.csv"
    upload.write_text(CSV, encoding="utf-8")
    log_in(page, live_server)

    page.goto(live_server.url + "/beheer/evaluations/evaluation/")
    page.click("a.import_link")
    page.set_input_files("#id_import_file", str(upload))
    page.select_option("#id_format", label="csv")
    page.click("input[type=submit]")
    # Dry run: a preview, nothing saved yet.
    expect(page.locator("table.import-preview")).to_contain_text(TITLE)
    from evaluations.models import Evaluation

    assert not Evaluation.objects.exists()
    page.click("input[name=confirm]")
    expect(page.locator("#result_list")).to_contain_text(TITLE)

    # Publish with the admin action.
    page.locator("#result_list input.action-select").first.check()
    page.select_option("select[name=action]", value="publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 evaluatie gepubliceerd.")

    page.goto(live_server.url + "/bewijs/")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()

    page.goto(live_server.url + "/bewijs/matrix/")
    row = page.get_by_role("row").filter(has_text="Opvoedondersteuning")
    process_cell = row.get_by_role("link", name="procesevaluatie")
    expect(process_cell).to_contain_text("1")
    process_cell.click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    assert csp_errors == []


def test_the_export_page_and_change_form_work_under_the_csp(
    page, live_server, curator_account, csp_errors
):
    log_in(page, live_server)
    page.goto(live_server.url + "/beheer/evaluations/evaluation/export/")
    toggle = page.locator("#select-all-toggle")
    field = page.locator(".selectable-field-export-row input[type=checkbox]").first
    expect(field).to_be_checked()
    toggle.uncheck()
    expect(field).not_to_be_checked()
    # The change form's widgets (slug prepopulation, the two-pane selectors) too.
    page.goto(live_server.url + "/beheer/evaluations/evaluation/add/")
    page.locator("#id_title").press_sequentially("Nieuwe evaluatie")
    expect(page.locator("#id_slug")).to_have_value("nieuwe-evaluatie")
    expect(page.locator("#id_types_from")).to_be_visible()
    assert csp_errors == []


@pytest.mark.parametrize(
    "path",
    ["/bewijs/", "/bewijs/matrix/", "/bewijs/over-de-bewijskracht/", "DETAIL", "ELEMENT"],
)
def test_evidence_pages_have_no_serious_accessibility_violations(
    page, live_server, transactional_db, path
):
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)
    call_command("loaddata", "fixtures/20_evaluations.json", verbosity=0)
    from evaluations.models import Evaluation
    from interventions.models import EffectiveElement

    if path == "DETAIL":
        path = Evaluation.objects.public().first().get_absolute_url()
    elif path == "ELEMENT":
        path = EffectiveElement.objects.get(slug="werving-via-sleutelfiguren").get_absolute_url()
    page.goto(live_server.url + path)
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
