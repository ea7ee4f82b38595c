"""Everything under /plannen/: each feature brings its own URLs and namespace."""

from django.urls import include, path

urlpatterns = [
    path("", include("checklists.wizard.urls")),
    path("", include("checklists.evaluation_plan.urls")),
    path("", include("checklists.reviews.urls")),
    path("", include("checklists.programme_scan.urls")),
    path("", include("checklists.pdf.urls")),
]
