"""The toolkit's plan evaluation, in software: a team of at least two (one involved in
the plan, one outsider) each reviews the plan alone with the plan-van-aanpak checklist;
then the answers are compared and the agreed findings and improvements are recorded.

A reviewer is a colleague of the plan's own municipality or an ESS staff member, never
someone of another municipality. A reviewer reads the plan through the review, so an
ESS reviewer needs no other access to the plan.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from checklists.models import text_limits


class ReviewerRole(models.TextChoices):
    INVOLVED = "betrokkene", _("betrokken bij het plan")
    OUTSIDER = "buitenstaander", _("buitenstaander")


class ReviewVerdict(models.TextChoices):
    GOOD = "ja", _("in orde")
    PARTLY = "deels", _("deels in orde")
    MISSING = "nee", _("ontbreekt of onvoldoende")


def may_review(user, plan) -> bool:
    """A colleague of the plan's municipality (any role) or ESS staff."""
    if not user.is_active:
        return False
    return user.municipality_id == plan.municipality_id or user.is_ess


class PlanReviewQuerySet(models.QuerySet):
    def open_to(self, user):
        """The reviews this user may work on: their own, and only while `may_review`
        still holds, so a colleague who moved to another municipality loses access."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        mine = self.filter(reviewer=user)
        if user.is_ess:
            return mine
        return mine.filter(plan__municipality_id=user.municipality_id)


class PlanReview(models.Model):
    plan = models.ForeignKey(
        "checklists.PlanOfApproach",
        verbose_name=_("plan van aanpak"),
        on_delete=models.CASCADE,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordelaar"),
        on_delete=models.CASCADE,
        related_name="plan_reviews",
    )
    reviewer_role = models.CharField(
        _("rol van de beoordelaar"), max_length=16, choices=ReviewerRole.choices
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    invited_at = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)

    objects = PlanReviewQuerySet.as_manager()

    class Meta:
        ordering = ["invited_at", "pk"]
        verbose_name = _("beoordeling van een plan")
        verbose_name_plural = _("beoordelingen van plannen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "reviewer"], name="plan_review_once")
        ]

    def __str__(self):
        return f"{self.plan} – {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def clean(self):
        if self.reviewer_id and self.plan_id and not may_review(self.reviewer, self.plan):
            raise ValidationError(
                {
                    "reviewer": _(
                        "Een beoordelaar is een collega van uw eigen gemeente of een "
                        "medewerker van ESS."
                    )
                }
            )


class ReviewAnswer(models.Model):
    """One reviewer's verdict on one question of the plan-van-aanpak checklist."""

    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        "checklists.ChecklistItem", on_delete=models.PROTECT, related_name="review_answers"
    )
    verdict = models.CharField(
        _("oordeel"), max_length=8, choices=ReviewVerdict.choices, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True, max_length=text_limits.REVIEW_NOTE)
    # The reviewer's explicit "ik sla deze over": a question without a verdict is then
    # deliberate, not forgotten, and the review may be submitted.
    skipped = models.BooleanField(_("overgeslagen"), default=False)

    class Meta:
        verbose_name = _("oordeel")
        verbose_name_plural = _("oordelen")
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="review_answer_once"),
            text_limits.at_most("note", text_limits.REVIEW_NOTE, "review_answer_note_length"),
        ]

    def __str__(self):
        return f"{self.item}: {self.verdict}"


class PlanReviewOutcome(models.Model):
    """What the team agreed after comparing the reviews."""

    plan = models.OneToOneField(
        "checklists.PlanOfApproach",
        on_delete=models.CASCADE,
        related_name="review_outcome",
    )
    findings = models.TextField(_("bevindingen"), max_length=text_limits.LONG_TEXT)
    improvements = models.TextField(
        _("afgesproken verbeteringen"), blank=True, max_length=text_limits.LONG_TEXT
    )
    approved = models.BooleanField(_("het plan is goedgekeurd"), default=False)
    approved_by = models.CharField(
        _("goedgekeurd door"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: de wethouder, of het managementteam."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("uitkomst van de planevaluatie")
        verbose_name_plural = _("uitkomsten van de planevaluatie")
        constraints = [
            text_limits.at_most(
                "findings", text_limits.LONG_TEXT, "review_outcome_findings_length"
            ),
            text_limits.at_most(
                "improvements", text_limits.LONG_TEXT, "review_outcome_improvements_length"
            ),
        ]

    def __str__(self):
        return str(self.plan)
