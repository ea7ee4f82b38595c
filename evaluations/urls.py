from django.urls import path
from django.views.generic import TemplateView

app_name = "evaluations"

# Placeholder routes; the evidence base (issue 3) fills them in.
urlpatterns = [
    path(
        "",
        TemplateView.as_view(template_name="evaluations/placeholder.html"),
        name="evaluation_list",
    ),
    path(
        "matrix/", TemplateView.as_view(template_name="evaluations/placeholder.html"), name="matrix"
    ),
    path(
        "over-de-bewijskracht/",
        TemplateView.as_view(template_name="evaluations/placeholder.html"),
        name="evidence_scale",
    ),
]
