"""Who may curate: the ESS-curatoren group, and nobody from a municipality."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ebw_portal.accounts.models import User
from ebw_portal.accounts.roles import CURATOR_GROUP, CURATOR_MODELS, ensure_curator_group
from evaluations.models import Access, Evaluation, Status

ADMIN_INDEX = reverse("admin:index")
CHANGELIST = reverse("admin:evaluations_evaluation_changelist")
IMPORT_URL = reverse("admin:evaluations_evaluation_import")
EXPORT_URL = reverse("admin:evaluations_evaluation_export")


def test_the_curator_group_has_exactly_the_curation_permissions(db):
    group = ensure_curator_group()
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))
    expected = set()
    for label in CURATOR_MODELS:
        app_label, model = label.split(".")
        for action in ("view", "add", "change", "delete", "import", "export"):
            expected.add((app_label, f"{action}_{model}"))
    assert codenames == expected
    assert not any(app == "accounts" for app, _codename in codenames)


def test_migrate_creates_the_curator_group(db):
    assert Group.objects.filter(name=CURATOR_GROUP).exists()


@pytest.mark.parametrize("user_fixture", ["alice", "dirk"])
def test_municipal_users_are_not_staff_and_cannot_open_the_admin(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    assert not user.is_staff
    client.force_login(user)
    for url in (ADMIN_INDEX, CHANGELIST, IMPORT_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("admin:login"))


def test_a_municipal_user_cannot_log_in_to_the_admin(client, alice):
    from tests.evaluations.conftest import PASSWORD

    response = client.post(
        reverse("admin:login"), {"username": alice.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_curator_sees_the_import_page(curator_client):
    response = curator_client.get(IMPORT_URL)
    assert response.status_code == 200
    assert "Bestand om te importeren" in response.content.decode()


def test_staff_without_the_permissions_cannot_import_or_export(client, db):
    clerk = User.objects.create_user(
        username="ess-stagiair", password="x", role="ess", is_staff=True
    )
    client.force_login(clerk)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(EXPORT_URL).status_code == 403


def test_staff_who_may_edit_but_not_import_does_not_get_the_import(client, db):
    from django.contrib.auth.models import Permission

    editor = User.objects.create_user(
        username="ess-redactie", password="x", role="ess", is_staff=True
    )
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="evaluations",
            codename__in=["view_evaluation", "change_evaluation"],
        )
    )
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(IMPORT_URL).status_code == 403


def test_the_publish_action_publishes_and_records_who_did_it(
    curator_client, curator, make_evaluation
):
    draft = make_evaluation(status=Status.DRAFT)
    response = curator_client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 evaluatie gepubliceerd." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    latest = draft.history.first()
    assert (latest.status, latest.history_user) == (Status.PUBLISHED, curator)


def test_the_publish_action_refuses_an_evaluation_without_a_source(curator_client, make_evaluation):
    sourced = make_evaluation(status=Status.DRAFT)
    unsourced = make_evaluation(
        status=Status.DRAFT, source_url="", title="Rapport zonder vindplaats"
    )
    response = curator_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [sourced.pk, unsourced.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 evaluatie gepubliceerd." in html
    assert "Niet gepubliceerd, want er is geen bron (webadres of rapport)" in html
    assert "Rapport zonder vindplaats" in html
    unsourced.refresh_from_db()
    assert unsourced.status == Status.DRAFT


def test_the_change_form_refuses_to_save_a_published_evaluation_without_a_source(
    make_evaluation,
):
    from django.core.exceptions import ValidationError

    evaluation = make_evaluation(source_url="")
    with pytest.raises(ValidationError) as error:
        evaluation.full_clean()
    assert "pas gepubliceerd met een bron" in str(error.value.message_dict["source_url"])
    # A draft may still lack it, and a fictional example never has one.
    evaluation.status = Status.DRAFT
    evaluation.full_clean()
    evaluation.status = Status.PUBLISHED
    evaluation.is_example = True
    evaluation.title = "Voorbeeld: " + evaluation.title
    evaluation.full_clean()


def test_the_withdraw_action_removes_an_evaluation_from_public_pages(
    client, curator_client, make_evaluation
):
    published = make_evaluation(title="Straks ingetrokken")
    curator_client.post(CHANGELIST, {"action": "withdraw", "_selected_action": [published.pk]})
    published.refresh_from_db()
    assert published.status == Status.WITHDRAWN
    assert (
        "Straks ingetrokken"
        not in client.get(reverse("evaluations:evaluation_list")).content.decode()
    )


def export_csv(client) -> str:
    from evaluations.resources import EvaluationResource

    data = {"format": "0", "resource": "0"}
    for name in EvaluationResource().fields:
        data[f"evaluationresource_{name}"] = "on"
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200, response.content.decode()[:500]
    return response.content.decode("utf-8-sig")


def test_a_curator_exports_every_evaluation_with_formulas_escaped(curator_client, make_evaluation):
    make_evaluation(title='=HYPERLINK("http://kwaad.example","klik")', methods="@SUM(A1:A9)")
    make_evaluation(title="Vertrouwelijk en alleen voor curatoren", access=Access.CONFIDENTIAL)
    exported = export_csv(curator_client)
    assert exported.splitlines()[0].startswith("slug,titel,jaar")
    assert "'=HYPERLINK" in exported and "'@SUM(A1:A9)" in exported
    assert "Vertrouwelijk en alleen voor curatoren" in exported


def test_an_exported_file_imports_again_without_changes(curator_client, make_evaluation, parenting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_evaluation(types=[parenting], title="Heen en terug")
    exported = export_csv(curator_client)
    response = curator_client.post(
        IMPORT_URL,
        {
            "import_file": SimpleUploadedFile("export.csv", exported.encode()),
            "format": "0",
            "resource": "0",
        },
    )
    assert [row.import_type for row in response.context["result"].rows] == ["skip"]
    assert Evaluation.objects.count() == 1


def test_the_history_page_shows_who_changed_what(curator_client, curator, make_evaluation):
    evaluation = make_evaluation(status=Status.DRAFT)
    curator_client.post(CHANGELIST, {"action": "publish", "_selected_action": [evaluation.pk]})
    url = reverse("admin:evaluations_evaluation_history", args=[evaluation.pk])
    body = curator_client.get(url).content.decode()
    assert "carla-ess" in body or "Carla" in body
    assert evaluation.history.count() == 2
