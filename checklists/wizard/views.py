"""Views of "Mijn plannen" and the plan-of-approach wizard. They stay thin: access goes
through checklists.access, writes through checklists.wizard.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from checklists import merge
from checklists.access import (
    get_plan_for_editor,
    get_plan_for_team,
    get_plan_for_user,
    may_create,
    may_edit,
    read_only_reason,
)
from checklists.evaluation_plan.readiness import readiness_box
from checklists.models import Checklist, PlanChange, PlanOfApproach, PlanReview
from checklists.wizard import services
from checklists.wizard.answers import display
from checklists.wizard.forms import (
    AdoptElementForm,
    PlanFilterForm,
    PlanForm,
    SectionAnswersForm,
    list_formset_for,
)
from checklists.wizard.guidance import all_lessons_url, elements_for, lessons_for
from checklists.wizard.progress import (
    active_items_prefetch,
    load_progress,
    progress_of,
    sections_of,
    with_progress_data,
)
from checklists.wizard.sharing import PREVIEW_TITLES, Audience, audience_of, plan_content
from checklists.wizard.steps import neighbours, reader_url, resume_url, wizard_steps
from ebw_portal.common.language import in_content_language
from interventions.models import EffectiveElement

PLAN_RELATED = ["municipality", "intervention_type", "intervention", "updated_by"]
# What a row of a plan table shows of the related objects: the type's name, the
# municipality and who changed the plan last. Leaving out the type's long texts and
# search vector (and the intervention) keeps the list query cheap with many plans.
PLAN_ROW_RELATED = ["municipality", "intervention_type", "updated_by"]
PLAN_ROW_DEFERRED = [
    "intervention_type__description",
    "intervention_type__effectiveness",
    "intervention_type__search_vector",
]


def _plan_rows(queryset):
    return queryset.select_related(*PLAN_ROW_RELATED).defer(*PLAN_ROW_DEFERRED)


def _with_progress_queryset(queryset):
    return with_progress_data(_plan_rows(queryset)).prefetch_related(
        Prefetch(
            "checklist",
            queryset=Checklist.objects.prefetch_related(
                Prefetch("sections", to_attr="ordered_sections"),
                active_items_prefetch("ordered_sections__"),
            ),
        )
    )


def _attach_progress(prepared) -> list:
    """`prepared`: a queryset (or a page of one) from _with_progress_queryset."""
    plans = list(prepared)
    for plan in plans:
        sections = sorted(plan.checklist.ordered_sections, key=lambda s: (s.order, s.pk))
        plan.progress = progress_of(plan, sections)
        plan.resume_url = resume_url(plan, sections, plan.progress)
    return plans


PLAN_LIST_PAGE_SIZE = 25
WAITING_REVIEWS_SHOWN = 5


@login_required
def plan_list(request):
    user = request.user
    visible = PlanOfApproach.objects.visible_to(user).current()
    own = visible.of_municipality(user.municipality_id) if user.municipality_id else visible.none()
    filters = PlanFilterForm(request.GET)
    # One page of the municipality's plans (a large municipality has hundreds), active
    # ones first and the archive after them: one query for both, so the count stays fixed.
    ordered = _with_progress_queryset(filters.filter(own)).order_by("is_archived", "-updated_at")
    page = Paginator(ordered, PLAN_LIST_PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = _attach_progress(page.object_list)
    # Reviews still to do for this user: a short list, one query whatever its length.
    waiting = list(
        PlanReview.objects.open_to(user)
        .filter(submitted_at__isnull=True)
        .select_related("plan__municipality")
        .only("pk", "plan__title", "plan__municipality__name")[: WAITING_REVIEWS_SHOWN + 1]
    )
    context = {
        "page": page,
        "filters": filters,
        "is_filtering": filters.is_filtering,
        "active_count": own.filter(is_archived=False).count(),
        "active_plans": [p for p in page.object_list if not p.is_archived],
        "archived_plans": [p for p in page.object_list if p.is_archived],
        "example_plans": list(
            visible.filter(is_example_plan=True, is_archived=False)
            .exclude(municipality_id=user.municipality_id)
            .select_related(*PLAN_ROW_RELATED)
            .defer(*PLAN_ROW_DEFERRED)
        ),
        "shared_plans": list(
            visible.filter(shared_with_ess=True)
            .exclude(municipality_id=user.municipality_id)
            .select_related(*PLAN_ROW_RELATED)
            .defer(*PLAN_ROW_DEFERRED)
        )
        if user.is_ess
        else [],
        "can_create": may_create(user),
        "waiting_reviews": waiting[:WAITING_REVIEWS_SHOWN],
        "more_reviews_waiting": len(waiting) > WAITING_REVIEWS_SHOWN,
        "breadcrumbs": [(_("Mijn plannen"), None)],
    }
    return render(request, "checklists/wizard/plan_list.html", context)


@login_required
def plan_create(request):
    if not may_create(request.user):
        raise PermissionDenied
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = services.create_plan(
            municipality=request.user.municipality, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("Het plan is aangemaakt. Vul nu de stappen in."))
        return redirect(_first_section_url(plan))
    context = {
        "form": form,
        "breadcrumbs": [
            (_("Mijn plannen"), reverse("wizard:plan_list")),
            (_("Nieuw plan"), None),
        ],
    }
    return render(request, "checklists/wizard/plan_create.html", context)


def _first_section_url(plan):
    section = plan.checklist.sections.order_by("order", "pk").first()
    if section is None:
        return reverse("wizard:plan_review", kwargs={"pk": plan.pk})
    return reverse("wizard:plan_step", kwargs={"pk": plan.pk, "section_slug": section.slug})


def _plan_queryset():
    return PlanOfApproach.objects.select_related(*PLAN_RELATED, "previous_version")


def _wizard_context(request, plan, sections, current_slug, progress=None):
    progress = progress or load_progress(plan, sections)
    steps = wizard_steps(plan, sections, progress)
    previous, following = neighbours(steps, current_slug) if current_slug else (None, None)
    can_edit = may_edit(request.user, plan)
    return {
        "plan": plan,
        "progress": progress,
        # A reader's step links lead to the overview: a step's own page is for editing.
        "steps": [
            (step, step.url(plan) if can_edit else reader_url(step, plan), step.is_complete(plan))
            for step in steps
        ],
        "current_slug": current_slug,
        "previous_step": previous,
        "next_step": following,
        "next_url": following.url(plan) if following else None,
        "previous_url": previous.url(plan) if previous else None,
        "can_edit": can_edit,
        "read_only_reason": read_only_reason(request.user, plan),
        "resume_url": resume_url(plan, sections, progress),
    }


@login_required
def plan_detail(request, pk):
    plan = get_plan_for_user(request.user, pk, _plan_queryset())
    sections = sections_of(plan.checklist_id)
    context = _wizard_context(request, plan, sections, None)
    context.update(
        {
            "content": plan_content(plan, sections, audience_of(request.user, plan)),
            "versions": _versions(plan, request.user),
            "newer_version": plan.next_versions.visible_to(request.user).first(),
            "readiness": readiness_box(plan, can_edit=may_edit(request.user, plan)),
            "breadcrumbs": [
                (_("Mijn plannen"), reverse("wizard:plan_list")),
                (in_content_language(plan.title), None),
            ],
        }
    )
    return render(request, "checklists/wizard/plan_detail.html", context)


def _versions(plan, user):
    """The plan's earlier versions that the user may read, newest first: a municipality
    reading a shared version learns nothing of the versions that were not shared."""
    chain, current = [], plan.previous_version
    while current is not None and len(chain) < 50:
        chain.append(current)
        current = current.previous_version
    if not chain:
        return chain
    visible = set(
        PlanOfApproach.objects.visible_to(user)
        .filter(pk__in=[version.pk for version in chain])
        .values_list("pk", flat=True)
    )
    return [version for version in chain if version.pk in visible]


def _frozen_redirect(request, plan):
    messages.info(
        request,
        _("Dit plan is definitief of gearchiveerd. Maak een nieuwe versie om het te wijzigen.")
        if not plan.is_archived
        else _("Dit plan is gearchiveerd. Haal het terug om het te wijzigen."),
    )
    return redirect(plan)


def _expected_revision(request) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return 0


def _breadcrumbs(plan, label):
    return [
        (_("Mijn plannen"), reverse("wizard:plan_list")),
        (in_content_language(plan.title), plan.get_absolute_url()),
        (label, None),
    ]


@login_required
def plan_details(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    sections = sections_of(plan.checklist_id)
    # On POST the form gets no instance: a ModelForm writes its data into its instance while
    # validating, and save_details must still see the old values to record what changed.
    form = PlanForm(request.POST or None, instance=plan if request.method != "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_details(
                plan,
                request.user,
                expected_revision=_expected_revision(request),
                **form.cleaned_data,
            )
        except services.PlanConflict as exc:
            conflict = exc.plan
            plan = exc.plan
        else:
            return _after_save(request, plan, sections, "gegevens")
    context = _wizard_context(request, plan, sections, "gegevens")
    context.update(
        {"form": form, "conflict": conflict, "breadcrumbs": _breadcrumbs(plan, _("Gegevens"))}
    )
    status = 409 if conflict else 200
    return render(request, "checklists/wizard/plan_details.html", context, status=status)


def _after_save(request, plan, sections, current_slug):
    if "next" in request.POST:
        # Which step comes next does not depend on what is complete: no progress needed.
        following = neighbours(wizard_steps(plan, sections, None), current_slug)[1]
        if following:
            return redirect(following.url(plan))
    messages.success(request, _("Opgeslagen."))
    return redirect(request.path)


def _section_or_404(sections, slug):
    for section in sections:
        if section.slug == slug:
            return section
    raise Http404


@login_required
def plan_step(request, pk, section_slug):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    sections = sections_of(plan.checklist_id)
    section = _section_or_404(sections, section_slug)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    data = request.POST if request.method == "POST" else None
    # A save compares the posted answers with the stored ones itself, under its lock.
    stored = (
        {} if data else {a.item_id: a.value for a in plan.answers.filter(item__section=section)}
    )
    form = SectionAnswersForm(section.active_items, stored, data=data)
    formset = list_formset_for(section, plan, data)
    # What the page shows as it is loaded: a save stores an answer only if nobody else
    # changed it since (checklists/merge.py).
    loaded = merge.dumps(services.answers_snapshot(section.active_items, stored))
    revision, conflict = plan.revision, None
    if request.method == "POST":
        form.is_valid()
        list_ok = formset is None or formset.is_valid()
        try:
            result = services.save_step(
                plan,
                section,
                request.user,
                answers=form.valid_answers(),
                expected_revision=_expected_revision(request),
                loaded=merge.loads(request.POST.get("loaded")),
                formset=formset if list_ok else None,
            )
        except services.PlanFrozen:  # made definitief or archived since this request read it
            return _frozen_redirect(request, plan)
        if not result.has_conflicts and form.is_valid() and list_ok:
            return _after_save(request, plan, sections, section.slug)
        loaded = merge.dumps(_redraw(form, result))
        if result.has_conflicts:
            conflict = _conflict_view(plan, result)
            revision = conflict["revision"]
        else:
            revision = result.revision
            messages.error(
                request,
                _(
                    "Niet alles kon worden opgeslagen. De overige antwoorden zijn bewaard; "
                    "verbeter de gemarkeerde velden."
                ),
            )
    return _render_step(
        request, plan, sections, section, form, formset, conflict, loaded=loaded, revision=revision
    )


def _redraw(form, result) -> dict:
    """The step drawn again after a save that did not store everything: a refused
    answer keeps the typed text with the other's answer beside it, so 'Opslaan' again
    stores it deliberately; an answer only someone else changed shows theirs. Returns
    the as-loaded values of the page so drawn."""
    form.show_stored({item.pk: value for item, value in result.others.items()})
    loaded = dict(result.loaded)
    for item, value in [*result.conflicts.items(), *result.others.items()]:
        loaded[str(item.pk)] = merge.canonical(value)
    for item in result.conflicts:
        widget = form.fields[item.slug].widget
        widget.attrs["aria-describedby"] = " ".join(
            filter(None, [widget.attrs.get("aria-describedby"), f"conflict-{item.slug}"])
        )
    return loaded


def _conflict_view(plan, result) -> dict:
    """Who saved the plan last and, per refused answer, what the other stored. A refused
    list keeps its typed rows and gets the plan's current revision: 'Opslaan' again
    stores them deliberately."""
    plan.refresh_from_db(fields=["revision", "updated_by", "updated_at"])
    return {
        "by": plan.updated_by,
        "at": plan.updated_at,
        "answers": {
            item.slug: display(item, value) or _("(leeg)")
            for item, value in result.conflicts.items()
        },
        "list_refused": result.list_refused,
        "revision": plan.revision if result.list_refused else result.revision,
    }


def _render_step(
    request, plan, sections, section, form, formset, conflict=None, *, loaded, revision
):
    context = _wizard_context(request, plan, sections, section.slug)
    elements = elements_for(plan) if section.offers_effective_elements else []
    adopted = {a.element_id: a for a in plan.adopted_elements.all()} if elements else {}
    for element in elements:
        element.adoption = adopted.get(element.pk)
    theirs = conflict["answers"] if conflict else {}
    fields = [(form[item.slug], item, theirs.get(item.slug)) for item in section.active_items]
    lessons = lessons_for(section, plan)
    context.update(
        {
            "section": section,
            "form": form,
            "fields": fields,
            "formset": formset,
            "conflict": conflict,
            "loaded": loaded,
            "revision": revision,
            "section_progress": context["progress"].for_section(section),
            "lessons": lessons,
            "lesson_total": lessons[0].total if lessons else 0,
            "all_lessons_url": all_lessons_url(section, plan),
            "elements": elements,
            "adopt_form": AdoptElementForm(),
            "breadcrumbs": _breadcrumbs(plan, in_content_language(section.title)),
            # The evaluation step shows how far the evaluation plan is.
            "readiness": readiness_box(plan, can_edit=may_edit(request.user, plan))
            if "evaluatie" in section.slug
            else None,
        }
    )
    status = 409 if conflict else 200
    return render(request, "checklists/wizard/plan_step.html", context, status=status)


def _autosave_status(context) -> HttpResponse:
    # A fragment that needs nothing from the request: rendered without the context
    # processors, which cost more than the fragment itself on every autosave.
    return HttpResponse(render_to_string("checklists/wizard/_autosave_status.html", context))


@login_required
@require_POST
def plan_step_autosave(request, pk, section_slug):
    """htmx autosave of a step's answers; returns a small status fragment with, out of
    band, the page's new as-loaded values and revision and, next to each question, the
    other's answer where it refused this page's. The list rows are saved by the step's
    own buttons (a half-typed row has no id yet); the status says so when rows were
    typed in, and the page warns before it is left.

    Readable is enough here: `services.save_step` makes the one check that the user may
    edit (403 for a lezer), so it is not queried twice per keystroke pause."""
    plan = get_plan_for_user(request.user, pk)
    sections = sections_of(plan.checklist_id)
    section = _section_or_404(sections, section_slug)
    context = {"saved_at": None, "invalid": False}
    if not plan.accepts_changes:
        context["frozen"] = True
        return _autosave_status(context)
    # No stored answers needed here: only the posted values are validated, and
    # save_step compares them with the stored answers itself.
    form = SectionAnswersForm(section.active_items, {}, data=request.POST)
    context["invalid"] = not form.is_valid()
    try:
        result = services.save_step(
            plan,
            section,
            request.user,
            answers=form.valid_answers(),
            expected_revision=_expected_revision(request),
            loaded=merge.loads(request.POST.get("loaded")),
        )
    except services.PlanFrozen:  # made definitief or archived since this request read it
        context["frozen"] = True
        return _autosave_status(context)
    context.update(
        saved_at=timezone.localtime(),
        stored=[item.question for item in result.stored],
        refused=[item.question for item in result.conflicts],
        slots=[
            (item.slug, display(item, result.conflicts[item]) or _("(leeg)"))
            if item in result.conflicts
            else (item.slug, "")
            for item in section.active_items
        ],
        loaded=merge.dumps(result.loaded),
        # The new revision only if this page was the newest: had it taken the plan's
        # newest otherwise, its list rows would overwrite what someone else saved.
        revision=result.revision,
        rows_pending=_unsaved_rows(section, plan, request.POST),
    )
    return _autosave_status(context)


def _unsaved_rows(section, plan, data) -> str:
    """'new' or 'changed' when the posted list rows differ from the stored ones: the
    autosave does not store rows (a half-typed new row has no id yet), so the status
    must not let 'Opgeslagen' suggest it did."""
    formset = list_formset_for(section, plan, data)
    if formset is None:
        return ""
    changed = [form for form in formset.forms if form.has_changed()]
    if any(not form.instance.pk for form in changed):
        return "new"
    return "changed" if changed else ""


@login_required
def plan_review(request, pk):
    plan = get_plan_for_user(request.user, pk, _plan_queryset())
    sections = sections_of(plan.checklist_id)
    context = _wizard_context(request, plan, sections, "controle")
    context["breadcrumbs"] = _breadcrumbs(plan, _("Controle"))
    context["readiness"] = readiness_box(plan, can_edit=may_edit(request.user, plan))
    return render(request, "checklists/wizard/plan_review.html", context)


@login_required
@require_POST
def plan_finalise(request, pk):
    plan = get_plan_for_editor(request.user, pk)
    try:
        services.make_definitive(plan, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("wizard:plan_review", pk=plan.pk)
    messages.success(request, _("Het plan is definitief gemaakt."))
    return redirect(plan)


@login_required
@require_POST
def plan_new_version(request, pk):
    plan = get_plan_for_editor(request.user, pk)
    try:
        new = services.new_version_from_definitive(plan, request.user)
    except services.NewerVersionExists as exc:
        messages.info(request, " ".join(exc.messages))
        return redirect(exc.newer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
    messages.success(
        request,
        _("Versie %(n)d is gemaakt als concept. De definitieve versie blijft bewaard.")
        % {"n": new.version},
    )
    return redirect(new)


@login_required
@require_POST
def plan_duplicate(request, pk):
    plan = get_plan_for_user(request.user, pk)
    if not may_create(request.user):
        raise PermissionDenied
    copy = services.duplicate_plan(plan, request.user)
    messages.success(request, _("Het plan is gekopieerd naar uw eigen plannen."))
    return redirect(copy)


@login_required
@require_POST
def plan_archive(request, pk):
    plan = get_plan_for_editor(request.user, pk)
    archive = request.POST.get("archive") == "1"
    services.set_archived(plan, request.user, archive)
    messages.success(
        request, _("Het plan is gearchiveerd.") if archive else _("Het plan is teruggehaald.")
    )
    return redirect("wizard:plan_list")


SHARING_ACTIONS = {
    "share_ess": {"shared_with_ess": True},
    "unshare_ess": {"shared_with_ess": False},
    "publish": {"is_example_plan": True},
    "withdraw": {"is_example_plan": False},
}
# Sharing needs the confirmation given on its preview page; withdrawing is one click.
SHARING_PREVIEWS = {"share_ess": Audience.ESS, "publish": Audience.MUNICIPALITIES}
SHARING_DONE = {
    "share_ess": _lazy("Het plan is gedeeld met ESS. ESS ziet nu wat u in het voorbeeld zag."),
    "unshare_ess": _lazy("Het plan is niet meer gedeeld met ESS. ESS ziet het vanaf nu niet meer."),
    "publish": _lazy(
        "Het plan is gepubliceerd als voorbeeldplan. Andere gemeenten zien nu wat u in het "
        "voorbeeld zag."
    ),
    "withdraw": _lazy(
        "Het voorbeeldplan is ingetrokken. Andere gemeenten zien het vanaf nu niet meer."
    ),
}


@login_required
@require_POST
def plan_share(request, pk):
    plan = get_plan_for_editor(request.user, pk)
    name = request.POST.get("action", "")
    action = SHARING_ACTIONS.get(name)
    if action is None:
        messages.error(request, _("Onbekende actie."))
    elif name in SHARING_PREVIEWS and request.POST.get("confirm") != "1":
        messages.info(
            request, _("Bekijk eerst wat anderen van het plan zien en bevestig dan het delen.")
        )
        return redirect("wizard:plan_share_preview", pk=plan.pk, audience=SHARING_PREVIEWS[name])
    else:
        services.set_sharing(plan, request.user, **action)
        messages.success(request, SHARING_DONE[name])
    return redirect(plan)


@login_required
def plan_share_preview(request, pk, audience):
    """Exactly what `audience` sees of the plan, rendered by the same code as their own
    page, with the button that confirms the sharing."""
    try:
        audience = Audience(audience)
    except ValueError:
        raise Http404 from None
    if audience is Audience.TEAM:
        raise Http404
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    sections = sections_of(plan.checklist_id)
    shared = plan.shared_with_ess if audience is Audience.ESS else plan.is_example_plan
    context = {
        "plan": plan,
        "audience": audience,
        "progress": load_progress(plan, sections),
        "content": plan_content(plan, sections, audience),
        "readiness": readiness_box(plan, can_edit=False),
        "shared": shared,
        "action": "share_ess" if audience is Audience.ESS else "publish",
        "withdraw_action": "unshare_ess" if audience is Audience.ESS else "withdraw",
        "preview_title": PREVIEW_TITLES[audience],
        "breadcrumbs": _breadcrumbs(plan, PREVIEW_TITLES[audience]),
    }
    return render(request, "checklists/wizard/plan_share_preview.html", context)


@login_required
def plan_delete(request, pk):
    plan = get_plan_for_editor(request.user, pk, _plan_queryset())
    if plan.is_definitive:
        messages.info(
            request, _("Een definitief plan wordt bewaard en kan niet worden verwijderd.")
        )
        return redirect(plan)
    if request.method == "POST":
        try:
            services.delete_concept(plan, request.user)
        except ValidationError as exc:  # made definitief by a colleague meanwhile
            messages.error(request, " ".join(exc.messages))
            return redirect(plan)
        messages.success(
            request, _("Het concept ‘%(title)s’ is verwijderd.") % {"title": plan.title}
        )
        return redirect(plan.previous_version or reverse("wizard:plan_list"))
    context = {
        "plan": plan,
        "breadcrumbs": _breadcrumbs(plan, _("Concept verwijderen")),
    }
    return render(request, "checklists/wizard/plan_delete.html", context)


@login_required
def plan_history(request, pk):
    # The history names the team's members: it stays with the own municipality.
    plan = get_plan_for_team(request.user, pk, _plan_queryset())
    changes = PlanChange.objects.filter(plan=plan).select_related("user")[:500]
    context = {
        "plan": plan,
        "changes": changes,
        "read_only_reason": read_only_reason(request.user, plan),
        "breadcrumbs": _breadcrumbs(plan, _("Geschiedenis")),
    }
    return render(request, "checklists/wizard/plan_history.html", context)


def _element_for(plan, element_slug):
    return get_object_or_404(
        EffectiveElement.objects.filter(types=plan.intervention_type_id), slug=element_slug
    )


@login_required
@require_POST
def element_adopt(request, pk, element_slug):
    plan = get_plan_for_editor(request.user, pk)
    element = _element_for(plan, element_slug)
    form = AdoptElementForm(request.POST)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    if form.is_valid():
        services.adopt_element(plan, request.user, element, form.cleaned_data["note"])
        messages.success(request, _("Het werkzame element is in uw plan opgenomen."))
    else:
        messages.error(request, " ".join(form.errors["note"]))
    return redirect(_back_to_step(request, plan) + f"#element-{element.slug}")


@login_required
@require_POST
def element_remove(request, pk, element_slug):
    plan = get_plan_for_editor(request.user, pk)
    element = _element_for(plan, element_slug)
    if not plan.accepts_changes:
        return _frozen_redirect(request, plan)
    services.remove_adopted_element(plan, request.user, element)
    messages.success(request, _("Het werkzame element is uit uw plan verwijderd."))
    return redirect(_back_to_step(request, plan) + f"#element-{element.slug}")


def _back_to_step(request, plan):
    slug = request.POST.get("section", "")
    if plan.checklist.sections.filter(slug=slug).exists():
        return reverse("wizard:plan_step", kwargs={"pk": plan.pk, "section_slug": slug})
    return plan.get_absolute_url()
