"""Pages of the quick programmascan. A scan is visible only to its own municipality
(404 for everyone else); only a redacteur fills it in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checklists.models.programme_scan import ProgrammeScan
from checklists.programme_scan import services as programme_scan
from checklists.programme_scan.forms import ProgrammeScanForm


def _crumbs(label=None):
    crumbs = [(_("Programmascan"), reverse("programme_scan:list") if label else None)]
    return crumbs + [(label, None)] if label else crumbs


@login_required
def scan_list(request):
    scans = list(ProgrammeScan.objects.of_user(request.user))
    this_year = timezone.localdate().year
    context = {
        "scans": scans,
        "this_year": this_year,
        "can_start": request.user.is_editor and all(s.year != this_year for s in scans),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "checklists/programme_scan/list.html", context)


@login_required
@require_POST
def scan_start(request):
    scan = programme_scan.start_scan(request.user, timezone.localdate().year)
    return redirect("programme_scan:fill", pk=scan.pk)


def _scan_for_user(request, pk):
    return get_object_or_404(ProgrammeScan.objects.of_user(request.user), pk=pk)


@login_required
def scan_fill(request, pk):
    scan = _scan_for_user(request, pk)
    if scan.is_completed:
        return redirect("programme_scan:results", pk=scan.pk)
    if not request.user.is_editor:
        raise PermissionDenied
    questions = programme_scan.active_questions()
    stored = {a.question_id: a.answer for a in scan.answers.all()}
    form = ProgrammeScanForm(questions, stored, data=request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # The answers are saved first, so a refused completion loses nothing.
        try:
            conflicts = programme_scan.save_scan(scan, request.user, form.answers(), form.loaded())
        except ValidationError:  # completed by a colleague while this page was open
            messages.info(request, _("Deze scan is intussen afgerond door een collega."))
            return redirect("programme_scan:results", pk=scan.pk)
        if conflicts:
            form = _form_after_conflict(scan, questions, request.POST, conflicts)
            status = 409
            messages.error(
                request,
                _(
                    "Een collega heeft intussen ook vragen beantwoord. Uw andere antwoorden "
                    "zijn opgeslagen; bij de gemarkeerde vragen ziet u wat de ander koos. "
                    "Kies opnieuw en klik op ‘Opslaan’ om uw antwoord te bewaren."
                ),
            )
        elif "complete" not in request.POST:
            messages.success(request, _("Opgeslagen."))
            return redirect("programme_scan:fill", pk=scan.pk)
        else:
            try:
                programme_scan.complete_scan(scan, request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("De scan is afgerond."))
                return redirect("programme_scan:results", pk=scan.pk)
    context = {
        "scan": scan,
        "form": form,
        "breadcrumbs": _crumbs(str(scan.year)),
    }
    return render(request, "checklists/programme_scan/fill.html", context, status=status)


def _form_after_conflict(scan, questions, posted, conflicts):
    """The page after a save with conflicts shows what is stored now, except at the
    questions in conflict, where the user's own choice stays. The 'as loaded' answers
    become what is stored now, so saving again overwrites deliberately, and only there."""
    stored = {a.question_id: a.answer for a in scan.answers.all()}
    data = posted.copy()
    for question in questions:
        data[f"geladen-{question.pk}"] = stored.get(question.pk, "")
        if question.pk not in conflicts:
            data[f"vraag-{question.pk}"] = stored.get(question.pk, "")
    form = ProgrammeScanForm(questions, stored, data=data)
    form.is_valid()
    form.conflicts = conflicts
    return form


@login_required
def scan_results(request, pk):
    scan = _scan_for_user(request, pk)
    context = {
        "scan": scan,
        "results": programme_scan.results(scan),
        "previous": programme_scan.previous_scan(scan),
        "min_municipalities": programme_scan.MIN_MUNICIPALITIES_FOR_AVERAGE,
        "breadcrumbs": _crumbs(str(scan.year)),
    }
    return render(request, "checklists/programme_scan/results.html", context)
