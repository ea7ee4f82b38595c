from django.shortcuts import render
from django.utils.translation import gettext as _

from ebw_portal.common.page_cache import shared_public_page
from interventions.forms import CatalogueSearchForm
from interventions.models import InterventionType, Theme
from interventions.search import run_search

# Words that show what the search can do, offered on the empty search page.
SEARCH_SUGGESTIONS = ["opvoedondersteuning", "sleutelfiguren", "evalueren", "draagvlak", "ouders"]


@shared_public_page
def home(request):
    types = InterventionType.objects.only("slug", "name", "short_description", "order")
    return render(request, "home.html", {"types": types, "themes": Theme.choices})


@shared_public_page
def search(request):
    types = list(InterventionType.objects.only("slug", "name", "short_description", "order"))
    form = CatalogueSearchForm(request.GET, types=types)
    criteria = form.criteria()
    outcome = None if criteria.is_empty else run_search(criteria)
    return render(
        request,
        "search.html",
        {
            "form": form,
            "criteria": criteria,
            "outcome": outcome,
            "types": types,
            "themes": Theme.choices,
            "suggestions": SEARCH_SUGGESTIONS,
            "active_filters": form.active_filters(),
            "kind_links": form.kind_links(outcome.counts) if outcome else [],
            "breadcrumbs": [(_("Zoeken"), None)],
        },
    )


def csrf_failure(request, reason=""):
    """A Dutch page instead of Django's English one; the reason stays in the logs."""
    return render(request, "403_csrf.html", status=403)
