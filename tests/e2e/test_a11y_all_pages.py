"""axe finds no serious or critical WCAG 2.1 AA problem on any page of the portal, with
the demo content loaded: the public catalogue and evidence, the account pages (errors and
lock-out included), every page of a redacteur's plan (wizard steps, validation errors,
conflict, review, history, sharing, PDF preview), a few pages in English, and the admin
pages a curator uses. A keyboard user can skip to the content and sees where the focus is.

Each page is its own test case. Loading the demo content and emptying the database again
takes several seconds, so unlike the other e2e modules this one does it once for the
module (with its own live server, outside pytest-django's per-test flush) and keeps one
logged-in browser context per account. The pages only read, or change what no other case
depends on; the lock-out uses its own account.
"""

from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

# django_db (not transactional): the marker makes pytest-django create the test database
# and lets each test read it; the server thread's writes are committed and stay.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

EDITOR = ("delft-redacteur", "Delft-redacteur-2026")
CURATOR = ("ess-curator", "Demo-curator-2026")
LOCKED_OUT = "delft-lezer"
FINISHED_PLAN = "Weerbaar Opvoeden in Buitenhof"
OPEN_PLAN = "Sleutelfigurennetwerk Delft"


@dataclass
class Site:
    page: object
    base: str

    def open(self, path):
        response = self.page.goto(self.base + path)
        assert response.ok, f"{path}: HTTP {response.status}"
        return response

    def log_in(self, username, password):
        self.open("/account/inloggen/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.submit("main button[type=submit]")
        assert "/account/inloggen/" not in self.page.url, f"{username} could not log in"

    def plan_url(self, title, suffix=""):
        from checklists.models import PlanOfApproach

        plan = PlanOfApproach.objects.get(title=title, municipality__name="Delft")
        return f"/plannen/{plan.pk}/{suffix}"

    def submit(self, selector):
        with self.page.expect_navigation():
            self.page.click(selector)


# --- the pages, each a function that leaves the browser on the page to check ---------

PAGES = {}


def page_case(case_id, who=None, language="nl"):
    def register(visit):
        PAGES[case_id] = (who, language, visit)
        return visit

    return register


def _first_url(model, **filters):
    return model.objects.filter(**filters).order_by("pk").first().get_absolute_url()


@page_case("public-home")
def _home(site):
    site.open("/")


@page_case("public-type-list")
def _type_list(site):
    site.open("/wat-werkt/")


@page_case("public-type-detail")
def _type_detail(site):
    from interventions.models import InterventionType

    site.open(_first_url(InterventionType))


@page_case("public-intervention")
def _intervention(site):
    from interventions.models import Intervention

    site.open(_first_url(Intervention))


@page_case("public-element")
def _element(site):
    from interventions.models import EffectiveElement

    site.open(_first_url(EffectiveElement))


@page_case("public-lessons")
def _lessons(site):
    site.open("/wat-werkt/geleerde-lessen/")


@page_case("public-lesson")
def _lesson(site):
    from interventions.models import LessonLearned

    site.open(_first_url(LessonLearned))


@page_case("public-search-results")
def _search(site):
    site.open("/zoeken/?q=ouders")


@page_case("public-search-nothing-found")
def _search_empty(site):
    site.open("/zoeken/?q=xylofoon")


@page_case("evidence-list")
def _evidence_list(site):
    site.open("/bewijs/")


@page_case("evidence-list-filtered")
def _evidence_filtered(site):
    site.open("/bewijs/?q=ouders")


@page_case("evidence-detail")
def _evidence_detail(site):
    from evaluations.models import Evaluation

    site.open(Evaluation.objects.published().order_by("pk").first().get_absolute_url())


@page_case("evidence-matrix")
def _matrix(site):
    site.open("/bewijs/matrix/")


@page_case("evidence-scale")
def _scale(site):
    site.open("/bewijs/over-de-bewijskracht/")


@page_case("account-login")
def _login(site):
    site.open("/account/inloggen/")


@page_case("account-login-with-error")
def _login_error(site):
    site.open("/account/inloggen/")
    site.page.fill("#id_username", "utrecht-lezer")
    site.page.fill("#id_password", "verkeerd")
    site.submit("main button[type=submit]")
    assert site.page.locator(".alert-danger, .invalid-feedback").count()


@page_case("account-lockout")
def _lockout(site):
    from django.conf import settings

    site.open("/account/inloggen/")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        site.page.fill("#id_username", LOCKED_OUT)
        site.page.fill("#id_password", "verkeerd")
        site.submit("main button[type=submit]")
    assert "tijdelijk geblokkeerd" in site.page.content()


@page_case("account-password-reset")
def _reset(site):
    site.open("/account/wachtwoord-vergeten/")


@page_case("account-password-reset-with-error")
def _reset_error(site):
    site.open("/account/wachtwoord-vergeten/")
    site.page.fill("#id_email", "geen-adres")
    site.submit("main button[type=submit]")


@page_case("account-password-reset-sent")
def _reset_sent(site):
    site.open("/account/wachtwoord-vergeten/verstuurd/")


def _reset_link():
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from ebw_portal.accounts.models import User

    user = User.objects.get(username=EDITOR[0])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/account/wachtwoord-herstellen/{uid}/{default_token_generator.make_token(user)}/"


@page_case("account-new-password")
def _new_password(site):
    site.open(_reset_link())
    assert site.page.locator("#id_new_password1").count()


@page_case("account-new-password-with-error")
def _new_password_error(site):
    site.open(_reset_link())
    site.page.fill("#id_new_password1", "kort")
    site.page.fill("#id_new_password2", "anders")
    site.submit("main button[type=submit]")
    assert site.page.locator("[aria-invalid=true]").count()


@page_case("account-reset-link-invalid")
def _reset_invalid(site):
    site.open("/account/wachtwoord-herstellen/MQ/ongeldig-token/")


@page_case("account-password-changed")
def _reset_complete(site):
    site.open("/account/wachtwoord-herstellen/klaar/")


@page_case("plans-list", who=EDITOR)
def _plan_list(site):
    site.open("/plannen/")


@page_case("plans-new", who=EDITOR)
def _plan_new(site):
    site.open("/plannen/nieuw/")


@page_case("plans-new-with-errors", who=EDITOR)
def _plan_new_errors(site):
    site.open("/plannen/nieuw/")
    site.submit("main form button[type=submit]")
    assert site.page.locator("[aria-invalid=true]").count()


@page_case("plan-overview", who=EDITOR)
def _plan_overview(site):
    site.open(site.plan_url(OPEN_PLAN))


@page_case("plan-overview-finished", who=EDITOR)
def _plan_overview_finished(site):
    site.open(site.plan_url(FINISHED_PLAN))


@page_case("plan-share-preview-example", who=EDITOR)
def _plan_share_preview(site):
    site.open(site.plan_url(FINISHED_PLAN, "delen/voorbeeldplan/"))


@page_case("plan-shared-with-ess", who=EDITOR)
def _plan_shared(site):
    site.open(site.plan_url(FINISHED_PLAN))
    site.submit("a:has-text('Delen met ESS (voor advies)')")
    site.submit("button[name=action][value=share_ess]")
    assert site.page.locator("[role=status]").count()


@page_case("plan-delete-confirmation", who=EDITOR)
def _plan_delete(site):
    site.open(site.plan_url(OPEN_PLAN, "verwijderen/"))


@page_case("plan-details-step", who=EDITOR)
def _plan_details(site):
    site.open(site.plan_url(OPEN_PLAN, "gegevens/"))


@page_case("plan-details-end-before-start", who=EDITOR)
def _plan_details_error(site):
    site.open(site.plan_url(OPEN_PLAN, "gegevens/"))
    site.page.fill("#id_start_date", "2027-06-01")
    site.page.fill("#id_end_date", "2027-01-01")
    site.submit("main form button[type=submit]")
    assert site.page.locator("#id_end_date[aria-invalid=true]").count()


def _wizard_steps():
    import json
    from pathlib import Path

    items = json.loads(Path("fixtures/30_checklists.json").read_text())
    return [o["fields"]["slug"] for o in items if o["model"] == "checklists.checklistsection"]


for _slug in _wizard_steps():

    @page_case(f"wizard-step-{_slug}", who=EDITOR)
    def _step(site, slug=_slug):
        site.open(site.plan_url(OPEN_PLAN, f"stap/{slug}/"))


@page_case("wizard-step-bad-number", who=EDITOR)
def _step_bad_number(site):
    site.open(site.plan_url(OPEN_PLAN, "stap/doelgroep-en-interventie/"))
    site.page.fill("#id_a-aantal-deelnemers", "veel")
    site.submit("button[name=save]")
    assert site.page.locator("#id_a-aantal-deelnemers[aria-invalid=true]").count()


@page_case("wizard-step-bad-date", who=EDITOR)
def _step_bad_date(site):
    site.open(site.plan_url(OPEN_PLAN, "stap/draagvlak/"))
    # As typed in a browser without a date picker: the field is a plain text box there.
    site.page.eval_on_selector(
        "#id_a-eerste-verantwoording", "el => { el.type = 'text'; el.value = '30-02-2027'; }"
    )
    site.submit("button[name=save]")
    assert site.page.locator("#id_a-eerste-verantwoording[aria-invalid=true]").count()


@page_case("wizard-step-conflict", who=EDITOR)
def _step_conflict(site):
    site.open(site.plan_url(OPEN_PLAN, "stap/doelen/"))
    # As if a colleague changed every answer after this page was opened: the page's
    # as-loaded answers are no longer what is stored, so the typed one is refused.
    site.page.eval_on_selector(
        "#plan-loaded",
        "el => { const v = JSON.parse(el.value);"
        " for (const k in v) { v[k] = 'door een collega'; } el.value = JSON.stringify(v); }",
    )
    site.page.fill("#id_a-hoofddoel", "Een ander hoofddoel")
    site.submit("button[name=save]")
    assert site.page.locator("#conflict").count()


@page_case("wizard-review", who=EDITOR)
def _review(site):
    site.open(site.plan_url(OPEN_PLAN, "controle/"))


@page_case("plan-history", who=EDITOR)
def _history(site):
    site.open(site.plan_url(FINISHED_PLAN, "geschiedenis/"))


@page_case("plan-pdf-preview", who=EDITOR)
def _pdf_preview(site):
    site.open(site.plan_url(FINISHED_PLAN, "pdf/voorbeeld/"))


@page_case("evaluation-plan-overview", who=EDITOR)
def _evaluation_plan(site):
    site.open(site.plan_url(OPEN_PLAN, "evaluatieplan/"))


def _effect_evaluation_url(site, suffix=""):
    """The open plan's effect evaluation, added through the page the first time (the
    server must see it, and this test's own writes stay in its transaction)."""
    from checklists.models.evaluation_plan import PlannedEvaluation

    overview = site.plan_url(OPEN_PLAN, "evaluatieplan/")
    evaluation = PlannedEvaluation.objects.filter(
        plan__title=OPEN_PLAN, plan__municipality__name="Delft", kind="effectevaluatie"
    ).first()
    if evaluation is None:
        site.open(overview)
        site.submit("button[name=kind][value=effectevaluatie]")
        evaluation = PlannedEvaluation.objects.get(
            plan__title=OPEN_PLAN, plan__municipality__name="Delft", kind="effectevaluatie"
        )
    return f"{overview}{evaluation.pk}/{suffix}"


@page_case("evaluation-plan-effect-evaluation", who=EDITOR)
def _evaluation_edit(site):
    site.open(_effect_evaluation_url(site))


@page_case("evaluation-plan-checklist", who=EDITOR)
def _evaluation_checklist(site):
    site.open(_effect_evaluation_url(site, "checklist/"))


@page_case("evaluation-plan-request-for-evaluator", who=EDITOR)
def _evaluation_request(site):
    site.open(_effect_evaluation_url(site, "uitvraag/"))


@page_case("evaluation-plan-reviews", who=EDITOR)
def _evaluation_reviews(site):
    site.open(site.plan_url(OPEN_PLAN, "evaluatieplan/beoordeling/"))


@page_case("my-reviews", who=EDITOR)
def _my_reviews(site):
    site.open("/plannen/beoordelingen/")


@page_case("programme-scans", who=EDITOR)
def _scans(site):
    site.open("/plannen/programmascan/")


@page_case("english-home", language="en")
def _english_home(site):
    site.open("/")
    assert site.page.locator("html[lang=en]").count()


@page_case("english-plans-list", who=EDITOR, language="en")
def _english_plans(site):
    site.open("/plannen/")
    assert site.page.locator("html[lang=en]").count()


@page_case("english-wizard-step", who=EDITOR, language="en")
def _english_step(site):
    site.open(site.plan_url(OPEN_PLAN, "stap/vraagstuk-en-visie/"))


@page_case("admin-login")
def _admin_login(site):
    site.open("/beheer/login/")


@page_case("admin-index", who=CURATOR)
def _admin_index(site):
    site.open("/beheer/")


@page_case("admin-evaluation-list", who=CURATOR)
def _admin_evaluations(site):
    site.open("/beheer/evaluations/evaluation/")


def _first_evaluation_admin_url(suffix):
    from evaluations.models import Evaluation

    return f"/beheer/evaluations/evaluation/{Evaluation.objects.order_by('pk').first().pk}/{suffix}"


@page_case("admin-evaluation-form", who=CURATOR)
def _admin_evaluation(site):
    site.open(_first_evaluation_admin_url("change/"))


@page_case("admin-evaluation-history", who=CURATOR)
def _admin_evaluation_history(site):
    site.open(_first_evaluation_admin_url("history/"))


@page_case("admin-evaluation-add-with-errors", who=CURATOR)
def _admin_evaluation_add(site):
    site.open("/beheer/evaluations/evaluation/add/")
    site.submit("input[name=_save]")
    assert site.page.locator(".errornote").count()


@page_case("admin-evaluation-import", who=CURATOR)
def _admin_import(site):
    site.open("/beheer/evaluations/evaluation/import/")


@page_case("admin-intervention-list", who=CURATOR)
def _admin_interventions(site):
    site.open("/beheer/interventions/intervention/")


@page_case("admin-intervention-form", who=CURATOR)
def _admin_intervention(site):
    from interventions.models import Intervention

    pk = Intervention.objects.order_by("pk").first().pk
    site.open(f"/beheer/interventions/intervention/{pk}/change/")


# --- the checks --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker):
    """A live server over the demo content, for this module only; empties the database
    afterwards as pytest-django's live_server does after each test."""
    from django.db import connection

    with django_db_blocker.unblock():
        # Never load into (or flush) a developer's database.
        assert connection.settings_dict["NAME"].startswith("test_"), connection.settings_dict
        call_command("load_demo", allow_without_debug=True, verbosity=0)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
    yield server.url
    server._live_server_modified_settings.disable()
    server.stop()
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def contexts(browser, demo_server):
    """One browser context per (account, language), logged in once and reused."""
    made = {}

    def context_for(who, language):
        if (who, language) not in made:
            context = browser.new_context()
            if language != "nl":
                context.add_cookies(
                    [{"name": "django_language", "value": language, "url": demo_server}]
                )
            if who:
                page = context.new_page()
                Site(page, demo_server).log_in(*who)
                page.close()
            made[who, language] = context
        return made[who, language]

    yield context_for
    for context in made.values():
        context.close()


@pytest.fixture
def anonymous_site(contexts, demo_server):
    page = contexts(None, "nl").new_page()
    yield Site(page, demo_server)
    page.close()


# Moderate in axe, but the portal promises one h1 and headings in order on every page.
HEADING_RULES = {"page-has-heading-one", "heading-order"}


def serious_violations(page):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:8]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical") or v["id"] in HEADING_RULES
    ]


@pytest.mark.parametrize("case_id", list(PAGES))
def test_page_has_no_serious_accessibility_violations(contexts, demo_server, case_id):
    who, language, visit = PAGES[case_id]
    page = contexts(who, language).new_page()
    try:
        site = Site(page, demo_server)
        visit(site)
        problems = serious_violations(page)
    finally:
        page.close()
    assert problems == [], f"{case_id}\n" + "\n".join(problems)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(anonymous_site):
    site = anonymous_site
    site.open("/wat-werkt/")
    site.page.keyboard.press("Tab")
    assert site.page.evaluate("document.activeElement.getAttribute('href')") == "#inhoud"
    assert site.page.locator(".skip-link").is_visible()

    site.page.keyboard.press("Enter")
    assert site.page.evaluate("document.activeElement.id") == "inhoud"
    assert site.page.evaluate("document.activeElement.tagName") == "MAIN"


def test_a_focused_link_shows_a_visible_outline(anonymous_site):
    site = anonymous_site
    site.open("/wat-werkt/")
    link = site.page.locator("main a").first
    # Tab (not .focus()) so :focus-visible applies as it does for a keyboard user.
    for _ in range(60):
        site.page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the first link in <main>")
    outline = link.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"
    )
    assert outline["style"] != "none" and outline["width"] >= 2, outline


def test_every_tab_stop_on_a_wizard_step_shows_a_focus_ring(contexts, demo_server):
    """Draagvlak has text, radio and date fields (a date field has four Tab stops in
    Chromium, the last one its calendar button)."""
    page = contexts(EDITOR, "nl").new_page()
    try:
        PAGES["wizard-step-draagvlak"][2](Site(page, demo_server))
        without_ring = []
        for _ in range(150):
            page.keyboard.press("Tab")
            stop = page.evaluate(
                "() => { const el = document.activeElement; const s = getComputedStyle(el);"
                " return {focused: document.hasFocus() && el !== document.body,"
                " what: `${el.tagName}#${el.id} ${(el.innerText || '').slice(0, 30)}`,"
                " ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }"
            )
            if not stop["focused"]:
                break
            if not stop["ring"]:
                without_ring.append(stop["what"])
    finally:
        page.close()
    assert without_ring == []


# Pages with long words, URLs, tables and forms; at 320 CSS px (a 1280 px window zoomed
# to 400%) none may need sideways scrolling of the whole page (WCAG 1.4.10 Reflow), and
# the narrow layout passes axe as well.
REFLOW_CASES = [
    "public-home",
    "public-type-detail",
    "public-intervention",
    "public-element",
    "evidence-list",
    "evidence-detail",
    "plans-list",
    "plan-overview-finished",
    "wizard-step-betrokkenen-en-rollen",
    "wizard-step-bad-number",
    "wizard-review",
    "plan-history",
]


@pytest.mark.parametrize("case_id", REFLOW_CASES)
def test_page_reflows_at_400_percent_zoom_and_stays_accessible(contexts, demo_server, case_id):
    who, language, visit = PAGES[case_id]
    page = contexts(who, language).new_page()
    try:
        page.set_viewport_size({"width": 320, "height": 640})
        visit(Site(page, demo_server))
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        problems = serious_violations(page)
    finally:
        page.close()
    assert widths[0] <= widths[1], f"{case_id}: page is {widths[0]} px wide at {widths[1]} px"
    assert problems == [], f"{case_id} at 320 px\n" + "\n".join(problems)
