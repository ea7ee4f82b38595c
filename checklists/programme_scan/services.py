"""The quick programmascan: starting and saving a scan, its results per part, the
comparison with the municipality's previous scan and the anonymous national average."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists import access
from checklists.models.programme_scan import (
    ANSWER_POINTS,
    MAX_POINTS,
    ProgrammeScan,
    ScanAnswer,
    ScanPart,
    ScanQuestion,
)

# A national average of fewer municipalities could point at one of them.
MIN_MUNICIPALITIES_FOR_AVERAGE = 5


def active_questions() -> list[ScanQuestion]:
    return list(ScanQuestion.objects.filter(is_active=True))


def start_scan(user, year: int) -> ProgrammeScan:
    if not user.is_editor:
        raise PermissionDenied
    scan, _created = ProgrammeScan.objects.get_or_create(
        municipality_id=user.municipality_id, year=year, defaults={"created_by": user}
    )
    return scan


def _ensure_editor(scan, user):
    # The plans' rule: a redacteur of the scan's own municipality (checklists.access).
    if not (access.is_editor(user) and access.of_own_municipality(user, scan)):
        raise PermissionDenied
    if scan.is_completed:
        raise ValidationError(_("Deze scan is al afgerond."))


def _lock_open_scan(scan, user) -> None:
    """Every save of this scan waits here for the one before it, so what is compared
    after it is what the other session committed; a scan completed meanwhile is refused."""
    _ensure_editor(scan, user)
    locked = ProgrammeScan.objects.select_for_update().only("completed_at").get(pk=scan.pk)
    _ensure_editor(locked, user)


@transaction.atomic
def save_scan(scan, user, answers: dict, loaded: dict | None = None) -> dict:
    """`answers` maps question ids to ja/deels/nee ("" leaves a question open); `loaded`
    to the answers the page showed when it was opened. Only the questions this user
    changed are stored, so two colleagues filling in different parts at the same time
    keep each other's answers. A question that was also changed in another session
    meanwhile is left as that session saved it and returned: {question id: its answer}.
    """
    _lock_open_scan(scan, user)
    loaded = loaded or {}
    stored = {a.question_id: a for a in scan.answers.all()}
    conflicts = {}
    for question_id, value in answers.items():
        existing = stored.get(question_id)
        now = existing.answer if existing else ""
        seen = loaded.get(question_id, now)
        if value == seen:
            continue  # not changed on this page: whatever is stored stays
        if now not in (seen, value):
            conflicts[question_id] = now
            continue
        if not value:
            if existing:
                existing.delete()
        elif existing is None:
            ScanAnswer.objects.create(scan=scan, question_id=question_id, answer=value)
        elif existing.answer != value:
            existing.answer = value
            existing.save(update_fields=["answer"])
    return conflicts


@transaction.atomic
def complete_scan(scan, user) -> None:
    """Close the scan; only when every active question has an answer."""
    _lock_open_scan(scan, user)
    open_count = ScanQuestion.objects.filter(is_active=True).exclude(answers__scan=scan).count()
    if open_count:
        raise ValidationError(
            _("Beantwoord alle vragen voordat u de scan afrondt (nog %(n)d open).")
            % {"n": open_count}
        )
    scan.completed_at = timezone.now()
    scan.save(update_fields=["completed_at"])


@dataclass
class PartResult:
    part: str
    label: str
    percent: int | None  # None while no question of the part is answered
    previous_percent: int | None = None
    national_percent: int | None = None

    @property
    def change(self) -> int | None:
        if self.percent is None or self.previous_percent is None:
            return None
        return self.percent - self.previous_percent


def _half_up(value: float) -> int:
    # round() rounds halves to even (62.5 -> 62); people expect 63.
    return int(value + 0.5)


def _percent(points: int, answered: int) -> int | None:
    return _half_up(100 * points / (answered * MAX_POINTS)) if answered else None


def _percent_per_part(answer_rows) -> dict:
    """(part, answer) rows -> {part: percent}."""
    points, answered = defaultdict(int), defaultdict(int)
    for part, answer in answer_rows:
        points[part] += ANSWER_POINTS[answer]
        answered[part] += 1
    return {part: _percent(points[part], answered[part]) for part in answered}


def previous_scan(scan) -> ProgrammeScan | None:
    return (
        ProgrammeScan.objects.filter(
            municipality_id=scan.municipality_id, year__lt=scan.year, completed_at__isnull=False
        )
        .order_by("-year")
        .first()
    )


def national_averages(year: int) -> dict:
    """{part: average percent} over the completed scans of `year`, or {} when fewer than
    MIN_MUNICIPALITIES_FOR_AVERAGE municipalities took part. One query."""
    rows = ScanAnswer.objects.filter(scan__year=year, scan__completed_at__isnull=False).values_list(
        "scan_id", "question__part", "answer"
    )
    per_scan = defaultdict(list)
    for scan_id, part, answer in rows:
        per_scan[scan_id].append((part, answer))
    if len(per_scan) < MIN_MUNICIPALITIES_FOR_AVERAGE:
        return {}
    by_part = defaultdict(list)
    for answers in per_scan.values():
        for part, percent in _percent_per_part(answers).items():
            by_part[part].append(percent)
    return {part: _half_up(sum(values) / len(values)) for part, values in by_part.items()}


def results(scan) -> list[PartResult]:
    """Per part: this scan, the previous scan of the municipality, the national average."""
    own = _percent_per_part(scan.answers.values_list("question__part", "answer"))
    previous = previous_scan(scan)
    before = (
        _percent_per_part(previous.answers.values_list("question__part", "answer"))
        if previous
        else {}
    )
    national = national_averages(scan.year)
    return [
        PartResult(
            part=part,
            label=str(label).capitalize(),
            percent=own.get(part),
            previous_percent=before.get(part),
            national_percent=national.get(part),
        )
        for part, label in ScanPart.choices
    ]
