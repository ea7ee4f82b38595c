"""A plan's history stores an action code with its data and makes the sentence when it is
shown, in the reader's language (checklists/history.py); migration 0010 read the
sentences stored before back into codes and data."""

import importlib
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from checklists import history
from checklists.evaluation_plan import services as evaluation_services
from checklists.models import PlanChange
from checklists.wizard import services

legacy = importlib.import_module("checklists.migrations.0010_planchange_summary_to_action")

# Data for each action code, and its sentence in Dutch and in English.
SAMPLES = {
    "plan.created": ({}, "Plan aangemaakt", "Plan created"),
    "plan.details_changed": ({}, "Gegevens van het plan gewijzigd", "Plan details changed"),
    "plan.step_saved": (
        {"answers": 2, "list": True},
        "2 antwoorden gewijzigd, lijst bijgewerkt",
        "2 answers changed, list updated",
    ),
    "plan.finalised": ({}, "Plan definitief gemaakt", "Plan made final"),
    "plan.version_created": (
        {"version": 3},
        "Versie 3 gemaakt op basis van de definitieve versie",
        "Version 3 created from the final version",
    ),
    "plan.version_deleted": (
        {"version": 2},
        "Conceptversie 2 verwijderd",
        "Draft version 2 deleted",
    ),
    "plan.copied": (
        {"title": "Weerbaar", "municipality": "Utrecht"},
        "Gekopieerd van het voorbeeldplan ‘Weerbaar’ van Utrecht",
        "Copied from the example plan ‘Weerbaar’ of Utrecht",
    ),
    "plan.archived": ({}, "Plan gearchiveerd", "Plan archived"),
    "plan.restored": ({}, "Plan teruggehaald", "Plan restored"),
    "plan.shared_with_ess": ({}, "Gedeeld met ESS", "Shared with ESS"),
    "plan.ess_sharing_withdrawn": ({}, "Delen met ESS ingetrokken", "Sharing with ESS withdrawn"),
    "plan.published_as_example": (
        {},
        "Gepubliceerd als voorbeeldplan",
        "Published as example plan",
    ),
    "plan.example_withdrawn": ({}, "Voorbeeldplan ingetrokken", "Example plan withdrawn"),
    "element.adopted": (
        {"title": "Werven"},
        "Werkzaam element ‘Werven’ overgenomen",
        "Effective element ‘Werven’ adopted",
    ),
    "element.note_changed": (
        {"title": "Werven"},
        "Toelichting bij werkzaam element ‘Werven’ gewijzigd",
        "Explanation of effective element ‘Werven’ changed",
    ),
    "element.removed": (
        {"title": "Werven"},
        "Werkzaam element ‘Werven’ verwijderd",
        "Effective element ‘Werven’ removed",
    ),
    "evaluation.added": (
        {"kind": "effectevaluatie"},
        "Effectevaluatie toegevoegd aan het evaluatieplan",
        "Effect evaluation added to the evaluation plan",
    ),
    "evaluation.changed": (
        {"kind": "procesevaluatie"},
        "Evaluatieplan gewijzigd: procesevaluatie",
        "Evaluation plan changed: process evaluation",
    ),
    "evaluation.removed": (
        {"kind": "planevaluatie"},
        "Planevaluatie verwijderd uit het evaluatieplan",
        "Plan evaluation removed from the evaluation plan",
    ),
    "evaluation.indicator_adopted": (
        {"name": "Bereik"},
        "Indicator ‘Bereik’ overgenomen uit de bibliotheek",
        "Indicator ‘Bereik’ added from the library",
    ),
    "evaluation.sub_goal_measured": (
        {"name": "Bereik", "kind": "effectevaluatie"},
        "Indicator ‘Bereik’ van een subdoel toegevoegd aan de effectevaluatie",
        "Indicator ‘Bereik’ of a sub-goal added to the effect evaluation",
    ),
    "evaluation.checklist_updated": (
        {"kind": "effectevaluatie"},
        "Checklist effectevaluatie bijgewerkt",
        "Checklist for the effect evaluation updated",
    ),
    "review.invited": (
        {"name": "Carla"},
        "Carla uitgenodigd voor de planevaluatie",
        "Carla invited for the plan evaluation",
    ),
    "review.submitted": (
        {"name": "Carla"},
        "Beoordeling van Carla ingediend",
        "Review by Carla submitted",
    ),
    "review.reopened": (
        {"name": "Carla"},
        "Beoordeling van Carla heropend",
        "Review by Carla reopened",
    ),
    "review.outcome_recorded": (
        {},
        "Bevindingen van de planevaluatie vastgelegd",
        "Findings of the plan evaluation recorded",
    ),
    "note": ({"text": "Iets anders"}, "Iets anders", "Iets anders"),
}


def test_every_action_has_a_sample_here():
    assert set(SAMPLES) == set(history.ACTIONS)


@pytest.mark.parametrize("action", SAMPLES)
def test_each_action_reads_in_the_readers_language(action):
    data, dutch, english = SAMPLES[action]
    change = PlanChange(action=action, data=data)
    with translation.override("nl"):
        assert change.description == dutch
    with translation.override("en"):
        assert change.description == english


def test_a_dutch_writers_changes_read_in_english_for_an_english_reader(
    client, alice, dirk, delft_plan
):
    section = delft_plan.checklist.sections.get(slug="evaluatie")
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={section.items.get(slug="nulmeting"): "ja"},
        expected_revision=delft_plan.revision,
    )
    services.set_sharing(delft_plan, alice, shared_with_ess=True)
    evaluation_services.add_evaluation(delft_plan, alice, "effectevaluatie")
    # Nothing in the writer's language is stored: codes and data only.
    assert list(delft_plan.changes.values_list("action", "data")) == [
        ("evaluation.added", {"kind": "effectevaluatie"}),
        ("plan.shared_with_ess", {}),
        ("plan.step_saved", {"answers": 1, "list": False}),
        ("plan.created", {}),
    ]

    client.force_login(dirk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # what the language switch sets
    page = client.get(reverse("wizard:plan_history", args=[delft_plan.pk])).content.decode()
    for english in (
        "Effect evaluation added to the evaluation plan",
        "Shared with ESS",
        "1 answer changed",
        "Plan created",
    ):
        assert english in page
    for dutch in ("toegevoegd aan het evaluatieplan", "Gedeeld met ESS", "Plan aangemaakt"):
        assert dutch not in page


def test_an_english_writers_changes_read_in_dutch_for_a_dutch_reader(
    client, alice, bob, utrecht_plan
):
    services.set_sharing(utrecht_plan, bob, is_example_plan=True)
    with translation.override("en"):
        copy = services.duplicate_plan(utrecht_plan, alice, title="Onze versie")
        evaluation_services.add_evaluation(copy, alice, "procesevaluatie")

    client.force_login(alice)
    page = client.get(reverse("wizard:plan_history", args=[copy.pk])).content.decode()
    assert "Gekopieerd van het voorbeeldplan ‘Ouders in Kanaleneiland’ van Utrecht" in page
    assert "Procesevaluatie toegevoegd aan het evaluatieplan" in page
    assert "Copied from" not in page and "Process evaluation" not in page


def test_a_copy_of_an_own_plan_does_not_name_the_municipality(alice, delft_plan):
    copy = services.duplicate_plan(delft_plan, alice)
    change = copy.changes.get()
    assert change.data == {"title": "Weerbaar opvoeden Delft-Noord", "municipality": None}
    assert change.description == "Gekopieerd van ‘Weerbaar opvoeden Delft-Noord’"


def test_a_step_line_merges_and_takes_the_data_of_the_last_save(alice, delft_plan):
    section = delft_plan.checklist.sections.get(slug="vraagstuk-en-visie")
    items = {item.slug: item for item in section.items.all()}
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={items["maatschappelijk-vraagstuk"]: "Eenzaamheid", items["visie"]: "Samen"},
        expected_revision=delft_plan.revision,
    )
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={items["visie"]: "Samen sterk"},
        expected_revision=delft_plan.revision,
    )
    line = PlanChange.objects.get(plan=delft_plan, section=section)
    assert line.data == {"answers": 1, "list": False}
    assert line.section_title == section.title


def test_lines_without_a_section_merge_only_with_the_same_action_and_data(alice, delft_plan):
    def changed(kind):
        history.record(delft_plan, alice, "evaluation.changed", {"kind": kind}, merge=True)

    changed("effectevaluatie")
    changed("procesevaluatie")
    changed("effectevaluatie")
    history.record(delft_plan, alice, "plan.details_changed", merge=True)
    assert sorted(delft_plan.changes.values_list("action", "data__kind")) == [
        ("evaluation.changed", "effectevaluatie"),
        ("evaluation.changed", "procesevaluatie"),
        ("plan.created", None),
        ("plan.details_changed", None),
    ]


def test_after_the_merge_window_a_new_line_begins(alice, delft_plan):
    history.record(delft_plan, alice, "plan.details_changed", merge=True)
    delft_plan.changes.filter(action="plan.details_changed").update(
        created_at=delft_plan.created_at - history.HISTORY_MERGE_WINDOW - timedelta(minutes=1)
    )
    history.record(delft_plan, alice, "plan.details_changed", merge=True)
    assert delft_plan.changes.filter(action="plan.details_changed").count() == 2


def test_an_unknown_action_is_refused(alice, delft_plan):
    with pytest.raises(ValueError):
        history.record(delft_plan, alice, "plan.vanished")


def test_a_line_that_cannot_be_read_shows_its_code_instead_of_breaking_the_page():
    assert PlanChange(action="plan.copied", data={}).description == "plan.copied"
    assert PlanChange(action="plan.vanished", data={}).description == "plan.vanished"


@pytest.mark.parametrize(
    "summary, action, data",
    [
        ("Plan aangemaakt", "plan.created", {}),
        ("Plan created", "plan.created", {}),
        ("1 antwoord gewijzigd", "plan.step_saved", {"answers": 1, "list": False}),
        ("2 answers changed, list updated", "plan.step_saved", {"answers": 2, "list": True}),
        ("lijst bijgewerkt", "plan.step_saved", {"answers": 0, "list": True}),
        (
            "Gekopieerd van het voorbeeldplan ‘Weerbaar’ van Utrecht",
            "plan.copied",
            {"title": "Weerbaar", "municipality": "Utrecht"},
        ),
        ("Copied from ‘Weerbaar’", "plan.copied", {"title": "Weerbaar", "municipality": None}),
        (
            "Effectevaluatie toegevoegd aan het evaluatieplan",
            "evaluation.added",
            {"kind": "effectevaluatie"},
        ),
        (
            "Evaluation plan changed: process evaluation",
            "evaluation.changed",
            {"kind": "procesevaluatie"},
        ),
        (
            "Indicator ‘hulpadres’ of a sub-goal added to the effect evaluation",
            "evaluation.sub_goal_measured",
            {"name": "hulpadres", "kind": "effectevaluatie"},
        ),
        (
            "Versie 3 gemaakt op basis van de definitieve versie",
            "plan.version_created",
            {"version": 3},
        ),
        ("Review by Carla de Vries submitted", "review.submitted", {"name": "Carla de Vries"}),
        # Not an evaluation's name, so not the evaluation sentence.
        (
            "Iets toegevoegd aan het evaluatieplan",
            "note",
            {"text": "Iets toegevoegd aan het evaluatieplan"},
        ),
        (
            "Gedeeld met ESS, Gepubliceerd als voorbeeldplan",
            "note",
            {"text": "Gedeeld met ESS, Gepubliceerd als voorbeeldplan"},
        ),
        ("Iets heel anders", "note", {"text": "Iets heel anders"}),
    ],
)
def test_the_migration_reads_old_dutch_and_english_sentences(summary, action, data):
    assert legacy.legacy_action(summary) == (action, data)
    assert action in history.ACTIONS


# Codes added after migration 0010: no sentence of before the codes can be one of them.
NEWER_THAN_THE_MIGRATION = {"review.reopened", "plan.version_deleted"}


@pytest.mark.parametrize("action", sorted(set(SAMPLES) - NEWER_THAN_THE_MIGRATION))
def test_backwards_the_migration_writes_the_dutch_sentence(action):
    data, dutch, _english = SAMPLES[action]
    assert legacy.dutch_summary(action, data) == dutch
    assert legacy.legacy_action(dutch) == (action, data)
