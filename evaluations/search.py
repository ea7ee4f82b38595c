"""Public evaluations as a section of the portal-wide search (ebw_portal/search.py)."""

from django.utils.translation import gettext_lazy as _

from evaluations.models import Evaluation
from interventions import search

KIND = "evaluaties"


def _filter_evaluations(queryset, criteria):
    if criteria.theme or criteria.aspect or criteria.level:
        return None  # evaluations have no theme, aspect or prevention level
    if criteria.type:
        queryset = queryset.filter(types__slug=criteria.type)
    return queryset


def _context(evaluation) -> str:
    text = f"{evaluation.get_kind_display()}, {evaluation.year}"
    if evaluation.is_example:
        text += f" · {_('voorbeeld, geen bestaand onderzoek')}"
    return text


SECTION = search.SearchSection(
    kind=KIND,
    label=_("Evaluatie"),
    plural=_("Evaluaties"),
    # Only published *and* openbaar: a confidential evaluation is never a search hit.
    queryset=lambda: Evaluation.objects.public(),
    title_field="title",
    body_fields=("findings",),
    apply_filters=_filter_evaluations,
    context=_context,
)


def register() -> None:
    """Add the section once (ready() may run more than once in tests)."""
    if all(section.kind != KIND for section in search.SECTIONS):
        search.SECTIONS.append(SECTION)
