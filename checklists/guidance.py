"""Guidance shown beside a wizard step: lessons learned of the step's themes and the
effective elements of the plan's intervention type, with their evidence label."""

from django.db.models import Q

from evaluations.evidence import evidence_labels_for_elements
from interventions.models import EffectiveElement, LessonLearned


def lessons_for(section, plan):
    """Lessons of the section's themes that apply to every type or to the plan's type."""
    if not section.themes:
        return LessonLearned.objects.none()
    return (
        LessonLearned.objects.filter(theme__in=section.themes)
        .filter(Q(types__isnull=True) | Q(types=plan.intervention_type_id))
        .distinct()
        .only("slug", "title", "summary", "theme", "order")
        .order_by("order", "title")
    )


def elements_for(plan) -> list:
    elements = list(
        EffectiveElement.objects.filter(types=plan.intervention_type_id)
        .only("pk", "slug", "title", "summary", "aspect", "order")
        .order_by("order", "title")
    )
    labels = evidence_labels_for_elements([element.pk for element in elements])
    for element in elements:
        element.evidence_label = labels.get(element.pk)
    return elements
