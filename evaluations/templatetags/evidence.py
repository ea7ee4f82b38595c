"""Template access to evidence summaries.

`{% evidence_summary object as ev %}` works anywhere: on a detail page it costs one
query; a list view that puts `evidence.evidence_context(...)` into its context makes every call
a dictionary look-up, so a list never does one query per row.
"""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from evaluations.evidence import evidence_for
from interventions.models import EffectiveElement, Intervention, InterventionType, LessonLearned

register = template.Library()

#: The evaluation list's URL parameter for each catalogue model (see forms.py).
LIST_FILTER_BY_MODEL = {
    EffectiveElement: "element",
    LessonLearned: "les",
    Intervention: "interventie",
    InterventionType: "type",
}


@register.simple_tag
def first_present(*candidates):
    """The first argument that is set (an include may pass `subject` or `object`)."""
    return next((c for c in candidates if c not in (None, "")), None)


@register.simple_tag(takes_context=True)
def evidence_summary(context, obj):
    precomputed = context.get("evidence_maps", {}).get(type(obj), {})
    if obj.pk in precomputed:
        return precomputed[obj.pk]
    return evidence_for([obj])[obj.pk]


@register.simple_tag
def evidence_list_url(obj) -> str:
    """The public evaluation list filtered to what supports this object."""
    param = LIST_FILTER_BY_MODEL[type(obj)]
    return f"{reverse('evaluations:evaluation_list')}?{urlencode({param: obj.slug})}"
