"""Import/export of the catalogue for ESS curators (see docs/evidence.md for columns).

Natural keys everywhere: rows are matched on `slug`, relations are comma-separated
slugs. Sources are not in these files: their citations contain commas, and curators
edit them in the admin.
"""

from import_export.fields import Field

from ebw_portal.common.imports import (
    ChoiceWidget,
    CuratorResource,
    SlugForeignKeyWidget,
    SlugManyToManyWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from interventions.models import (
    Aspect,
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    PreventionLevel,
    Theme,
)


def _text(attribute, column):
    return Field(attribute=attribute, column_name=column, widget=TextWidget())


def _order():
    return Field(attribute="order", column_name="volgorde", widget=WholeNumberWidget())


class CatalogueMeta:
    import_id_fields = ["slug"]
    skip_unchanged = True
    report_skipped = True
    clean_model_instances = True


class InterventionResource(CuratorResource):
    slug = _text("slug", "slug")
    name = _text("name", "naam")
    intervention_type = Field(
        attribute="intervention_type",
        column_name="type",
        widget=SlugForeignKeyWidget(InterventionType),
    )
    summary = _text("summary", "samenvatting")
    description = _text("description", "omschrijving")
    target_group = _text("target_group", "doelgroep")
    prevention_level = Field(
        attribute="prevention_level",
        column_name="preventieniveau",
        widget=ChoiceWidget(PreventionLevel),
    )
    setting = _text("setting", "setting")
    provider = _text("provider", "aanbieder")
    website = _text("website", "website")
    is_example = Field(attribute="is_example", column_name="voorbeeld", widget=YesNoWidget())

    class Meta(CatalogueMeta):
        model = Intervention
        fields = [
            "slug",
            "name",
            "intervention_type",
            "summary",
            "description",
            "target_group",
            "prevention_level",
            "setting",
            "provider",
            "website",
            "is_example",
        ]


class EffectiveElementResource(CuratorResource):
    slug = _text("slug", "slug")
    title = _text("title", "titel")
    summary = _text("summary", "samenvatting")
    explanation = _text("explanation", "toelichting")
    aspect = Field(attribute="aspect", column_name="aspect", widget=ChoiceWidget(Aspect))
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
    order = _order()

    class Meta(CatalogueMeta):
        model = EffectiveElement
        fields = [
            "slug",
            "title",
            "summary",
            "explanation",
            "aspect",
            "types",
            "interventions",
            "order",
        ]


class LessonLearnedResource(CuratorResource):
    slug = _text("slug", "slug")
    title = _text("title", "titel")
    summary = _text("summary", "samenvatting")
    explanation = _text("explanation", "toelichting")
    theme = Field(attribute="theme", column_name="thema", widget=ChoiceWidget(Theme))
    # Empty means: the lesson applies to every type.
    types = Field(
        attribute="types", column_name="typen", widget=SlugManyToManyWidget(InterventionType)
    )
    order = _order()

    class Meta(CatalogueMeta):
        model = LessonLearned
        fields = ["slug", "title", "summary", "explanation", "theme", "types", "order"]
