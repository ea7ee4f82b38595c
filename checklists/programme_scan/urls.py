from django.urls import path

from checklists.programme_scan import views

app_name = "programme_scan"

urlpatterns = [
    path("programmascan/", views.scan_list, name="list"),
    path("programmascan/starten/", views.scan_start, name="start"),
    path("programmascan/<int:pk>/", views.scan_fill, name="fill"),
    path("programmascan/<int:pk>/resultaat/", views.scan_results, name="results"),
]
