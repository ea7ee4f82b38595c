"""Download a plan as PDF, and its HTML preview. Both for everyone who may read the plan
(get_plan_for_user: 404 for plans of other municipalities). A reader from outside the
municipality gets the document as checklists.wizard.sharing shows the plan to them."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from checklists.access import get_plan_for_user
from checklists.models import PlanOfApproach
from checklists.pdf.cache import plan_pdf
from checklists.pdf.render import render_plan_html
from checklists.wizard.sharing import audience_of

PLANS = PlanOfApproach.objects.select_related(
    "municipality", "intervention_type", "intervention", "checklist"
)


def pdf_filename(plan) -> str:
    name = slugify(f"plan-van-aanpak-{plan.municipality.name}-{plan.title}")[:100]
    return f"{name}-v{plan.version}.pdf"


@login_required
@require_GET
def plan_pdf_download(request, pk):
    plan = get_plan_for_user(request.user, pk, PLANS)
    pdf = plan_pdf(plan, translation.get_language(), audience_of(request.user, plan))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(plan)}"'
    # The document holds a municipality's plan: never in a shared cache.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def plan_pdf_preview(request, pk):
    """The PDF's HTML source in the browser, to work on the layout without a PDF viewer."""
    plan = get_plan_for_user(request.user, pk, PLANS)
    response = HttpResponse(
        render_plan_html(plan, translation.get_language(), audience_of(request.user, plan))
    )
    response["Cache-Control"] = "private, no-store"
    return response
