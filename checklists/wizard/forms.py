"""Forms of the wizard. Errors are tied to their field for screen readers (see
AccessibleFormMixin)."""

from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from checklists.models import ListKind, PlanOfApproach, Stakeholder, SubGoal, text_limits
from checklists.wizard.answers import form_field_for, from_storage
from ebw_portal.accounts.forms import AccessibleFormMixin
from interventions.models import Intervention, InterventionType


class PlanForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = PlanOfApproach
        fields = ["title", "intervention_type", "intervention", "start_date", "end_date"]
        widgets = {
            "start_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "end_date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }
        help_texts = {
            "title": _("Bijvoorbeeld: Weerbaar opvoeden in Delft-Noord 2027."),
            "intervention": _(
                "Kies een interventie uit de catalogus als u die gebruikt; dat mag ook later."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention_type"].queryset = InterventionType.objects.order_by("order")
        self.fields["intervention"].queryset = Intervention.objects.select_related(
            "intervention_type"
        ).order_by("name")
        self.fields["intervention"].empty_label = _("— geen interventie uit de catalogus —")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("intervention_type")
        intervention = cleaned.get("intervention")
        if kind and intervention and intervention.intervention_type_id != kind.pk:
            self.add_error(
                "intervention",
                _("Deze interventie hoort bij het type ‘%(type)s’. Kies een passend type.")
                % {"type": intervention.intervention_type},
            )
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("De einddatum ligt vóór de startdatum."))
        return cleaned


class SectionAnswersForm(AccessibleFormMixin, forms.Form):
    """One field per active checklist item of a section, built from the database."""

    prefix = "a"

    def __init__(self, items, stored_answers: dict, *args, **kwargs):
        self.items = list(items)
        super().__init__(*args, **kwargs)
        for item in self.items:
            field = form_field_for(item)
            field.initial = from_storage(item, stored_answers.get(item.pk, ""))
            self.fields[item.slug] = field
        self.decorate_widgets()

    def show_stored(self, stored: dict) -> None:
        """Draw these items ({item pk: storage text}) with their stored answer instead of
        what was posted: someone else changed them and this page did not."""
        if not stored:
            return
        data = self.data.copy()
        for item in self.items:
            if item.pk in stored:
                value = from_storage(item, stored[item.pk])
                data[self.add_prefix(item.slug)] = "" if value is None else value
        self.data = data

    def valid_answers(self) -> dict:
        """{item: cleaned value} for the fields that passed validation (call after
        is_valid): a bad date in one field must not lose the rest."""
        return {
            item: self.cleaned_data[item.slug]
            for item in self.items
            if item.slug in self.cleaned_data
        }


class SubGoalForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = SubGoal
        fields = ["description", "indicator", "target_value", "deadline"]
        widgets = {
            "description": forms.TextInput(),
            "deadline": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }
        help_texts = {
            "indicator": _("Waaraan ziet u dat het subdoel is gehaald?"),
            "target_value": _("Bijvoorbeeld: 40 ouders, of 80% tevreden."),
        }


class StakeholderForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "role", "responsibility"]
        widgets = {"responsibility": forms.Textarea(attrs={"rows": 2})}


# Rows of a list: one empty row is always offered (saving it adds a row and offers a new
# empty one) and a row is removed by ticking its 'verwijderen' box. No JavaScript needed.
LIST_FORMSETS = {
    ListKind.SUB_GOALS: (
        modelformset_factory(SubGoal, form=SubGoalForm, extra=1, can_delete=True),
        "sub_goals",
        "subdoel",
    ),
    ListKind.STAKEHOLDERS: (
        modelformset_factory(Stakeholder, form=StakeholderForm, extra=1, can_delete=True),
        "stakeholders",
        "betrokkene",
    ),
}


def list_formset_for(section, plan, data=None):
    if section.list_kind not in LIST_FORMSETS:
        return None
    formset_class, related_name, prefix = LIST_FORMSETS[section.list_kind]
    return formset_class(data=data, queryset=getattr(plan, related_name).all(), prefix=prefix)


class AdoptElementForm(forms.Form):
    note = forms.CharField(
        label=_("Hoe past u dit element toe?"),
        required=False,
        max_length=text_limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )


class PlanFilterForm(AccessibleFormMixin, forms.Form):
    """Filters of "Mijn plannen" (GET): status and a piece of the title."""

    STATUSES = [
        ("", _("Alle plannen")),
        ("concept", _("Concept")),
        ("definitief", _("Definitief")),
        ("gearchiveerd", _("Gearchiveerd")),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=STATUSES, required=False)
    zoek = forms.CharField(label=_("Zoeken op titel"), max_length=200, required=False)

    def filter(self, plans):
        """`plans` narrowed by the valid filters (an invalid one is left out and shown
        as an error beside its field)."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status")
        if status == "gearchiveerd":
            plans = plans.filter(is_archived=True)
        elif status:
            plans = plans.filter(status=status, is_archived=False)
        if data.get("zoek", "").strip():
            plans = plans.filter(title__icontains=data["zoek"].strip())
        return plans

    @property
    def is_filtering(self) -> bool:
        self.is_valid()
        return any(str(value).strip() for value in self.cleaned_data.values())
