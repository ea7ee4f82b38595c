from django.urls import path
from django.views.generic import TemplateView

app_name = "checklists"

# Placeholder route; the plan-of-approach wizard (issue 4) fills it in.
urlpatterns = [
    path("", TemplateView.as_view(template_name="checklists/placeholder.html"), name="plan_list"),
]
