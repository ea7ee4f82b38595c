from django.urls import path

from checklists import evaluation_views as views
from checklists import programme_scan_views, review_views

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
    path("<int:pk>/evaluatieplan/beoordeling/", review_views.team_reviews, name="reviews"),
    path(
        "<int:pk>/evaluatieplan/beoordeling/uitnodigen/",
        review_views.invite_reviewer,
        name="invite_reviewer",
    ),
    path(
        "<int:pk>/evaluatieplan/beoordeling/bevindingen/",
        review_views.record_outcome,
        name="record_outcome",
    ),
    path("beoordelingen/", review_views.my_reviews, name="my_reviews"),
    path("programmascan/", programme_scan_views.scan_list, name="scan_list"),
    path("programmascan/starten/", programme_scan_views.scan_start, name="scan_start"),
    path("programmascan/<int:pk>/", programme_scan_views.scan_fill, name="scan_fill"),
    path(
        "programmascan/<int:pk>/resultaat/",
        programme_scan_views.scan_results,
        name="scan_results",
    ),
    path("beoordelingen/<int:review_pk>/", review_views.fill_review, name="review"),
]
