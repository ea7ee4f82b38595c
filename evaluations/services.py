"""Operations on evaluations that views, the admin and imports share."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from evaluations.evidence import EvidenceSummary, cached_evidence, evidence_for
from evaluations.models import Access, Evaluation, Kind, Status
from interventions.models import InterventionType


def public_years() -> list[int]:
    """Years that occur among public evaluations, newest first (for the year filter)."""
    return cached_evidence(
        "public-years",
        lambda: list(
            Evaluation.objects.public().order_by("-year").values_list("year", flat=True).distinct()
        ),
    )


def publish(evaluations) -> int:
    """Publish the given evaluations that name a source; returns how many changed.

    One without a source (`Evaluation.has_source`) stays unpublished; see `unsourced()`.
    Saved one by one (not with .update()) so that each change lands in the history
    with the user who made it.
    """
    changed = 0
    for evaluation in evaluations.exclude(status=Status.PUBLISHED):
        if not evaluation.has_source:
            continue
        evaluation.status = Status.PUBLISHED
        evaluation.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


def unsourced(evaluations) -> list[Evaluation]:
    """The unpublished ones among `evaluations` that `publish()` refuses: no source."""
    return [e for e in evaluations.exclude(status=Status.PUBLISHED) if not e.has_source]


def withdraw(evaluations) -> int:
    """Withdraw published evaluations: they disappear from every public page and count."""
    changed = 0
    for evaluation in evaluations.filter(status=Status.PUBLISHED):
        evaluation.status = Status.WITHDRAWN
        evaluation.save(update_fields=["status", "updated_at"])
        changed += 1
    return changed


@dataclass(frozen=True)
class MatrixCell:
    kind: Kind
    total: int
    public: int
    url: str

    @property
    def confidential(self) -> int:
        return self.total - self.public


@dataclass(frozen=True)
class MatrixRow:
    intervention_type: InterventionType
    cells: list[MatrixCell]
    evidence: EvidenceSummary


@dataclass(frozen=True)
class EvidenceMatrix:
    rows: list[MatrixRow]
    totals: list[MatrixCell]
    examples: int


def _list_url(**params) -> str:
    return f"{reverse('evaluations:evaluation_list')}?{urlencode(params)}"


def evidence_matrix() -> EvidenceMatrix:
    return cached_evidence("matrix", _compute_matrix)


def _compute_matrix() -> EvidenceMatrix:
    """Intervention types × evaluation kinds: published evaluations per cell.

    Counts include confidential evaluations (anonymously); the links lead to the public
    list, which shows only the openbare ones. Three queries, whatever the data size.
    """
    public_filter = Q(access=Access.PUBLIC)
    per_type = {
        (row["types"], row["kind"]): row
        for row in Evaluation.objects.published()
        .values("types", "kind")
        .annotate(
            total=Count("pk", distinct=True),
            public=Count("pk", filter=public_filter, distinct=True),
        )
        .order_by()
    }
    # Column totals count each evaluation once, even when it covers several types.
    per_kind = {
        row["kind"]: row
        for row in Evaluation.objects.published()
        .values("kind")
        .annotate(
            total=Count("pk"),
            public=Count("pk", filter=public_filter),
            examples=Count("pk", filter=Q(is_example=True)),
        )
        .order_by()
    }
    types = list(InterventionType.objects.only("slug", "name", "order"))
    evidence = evidence_for(types)
    rows = []
    for itype in types:
        cells = []
        for kind in Kind:
            row = per_type.get((itype.pk, kind.value), {"total": 0, "public": 0})
            url = _list_url(type=itype.slug, soort=kind.value)
            cells.append(MatrixCell(kind, row["total"], row["public"], url))
        rows.append(MatrixRow(itype, cells, evidence[itype.pk]))
    totals = [
        MatrixCell(
            kind,
            per_kind.get(kind.value, {}).get("total", 0),
            per_kind.get(kind.value, {}).get("public", 0),
            _list_url(soort=kind.value),
        )
        for kind in Kind
    ]
    examples = sum(row["examples"] for row in per_kind.values())
    return EvidenceMatrix(rows=rows, totals=totals, examples=examples)
