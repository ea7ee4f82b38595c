"""A plan's history: the one place that writes it and turns it into sentences.

In the pattern of pretix's `log_action`, a line stores what happened as an action code
with its data (a number, a title or a name as it was at the time), never a sentence. The
sentence is made when the line is shown, in the reader's language: a line written by a
Dutch-speaking editor reads in English for an English-speaking colleague, and the other
way round. ACTIONS is the registry; a new kind of line is a new code there, with its
message in the catalogue (locale/en/LC_MESSAGES/django.po)."""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from checklists.models import PlanChange
from checklists.models.checklist import ChecklistKind

logger = logging.getLogger(__name__)

# Autosave fires every few seconds while typing; history keeps one line per person and
# section per such stretch of work instead of one line per keystroke pause.
HISTORY_MERGE_WINDOW = timedelta(minutes=15)


def _sentence(message, **fill) -> Callable[[dict], str]:
    """A message whose placeholders are the line's data. `fill` makes a placeholder from
    the data differently (placeholder -> function of the data). An evaluation's `kind` is
    stored as its code and named in the reader's language; at the start of the sentence
    with a capital."""

    def render(data: dict) -> str:
        text = str(message)
        values = dict(data)
        if "kind" in data:
            label = str(ChecklistKind(data["kind"]).label)
            values["kind"] = label[:1].upper() + label[1:] if text.startswith("%(kind)") else label
        values.update({name: make(data) for name, make in fill.items()})
        return text % values

    return render


def _step_saved(data: dict) -> str:
    """{"answers": number of changed answers, "list": whether the step's list changed}"""
    parts = []
    if data.get("answers"):
        n = data["answers"]
        parts.append(
            ngettext("%(n)d antwoord gewijzigd", "%(n)d antwoorden gewijzigd", n) % {"n": n}
        )
    if data.get("list"):
        parts.append(str(_("lijst bijgewerkt")))
    return ", ".join(parts)


_copied_from_own = _sentence(_("Gekopieerd van ‘%(title)s’"))
_copied_from_example = _sentence(
    _("Gekopieerd van het voorbeeldplan ‘%(title)s’ van %(municipality)s")
)


def _copied(data: dict) -> str:
    """{"title": the source plan's title, "municipality": its municipality's name when it
    was another municipality's voorbeeldplan, else None}"""
    return (_copied_from_example if data.get("municipality") else _copied_from_own)(data)


# Action code -> the function that makes its sentence from the line's data. The comment
# after a code names its data.
ACTIONS: dict[str, Callable[[dict], str]] = {
    "plan.created": _sentence(_("Plan aangemaakt")),
    "plan.details_changed": _sentence(_("Gegevens van het plan gewijzigd")),
    "plan.step_saved": _step_saved,  # {"answers": n, "list": bool}
    "plan.finalised": _sentence(_("Plan definitief gemaakt")),
    "plan.version_created": _sentence(  # {"version": n}
        _("Versie %(n)d gemaakt op basis van de definitieve versie"),
        n=lambda data: data["version"],
    ),
    "plan.version_deleted": _sentence(  # {"version": n}
        _("Conceptversie %(n)d verwijderd"),
        n=lambda data: data["version"],
    ),
    "plan.copied": _copied,  # {"title", "municipality": name or None}
    "plan.archived": _sentence(_("Plan gearchiveerd")),
    "plan.restored": _sentence(_("Plan teruggehaald")),
    "plan.shared_with_ess": _sentence(_("Gedeeld met ESS")),
    "plan.ess_sharing_withdrawn": _sentence(_("Delen met ESS ingetrokken")),
    "plan.published_as_example": _sentence(_("Gepubliceerd als voorbeeldplan")),
    "plan.example_withdrawn": _sentence(_("Voorbeeldplan ingetrokken")),
    "element.adopted": _sentence(_("Werkzaam element ‘%(title)s’ overgenomen")),  # {"title"}
    "element.note_changed": _sentence(  # {"title"}
        _("Toelichting bij werkzaam element ‘%(title)s’ gewijzigd")
    ),
    "element.removed": _sentence(_("Werkzaam element ‘%(title)s’ verwijderd")),  # {"title"}
    "evaluation.added": _sentence(  # {"kind": code}
        _("%(kind)s toegevoegd aan het evaluatieplan")
    ),
    "evaluation.changed": _sentence(_("Evaluatieplan gewijzigd: %(kind)s")),  # {"kind"}
    "evaluation.removed": _sentence(  # {"kind"}
        _("%(kind)s verwijderd uit het evaluatieplan")
    ),
    "evaluation.indicator_adopted": _sentence(  # {"name": the indicator's}
        _("Indicator ‘%(name)s’ overgenomen uit de bibliotheek")
    ),
    "evaluation.sub_goal_measured": _sentence(  # {"name": the indicator's, "kind"}
        _("Indicator ‘%(name)s’ van een subdoel toegevoegd aan de %(kind)s")
    ),
    "evaluation.checklist_updated": _sentence(_("Checklist %(kind)s bijgewerkt")),  # {"kind"}
    "review.invited": _sentence(_("%(name)s uitgenodigd voor de planevaluatie")),  # {"name"}
    "review.submitted": _sentence(_("Beoordeling van %(name)s ingediend")),  # {"name"}
    "review.reopened": _sentence(_("Beoordeling van %(name)s heropend")),  # {"name"}
    "review.outcome_recorded": _sentence(_("Bevindingen van de planevaluatie vastgelegd")),
    # A line from before history stored codes whose sentence matched no code (migration
    # 0010): its text as it was written.
    "note": lambda data: data["text"],  # {"text"}
}


def record(plan, user, action: str, data: dict | None = None, *, section=None, merge=False):
    """A line in the plan's history: `action` is a code of ACTIONS, `data` what its
    sentence needs (JSON: numbers, strings, booleans, None).

    `merge`: renew the line of the same stretch of work (same person and section, within
    HISTORY_MERGE_WINDOW) instead of adding one; the renewed line takes the new action and
    data (a step's line says what its last save changed). Lines without a section come
    from many kinds of change, so they merge only with a line of the same action and the
    same data: "Plan aangemaakt" or another evaluation's line stays. Callers hold the
    plan's row lock, so two saves cannot both add the stretch's line."""
    if action not in ACTIONS:
        raise ValueError(f"unknown history action {action!r}")
    data = data or {}
    now = timezone.now()
    if merge:
        stretch = PlanChange.objects.filter(
            plan=plan, user=user, section=section, created_at__gte=now - HISTORY_MERGE_WINDOW
        )
        if section is None:
            stretch = stretch.filter(action=action, data=data)
        if stretch.update(action=action, data=data, created_at=now):
            return
    PlanChange.objects.create(
        plan=plan,
        user=user,
        section=section,
        section_title=section.title if section else "",
        action=action,
        data=data,
        created_at=now,
    )


def describe(change: PlanChange) -> str:
    """The line as a sentence in the active language. A line this code cannot read (an
    unknown code, data that does not fit) shows its code rather than break the page."""
    render = ACTIONS.get(change.action)
    if render is not None:
        try:
            return render(change.data or {})
        except (KeyError, TypeError, ValueError):
            pass
    logger.warning("history line %s: cannot describe %r %r", change.pk, change.action, change.data)
    return change.action
