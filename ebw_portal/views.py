from django.shortcuts import render

from interventions.models import InterventionType


def home(request):
    types = InterventionType.objects.only("slug", "name", "short_description", "order")
    return render(request, "home.html", {"types": types})


def search(request):
    # Replaced by the catalogue search (issue 2).
    return render(request, "search.html", {"query": request.GET.get("q", "")})
