from django.urls import path

from interventions import views

app_name = "interventions"

# The fixed prefixes come before the type slug; InterventionType.RESERVED_SLUGS keeps
# a type from being named like one of them.
urlpatterns = [
    path("", views.type_list, name="type_list"),
    path("geleerde-lessen/", views.lesson_list, name="lesson_list"),
    path("geleerde-lessen/<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("interventies/<slug:slug>/", views.intervention_detail, name="intervention_detail"),
    path("werkzame-elementen/<slug:slug>/", views.element_detail, name="element_detail"),
    path("<slug:slug>/", views.type_detail, name="type_detail"),
]
