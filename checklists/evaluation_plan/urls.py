from django.urls import path

from checklists import evaluation_views as views

app_name = "evaluation_plan"

urlpatterns = [
    path("<int:pk>/evaluatieplan/", views.overview, name="overview"),
    path("<int:pk>/evaluatieplan/toevoegen/", views.add, name="add"),
    path("<int:pk>/evaluatieplan/<int:evaluation_pk>/", views.edit, name="edit"),
    path("<int:pk>/evaluatieplan/<int:evaluation_pk>/verwijderen/", views.delete, name="delete"),
    path(
        "<int:pk>/evaluatieplan/<int:evaluation_pk>/indicator-overnemen/",
        views.adopt_suggestion,
        name="adopt_suggestion",
    ),
    path(
        "<int:pk>/evaluatieplan/<int:evaluation_pk>/uitvraag/",
        views.request_for_evaluator,
        name="request",
    ),
]
