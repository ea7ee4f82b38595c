"""Public pages of the wat-werkt catalogue. Every page runs a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ebw_portal.page_cache import shared_public_page
from interventions.models import (
    Aspect,
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Theme,
)


def group_by_choice(objects, attribute, choices):
    """[(label, value, [objects…]), …] in the order of `choices`, empty groups left out."""
    groups = {value: [] for value, _label in choices}
    for obj in objects:
        groups[getattr(obj, attribute)].append(obj)
    return [(label, value, groups[value]) for value, label in choices if groups[value]]


def _catalogue_crumb():
    return (_("Wat werkt"), reverse("interventions:type_list"))


@shared_public_page
def type_list(request):
    types = InterventionType.objects.annotate(
        intervention_count=Count("interventions", distinct=True),
        element_count=Count("effective_elements", distinct=True),
    )
    return render(
        request,
        "interventions/type_list.html",
        {"types": types, "breadcrumbs": [(_("Wat werkt"), None)]},
    )


# A type page shows at most this many items per group, with a link to all of them in
# the search: at 100x data a type has hundreds of elements and lessons.
TYPE_PAGE_GROUP_LIMIT = 10


def _capped(groups, limit=TYPE_PAGE_GROUP_LIMIT):
    return [(label, value, items[:limit], len(items)) for label, value, items in groups]


@shared_public_page
def type_detail(request, slug):
    intervention_type = get_object_or_404(
        InterventionType.objects.prefetch_related("sources"), slug=slug
    )
    listed = ("slug", "title", "summary", "order")
    elements = EffectiveElement.objects.filter(types=intervention_type).only(*listed, "aspect")
    untyped = LessonLearned.types.through.objects.filter(lessonlearned=OuterRef("pk"))
    lessons = LessonLearned.objects.filter(Q(types=intervention_type) | ~Exists(untyped)).only(
        *listed, "theme"
    )
    interventions = list(
        intervention_type.interventions.only(
            "slug", "name", "summary", "prevention_level", "is_example", "intervention_type"
        )
    )
    search = reverse("search")
    return render(
        request,
        "interventions/type_detail.html",
        {
            "type": intervention_type,
            "element_groups": _capped(group_by_choice(elements, "aspect", Aspect.choices)),
            "lesson_groups": _capped(group_by_choice(lessons, "theme", Theme.choices)),
            "interventions": interventions[:TYPE_PAGE_GROUP_LIMIT],
            "intervention_count": len(interventions),
            "search_url": search,
            "breadcrumbs": [_catalogue_crumb(), (intervention_type.name, None)],
        },
    )


@shared_public_page
def intervention_detail(request, slug):
    intervention = get_object_or_404(
        Intervention.objects.select_related("intervention_type").prefetch_related(
            "sources", "effective_elements"
        ),
        slug=slug,
    )
    intervention_type = intervention.intervention_type
    return render(
        request,
        "interventions/intervention_detail.html",
        {
            "intervention": intervention,
            "breadcrumbs": [
                _catalogue_crumb(),
                (intervention_type.name, intervention_type.get_absolute_url()),
                (intervention.name, None),
            ],
        },
    )


@shared_public_page
def element_detail(request, slug):
    element = get_object_or_404(
        EffectiveElement.objects.prefetch_related(
            "sources",
            "types",
            Prefetch(
                "interventions", queryset=Intervention.objects.select_related("intervention_type")
            ),
        ),
        slug=slug,
    )
    return render(
        request,
        "interventions/element_detail.html",
        {
            "element": element,
            "breadcrumbs": [_catalogue_crumb(), (element.title, None)],
        },
    )


@shared_public_page
def lesson_list(request):
    lessons = LessonLearned.objects.prefetch_related("types")
    return render(
        request,
        "interventions/lesson_list.html",
        {
            "lesson_groups": group_by_choice(lessons, "theme", Theme.choices),
            "breadcrumbs": [(_("Geleerde lessen"), None)],
        },
    )


@shared_public_page
def lesson_detail(request, slug):
    lesson = get_object_or_404(
        LessonLearned.objects.prefetch_related("sources", "types"), slug=slug
    )
    return render(
        request,
        "interventions/lesson_detail.html",
        {
            "lesson": lesson,
            "breadcrumbs": [
                (_("Geleerde lessen"), reverse("interventions:lesson_list")),
                (lesson.title, None),
            ],
        },
    )
