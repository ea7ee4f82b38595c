"""Escaped user content: text with HTML and Django template syntax, typed into every free
text field of a plan, its evaluation plan, a search, or curated by ESS for the public
catalogue, shows literally on every page that shows it and is never interpreted."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from checklists.models import AdoptedElement, ChecklistItem
from checklists.wizard import services
from interventions.models import EffectiveElement, LessonLearned
from tests.factories import (
    EvaluationFactory,
    EvaluationMomentFactory,
    IndicatorFactory,
    InterventionFactory,
    PlannedEvaluationFactory,
)

# Markup that would run a script or break out of an attribute, and template syntax that
# would print "8" and a debug dump if someone rendered user text as a template.
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7|add:1 }}{% debug %}'
RAW_MARKUP = ("<script>alert(1)", "<img src=x onerror")


def hostile(field: str) -> str:
    """The hostile text with the field's name in front, to see that each field shows."""
    return f"{field}:{HOSTILE}"


def shown_escaped(field: str) -> str:
    return escape(hostile(field))


def assert_safe(html: str, *fields: str) -> None:
    """No hostile markup survives, and each named field shows literally."""
    for markup in RAW_MARKUP:
        assert markup not in html
    missing = [field for field in fields if shown_escaped(field) not in html]
    assert missing == []


@pytest.fixture
def hostile_plan(delft_plan, alice, checklist):
    """A Delft plan with hostile text in every free-text field."""
    plan = delft_plan
    services.save_details(
        plan, alice, expected_revision=plan.revision, title=hostile("titel")[:200]
    )
    plan.refresh_from_db()
    for slug in ("hoofddoel", "maatschappelijk-vraagstuk", "doelgroep"):
        item = ChecklistItem.objects.filter(section__checklist=checklist, slug=slug).first()
        if item:
            plan.answers.create(item=item, value=hostile(f"antwoord-{slug}"))
    goal = plan.sub_goals.create(
        description=hostile("subdoel"),
        indicator=hostile("indicator"),
        target_value=hostile("streef")[:120],
    )
    plan.stakeholders.create(
        name=hostile("betrokkene"), role=hostile("rol"), responsibility=hostile("taak")
    )
    AdoptedElement.objects.create(
        plan=plan, element=EffectiveElement.objects.get(), note=hostile("toepassing")
    )
    effect = PlannedEvaluationFactory(
        plan=plan,
        kind="effectevaluatie",
        questions=hostile("evaluatievraag"),
        provider_agreement=True,
        provider_agreement_note=hostile("afspraak"),
        culture_sensitive=True,
        culture_note=hostile("cultuur"),
        respondents=["ouders"],
        methods=["interviews"],
    )
    IndicatorFactory(
        evaluation=effect,
        sub_goal=goal,
        name=hostile("meetpunt"),
        instrument=hostile("instrument"),
        target=hostile("doelwaarde"),
    )
    EvaluationMomentFactory(evaluation=effect, label=hostile("moment"), date="2027-06-01")
    plan.refresh_from_db()
    plan.effect = effect
    return plan


PLAN_TEXT = ["titel", "subdoel", "indicator", "betrokkene", "rol", "taak", "toepassing"]
EVALUATION_TEXT = ["evaluatievraag", "meetpunt", "instrument", "moment"]


def test_the_plan_overview_shows_every_field_escaped(client, alice, hostile_plan):
    client.force_login(alice)
    html = client.get(hostile_plan.get_absolute_url()).content.decode()
    assert_safe(html, *PLAN_TEXT, "antwoord-hoofddoel")
    assert "8{% debug %}" not in html and "{{ 7|add:1 }}" in html


@pytest.mark.parametrize(
    "url_name",
    ["wizard:plan_review", "wizard:plan_history", "wizard:plan_details", "pdf:plan_pdf_preview"],
)
def test_plan_pages_show_the_title_escaped(client, alice, hostile_plan, url_name):
    client.force_login(alice)
    html = client.get(reverse(url_name, args=[hostile_plan.pk])).content.decode()
    assert_safe(html, "titel")


def test_the_pdf_preview_shows_every_field_escaped(client, alice, hostile_plan):
    client.force_login(alice)
    html = client.get(reverse("pdf:plan_pdf_preview", args=[hostile_plan.pk]))
    assert_safe(html.content.decode(), *PLAN_TEXT, *EVALUATION_TEXT, "antwoord-hoofddoel")


def test_every_wizard_step_keeps_the_text_inert_in_its_fields(client, alice, hostile_plan):
    client.force_login(alice)
    html = ""
    for section in hostile_plan.checklist.sections.all():
        url = reverse("wizard:plan_step", args=[hostile_plan.pk, section.slug])
        html += client.get(url).content.decode()
    assert_safe(html, "antwoord-hoofddoel", "subdoel", "betrokkene", "taak", "toepassing")


def test_mijn_plannen_and_the_voorbeeldplannen_list_show_the_title_escaped(
    client, alice, bob, hostile_plan
):
    client.force_login(alice)
    assert_safe(client.get(reverse("wizard:plan_list")).content.decode(), "titel")
    services.set_sharing(hostile_plan, alice, is_example_plan=True)
    client.force_login(bob)
    assert_safe(client.get(reverse("wizard:plan_list")).content.decode(), "titel")


def test_the_history_of_a_copy_quotes_the_hostile_title_escaped(client, bob, alice, hostile_plan):
    services.set_sharing(hostile_plan, alice, is_example_plan=True)
    client.force_login(bob)
    copy = client.post(reverse("wizard:plan_duplicate", args=[hostile_plan.pk]))
    history = client.get(copy.url.rstrip("/") + "/geschiedenis/").content.decode()
    assert_safe(history, "titel")


def test_the_evaluation_plan_pages_show_every_field_escaped(client, alice, hostile_plan):
    client.force_login(alice)
    kwargs = {"pk": hostile_plan.pk, "evaluation_pk": hostile_plan.effect.pk}
    overview = client.get(reverse("evaluation_plan:overview", args=[hostile_plan.pk]))
    assert_safe(overview.content.decode(), "titel", "moment")
    edit = client.get(reverse("evaluation_plan:edit", kwargs=kwargs)).content.decode()
    assert_safe(edit, "evaluatievraag", "afspraak", "cultuur", "meetpunt", "instrument")
    uitvraag = client.get(reverse("evaluation_plan:request", kwargs=kwargs)).content.decode()
    assert_safe(uitvraag, "titel", "meetpunt", "cultuur", "moment")


def test_a_search_query_is_shown_escaped(client, db):
    response = client.get(reverse("search"), {"q": hostile("zoekvraag")})
    assert_safe(response.content.decode(), "zoekvraag")


@pytest.fixture
def hostile_catalogue(parenting):
    """Catalogue text as a careless import could bring it in."""
    parenting.name = hostile("typenaam")
    parenting.description = hostile("typetekst") + " weerbaarheid"
    parenting.save()
    element = EffectiveElement.objects.get()
    element.title = hostile("elementtitel")
    element.explanation = hostile("elementuitleg") + " weerbaarheid"
    element.save()
    LessonLearned.objects.filter(slug="heldere-visie-test").update(
        title=hostile("lestitel"), explanation=hostile("lesuitleg") + " weerbaarheid"
    )
    intervention = InterventionFactory(
        slug="weerbaar-test",
        name=hostile("interventienaam"),
        intervention_type=parenting,
        summary="Training voor ouders.",
        description=hostile("interventietekst") + " weerbaarheid",
        target_group="ouders",
        prevention_level="risicogroepen",
    )
    EvaluationFactory(  # published, public
        slug="evaluatie-weerbaar-test",
        title=hostile("evaluatietitel"),
        year=2022,
        evaluator=hostile("evaluator"),
        findings=hostile("bevindingen") + " weerbaarheid",
        types=[parenting],
        effective_elements=[element],
    )
    return {"type": parenting, "element": element, "intervention": intervention}


def test_curated_catalogue_text_is_shown_escaped_on_public_pages(client, hostile_catalogue):
    pages = {
        reverse("home"): ["typenaam"],
        hostile_catalogue["type"].get_absolute_url(): ["typenaam", "elementtitel", "lestitel"],
        hostile_catalogue["element"].get_absolute_url(): ["elementtitel", "elementuitleg"],
        hostile_catalogue["intervention"].get_absolute_url(): ["interventienaam"],
        reverse("interventions:lesson_list"): ["lestitel"],
        reverse("interventions:lesson_detail", args=["heldere-visie-test"]): ["lesuitleg"],
        reverse("evaluations:evaluation_list"): ["evaluatietitel"],
        reverse("evaluations:evaluation_detail", args=["evaluatie-weerbaar-test"]): [
            "evaluatietitel",
            "bevindingen",
        ],
        reverse("evaluations:matrix"): [],
    }
    for url, fields in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe(response.content.decode(), *fields)


def test_search_highlights_stay_escaped_around_the_matched_words(client, hostile_catalogue):
    html = client.get(reverse("search"), {"q": "weerbaarheid"}).content.decode()
    for markup in RAW_MARKUP:
        assert markup not in html
    assert "<mark>weerbaarheid</mark>" in html
    assert escape("<script>alert(1)</script>") in html
    html = client.get(reverse("search"), {"q": "onerror alert"}).content.decode()
    for markup in RAW_MARKUP:
        assert markup not in html
