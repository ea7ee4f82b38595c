"""The second-reviewer flow of the plan evaluation: invite, review alone, compare,
record the agreed findings. Views call these; the rules on who may do what live here."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from checklists import access, history, merge
from checklists.models import ChecklistItem
from checklists.models.review import (
    PlanReview,
    PlanReviewOutcome,
    ReviewAnswer,
    may_review,
)
from checklists.wizard.progress import sections_of

# The toolkit: each reviews alone, then they compare. Two reviews make a comparison.
MIN_REVIEWS_TO_COMPARE = 2


def possible_reviewers(plan):
    """Colleagues of the plan's municipality and ESS staff, invited or not."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(municipality_id=plan.municipality_id) | Q(role="ess"))
        .order_by("municipality__name", "first_name", "username")
    )


def invitable_reviewers(plan):
    """Colleagues of the plan's municipality and ESS staff, not yet invited."""
    invited = PlanReview.objects.filter(plan=plan).values("reviewer_id")
    return possible_reviewers(plan).exclude(pk__in=invited)


class AlreadyInvited(ValidationError):
    """The reviewer has an invitation for this plan already (a double click, or a
    colleague was first); no second invitation and no second e-mail."""

    def __init__(self, review: PlanReview):
        super().__init__(
            _("%(name)s was al uitgenodigd; de uitnodiging is eerder verstuurd.")
            % {"name": _name(review.reviewer)}
        )
        self.review = review


@transaction.atomic
def invite_reviewer(plan, inviter, reviewer, reviewer_role) -> PlanReview:
    """Invite a reviewer; raises AlreadyInvited when the plan has invited them before."""
    access.ensure_may_edit(inviter, plan)
    if not may_review(reviewer, plan):
        raise ValidationError(
            _("Een beoordelaar is een collega van uw eigen gemeente of een medewerker van ESS.")
        )
    existing = PlanReview.objects.filter(plan=plan, reviewer=reviewer).first()
    if existing is not None:
        raise AlreadyInvited(existing)
    review = PlanReview(plan=plan, reviewer=reviewer, reviewer_role=reviewer_role)
    review.invited_by = inviter
    # The one-invitation-per-reviewer constraint is left to the insert: checked here, a
    # parallel request would pass it too.
    review.full_clean(validate_constraints=False)
    try:
        # A request running in parallel passes the check above too; the constraint makes
        # this insert wait for it and then fail.
        with transaction.atomic():
            review.save()
    except IntegrityError:
        existing = PlanReview.objects.filter(plan=plan, reviewer=reviewer).first()
        if existing is None:
            raise
        raise AlreadyInvited(existing) from None
    history.record(plan, inviter, "review.invited", {"name": _name(reviewer)})
    return review


def notify_reviewer(review, review_url: str) -> bool:
    """E-mail the invited reviewer a link to the review, once the invitation is stored.
    False when the reviewer has no e-mail address (the review still waits under 'Mijn
    beoordelingen')."""
    if not review.reviewer.email:
        return False
    context = {
        "review": review,
        "review_url": review_url,
        "reviewer_name": _name(review.reviewer),
        "inviter_name": _name(review.invited_by),
    }
    # Dutch, whatever language the inviter uses: the portal does not know the reviewer's.
    with translation.override("nl"):
        subject = render_to_string("checklists/reviews/email/review_invite_subject.txt", context)
        body = render_to_string("checklists/reviews/email/review_invite.txt", context)
    transaction.on_commit(
        lambda: send_mail(" ".join(subject.split()), body, None, [review.reviewer.email])
    )
    return True


def _name(user) -> str:
    return user.get_full_name() or user.username


def review_items(plan):
    """The plan-van-aanpak checklist's sections with their active questions."""
    return sections_of(plan.checklist_id)


@dataclass
class ReviewSaved:
    """What a save of a review did."""

    written: list  # item ids whose verdict, note or skip this save stored
    conflicts: dict  # item id -> the ReviewAnswer (or None) another session saved meanwhile
    open_items: list  # active items with neither a verdict nor an explicit skip
    submitted: bool


def _entry(answer) -> tuple:
    if answer is None:
        return ("", "", False)
    return (answer.verdict, answer.note.replace("\r\n", "\n"), answer.skipped)


@transaction.atomic
def save_review(
    review, user, verdicts: dict, notes: dict, submit: bool, *, skipped=None, loaded=None
) -> ReviewSaved:
    """Store a reviewer's verdicts (item id -> verdict), notes and skips (item id ->
    True); `submit` closes the review, but only when every active question has a verdict
    or is skipped. `loaded` (item id -> (verdict, note, skipped)) is what the page showed:
    only the questions changed on the page are stored, and a question that another
    session (a second tab, the autosave of another device) changed meanwhile is left as
    it is and reported. The answers are stored even when the submit is refused, so a
    refused submit loses nothing. Only the reviewer writes, and only until submitted."""
    if review.reviewer_id != user.pk:
        raise PermissionDenied
    # Saves of one review wait for each other here, so what is compared below is what
    # the other session committed; a review submitted meanwhile is refused.
    locked = PlanReview.objects.select_for_update().only("submitted_at").get(pk=review.pk)
    if locked.is_submitted:
        raise ValidationError(_("Deze beoordeling is al ingediend."))
    skipped, loaded = skipped or {}, loaded or {}
    items = list(
        ChecklistItem.objects.filter(
            section__checklist_id=review.plan.checklist_id, is_active=True
        ).order_by("section__order", "section_id", "order", "pk")
    )
    stored = {a.item_id: a for a in review.answers.all()}
    written, conflicts, final = [], {}, {}
    for item in items:
        answer = stored.get(item.pk)
        now = _entry(answer)
        mine = (verdicts.get(item.pk, ""), notes.get(item.pk, ""), bool(skipped.get(item.pk)))
        seen = loaded.get(item.pk, now)
        final[item.pk] = now
        if mine in (seen, now):  # unchanged on the page, or already stored
            continue
        if now != seen:
            conflicts[item.pk] = answer
            continue
        verdict, note, skip = mine
        if answer is None:
            ReviewAnswer.objects.create(
                review=review, item=item, verdict=verdict, note=note, skipped=skip
            )
        else:
            answer.verdict, answer.note, answer.skipped = mine
            answer.save(update_fields=["verdict", "note", "skipped"])
        written.append(item.pk)
        final[item.pk] = mine
    open_items = [item for item in items if not (final[item.pk][0] or final[item.pk][2])]
    submitted = submit and not conflicts and not open_items
    if submitted:
        review.submitted_at = timezone.now()
        review.save(update_fields=["submitted_at"])
        history.record(review.plan, user, "review.submitted", {"name": _name(user)})
    return ReviewSaved(written, conflicts, open_items, submitted)


@transaction.atomic
def reopen_review(review, user) -> None:
    """A submitted review goes back to its reviewer, until the team records the outcome:
    after that the comparison it was part of is settled."""
    if review.reviewer_id != user.pk:
        raise PermissionDenied
    # record_outcome locks the submitted reviews, so the two cannot cross.
    locked = PlanReview.objects.select_for_update().only("submitted_at").get(pk=review.pk)
    if not locked.is_submitted:
        return
    if PlanReviewOutcome.objects.filter(plan_id=review.plan_id).exists():
        raise ValidationError(
            _(
                "Het team heeft de uitkomst van de planevaluatie al vastgelegd; "
                "uw beoordeling kan niet meer worden heropend."
            )
        )
    PlanReview.objects.filter(pk=review.pk).update(submitted_at=None)
    review.submitted_at = None
    history.record(review.plan, user, "review.reopened", {"name": _name(user)})


@dataclass
class ComparisonRow:
    item: ChecklistItem
    answers: list  # one ReviewAnswer or None per review, in the order of the reviews

    @property
    def differs(self) -> bool:
        verdicts = {answer.verdict if answer else "" for answer in self.answers}
        return len(verdicts) > 1


@dataclass
class Comparison:
    reviews: list
    sections: list  # (section, [ComparisonRow])

    @property
    def difference_count(self) -> int:
        return sum(row.differs for _section, rows in self.sections for row in rows)


def submitted_reviews(plan) -> list:
    return list(
        PlanReview.objects.filter(plan=plan, submitted_at__isnull=False)
        .select_related("reviewer")
        .prefetch_related(Prefetch("answers", queryset=ReviewAnswer.objects.all()))
    )


def comparison(plan) -> Comparison | None:
    """Both reviews side by side per question; None until two reviews are submitted."""
    reviews = submitted_reviews(plan)
    if len(reviews) < MIN_REVIEWS_TO_COMPARE:
        return None
    by_review = [{a.item_id: a for a in review.answers.all()} for review in reviews]
    sections = [
        (
            section,
            [
                ComparisonRow(item=item, answers=[answers.get(item.pk) for answers in by_review])
                for item in section.active_items
            ],
        )
        for section in review_items(plan)
    ]
    return Comparison(reviews=reviews, sections=sections)


OUTCOME_FIELDS = ["findings", "improvements", "approved", "approved_by"]


class OutcomeConflict(Exception):
    """A colleague changed these fields of the outcome since the page was loaded."""

    def __init__(self, theirs: dict):
        super().__init__("outcome changed meanwhile")
        self.theirs = theirs  # {field: the colleague's stored value}


def outcome_snapshot(outcome) -> dict:
    """The outcome's fields as the team page shows them (empty before the first record)."""
    if outcome is None:
        return {
            name: merge.canonical(PlanReviewOutcome._meta.get_field(name).get_default())
            for name in OUTCOME_FIELDS
        }
    return merge.snapshot(outcome, OUTCOME_FIELDS)


@transaction.atomic
def record_outcome(plan, user, *, loaded=None, **values):
    """Record what the team agreed. `loaded`: the fields as the page showed them; a field
    a colleague changed since is not overwritten (OutcomeConflict, nothing stored), the
    others are merged. Without `loaded` (not from a page) every field is written."""
    access.ensure_may_edit(user, plan)
    # Locks the submitted reviews: a reviewer reopening one waits, then finds the outcome.
    submitted = PlanReview.objects.select_for_update().filter(plan=plan, submitted_at__isnull=False)
    if len(submitted) < MIN_REVIEWS_TO_COMPARE:
        raise ValidationError(
            _("Leg de bevindingen vast nadat minstens twee beoordelingen zijn ingediend.")
        )
    outcome = PlanReviewOutcome.objects.select_for_update().filter(plan=plan).first()
    now = outcome_snapshot(outcome)
    mine = {name: merge.canonical(values[name]) for name in OUTCOME_FIELDS}
    if loaded is not None:
        decision = merge.decide(mine, loaded, now)
        if decision.conflicts:
            raise OutcomeConflict({name: now[name] for name in decision.conflicts})
        values = {
            name: values[name] if name in decision.store else getattr(outcome, name, values[name])
            for name in OUTCOME_FIELDS
        }
    outcome, _created = PlanReviewOutcome.objects.update_or_create(
        plan=plan, defaults={**values, "recorded_by": user}
    )
    history.record(plan, user, "review.outcome_recorded")
    return outcome
