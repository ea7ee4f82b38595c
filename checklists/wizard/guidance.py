"""Guidance shown beside a wizard step: lessons learned of the step's themes and the
effective elements of the plan's intervention type, with their evidence label."""

from urllib.parse import urlencode

from django.db.models import Count, Window
from django.urls import reverse

from evaluations.evidence import evidence_labels_for_elements
from interventions.models import EffectiveElement, LessonLearned

# Beside a step the wizard shows the first few lessons, with a link to all of them: the
# catalogue can hold hundreds for one theme, and a sidebar that long helps nobody.
STEP_LESSON_LIMIT = 6


def lessons_for(section, plan) -> list:
    """The first lessons of the section's themes that apply to every type or to the plan's
    type; each carries `total`, the number of all such lessons (one query)."""
    if not section.themes:
        return []
    return list(
        LessonLearned.objects.applying_to_type(plan.intervention_type_id)
        .filter(theme__in=section.themes)
        .only("slug", "title", "summary", "theme", "order")
        .annotate(total=Window(Count("pk")))
        .order_by("order", "title")[:STEP_LESSON_LIMIT]
    )


def all_lessons_url(section, plan) -> str:
    """The search for every lesson `lessons_for` chose from."""
    query = {"soort": "lessen"}
    if plan.intervention_type_id:
        query["type"] = plan.intervention_type.slug
    if len(section.themes) == 1:
        query["thema"] = section.themes[0]
    return f"{reverse('search')}?{urlencode(query)}"


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
