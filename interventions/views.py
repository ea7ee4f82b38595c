from django.shortcuts import render

from interventions.models import InterventionType, LessonLearned


def type_list(request):
    return render(
        request, "interventions/type_list.html", {"types": InterventionType.objects.all()}
    )


def lesson_list(request):
    return render(
        request, "interventions/lesson_list.html", {"lessons": LessonLearned.objects.all()}
    )
