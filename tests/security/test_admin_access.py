"""The admin (/beheer/) is for ESS only: municipal users reach none of its pages, staff
without the curator role import and export nothing and, like curators, never read the
municipalities' plans there; uploaded reports of confidential or unpublished evaluations
are served to nobody outside the admin."""

import pytest
from django.contrib import admin
from django.contrib.auth import SESSION_KEY
from django.core.files.base import ContentFile
from django.urls import reverse

from ebw_portal.accounts.roles import make_curator
from evaluations.models import Access, Status
from tests.conftest import PASSWORD
from tests.factories import EvaluationFactory

ADMIN_LOGIN = reverse("admin:login")


def _changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def _import_export_urls():
    """The import and export page of every model curators exchange as files."""
    urls = []
    for model, model_admin in admin.site._registry.items():
        if hasattr(model_admin, "import_action"):
            label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
            urls += [reverse(f"{label}_import"), reverse(f"{label}_export")]
    return urls


def test_every_model_that_curators_exchange_has_an_import_and_export_page():
    names = {url.split("/")[-3] for url in _import_export_urls()}
    assert {"evaluation", "intervention", "effectiveelement", "lessonlearned"} <= names


@pytest.mark.parametrize("user_fixture", ["alice", "dirk"])
def test_municipal_users_are_sent_to_the_admin_login_from_every_admin_page(
    client, request, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    refused = []
    for url in [reverse("admin:index"), *_changelists(), *_import_export_urls()]:
        response = client.get(url)
        if response.status_code != 302 or not response.url.startswith(ADMIN_LOGIN):
            refused.append((url, response.status_code))
    assert refused == []


def test_a_lezer_cannot_log_in_to_the_admin(client, dirk):
    page = client.post(ADMIN_LOGIN, {"username": dirk.username, "password": PASSWORD})
    assert page.status_code == 200
    assert "wachtwoord voor een stafaccount in" in page.content.decode()
    assert SESSION_KEY not in client.session


@pytest.fixture
def ess_clerk(django_user_model):
    """ESS staff that may open the admin but is not in the curator group."""
    return django_user_model.objects.create_user(
        username="ess-stagiair", password=PASSWORD, role="ess", is_staff=True
    )


def test_staff_without_the_curator_role_can_import_or_export_nothing(client, ess_clerk):
    client.force_login(ess_clerk)
    allowed = [url for url in _import_export_urls() if client.get(url).status_code != 403]
    assert allowed == []


def test_a_curator_may_import_and_export_every_curated_model(client, ess_clerk):
    make_curator(ess_clerk)
    client.force_login(ess_clerk)
    refused = [url for url in _import_export_urls() if client.get(url).status_code != 200]
    assert refused == []


def test_curators_do_not_read_municipal_plans_in_the_admin(client, ess_clerk, delft_plan):
    """ESS reads a plan only while the municipality shares it, on the portal's pages."""
    make_curator(ess_clerk)
    client.force_login(ess_clerk)
    for name in ("checklists_planofapproach", "checklists_planchange"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403
    change = reverse("admin:checklists_planofapproach_change", args=[delft_plan.pk])
    assert client.get(change).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Weerbaar opvoeden Delft-Noord" not in index


@pytest.fixture
def reports(db, settings, tmp_path):
    """One evaluation with an uploaded report per access and status."""
    settings.EBW_REPORTS_ROOT = tmp_path / "rapporten"
    settings.MEDIA_ROOT = tmp_path / "media"
    made = {}
    for name, access, status in [
        ("openbaar", Access.PUBLIC, Status.PUBLISHED),
        ("vertrouwelijk", Access.CONFIDENTIAL, Status.PUBLISHED),
        ("concept", Access.PUBLIC, Status.DRAFT),
        ("ingetrokken", Access.PUBLIC, Status.WITHDRAWN),
    ]:
        evaluation = EvaluationFactory(
            slug=f"evaluatie-{name}",
            title=f"Evaluatie {name}",
            year=2021,
            evaluator="Onderzoeksbureau",
            access=access,
            status=status,
            findings="Bevindingen.",
        )
        evaluation.report.save(f"{name}.pdf", ContentFile(f"%PDF-1.4 {name}".encode()))
        made[name] = evaluation
    return made


def _report_url(evaluation):
    return reverse("evaluations:evaluation_report", args=[evaluation.slug])


@pytest.mark.parametrize("user_fixture", [None, "alice", "ess_clerk"])
def test_only_the_report_of_a_published_public_evaluation_is_served(
    client, request, reports, user_fixture
):
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    served = {name: client.get(_report_url(e)).status_code for name, e in reports.items()}
    assert served == {"openbaar": 200, "vertrouwelijk": 404, "concept": 404, "ingetrokken": 404}


def test_a_served_report_is_a_private_download(client, reports):
    response = client.get(_report_url(reports["openbaar"]))
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_reports_are_stored_outside_the_public_media_folder(client, reports, settings):
    path = reports["vertrouwelijk"].report.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    stored_name = reports["vertrouwelijk"].report.name
    for prefix in ("/media/", "/static/"):
        assert client.get(prefix + stored_name).status_code == 404


def test_public_pages_never_name_a_confidential_report(client, reports):
    pages = [
        reverse("evaluations:evaluation_list"),
        reverse("evaluations:matrix"),
        reverse("search") + "?q=evaluatie",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "vertrouwelijk.pdf" not in html and "evaluatie-vertrouwelijk" not in html
