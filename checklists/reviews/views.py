"""Pages of the plan evaluation with a second reviewer. The team works on
/plannen/<pk>/evaluatieplan/beoordeling/ (plan access through checklists.access); a
reviewer works on /plannen/beoordelingen/<review_pk>/, reachable only by that reviewer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.access import (
    get_plan_for_editor,
    get_plan_for_team,
    may_edit,
    read_only_reason,
)
from checklists.models import PlanOfApproach
from checklists.models.review import PlanReview, PlanReviewOutcome
from checklists.reviews import services as reviews
from checklists.reviews.forms import InviteReviewerForm, ReviewForm, ReviewOutcomeForm
from checklists.wizard.answers import display
from ebw_portal.common.language import in_content_language


def _plan_queryset():
    return PlanOfApproach.objects.select_related("municipality", "intervention_type")


def _reviews_url(plan):
    return reverse("reviews:team_reviews", kwargs={"pk": plan.pk})


def _team_page(request, plan, invite_form=None, outcome_form=None, status=200):
    editable = may_edit(request.user, plan) and plan.accepts_changes
    outcome = PlanReviewOutcome.objects.filter(plan=plan).first()
    if editable and invite_form is None:
        invite_form = InviteReviewerForm(reviewers=reviews.invitable_reviewers(plan))
    comparison = reviews.comparison(plan)
    if editable and comparison and outcome_form is None:
        outcome_form = ReviewOutcomeForm(instance=outcome)
    context = {
        "plan": plan,
        "reviews": list(plan.reviews.select_related("reviewer")),
        "comparison": comparison,
        "outcome": outcome,
        "invite_form": invite_form if editable else None,
        "outcome_form": outcome_form if editable else None,
        "read_only_reason": read_only_reason(request.user, plan),
        "breadcrumbs": [
            (_("Mijn plannen"), reverse("wizard:plan_list")),
            (in_content_language(plan.title), plan.get_absolute_url()),
            (_("Evaluatieplan"), reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})),
            (_("Planevaluatie"), None),
        ],
    }
    return render(request, "checklists/reviews/reviews.html", context, status=status)


@login_required
def team_reviews(request, pk):
    # The reviewers' findings are the team's own: not part of a shared plan.
    plan = get_plan_for_team(request.user, pk, _plan_queryset())
    return _team_page(request, plan)


@login_required
@require_POST
def invite_reviewer(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    form = InviteReviewerForm(request.POST, reviewers=reviews.invitable_reviewers(plan))
    if form.is_valid():
        try:
            review = reviews.invite_reviewer(
                plan,
                request.user,
                form.cleaned_data["reviewer"],
                form.cleaned_data["reviewer_role"],
            )
        except ValidationError as exc:
            form.add_error("reviewer", exc)
        else:
            link = request.build_absolute_uri(
                reverse("reviews:review", kwargs={"review_pk": review.pk})
            )
            if reviews.notify_reviewer(review, link):
                text = _(
                    "De uitnodiging staat klaar. De beoordelaar krijgt een e-mail met de link "
                    "en vindt haar ook onder ‘Mijn beoordelingen’."
                )
            else:
                text = _(
                    "De uitnodiging staat klaar. De beoordelaar vindt haar onder "
                    "‘Mijn beoordelingen’ (er is geen e-mailadres bekend)."
                )
            messages.success(request, text)
            return redirect(_reviews_url(plan))
    return _team_page(request, plan, invite_form=form)


@login_required
@require_POST
def record_outcome(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    outcome = PlanReviewOutcome.objects.filter(plan=plan).first()
    form = ReviewOutcomeForm(request.POST, instance=outcome)
    if form.is_valid():
        try:
            reviews.record_outcome(plan, request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De bevindingen zijn vastgelegd."))
        return redirect(_reviews_url(plan))
    return _team_page(request, plan, outcome_form=form)


@login_required
def my_reviews(request):
    context = {
        "reviews": list(
            PlanReview.objects.open_to(request.user).select_related(
                "plan", "plan__municipality", "invited_by"
            )
        ),
        "breadcrumbs": [(_("Mijn beoordelingen"), None)],
    }
    return render(request, "checklists/reviews/my_reviews.html", context)


@login_required
def fill_review(request, review_pk):
    # Only the invited reviewer: everyone else gets 404, the team members too, so each
    # review stays independent until it is submitted.
    review = get_object_or_404(
        PlanReview.objects.open_to(request.user).select_related("plan", "plan__municipality"),
        pk=review_pk,
    )
    plan = review.plan
    sections = reviews.review_items(plan)
    items = [item for section in sections for item in section.active_items]
    stored = {a.item_id: a for a in review.answers.all()}
    form = ReviewForm(items, stored, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and not review.is_submitted and form.is_valid():
        submit = "submit" in request.POST
        reviews.save_review(review, request.user, form.verdicts(), form.notes(), submit)
        messages.success(
            request,
            _("Uw beoordeling is ingediend.") if submit else _("Uw beoordeling is opgeslagen."),
        )
        return redirect("reviews:review", review_pk=review.pk)
    plan_answers = {a.item_id: a.value for a in plan.answers.all()}
    rows = [
        (
            section,
            [
                (
                    item,
                    display(item, plan_answers.get(item.pk, "")),
                    form[f"oordeel-{item.pk}"],
                    form[f"toelichting-{item.pk}"],
                    stored.get(item.pk),
                )
                for item in section.active_items
            ],
        )
        for section in sections
    ]
    context = {
        "review": review,
        "plan": plan,
        "rows": rows,
        "form": form,
        "breadcrumbs": [
            (_("Mijn beoordelingen"), reverse("reviews:my_reviews")),
            (in_content_language(plan.title), None),
        ],
    }
    return render(request, "checklists/reviews/review.html", context)
