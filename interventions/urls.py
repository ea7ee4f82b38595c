from django.urls import path

from interventions import views

app_name = "interventions"

urlpatterns = [
    path("", views.type_list, name="type_list"),
    path("geleerde-lessen/", views.lesson_list, name="lesson_list"),
]
