"""The programmascan's form: one ja/deels/nee per active question."""

from django import forms

from checklists.models import ScanAnswerChoice, ScanPart
from ebw_portal.accounts.forms import AccessibleFormMixin


class ProgrammeScanForm(AccessibleFormMixin, forms.Form):
    """One ja/deels/nee per active question of the programmascan."""

    def __init__(self, questions, stored: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"vraag-{question.pk}"] = forms.ChoiceField(
                label=question.question,
                help_text=question.help_text,
                choices=ScanAnswerChoice.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=stored.get(question.pk, ""),
            )
        self.decorate_widgets()

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"vraag-{q.pk}", "") for q in self.questions}

    def fields_by_part(self):
        """[(part label, [bound field])] in the order of ScanPart."""
        labels = dict(ScanPart.choices)
        grouped = {}
        for question in self.questions:
            grouped.setdefault(question.part, []).append(self[f"vraag-{question.pk}"])
        return [
            (str(labels[part]).capitalize(), grouped[part]) for part in labels if part in grouped
        ]
