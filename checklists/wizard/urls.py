from django.urls import path

from checklists.wizard import views

app_name = "wizard"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nieuw/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/gegevens/", views.plan_details, name="plan_details"),
    path("<int:pk>/stap/<slug:section_slug>/", views.plan_step, name="plan_step"),
    path(
        "<int:pk>/stap/<slug:section_slug>/autosave/",
        views.plan_step_autosave,
        name="plan_step_autosave",
    ),
    path("<int:pk>/controle/", views.plan_review, name="plan_review"),
    path("<int:pk>/definitief/", views.plan_finalise, name="plan_finalise"),
    path("<int:pk>/nieuwe-versie/", views.plan_new_version, name="plan_new_version"),
    path("<int:pk>/kopieren/", views.plan_duplicate, name="plan_duplicate"),
    path("<int:pk>/archiveren/", views.plan_archive, name="plan_archive"),
    path("<int:pk>/delen/", views.plan_share, name="plan_share"),
    path("<int:pk>/delen/<slug:audience>/", views.plan_share_preview, name="plan_share_preview"),
    path("<int:pk>/verwijderen/", views.plan_delete, name="plan_delete"),
    path("<int:pk>/geschiedenis/", views.plan_history, name="plan_history"),
    path(
        "<int:pk>/elementen/<slug:element_slug>/overnemen/",
        views.element_adopt,
        name="element_adopt",
    ),
    path(
        "<int:pk>/elementen/<slug:element_slug>/verwijderen/",
        views.element_remove,
        name="element_remove",
    ),
]
