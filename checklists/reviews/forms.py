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
    """One verdict, one note and one "ik sla deze over" per question of the
    plan-van-aanpak checklist, and per question what the page showed when it was
    loaded (hidden), so a save stores only what this page changed."""

    def __init__(self, items, stored: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            answer = stored.get(item.pk)
            verdict = answer.verdict if answer else ""
            note = answer.note if answer else ""
            skipped = bool(answer and answer.skipped)
            self.fields[f"oordeel-{item.pk}"] = forms.ChoiceField(
                label=_("Uw oordeel"),
                choices=ReviewVerdict.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=verdict,
            )
            self.fields[f"toelichting-{item.pk}"] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=text_limits.REVIEW_NOTE,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=note,
            )
            self.fields[f"overslaan-{item.pk}"] = forms.BooleanField(
                label=_("Ik sla deze over"), required=False, initial=skipped
            )
            for name, value in (
                ("oordeel", verdict),
                ("toelichting", note),
                ("overslaan", "1" if skipped else ""),
            ):
                self.fields[f"geladen-{name}-{item.pk}"] = forms.CharField(
                    required=False, strip=False, widget=forms.HiddenInput, initial=value
                )
        self.decorate_widgets()

    def verdicts(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"oordeel-{item.pk}", "") for item in self.items}

    def notes(self) -> dict:
        return {
            item.pk: _plain(self.cleaned_data.get(f"toelichting-{item.pk}", ""))
            for item in self.items
        }

    def skipped(self) -> dict:
        return {
            item.pk: self.cleaned_data.get(f"overslaan-{item.pk}", False) for item in self.items
        }

    def loaded(self) -> dict:
        """{item id: (verdict, note, skipped)} as the page showed them; questions the
        post does not carry (a page from before these fields) are left out."""
        return {
            item.pk: (
                self.cleaned_data.get(f"geladen-oordeel-{item.pk}", ""),
                _plain(self.cleaned_data.get(f"geladen-toelichting-{item.pk}", "")),
                bool(self.cleaned_data.get(f"geladen-overslaan-{item.pk}")),
            )
            for item in self.items
            if f"geladen-oordeel-{item.pk}" in self.data
        }


def _plain(text: str) -> str:
    # Browsers post a textarea's line breaks as CRLF; one form keeps comparisons exact.
    return text.replace("\r\n", "\n").strip()


class ReviewOutcomeForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = PlanReviewOutcome
        fields = ["findings", "improvements", "approved", "approved_by"]
        widgets = {
            "findings": forms.Textarea(attrs={"rows": 4}),
            "improvements": forms.Textarea(attrs={"rows": 4}),
        }
