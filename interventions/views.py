"""Public pages of the wat-werkt catalogue. Every page runs a fixed number of queries."""

from django.db.models import Count, F, Prefetch, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ebw_portal.common.language import in_content_language
from ebw_portal.common.page_cache import shared_public_page
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


def first_per_group(queryset, field, limit):
    """The first `limit` objects of each value of `field`, in the model's order, each
    with `group_total` (the size of its whole group). One query: the database picks
    them, so a group of thousands costs no more than a group of ten."""
    order = queryset.model._meta.ordering
    return queryset.annotate(
        group_rank=Window(RowNumber(), partition_by=F(field), order_by=order),
        group_total=Window(Count("pk"), partition_by=F(field)),
    ).filter(group_rank__lte=limit)


def capped_groups(objects, attribute, choices):
    """group_by_choice for objects from first_per_group: (label, value, items, total)."""
    return [
        (label, value, items, items[0].group_total)
        for label, value, items in group_by_choice(objects, attribute, choices)
    ]


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
# the search: a type can have hundreds of elements and lessons.
TYPE_PAGE_GROUP_LIMIT = 10


@shared_public_page
def type_detail(request, slug):
    intervention_type = get_object_or_404(
        InterventionType.objects.prefetch_related("sources"), slug=slug
    )
    listed = ("slug", "title", "summary", "order")
    elements = EffectiveElement.objects.filter(types=intervention_type).only(*listed, "aspect")
    lessons = LessonLearned.objects.applying_to_type(intervention_type.pk).only(*listed, "theme")
    interventions = list(
        intervention_type.interventions.only(
            "slug", "name", "summary", "prevention_level", "is_example", "intervention_type"
        ).annotate(total=Window(Count("pk")))[:TYPE_PAGE_GROUP_LIMIT]
    )
    limit = TYPE_PAGE_GROUP_LIMIT
    search = reverse("search")
    return render(
        request,
        "interventions/type_detail.html",
        {
            "type": intervention_type,
            "element_groups": capped_groups(
                first_per_group(elements, "aspect", limit), "aspect", Aspect.choices
            ),
            "lesson_groups": capped_groups(
                first_per_group(lessons, "theme", limit), "theme", Theme.choices
            ),
            "interventions": interventions,
            "intervention_count": interventions[0].total if interventions else 0,
            "search_url": search,
            "breadcrumbs": [
                _catalogue_crumb(),
                (in_content_language(intervention_type.name), None),
            ],
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
                (in_content_language(intervention_type.name), intervention_type.get_absolute_url()),
                (in_content_language(intervention.name), None),
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
            "breadcrumbs": [_catalogue_crumb(), (in_content_language(element.title), None)],
        },
    )


# The lesson overview shows this many lessons per theme, with a link to all of them.
LESSON_LIST_GROUP_LIMIT = 20


@shared_public_page
def lesson_list(request):
    lessons = first_per_group(
        LessonLearned.objects.only("slug", "title", "summary", "theme", "order"),
        "theme",
        LESSON_LIST_GROUP_LIMIT,
    ).prefetch_related(Prefetch("types", InterventionType.objects.only("name", "order")))
    return render(
        request,
        "interventions/lesson_list.html",
        {
            "lesson_groups": capped_groups(lessons, "theme", Theme.choices),
            "search_url": reverse("search"),
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
                (in_content_language(lesson.title), None),
            ],
        },
    )
