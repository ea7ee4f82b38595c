from django.urls import path

from evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("", views.evaluation_list, name="evaluation_list"),
    path("evaluaties/<slug:slug>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluaties/<slug:slug>/rapport/", views.evaluation_report, name="evaluation_report"),
    path("matrix/", views.matrix, name="matrix"),
    path("over-de-bewijskracht/", views.evidence_scale, name="evidence_scale"),
]
