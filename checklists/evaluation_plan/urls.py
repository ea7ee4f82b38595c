from django.urls import path

from checklists.evaluation_plan import views

app_name = "evaluation_plan"

urlpatterns = [
    path("<int:pk>/evaluatieplan/", views.overview, name="overview"),
    path("<int:pk>/evaluatieplan/toevoegen/", views.add, name="add"),
    path("<int:pk>/evaluatieplan/<int:evaluation_pk>/", views.edit, name="edit"),
    path("<int:pk>/evaluatieplan/<int:evaluation_pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/evaluatieplan/<int:evaluation_pk>/verwijderen/", views.delete, name="delete"),
    path(
        "<int:pk>/evaluatieplan/<int:evaluation_pk>/indicator-overnemen/",
        views.adopt_suggestion,
        name="adopt_suggestion",
    ),
    path(
        "<int:pk>/evaluatieplan/subdoelen/<int:sub_goal_pk>/meten/",
        views.measure_sub_goal,
        name="measure_sub_goal",
    ),
    path(
        "<int:pk>/evaluatieplan/<int:evaluation_pk>/uitvraag/",
        views.request_for_evaluator,
        name="request",
    ),
    path(
        "<int:pk>/evaluatieplan/<int:evaluation_pk>/checklist/",
        views.evaluation_checklist,
        name="checklist",
    ),
]
