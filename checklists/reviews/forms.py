"""Forms of the two-reviewer plan evaluation: inviting a reviewer, the review itself
(one verdict and note per question) and the agreed outcome."""

from django import forms
from django.utils.translation import gettext_lazy as _

from checklists.models import PlanReviewOutcome, ReviewerRole, ReviewVerdict, text_limits
from ebw_portal.accounts.forms import AccessibleFormMixin


class InviteReviewerForm(AccessibleFormMixin, forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Wie nodigt u uit?"),
        queryset=None,
        help_text=_("Een collega van uw gemeente of een medewerker van ESS."),
    )
    reviewer_role = forms.ChoiceField(
        label=_("Rol in de planevaluatie"),
        choices=ReviewerRole.choices,
        widget=forms.RadioSelect,
        initial=ReviewerRole.OUTSIDER,
        help_text=_("Het team bestaat uit minstens één betrokkene en één buitenstaander."),
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = _reviewer_label


def _reviewer_label(user) -> str:
    name = user.get_full_name() or user.username
    where = _("ESS") if user.is_ess else str(user.get_role_display())
    return f"{name} ({where})"


class ReviewForm(AccessibleFormMixin, forms.Form):
    """One verdict and one note per question of the plan-van-aanpak checklist."""

    def __init__(self, items, stored: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            answer = stored.get(item.pk)
            self.fields[f"oordeel-{item.pk}"] = forms.ChoiceField(
                label=_("Uw oordeel"),
                choices=ReviewVerdict.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=answer.verdict if answer else "",
            )
            self.fields[f"toelichting-{item.pk}"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=text_limits.REVIEW_NOTE,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=answer.note if answer else "",
            )
        self.decorate_widgets()

    def verdicts(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"oordeel-{item.pk}", "") for item in self.items}

    def notes(self) -> dict:
        return {
            item.pk: self.cleaned_data.get(f"toelichting-{item.pk}", "").strip()
            for item in self.items
        }


class ReviewOutcomeForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = PlanReviewOutcome
        fields = ["findings", "improvements", "approved", "approved_by"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 4}),
            "improvements": forms.Textarea(attrs={"rows": 4}),
        }
