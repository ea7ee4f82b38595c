"""History lines stored a sentence in the writer's language (Dutch, or English after the
language switch); from now on they store an action code and its data
(checklists/history.py). This reads the old sentences back into codes and data.

The sentences are kept here as they were written, not taken from checklists/history.py,
so this migration keeps reading them when the messages there change. A sentence that
matches none (for instance two sharing changes in one line) becomes a "note" that shows
its text as it was. Backwards, the Dutch sentence is written again."""

import re

from django.db import migrations

SUMMARY_LENGTH = 300

# The kinds of evaluation as the sentences named them (in any case) -> the kind's code.
KINDS = {
    "planevaluatie": "planevaluatie",
    "plan evaluation": "planevaluatie",
    "procesevaluatie": "procesevaluatie",
    "process evaluation": "procesevaluatie",
    "effectevaluatie": "effectevaluatie",
    "effect evaluation": "effectevaluatie",
}

# (action, Dutch sentence, English sentence), the placeholders named after the action's
# data; %(kind)s is a kind of evaluation (see KINDS), a %d placeholder a number. The
# more specific of two sentences that begin alike comes first.
SENTENCES = [
    ("plan.created", "Plan aangemaakt", "Plan created"),
    ("plan.details_changed", "Gegevens van het plan gewijzigd", "Plan details changed"),
    ("plan.finalised", "Plan definitief gemaakt", "Plan made final"),
    (
        "plan.version_created",
        "Versie %(version)d gemaakt op basis van de definitieve versie",
        "Version %(version)d created from the final version",
    ),
    (
        "plan.copied",
        "Gekopieerd van het voorbeeldplan ‘%(title)s’ van %(municipality)s",
        "Copied from the example plan ‘%(title)s’ of %(municipality)s",
    ),
    ("plan.copied", "Gekopieerd van ‘%(title)s’", "Copied from ‘%(title)s’"),
    ("plan.archived", "Plan gearchiveerd", "Plan archived"),
    ("plan.restored", "Plan teruggehaald", "Plan restored"),
    ("plan.shared_with_ess", "Gedeeld met ESS", "Shared with ESS"),
    ("plan.ess_sharing_withdrawn", "Delen met ESS ingetrokken", "Sharing with ESS withdrawn"),
    ("plan.published_as_example", "Gepubliceerd als voorbeeldplan", "Published as example plan"),
    ("plan.example_withdrawn", "Voorbeeldplan ingetrokken", "Example plan withdrawn"),
    (
        "element.adopted",
        "Werkzaam element ‘%(title)s’ overgenomen",
        "Effective element ‘%(title)s’ adopted",
    ),
    (
        "element.note_changed",
        "Toelichting bij werkzaam element ‘%(title)s’ gewijzigd",
        "Explanation of effective element ‘%(title)s’ changed",
    ),
    (
        "element.removed",
        "Werkzaam element ‘%(title)s’ verwijderd",
        "Effective element ‘%(title)s’ removed",
    ),
    (
        "evaluation.added",
        "%(kind)s toegevoegd aan het evaluatieplan",
        "%(kind)s added to the evaluation plan",
    ),
    (
        "evaluation.changed",
        "Evaluatieplan gewijzigd: %(kind)s",
        "Evaluation plan changed: %(kind)s",
    ),
    (
        "evaluation.removed",
        "%(kind)s verwijderd uit het evaluatieplan",
        "%(kind)s removed from the evaluation plan",
    ),
    (
        "evaluation.indicator_adopted",
        "Indicator ‘%(name)s’ overgenomen uit de bibliotheek",
        "Indicator ‘%(name)s’ added from the library",
    ),
    (
        "evaluation.sub_goal_measured",
        "Indicator ‘%(name)s’ van een subdoel toegevoegd aan de %(kind)s",
        "Indicator ‘%(name)s’ of a sub-goal added to the %(kind)s",
    ),
    (
        "evaluation.checklist_updated",
        "Checklist %(kind)s bijgewerkt",
        "Checklist for the %(kind)s updated",
    ),
    (
        "review.invited",
        "%(name)s uitgenodigd voor de planevaluatie",
        "%(name)s invited for the plan evaluation",
    ),
    ("review.submitted", "Beoordeling van %(name)s ingediend", "Review by %(name)s submitted"),
    (
        "review.outcome_recorded",
        "Bevindingen van de planevaluatie vastgelegd",
        "Findings of the plan evaluation recorded",
    ),
]

# A step's save: "2 antwoorden gewijzigd", "lijst bijgewerkt" or both, joined by ", ".
STEP_ANSWERS = re.compile(r"(\d+) (?:antwoord(?:en)? gewijzigd|answers? changed)")
STEP_LIST = {"lijst bijgewerkt", "list updated"}

_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)([sd])")


def _pattern(sentence: str) -> re.Pattern:
    def group(match):
        name, kind = match.groups()
        return f"(?P<{name}>\\d+)" if kind == "d" else f"(?P<{name}>.+)"

    return re.compile(_PLACEHOLDER.sub(group, re.escape(sentence)), re.DOTALL)


PATTERNS = [
    (
        action,
        _pattern(sentence),
        {name for name, kind in re.findall(r"%\((\w+)\)([sd])", sentence) if kind == "d"},
    )
    for action, dutch, english in SENTENCES
    for sentence in (dutch, english)
]


def _step_saved(summary: str) -> dict | None:
    parts = summary.split(", ")
    data = {"answers": 0, "list": False}
    if (match := STEP_ANSWERS.fullmatch(parts[0])) is not None:
        data["answers"] = int(match.group(1))
        parts = parts[1:]
    if parts and parts[0] in STEP_LIST:
        data["list"] = True
        parts = parts[1:]
    if parts or not (data["answers"] or data["list"]):
        return None
    return data


def legacy_action(summary: str) -> tuple[str, dict]:
    """The action code and data of a sentence history stored before codes, Dutch or
    English; ("note", {"text": summary}) for one that matches none."""
    step = _step_saved(summary)
    if step is not None:
        return "plan.step_saved", step
    for action, pattern, numbers in PATTERNS:
        match = pattern.fullmatch(summary)
        if match is None:
            continue
        data = match.groupdict()
        if "kind" in data:
            data["kind"] = KINDS.get(data["kind"].lower())
            if data["kind"] is None:  # not an evaluation's name: another sentence's
                continue
        for name in numbers:
            data[name] = int(data[name])
        if action == "plan.copied":
            data.setdefault("municipality", None)
        return action, data
    return "note", {"text": summary}


def dutch_summary(action: str, data: dict) -> str:
    """The Dutch sentence of an action code and its data, as history stored it before."""
    if action == "note":
        return str(data.get("text", ""))[:SUMMARY_LENGTH]
    if action == "plan.step_saved":
        parts = []
        if n := data.get("answers"):
            parts.append(f"{n} antwoord gewijzigd" if n == 1 else f"{n} antwoorden gewijzigd")
        if data.get("list"):
            parts.append("lijst bijgewerkt")
        return ", ".join(parts)[:SUMMARY_LENGTH]
    for known, dutch, _english in SENTENCES:
        if known != action:
            continue
        if action == "plan.copied" and bool(data.get("municipality")) != (
            "%(municipality)s" in dutch
        ):
            continue
        values = dict(data)
        if "kind" in values and dutch.startswith("%(kind)s"):
            values["kind"] = str(values["kind"]).capitalize()
        try:
            return (dutch % values)[:SUMMARY_LENGTH]
        except (KeyError, TypeError, ValueError):
            break
    return action[:SUMMARY_LENGTH]


def summaries_to_actions(apps, schema_editor):
    PlanChange = apps.get_model("checklists", "PlanChange")
    # One UPDATE per distinct sentence: most lines share theirs ("Plan aangemaakt").
    summaries = PlanChange.objects.order_by().values_list("summary", flat=True).distinct()
    for summary in list(summaries):
        action, data = legacy_action(summary)
        PlanChange.objects.filter(summary=summary).update(action=action, data=data)


def actions_to_summaries(apps, schema_editor):
    PlanChange = apps.get_model("checklists", "PlanChange")
    lines = PlanChange.objects.order_by().values_list("action", "data").distinct()
    for action, data in list(lines):
        summary = dutch_summary(action, data)
        PlanChange.objects.filter(action=action, data=data).update(summary=summary)


class Migration(migrations.Migration):
    dependencies = [
        ("checklists", "0009_planchange_action_data"),
    ]

    operations = [
        migrations.RunPython(summaries_to_actions, actions_to_summaries),
    ]
