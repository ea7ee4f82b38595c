"""The programmascan's form: one ja/deels/nee per active question, and per question the
answer as it was when the page was loaded, so a save changes only what this user changed."""

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
            self.fields[f"geladen-{question.pk}"] = forms.CharField(
                required=False, widget=forms.HiddenInput, initial=stored.get(question.pk, "")
            )
        self.decorate_widgets()
        self.conflicts = {}  # question id -> what another session saved meanwhile

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"vraag-{q.pk}", "") for q in self.questions}

    def loaded(self) -> dict:
        """The answers as the page showed them; a question missing from the post (a
        page from before these fields) counts as loaded with what is stored now."""
        return {
            q.pk: self.cleaned_data[f"geladen-{q.pk}"]
            for q in self.questions
            if f"geladen-{q.pk}" in self.data
        }

    def fields_by_part(self):
        """[(part label, [(bound field, what another session saved or None)])] in the
        order of ScanPart."""
        labels = dict(ScanPart.choices)
        choices = dict(ScanAnswerChoice.choices)
        grouped = {}
        for question in self.questions:
            theirs = None
            if question.pk in self.conflicts:
                theirs = choices.get(self.conflicts[question.pk], "")
            grouped.setdefault(question.part, []).append((self[f"vraag-{question.pk}"], theirs))
        return [
            (str(labels[part]).capitalize(), grouped[part]) for part in labels if part in grouped
        ]
