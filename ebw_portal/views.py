from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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


@require_safe
@never_cache
def switch_language(request, code):
    """The language switch is a plain link: it only sets the language cookie, as
    Django's set_language does, and returns to the page the visitor came from."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    back = request.GET.get("volgende", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
