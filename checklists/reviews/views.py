"""Pages of the plan evaluation with a second reviewer. The team works on
/plannen/<pk>/evaluatieplan/beoordeling/ (plan access through checklists.access); a
reviewer works on /plannen/beoordelingen/<review_pk>/, reachable only by that reviewer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists import merge
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


def _team_page(request, plan, invite_form=None, outcome_form=None, outcome_loaded=None, status=200):
    editable = may_edit(request.user, plan) and plan.accepts_changes
    outcome = PlanReviewOutcome.objects.filter(plan=plan).first()
    if outcome_loaded is None:
        # What the outcome form shows as it is loaded: a save keeps a colleague's change.
        outcome_loaded = reviews.outcome_snapshot(outcome)
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
        "outcome_loaded": merge.dumps(outcome_loaded),
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
    # Someone invited already is accepted here, so a second click (or a colleague who
    # was first) hears that the invitation went out instead of 'not a valid choice'.
    form = InviteReviewerForm(request.POST, reviewers=reviews.possible_reviewers(plan))
    if form.is_valid():
        try:
            review = reviews.invite_reviewer(
                plan,
                request.user,
                form.cleaned_data["reviewer"],
                form.cleaned_data["reviewer_role"],
            )
        except reviews.AlreadyInvited as exc:
            messages.info(request, " ".join(exc.messages))
            return redirect(_reviews_url(plan))
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
    form.fields["reviewer"].queryset = reviews.invitable_reviewers(plan)
    return _team_page(request, plan, invite_form=form)


@login_required
@require_POST
def record_outcome(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    outcome = PlanReviewOutcome.objects.filter(plan=plan).first()
    form = ReviewOutcomeForm(request.POST, instance=outcome)
    # A page without (readable) as-loaded values knows nothing it may overwrite.
    loaded = merge.loads(request.POST.get("loaded")) or {}
    if form.is_valid():
        try:
            reviews.record_outcome(plan, request.user, loaded=loaded, **form.cleaned_data)
        except reviews.OutcomeConflict as conflict:
            # Read before add_error, which drops the field from cleaned_data.
            mine = {name: merge.canonical(value) for name, value in form.cleaned_data.items()}
            for name, theirs in conflict.theirs.items():
                shown = (_("ja") if theirs else _("nee")) if isinstance(theirs, bool) else theirs
                form.add_error(
                    name,
                    _(
                        "Niet opgeslagen: een collega heeft dit intussen gewijzigd. "
                        "Nu vastgelegd: %(theirs)s. Klik nogmaals op ‘Bevindingen vastleggen’ "
                        "om uw tekst toch op te slaan."
                    )
                    % {"theirs": shown or "—"},
                )
            now = reviews.outcome_snapshot(PlanReviewOutcome.objects.filter(plan=plan).first())
            after = merge.base_after(mine, loaded, now, seen=conflict.theirs)
            return _team_page(request, plan, outcome_form=form, outcome_loaded=after, status=409)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De bevindingen zijn vastgelegd."))
        return redirect(_reviews_url(plan))
    return _team_page(request, plan, outcome_form=form, outcome_loaded=loaded)


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


def _open_review(request, review_pk):
    # Only the invited reviewer: everyone else gets 404, the team members too, so each
    # review stays independent until it is submitted.
    return get_object_or_404(
        PlanReview.objects.open_to(request.user).select_related("plan", "plan__municipality"),
        pk=review_pk,
    )


def _items(plan):
    sections = reviews.review_items(plan)
    return sections, [item for section in sections for item in section.active_items]


def _stored(review) -> dict:
    return {a.item_id: a for a in review.answers.all()}


def _form_after_save(items, stored, posted, conflicts):
    """The page after a save that could not close everything: what is stored now, except
    at the questions in conflict, where the reviewer's own input stays. 'As loaded'
    becomes what is stored now, so saving again overwrites deliberately, and only there."""
    data = posted.copy()
    for item in items:
        answer = stored.get(item.pk)
        now = {
            "oordeel": answer.verdict if answer else "",
            "toelichting": answer.note if answer else "",
            "overslaan": "1" if answer and answer.skipped else "",
        }
        for name, value in now.items():
            data[f"geladen-{name}-{item.pk}"] = value
            if item.pk not in conflicts:
                data[f"{name}-{item.pk}"] = value
    form = ReviewForm(items, stored, data=data)
    form.is_valid()
    return form


@login_required
def fill_review(request, review_pk):
    review = _open_review(request, review_pk)
    plan = review.plan
    sections, items = _items(plan)
    stored = _stored(review)
    form = ReviewForm(items, stored, data=request.POST if request.method == "POST" else None)
    conflicts, open_ids, status = {}, set(), 200
    if request.method == "POST" and not review.is_submitted and form.is_valid():
        submit = "submit" in request.POST
        try:
            result = reviews.save_review(
                review,
                request.user,
                form.verdicts(),
                form.notes(),
                submit,
                skipped=form.skipped(),
                loaded=form.loaded(),
            )
        except ValidationError as exc:  # submitted in another tab meanwhile
            messages.info(request, " ".join(exc.messages))
            return redirect("reviews:review", review_pk=review.pk)
        if result.submitted or not (result.conflicts or submit):
            messages.success(
                request,
                _("Uw beoordeling is ingediend.")
                if result.submitted
                else _("Uw beoordeling is opgeslagen."),
            )
            return redirect("reviews:review", review_pk=review.pk)
        stored = _stored(review)
        conflicts = result.conflicts
        form = _form_after_save(items, stored, request.POST, conflicts)
        if conflicts:
            status = 409
        elif submit:
            open_ids = {item.pk for item in result.open_items}
    plan_answers = {a.item_id: a.value for a in plan.answers.all()}
    rows = [
        (
            section,
            [
                {
                    "item": item,
                    "answer": display(item, plan_answers.get(item.pk, "")),
                    "verdict": form[f"oordeel-{item.pk}"],
                    "note": form[f"toelichting-{item.pk}"],
                    "skip": form[f"overslaan-{item.pk}"],
                    "mine": stored.get(item.pk),
                    "is_open": item.pk in open_ids,
                    "in_conflict": item.pk in conflicts,
                    "theirs": conflicts.get(item.pk),
                }
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
        "open_items": [item for item in items if item.pk in open_ids],
        "conflict_count": len(conflicts),
        "can_reopen": review.is_submitted
        and not PlanReviewOutcome.objects.filter(plan_id=plan.pk).exists(),
        "breadcrumbs": [
            (_("Mijn beoordelingen"), reverse("reviews:my_reviews")),
            (in_content_language(plan.title), None),
        ],
    }
    return render(request, "checklists/reviews/review.html", context, status=status)


@login_required
@require_POST
def review_autosave(request, review_pk):
    """htmx autosave of a review; answers a status fragment, and for each question it
    stored the new 'as loaded' values (out of band), so the page's next save compares
    with what is stored now."""
    review = _open_review(request, review_pk)
    context = {"saved_at": None, "submitted": review.is_submitted}
    if not review.is_submitted:
        _sections, items = _items(review.plan)
        form = ReviewForm(items, {}, data=request.POST)
        context["invalid"] = not form.is_valid()
        try:
            result = reviews.save_review(
                review,
                request.user,
                form.verdicts(),
                form.notes(),
                False,
                skipped=form.skipped(),
                loaded=form.loaded(),
            )
        except ValidationError:  # submitted in another tab meanwhile
            context["submitted"] = True
        else:
            stored = _stored(review) if result.written else {}
            context.update(
                saved_at=timezone.localtime(),
                conflict_count=len(result.conflicts),
                loaded=[_loaded_inputs(item_pk, stored.get(item_pk)) for item_pk in result.written],
            )
    return HttpResponse(render_to_string("checklists/reviews/_autosave_status.html", context))


def _loaded_inputs(item_pk, answer) -> list:
    return [
        (f"geladen-oordeel-{item_pk}", answer.verdict if answer else ""),
        (f"geladen-toelichting-{item_pk}", answer.note if answer else ""),
        (f"geladen-overslaan-{item_pk}", "1" if answer and answer.skipped else ""),
    ]


@login_required
@require_POST
def reopen_review(request, review_pk):
    review = _open_review(request, review_pk)
    try:
        reviews.reopen_review(review, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Uw beoordeling is heropend. Pas haar aan en dien haar opnieuw in."),
        )
    return redirect("reviews:review", review_pk=review.pk)
