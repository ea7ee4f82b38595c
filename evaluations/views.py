from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ebw_portal.common.language import in_content_language
from ebw_portal.common.page_cache import shared_public_page
from evaluations import services
from evaluations.evidence import CONTROLLED_DESIGNS, DESIGN_STRENGTH, RUNGS
from evaluations.forms import EvaluationFilterForm
from evaluations.models import Evaluation, Kind

PAGE_SIZE = 20


@shared_public_page
def evaluation_list(request):
    public = Evaluation.objects.public()
    form = EvaluationFilterForm(request.GET or None, years=services.public_years())
    if form.is_bound:
        form.is_valid()
    evaluations = (
        form.filter(public)
        .prefetch_related("types")
        .only("slug", "title", "year", "evaluator", "kind", "design", "verdict", "is_example")
    )
    page = Paginator(evaluations, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "evaluations/evaluation_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query.urlencode(),
            "breadcrumbs": [(_("Evaluaties en bewijs"), None)],
        },
    )


@shared_public_page
def evaluation_detail(request, slug):
    evaluation = get_object_or_404(
        Evaluation.objects.public().prefetch_related(
            "types", "interventions", "municipalities", "effective_elements", "lessons"
        ),
        slug=slug,
    )
    return render(
        request,
        "evaluations/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "breadcrumbs": [
                (_("Evaluaties en bewijs"), reverse("evaluations:evaluation_list")),
                (in_content_language(evaluation.title), None),
            ],
        },
    )


def evaluation_report(request, slug):
    """The uploaded report, for public evaluations (or curators who may view them)."""
    visible = Evaluation.objects.all()
    if not request.user.has_perm("evaluations.view_evaluation"):
        visible = visible.public()
    evaluation = get_object_or_404(visible.only("slug", "report"), slug=slug)
    if not evaluation.report:
        raise Http404
    return FileResponse(evaluation.report.open("rb"), as_attachment=True)


@shared_public_page
def matrix(request):
    return render(
        request,
        "evaluations/matrix.html",
        {
            "matrix": services.evidence_matrix(),
            "kinds": list(Kind),
            "breadcrumbs": [
                (_("Evaluaties en bewijs"), reverse("evaluations:evaluation_list")),
                (_("Bewijsmatrix"), None),
            ],
        },
    )


@shared_public_page
def evidence_scale(request):
    return render(
        request,
        "evaluations/evidence_scale.html",
        {
            "rungs": RUNGS,
            "designs": DESIGN_STRENGTH,
            "controlled_designs": [d for d in DESIGN_STRENGTH if d in CONTROLLED_DESIGNS],
            "breadcrumbs": [(_("Over de bewijskracht"), None)],
        },
    )
