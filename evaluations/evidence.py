"""How strong is the evidence behind a claim in the catalogue.

This module is the single place where the evidence scale is defined. The public page
"Over de bewijskracht" and docs/evidence.md both describe `RUNGS`; change a rule here
and the page follows.

The scale follows the Dutch recognition ladder of the intervention databanks (NJi,
Movisie, Loket Gezond Leven): goed beschreven → goed onderbouwd → eerste / goede /
sterke aanwijzingen voor effectiviteit. The databanks judge a whole intervention on its
documentation and theory; we only have evaluations, so each rung is translated into a
rule about the *published* evaluations that support a claim (confidential ones count,
anonymously). A rung is a floor, not a quality mark: it says what kind of study exists.
"""

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from evaluations.models import Access, Design, Evaluation, Kind, Verdict
from interventions.models import EffectiveElement, Intervention, InterventionType, LessonLearned

#: Weakest to strongest for claims about effects. 'Strongest design' uses this order.
DESIGN_STRENGTH = [
    Design.DESCRIPTIVE,
    Design.QUALITATIVE,
    Design.REALIST,
    Design.PRE_POST,
    Design.QUASI_EXPERIMENTAL,
    Design.RCT,
]
#: Designs with a comparison group: the only ones that can separate an effect from chance.
CONTROLLED_DESIGNS = frozenset({Design.QUASI_EXPERIMENTAL, Design.RCT})
#: Designs that look at how and why an approach works, not only at what was done.
EXPLANATORY_DESIGNS = frozenset(DESIGN_STRENGTH[1:])
POSITIVE_VERDICTS = frozenset({Verdict.PROVEN, Verdict.INDICATIONS})

#: For each kind of object: the Evaluation relation that says "this evaluation supports it".
RELATION_BY_MODEL = {
    EffectiveElement: "effective_elements",
    LessonLearned: "lessons",
    Intervention: "interventions",
    InterventionType: "types",
}


class EvidenceLevel(models.IntegerChoices):
    NONE = 0, _("geen evaluaties")
    DESCRIBED = 1, _("goed beschreven")
    FOUNDED = 2, _("goed onderbouwd")
    FIRST_INDICATIONS = 3, _("eerste aanwijzingen voor effectiviteit")
    GOOD_INDICATIONS = 4, _("goede aanwijzingen voor effectiviteit")
    STRONG_INDICATIONS = 5, _("sterke aanwijzingen voor effectiviteit")


@dataclass(frozen=True)
class StudyCounts:
    """Published evaluations behind one claim, counted per (kind, design, verdict)."""

    cells: dict[tuple[str, str, str], int] = field(default_factory=dict)
    public: int = 0
    examples: int = 0

    @property
    def total(self) -> int:
        return sum(self.cells.values())

    def count(self, kinds=None, designs=None, verdicts=None) -> int:
        return sum(
            n
            for (kind, design, verdict), n in self.cells.items()
            if (kinds is None or kind in kinds)
            and (designs is None or design in designs)
            and (verdicts is None or verdict in verdicts)
        )


@dataclass(frozen=True)
class Rung:
    level: EvidenceLevel
    rule: str
    applies: Callable[[StudyCounts], bool]


def _positive_effect(counts: StudyCounts, designs) -> int:
    return counts.count(kinds={Kind.EFFECT}, designs=designs, verdicts=POSITIVE_VERDICTS)


#: The scale, strongest rung first; the first rung whose rule applies is the label.
RUNGS = [
    Rung(
        EvidenceLevel.STRONG_INDICATIONS,
        _(
            "Minstens twee effectevaluaties met een vergelijkingsgroep (quasi-experimenteel "
            "of RCT) vinden positieve effecten, en minstens één daarvan is een RCT."
        ),
        lambda c: (
            _positive_effect(c, CONTROLLED_DESIGNS) >= 2 and _positive_effect(c, {Design.RCT}) >= 1
        ),
    ),
    Rung(
        EvidenceLevel.GOOD_INDICATIONS,
        _(
            "Minstens één effectevaluatie met een vergelijkingsgroep (quasi-experimenteel "
            "of RCT) vindt positieve effecten."
        ),
        lambda c: _positive_effect(c, CONTROLLED_DESIGNS) >= 1,
    ),
    Rung(
        EvidenceLevel.FIRST_INDICATIONS,
        _(
            "Minstens één effectevaluatie met een voor- en nameting vindt positieve "
            "effecten, maar zonder vergelijkingsgroep: de verandering kan ook andere "
            "oorzaken hebben."
        ),
        lambda c: _positive_effect(c, {Design.PRE_POST}) >= 1,
    ),
    Rung(
        EvidenceLevel.FOUNDED,
        _(
            "Minstens één proces- of effectevaluatie onderzocht met een kwalitatieve, "
            "realistische of sterkere opzet hoe en waarom de aanpak werkt. Er is geen "
            "gemeten effect dat een hogere trede rechtvaardigt."
        ),
        lambda c: c.count(kinds={Kind.PROCESS, Kind.EFFECT}, designs=EXPLANATORY_DESIGNS) >= 1,
    ),
    Rung(
        EvidenceLevel.DESCRIBED,
        _(
            "Er is minstens één gepubliceerde evaluatie, maar alleen een planevaluatie of "
            "een beschrijvend onderzoek: de aanpak is beschreven, niet onderzocht op "
            "werking of effect."
        ),
        lambda c: c.total >= 1,
    ),
    Rung(
        EvidenceLevel.NONE,
        _("Er is geen gepubliceerde evaluatie die deze kennis onderbouwt."),
        lambda c: True,
    ),
]


@dataclass(frozen=True)
class EvidenceSummary:
    """What an adviser needs to know about the evidence behind one claim."""

    counts: StudyCounts
    level: EvidenceLevel

    @property
    def label(self) -> str:
        return self.level.label

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def public(self) -> int:
        return self.counts.public

    @property
    def confidential(self) -> int:
        return self.counts.total - self.counts.public

    @property
    def examples(self) -> int:
        """Fictional demo evaluations among the total; pages must say so."""
        return self.counts.examples

    @property
    def by_kind(self) -> list[tuple[str, str, int]]:
        """(kind value, kind label, count) for every kind, zeros included."""
        return [(k.value, k.label, self.counts.count(kinds={k})) for k in Kind]

    @property
    def by_design(self) -> list[tuple[str, str, int]]:
        """(design value, label, count) for the designs that occur, weakest first."""
        rows = [(d.value, d.label, self.counts.count(designs={d})) for d in DESIGN_STRENGTH]
        return [row for row in rows if row[2]]

    @property
    def strongest_design(self) -> Design | None:
        for design in reversed(DESIGN_STRENGTH):
            if self.counts.count(designs={design}):
                return design
        return None

    @property
    def effect_evaluations(self) -> int:
        return self.counts.count(kinds={Kind.EFFECT})

    @property
    def has_effect_evaluation(self) -> bool:
        return self.effect_evaluations > 0

    @property
    def effect_without_positive_result(self) -> int:
        """Effect studies that found no effect or could not establish one."""
        return self.effect_evaluations - self.counts.count(
            kinds={Kind.EFFECT}, verdicts=POSITIVE_VERDICTS
        )


def level_for(counts: StudyCounts) -> EvidenceLevel:
    return next(rung.level for rung in RUNGS if rung.applies(counts))


def summarise(counts: StudyCounts) -> EvidenceSummary:
    return EvidenceSummary(counts=counts, level=level_for(counts))


EMPTY = summarise(StudyCounts())


def evidence_for(objects: Iterable[models.Model]) -> dict[int, EvidenceSummary]:
    """Evidence summaries for objects of one catalogue model, keyed by primary key.

    One aggregate query however many objects are passed. Only published evaluations
    count; confidential ones are included in the numbers, never named.
    """
    objects = list(objects)
    if not objects:
        return {}
    model = type(objects[0])
    relation = RELATION_BY_MODEL[model]
    return _evidence_by_ids(relation, [obj.pk for obj in objects])


# Catalogue names and order change rarely; they refresh within this time.
EVIDENCE_CACHE_SECONDS = 300


def evidence_version() -> str:
    """Changes whenever an evaluation is saved, added or deleted: every save sets
    updated_at (publish, withdraw, admin edits and imports all save), and a delete lowers
    the count. One query that every process can run, so no cache invalidation has to
    reach other servers."""
    version = Evaluation.objects.aggregate(latest=Max("updated_at"), total=Count("pk"))
    latest = version["latest"]
    return f"{latest.timestamp() if latest else 0}-{version['total']}"


def cached_evidence(name: str, compute):
    """`compute()`'s result, shared until any evaluation changes (see evidence_version)."""
    key = f"evidence:{evidence_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, EVIDENCE_CACHE_SECONDS)
    return value


def _evidence_by_ids(
    relation: str, ids: Iterable[int], *, cached: bool = True
) -> dict[int, EvidenceSummary]:
    ids = sorted(set(ids))
    if not cached:
        return _compute_evidence(relation, ids)
    # A digest keeps the key short however many objects a page shows.
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    return cached_evidence(f"{relation}:{digest}", lambda: _compute_evidence(relation, ids))


def _compute_evidence(relation: str, ids: list[int]) -> dict[int, EvidenceSummary]:
    rows = (
        Evaluation.objects.published()
        .filter(**{f"{relation}__in": ids})
        .values_list(relation, "kind", "design", "verdict", "access", "is_example")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    cells: dict[int, dict] = defaultdict(dict)
    public: dict[int, int] = defaultdict(int)
    examples: dict[int, int] = defaultdict(int)
    for pk, kind, design, verdict, access, is_example, n in rows:
        key = (kind, design, verdict)
        cells[pk][key] = cells[pk].get(key, 0) + n
        if access == Access.PUBLIC:
            public[pk] += n
        if is_example:
            examples[pk] += n
    return {
        pk: summarise(StudyCounts(cells[pk], public[pk], examples[pk])) if pk in cells else EMPTY
        for pk in ids
    }


def evidence_labels_for_elements(
    element_ids: Iterable[int], *, cached: bool = True
) -> dict[int, str]:
    """Plain-language evidence label per effective element id (for the plan wizard).

    `cached=False` for a set of ids that no other request asks for (one plan's adopted
    elements): the cache would only add the version query."""
    relation = "effective_elements"
    return {
        pk: str(summary.label)
        for pk, summary in _evidence_by_ids(relation, element_ids, cached=cached).items()
    }


def evidence_context(*object_lists) -> dict:
    """Context for list pages: precomputed summaries for each list of catalogue objects."""
    maps = {}
    for objects in object_lists:
        objects = list(objects)
        if objects:
            maps.setdefault(type(objects[0]), {}).update(evidence_for(objects))
    return {"evidence_maps": maps}
