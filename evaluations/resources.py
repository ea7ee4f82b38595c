"""Import/export of evaluations. Columns are documented in docs/evidence.md."""

from import_export.fields import Field

from ebw_portal.accounts.models import Municipality
from ebw_portal.common.imports import (
    ChoiceWidget,
    CuratorResource,
    SlugManyToManyWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from evaluations.models import Access, Design, Evaluation, Kind, Status, Verdict
from interventions.models import EffectiveElement, Intervention, InterventionType, LessonLearned


def _text(attribute, column):
    return Field(attribute=attribute, column_name=column, widget=TextWidget())


class EvaluationResource(CuratorResource):
    slug = _text("slug", "slug")
    title = _text("title", "titel")
    year = Field(attribute="year", column_name="jaar", widget=WholeNumberWidget())
    evaluator = _text("evaluator", "uitvoerder")
    authors = _text("authors", "auteurs")
    commissioner = _text("commissioner", "opdrachtgever")
    municipalities = Field(
        attribute="municipalities",
        column_name="gemeenten",
        widget=SlugManyToManyWidget(Municipality, field="cbs_code"),
    )
    types = Field(
        attribute="types",
        column_name="typen",
        widget=SlugManyToManyWidget(InterventionType, required=True),
    )
    interventions = Field(
        attribute="interventions",
        column_name="interventies",
        widget=SlugManyToManyWidget(Intervention),
    )
    kind = Field(attribute="kind", column_name="soort", widget=ChoiceWidget(Kind))
    design = Field(attribute="design", column_name="opzet", widget=ChoiceWidget(Design))
    methods = _text("methods", "methoden")
    respondents = _text("respondents", "respondenten")
    participants = Field(
        attribute="participants", column_name="deelnemers", widget=WholeNumberWidget()
    )
    findings = _text("findings", "bevindingen")
    verdict = Field(attribute="verdict", column_name="oordeel", widget=ChoiceWidget(Verdict))
    source_url = _text("source_url", "bron_url")
    access = Field(attribute="access", column_name="toegang", widget=ChoiceWidget(Access))
    is_example = Field(attribute="is_example", column_name="voorbeeld", widget=YesNoWidget())
    effective_elements = Field(
        attribute="effective_elements",
        column_name="werkzame_elementen",
        widget=SlugManyToManyWidget(EffectiveElement),
    )
    lessons = Field(
        attribute="lessons",
        column_name="lessen",
        widget=SlugManyToManyWidget(LessonLearned),
    )
    # Publishing is a curator's decision in the admin, never a side effect of a file.
    status = Field(
        attribute="status", column_name="status", widget=ChoiceWidget(Status), readonly=True
    )

    class Meta:
        model = Evaluation
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "title",
            "year",
            "evaluator",
            "authors",
            "commissioner",
            "municipalities",
            "types",
            "interventions",
            "kind",
            "design",
            "methods",
            "respondents",
            "participants",
            "findings",
            "verdict",
            "source_url",
            "access",
            "is_example",
            "effective_elements",
            "lessons",
            "status",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
