"""Views of the evaluation-plan builder. Access goes through checklists.access (404 for
another municipality, 403 for a lezer), writes through checklists.evaluation_plan.services."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists import merge
from checklists.access import (
    get_plan_for_editor,
    get_plan_for_user,
    may_edit,
    may_see_internals,
    read_only_reason,
)
from checklists.evaluation_plan import services
from checklists.evaluation_plan.forms import (
    SUB_GOAL_INDICATORS_LIST,
    PlannedEvaluationForm,
    evaluation_forms,
)
from checklists.evaluation_plan.readiness import (
    load_evaluation_plan,
    readiness_advice,
    readiness_warnings,
    timeline,
)
from checklists.models import Checklist, PlanOfApproach, SubGoal
from checklists.models.evaluation_plan import (
    EVALUATION_KINDS,
    IndicatorSuggestion,
    PlannedEvaluation,
)
from checklists.wizard.forms import SectionAnswersForm
from checklists.wizard.progress import active_items_prefetch
from checklists.wizard.services import PlanFrozen
from ebw_portal.common.language import in_content_language


def _plan_queryset():
    return PlanOfApproach.objects.select_related("municipality", "intervention_type")


def _overview_url(plan):
    return reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})


def _breadcrumbs(plan, label=None):
    crumbs = [
        (_("Mijn plannen"), reverse("wizard:plan_list")),
        (in_content_language(plan.title), plan.get_absolute_url()),
        (_("Evaluatieplan"), _overview_url(plan) if label else None),
    ]
    if label:
        crumbs.append((label, None))
    return crumbs


@login_required
def overview(request, pk):
    plan = get_plan_for_user(request.user, pk, _plan_queryset())
    evaluation_plan = load_evaluation_plan(plan)
    planned_kinds = {evaluation.kind for evaluation in evaluation_plan.evaluations}
    context = {
        "plan": plan,
        "evaluation_plan": evaluation_plan,
        "warnings": readiness_warnings(plan, evaluation_plan),
        "advice": readiness_advice(plan, evaluation_plan),
        "timeline": timeline(evaluation_plan),
        "addable_kinds": [(k, label) for k, label in EVALUATION_KINDS if k not in planned_kinds],
        "can_edit": may_edit(request.user, plan) and plan.accepts_changes,
        "shows_reviews": may_see_internals(request.user, plan),
        "read_only_reason": read_only_reason(request.user, plan),
        "breadcrumbs": _breadcrumbs(plan),
    }
    return render(request, "checklists/evaluation_plan/overview.html", context)


@login_required
@require_POST
def add(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    kind = request.POST.get("kind", "")
    try:
        evaluation = services.add_evaluation(plan, request.user, kind)
    except services.AlreadyPlanned as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect("evaluation_plan:edit", pk=plan.pk, evaluation_pk=exc.evaluation.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_overview_url(plan))
    messages.success(request, _("De evaluatie is toegevoegd. Werk haar hieronder uit."))
    return redirect("evaluation_plan:edit", pk=plan.pk, evaluation_pk=evaluation.pk)


def _evaluation_for_editor(request, pk, evaluation_pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    evaluation = get_object_or_404(PlannedEvaluation, plan=plan, pk=evaluation_pk)
    evaluation.plan = plan
    return plan, evaluation


def _frozen_redirect(request, plan):
    messages.info(
        request,
        _("Dit plan is definitief of gearchiveerd. Maak een nieuwe versie om het te wijzigen."),
    )
    return redirect(_overview_url(plan))


def _frozen_plan_redirects(view):
    """A plan made definitief or archived while the view ran (after its own check) is
    refused by the service's last write, which rolls the change back: the user gets the
    same message and page as when it was frozen before."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PlanFrozen as exc:
            return _frozen_redirect(request, exc.plan)

    return wrapper


def _posted_revision(request, key="revision"):
    try:
        return int(request.POST.get(key, ""))
    except ValueError:
        return None


def _gone_redirect(request, plan):
    messages.error(
        request,
        _(
            "Deze evaluatie is intussen door iemand anders uit het evaluatieplan verwijderd. "
            "Uw wijzigingen zijn niet opgeslagen."
        ),
    )
    return redirect(_overview_url(plan))


def _shown(value, field=None) -> str:
    """A stored value as the page shows it next to a refused field."""
    if isinstance(value, bool):
        return _("aangevinkt") if value else _("niet aangevinkt")
    if field is not None and getattr(field, "choices", None) and value not in (None, ""):
        labels = {str(key): str(label) for key, label in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values) or _("(leeg)")
    if isinstance(value, list):
        return ", ".join(map(str, value)) or _("(leeg)")
    return str(value) if value not in (None, "") else _("(leeg)")


def _row_text(formset, values) -> str:
    """A row's values in one line: 'Indicator: …; Meetinstrument: …'."""
    parts = []
    for name in formset.row_fields():
        value = values.get(name) if isinstance(values, dict) else getattr(values, name)
        parts.append(f"{formset.form.base_fields[name].label}: {_shown(value)}")
    return "; ".join(parts)


def _show_row_conflicts(formset, conflicts):
    """Draw the refused rows on a freshly loaded formset: a row both changed shows this
    page's values with the other's next to it; a row this page removed but someone else
    changed shows the other's values; a row someone else removed is listed with this
    page's values, so nothing typed disappears from the screen."""
    rows = {form.row_pk: form for form in formset.forms if form.row_pk}
    formset.removed_elsewhere = []
    for conflict in conflicts:
        form = rows.get(conflict.pk)
        if form is None:
            if conflict.kind == "removed_elsewhere":
                formset.removed_elsewhere.append(_row_text(formset, conflict.mine))
            continue
        form.conflict_kind = conflict.kind
        form.theirs = _row_text(formset, form.instance)
        if conflict.kind == "changed":
            for name in formset.row_fields():
                form.initial[name] = conflict.mine.get(name)


@login_required
@_frozen_plan_redirects
def edit(request, pk, evaluation_pk):
    plan, evaluation = _evaluation_for_editor(request, pk, evaluation_pk)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    evaluation_plan = load_evaluation_plan(plan)
    data = request.POST if request.method == "POST" else None
    form, indicators, moments = evaluation_forms(evaluation, evaluation_plan.sub_goals, data)
    loaded, revision, conflicts, status = None, None, {}, 200
    if data is not None:
        loaded, revision = data.get("evaluatie-loaded", ""), _posted_revision(request)
        if form.is_valid() and indicators.is_valid() and moments.is_valid():
            try:
                result = services.save_evaluation(
                    evaluation,
                    request.user,
                    form=form,
                    indicators=indicators,
                    moments=moments,
                    loaded=merge.loads(loaded),
                    revision=revision,
                )
            except services.EvaluationGone:
                return _gone_redirect(request, plan)
            if not result.has_conflicts:
                messages.success(request, _("Opgeslagen."))
                anchor = request.POST.get("anchor", "")
                url = reverse(
                    "evaluation_plan:edit",
                    kwargs={"pk": plan.pk, "evaluation_pk": evaluation.pk},
                )
                return redirect(f"{url}#{anchor}" if anchor in ("indicatoren", "momenten") else url)
            # The page is drawn again from what is stored now, with this page's text in
            # the refused fields and rows and the other's next to them: saving again
            # stores it deliberately.
            typed, row_conflicts = form.cleaned_data, result.rows
            evaluation = PlannedEvaluation.objects.get(pk=evaluation.pk)
            evaluation.plan = plan
            evaluation_plan = load_evaluation_plan(plan)
            form, indicators, moments = evaluation_forms(evaluation, evaluation_plan.sub_goals)
            for name, stored in result.conflicts.items():
                form.initial[name] = typed[name]
                conflicts[name] = _shown(stored, form.fields[name])
                widget = form.fields[name].widget
                widget.attrs["aria-describedby"] = " ".join(
                    filter(None, [widget.attrs.get("aria-describedby"), f"conflict-{name}"])
                )
            _show_row_conflicts(indicators, row_conflicts)
            _show_row_conflicts(moments, row_conflicts)
            loaded, revision, status = None, None, 409
            messages.error(
                request,
                _(
                    "Iemand anders heeft deze evaluatie intussen gewijzigd. Wat alleen u "
                    "wijzigde is opgeslagen. De gemarkeerde velden en rijen zijn niet "
                    "opgeslagen: daar staat uw invoer nog, met wat de ander opsloeg. Pas ze "
                    "zo nodig aan en klik opnieuw op ‘Opslaan’ om uw invoer te bewaren."
                ),
            )
        else:
            messages.error(
                request,
                _("Er is nog niets opgeslagen. Verbeter de gemarkeerde velden en sla opnieuw op."),
            )
    if loaded is None:
        loaded = merge.dumps(merge.snapshot(evaluation, list(form.fields)))
        revision = evaluation.revision
    context = {
        "plan": plan,
        "evaluation": evaluation,
        "form": form,
        "loaded": loaded,
        "revision": revision,
        "conflicts": conflicts,
        "indicators": indicators,
        "moments": moments,
        "warnings": [
            w for w in readiness_warnings(plan, evaluation_plan) if w.evaluation_id == evaluation.pk
        ],
        "advice": [
            a for a in readiness_advice(plan, evaluation_plan) if a.evaluation_id == evaluation.pk
        ],
        "sub_goal_indicators": sorted(
            {g.indicator.strip() for g in evaluation_plan.sub_goals if g.indicator.strip()}
        ),
        "sub_goal_indicators_list": SUB_GOAL_INDICATORS_LIST,
        "suggestions": list(
            IndicatorSuggestion.objects.filter(
                intervention_type_id=plan.intervention_type_id, is_active=True
            )
        ),
        "toolkit_checklist": _toolkit_checklist(evaluation.kind),
        "breadcrumbs": _breadcrumbs(plan, str(evaluation.get_kind_display()).capitalize()),
    }
    return render(request, "checklists/evaluation_plan/edit.html", context, status=status)


@login_required
@require_POST
def autosave(request, pk, evaluation_pk):
    """htmx autosave of the evaluation's own fields while typing; answers a status
    fragment, the page's new as-loaded values and, next to each field, what someone
    else stored in it if that refused this page's text. Like every evaluation-plan write
    it leaves the plan's revision alone."""
    plan, evaluation = _evaluation_for_editor(request, pk, evaluation_pk)
    context = {"frozen": not plan.accepts_changes}
    if not context["frozen"]:
        form = PlannedEvaluationForm(request.POST, instance=evaluation, prefix="evaluatie")
        try:
            result = services.autosave_evaluation(
                evaluation,
                request.user,
                form,
                loaded=merge.loads(request.POST.get("evaluatie-loaded")),
                revision=_posted_revision(request),
            )
        except PlanFrozen:  # made definitief or archived since this request read it
            context["frozen"] = True
        except services.EvaluationGone:
            context["gone"] = True
        else:
            context.update(
                saved_at=timezone.localtime(),
                stored=[form.fields[name].label for name in result.stored],
                refused=[form.fields[name].label for name in result.conflicts],
                unsaved=[form.fields[name].label for name in result.invalid],
                slots=[
                    (name, _shown(result.conflicts[name], form.fields[name]))
                    if name in result.conflicts
                    else (name, "")
                    for name in form.fields
                ],
                loaded=merge.dumps(result.loaded),
                revision=result.revision,
            )
    return render(request, "checklists/evaluation_plan/_autosave_status.html", context)


def _toolkit_checklist(kind):
    """The toolkit's checklist of this kind of evaluation (ESS edits it in the admin)."""
    return (
        Checklist.objects.filter(kind=kind, is_active=True)
        .prefetch_related(Prefetch("sections", to_attr="ordered_sections"))
        .prefetch_related(active_items_prefetch("ordered_sections__"))
        .order_by("-pk")
        .first()
    )


@login_required
@require_POST
@_frozen_plan_redirects
def delete(request, pk, evaluation_pk):
    plan, evaluation = _evaluation_for_editor(request, pk, evaluation_pk)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    services.delete_evaluation(evaluation, request.user)
    messages.success(request, _("De evaluatie is uit het evaluatieplan verwijderd."))
    return redirect(_overview_url(plan))


@login_required
@require_POST
@_frozen_plan_redirects
def adopt_suggestion(request, pk, evaluation_pk):
    plan, evaluation = _evaluation_for_editor(request, pk, evaluation_pk)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    suggestion = get_object_or_404(
        IndicatorSuggestion,
        slug=request.POST.get("suggestion", ""),
        intervention_type_id=plan.intervention_type_id,
        is_active=True,
    )
    services.adopt_suggestion(evaluation, request.user, suggestion)
    messages.success(
        request,
        _("De indicator ‘%(name)s’ is toegevoegd. Koppel haar nog aan een subdoel.")
        % {"name": suggestion.name},
    )
    url = reverse("evaluation_plan:edit", kwargs={"pk": plan.pk, "evaluation_pk": evaluation.pk})
    return redirect(f"{url}#indicatoren")


@login_required
@require_POST
def measure_sub_goal(request, pk, sub_goal_pk):
    """The readiness warning's one-click fix: a planned evaluation measures the indicator
    the team wrote for a sub-goal. Back to the page the button was on."""
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    sub_goal = get_object_or_404(SubGoal, plan=plan, pk=sub_goal_pk)
    try:
        indicator, created = services.measure_sub_goal(plan, request.user, sub_goal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        values = {"name": indicator.name, "kind": indicator.evaluation.get_kind_display()}
        if created:
            messages.success(
                request,
                _(
                    "De %(kind)s meet nu de indicator ‘%(name)s’. Vul bij de indicatoren van "
                    "de %(kind)s nog in met welk meetinstrument."
                )
                % values,
            )
        else:
            messages.info(request, _("De %(kind)s meet de indicator ‘%(name)s’ al.") % values)
    return redirect(_back_url(request, plan))


def _back_url(request, plan):
    """The page the form was posted from (its `next`), if it is a page of this site."""
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return _overview_url(plan)


# The plan's own words for the uitvraag's context, if the checklist still asks them.
REQUEST_CONTEXT_ITEMS = ["maatschappelijk-vraagstuk", "hoofddoel", "doelgroep"]


@login_required
def request_for_evaluator(request, pk, evaluation_pk):
    """The "uitvraag": a printable request for an external evaluator, generated from a
    process or effect evaluation along the toolkit's outsourcing steps."""
    plan = get_plan_for_user(request.user, pk, _plan_queryset())
    evaluation_plan = load_evaluation_plan(plan)
    evaluation = next((e for e in evaluation_plan.evaluations if e.pk == evaluation_pk), None)
    if evaluation is None or not evaluation.collects_data_from_people:
        raise Http404
    context_answers = [
        (answer.item.question, answer.value)
        for answer in plan.answers.filter(
            item__slug__in=REQUEST_CONTEXT_ITEMS, item__section__checklist=plan.checklist_id
        )
        .exclude(value="")
        .select_related("item")
        .order_by("item__section__order", "item__order")
    ]
    context = {
        "plan": plan,
        "evaluation": evaluation,
        "context_answers": context_answers,
        "sub_goals": [g for g in evaluation_plan.sub_goals if g.linked_indicators],
        "moments": [e for e in timeline(evaluation_plan) if e.evaluation.pk == evaluation.pk],
        "breadcrumbs": _breadcrumbs(plan, _("Uitvraag")),
    }
    return render(request, "checklists/evaluation_plan/request.html", context)


@login_required
@_frozen_plan_redirects
def evaluation_checklist(request, pk, evaluation_pk):
    """The toolkit checklist of the evaluation's kind, answered by the team. Fields that
    fail validation keep their input; the others are saved."""
    plan, evaluation = _evaluation_for_editor(request, pk, evaluation_pk)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    checklist = _toolkit_checklist(evaluation.kind)
    if checklist is None:
        raise Http404
    stored = {a.item_id: a.value for a in evaluation.checklist_answers.all()}
    data = request.POST if request.method == "POST" else None
    forms = [
        (section, SectionAnswersForm(section.active_items, stored, data=data, prefix=section.slug))
        for section in checklist.ordered_sections
        if section.active_items
    ]
    items = [item for _section, form in forms for item in form.items]
    loaded = merge.dumps(services.checklist_snapshot(evaluation, items))
    revision, theirs, status = evaluation.revision, {}, 200
    if data is not None:
        answers = {}
        for _section, form in forms:
            form.is_valid()
            answers.update(form.valid_answers())
        try:
            result = services.save_checklist_answers(
                evaluation,
                request.user,
                answers,
                loaded=merge.loads(data.get("loaded")),
                revision=_posted_revision(request),
            )
        except services.EvaluationGone:
            return _gone_redirect(request, plan)
        valid = all(form.is_valid() for _section, form in forms)
        if valid and not result.conflicts:
            messages.success(request, _("Opgeslagen."))
            return redirect("evaluation_plan:checklist", pk=plan.pk, evaluation_pk=evaluation.pk)
        loaded, revision = merge.dumps(result.loaded), result.revision
        by_pk = {str(item.pk): item for item in items}
        theirs = {by_pk[key].slug: _shown(value) for key, value in result.conflicts.items()}
        if result.conflicts:
            status = 409
            messages.error(
                request,
                _(
                    "Iemand anders heeft intussen antwoorden op deze checklist gewijzigd. De "
                    "gemarkeerde antwoorden zijn niet opgeslagen: daar staat uw antwoord nog, "
                    "met dat van de ander. Klik opnieuw op ‘Opslaan’ om uw antwoorden te "
                    "bewaren; de overige antwoorden zijn opgeslagen."
                ),
            )
        else:
            messages.error(
                request,
                _(
                    "Niet alles kon worden opgeslagen. De overige antwoorden zijn bewaard; "
                    "verbeter de gemarkeerde velden."
                ),
            )
    context = {
        "plan": plan,
        "evaluation": evaluation,
        "checklist": checklist,
        "forms": [
            (section, form, [(form[item.slug], theirs.get(item.slug)) for item in form.items])
            for section, form in forms
        ],
        "loaded": loaded,
        "revision": revision,
        "breadcrumbs": _breadcrumbs(plan, in_content_language(checklist.title)),
    }
    return render(request, "checklists/evaluation_plan/checklist.html", context, status=status)
