"""Curators import interventions, effective elements and lessons with the same checks."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interventions.models import EffectiveElement, Intervention, LessonLearned

SAMPLES = Path(settings.BASE_DIR) / "fixtures" / "import-samples"
CASES = [
    ("interventies.csv", "intervention", Intervention),
    ("werkzame-elementen.csv", "effectiveelement", EffectiveElement),
    ("geleerde-lessen.csv", "lessonlearned", LessonLearned),
]


def import_file(client, model_name, content: bytes):
    url = reverse(f"admin:interventions_{model_name}_import")
    preview = client.post(
        url, {"import_file": SimpleUploadedFile("f.csv", content), "format": "0", "resource": "0"}
    )
    if "confirm_form" not in preview.context:
        return preview
    confirm = preview.context["confirm_form"]
    return client.post(
        reverse(f"admin:interventions_{model_name}_process_import"),
        {f: confirm[f].value() for f in confirm.fields},
    )


@pytest.mark.parametrize(("sample", "model_name", "model"), CASES)
def test_each_catalogue_sample_imports_once_and_reimports_without_duplicates(
    curator_client, catalogue, sample, model_name, model
):
    before = model.objects.count()
    content = (SAMPLES / sample).read_bytes()
    assert import_file(curator_client, model_name, content).status_code == 302
    assert model.objects.count() == before + 1
    imported = model.objects.get(slug__startswith="voorbeeld-import-")
    assert str(imported).startswith("Voorbeeld:")
    import_file(curator_client, model_name, content)
    assert model.objects.count() == before + 1


def test_an_element_keeps_its_types_from_the_file(curator_client, catalogue):
    import_file(
        curator_client, "effectiveelement", (SAMPLES / "werkzame-elementen.csv").read_bytes()
    )
    element = EffectiveElement.objects.get(slug="voorbeeld-import-vaste-gespreksleider")
    assert sorted(t.slug for t in element.types.all()) == [
        "lotgenotencontact",
        "weerbaarheid-jongeren",
    ]


def test_an_intervention_with_an_unknown_type_is_refused(curator_client, catalogue):
    before = Intervention.objects.count()
    content = (SAMPLES / "interventies.csv").read_text(encoding="utf-8")
    content = content.replace(",weerbaarheid-jongeren,", ",bestaat-niet,")
    response = import_file(curator_client, "intervention", content.encode())
    assert "Onbekende interventietype: ‘bestaat-niet’." in response.content.decode()
    assert Intervention.objects.count() == before


def test_a_lesson_with_an_unknown_theme_lists_the_themes(curator_client, catalogue):
    content = (SAMPLES / "geleerde-lessen.csv").read_text(encoding="utf-8")
    response = import_file(
        curator_client,
        "lessonlearned",
        content.replace(",samenwerking,", ",gezelligheid,").encode(),
    )
    assert (
        "‘gezelligheid’ is geen geldige waarde. Kies uit: voorbereiding"
        in response.content.decode()
    )
    assert not LessonLearned.objects.filter(slug__startswith="voorbeeld-import-").exists()


def test_staff_without_catalogue_import_permission_is_refused(client, db):
    from ebw_portal.accounts.models import User

    clerk = User.objects.create_user(
        username="ess-stagiair", password="x", role="ess", is_staff=True
    )
    client.force_login(clerk)
    for _sample, model_name, _model in CASES:
        assert client.get(reverse(f"admin:interventions_{model_name}_import")).status_code == 403
