"""Forms of the evaluation-plan builder. Errors are tied to their fields
(AccessibleFormMixin); lists (indicators, moments) are formsets that always offer one
empty row, so the page works without JavaScript."""

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from checklists import merge
from checklists.models.evaluation_plan import (
    EvaluationMethod,
    EvaluationMoment,
    Indicator,
    Performer,
    PlannedEvaluation,
    Respondent,
)
from ebw_portal.accounts.forms import AccessibleFormMixin


class RowForm(AccessibleFormMixin, forms.ModelForm):
    """A row of a list that carries its values as loaded (hidden), so a save can tell
    whether someone else changed the row meanwhile (checklists/merge.py)."""

    loaded = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["loaded"] = merge.dumps(merge.snapshot(self.instance, self._meta.fields))


class PlannedEvaluationForm(AccessibleFormMixin, forms.ModelForm):
    # ArrayFields render as comma-separated text by default; checkboxes are clearer.
    methods = forms.TypedMultipleChoiceField(
        label=_("Methoden"),
        choices=EvaluationMethod.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    respondents = forms.TypedMultipleChoiceField(
        label=_("Respondenten"),
        choices=Respondent.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Wie bevraagt u? Vraag ook mensen uit de doelgroep zelf."),
    )
    performed_by = forms.ChoiceField(
        label=_("Wie voert de evaluatie uit?"),
        choices=Performer.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Een plan- of procesevaluatie kan de gemeente zelf doen; een effectevaluatie "
            "laat u bij voorkeur doen door een externe onderzoeker."
        ),
    )

    class Meta:
        model = PlannedEvaluation
        fields = [
            "questions",
            "methods",
            "respondents",
            "performed_by",
            "baseline_from_start",
            "provider_agreement",
            "provider_agreement_note",
            "budget",
            "culture_sensitive",
            "culture_note",
        ]
        widgets = {
            "questions": forms.Textarea(attrs={"rows": 4}),
            "provider_agreement_note": forms.Textarea(attrs={"rows": 2}),
            "culture_note": forms.Textarea(attrs={"rows": 2}),
            "budget": forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
        }
        labels = {"budget": _("Budget (in euro)")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("provider_agreement") is False and cleaned.get("provider_agreement_note"):
            self.add_error(
                "provider_agreement",
                _("U beschrijft afspraken met de uitvoerder: vink dan ook aan dat ze er zijn."),
            )
        return cleaned


# The id of the <datalist> on the edit page with the sub-goals' own indicators.
SUB_GOAL_INDICATORS_LIST = "subdoel-indicatoren"


class IndicatorForm(RowForm):
    """An evaluation indicator says how and when a sub-goal is measured. Picking a
    sub-goal is enough: an empty name takes over the indicator the team wrote for that
    sub-goal in the wizard (and its target value), so nobody types it twice."""

    sub_goal = forms.TypedChoiceField(
        label=_("Meet subdoel"), coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = Indicator
        fields = ["name", "sub_goal", "instrument", "target"]
        help_texts = {
            "name": _("Laat leeg om de indicator van het gekozen subdoel over te nemen."),
            "instrument": _("Bijvoorbeeld: vragenlijst bij de eerste en laatste bijeenkomst."),
            "target": _("Bijvoorbeeld: 80% van de ouders."),
        }

    def __init__(self, *args, sub_goals=(), **kwargs):
        # The sub-goals come as a list fetched once for all rows: a ModelChoiceField
        # would query them again for every row.
        self.sub_goals = {goal.pk: goal for goal in sub_goals}
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["sub_goal"].choices = [("", _("— geen subdoel —"))] + [
            (goal.pk, goal.description) for goal in sub_goals
        ]
        if any(goal.indicator.strip() for goal in sub_goals):
            self.fields["name"].widget.attrs["list"] = SUB_GOAL_INDICATORS_LIST

    def clean_sub_goal(self):
        pk = self.cleaned_data.get("sub_goal")
        return self.sub_goals.get(pk) if pk else None

    def clean(self):
        cleaned = super().clean()
        goal = cleaned.get("sub_goal")
        if cleaned.get("name", "").strip() or {"name", "sub_goal"} & set(self.errors):
            return cleaned
        if goal is not None and goal.indicator.strip():
            cleaned["name"] = goal.indicator.strip()
            cleaned["target"] = cleaned.get("target") or goal.target_value
        else:
            self.add_error(
                "name",
                _("Geef de indicator een naam, of kies een subdoel dat al een indicator heeft."),
            )
        return cleaned


class EvaluationMomentForm(RowForm):
    class Meta:
        model = EvaluationMoment
        fields = ["label", "date"]
        widgets = {"date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
        help_texts = {"label": _("Bijvoorbeeld: nulmeting, tussenrapportage, eindrapport.")}


class RowFormSet(BaseInlineFormSet):
    """Rows of an evaluation. Each form knows the id of the row it was loaded with
    (`row_pk`, None for a new row). A row someone else removed since the page was loaded
    is no validation error (Django's would be on a hidden field nobody can see): the
    service reports it when this page changed it, and otherwise lets it go."""

    def row_fields(self) -> list[str]:
        """The fields a user edits in a row (not the hidden link to the evaluation)."""
        return [name for name in self.form._meta.fields if name != self.fk.name]

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.row_pk = form.instance.pk
        if self.is_bound and i < self.initial_form_count() and form.instance.pk is None:
            try:
                form.row_pk = int(self.data.get(f"{self.add_prefix(i)}-id", ""))
            except ValueError:
                return form  # a damaged form: Django's own error stands
            form.fields["id"] = forms.IntegerField(required=False, widget=forms.HiddenInput)
        return form


IndicatorFormSet = inlineformset_factory(
    PlannedEvaluation,
    Indicator,
    form=IndicatorForm,
    formset=RowFormSet,
    extra=1,
    can_delete=True,
)
MomentFormSet = inlineformset_factory(
    PlannedEvaluation,
    EvaluationMoment,
    form=EvaluationMomentForm,
    formset=RowFormSet,
    extra=1,
    can_delete=True,
)


def evaluation_forms(evaluation, sub_goals, data=None):
    """The evaluation's form and its two formsets, bound to `data` on a POST."""
    form = PlannedEvaluationForm(data, instance=evaluation, prefix="evaluatie")
    indicators = IndicatorFormSet(
        data,
        instance=evaluation,
        prefix="indicator",
        form_kwargs={"sub_goals": sub_goals},
    )
    moments = MomentFormSet(data, instance=evaluation, prefix="moment")
    return form, indicators, moments
