from django.urls import path

from checklists.reviews import views

app_name = "reviews"

urlpatterns = [
    path("<int:pk>/evaluatieplan/beoordeling/", views.team_reviews, name="team_reviews"),
    path(
        "<int:pk>/evaluatieplan/beoordeling/uitnodigen/",
        views.invite_reviewer,
        name="invite_reviewer",
    ),
    path(
        "<int:pk>/evaluatieplan/beoordeling/bevindingen/",
        views.record_outcome,
        name="record_outcome",
    ),
    path("beoordelingen/", views.my_reviews, name="my_reviews"),
    path("beoordelingen/<int:review_pk>/", views.fill_review, name="review"),
    path("beoordelingen/<int:review_pk>/autosave/", views.review_autosave, name="review_autosave"),
    path("beoordelingen/<int:review_pk>/heropenen/", views.reopen_review, name="reopen_review"),
]
