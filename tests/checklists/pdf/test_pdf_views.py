"""Downloading the PDF and opening its HTML preview: who may, and the cache."""

from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from pdf_plans import build_checklist, build_plan, pdf_reader, pdf_text

from checklists.pdf import render
from checklists.wizard import services


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def delft_plan(catalogue, delft):
    return build_plan(delft, build_checklist())


def pdf_url(plan):
    return reverse("pdf:plan_pdf", kwargs={"pk": plan.pk})


def preview_url(plan):
    return reverse("pdf:plan_pdf_preview", kwargs={"pk": plan.pk})


def test_redacteur_downloads_the_plan_as_a_pdf_file(client, alice, delft_plan):
    client.force_login(alice)
    response = client.get(pdf_url(delft_plan))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="plan-van-aanpak-delft')
    assert "no-store" in response["Cache-Control"]
    assert "Weerbaar Opvoeden" in pdf_text(response.content)


def test_lezer_of_the_same_municipality_may_download(client, dirk, delft_plan):
    client.force_login(dirk)
    assert client.get(pdf_url(delft_plan)).status_code == 200
    assert client.get(preview_url(delft_plan)).status_code == 200


def test_utrecht_user_gets_404_for_delfts_pdf_and_preview(client, bob, delft_plan):
    client.force_login(bob)
    assert client.get(pdf_url(delft_plan)).status_code == 404
    assert client.get(preview_url(delft_plan)).status_code == 404


def test_utrecht_may_download_delfts_plan_once_it_is_a_voorbeeldplan(client, bob, delft_plan):
    delft_plan.is_example_plan = True
    delft_plan.save()
    client.force_login(bob)
    assert client.get(pdf_url(delft_plan)).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, delft_plan):
    response = client.get(pdf_url(delft_plan))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_preview_shows_the_same_document_as_html(client, alice, delft_plan):
    client.force_login(alice)
    response = client.get(preview_url(delft_plan))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl">' in html
    assert "Bijlage: openstaande vragen" in html
    assert "css/pdf.css" in html
    assert "<style" not in html and "style=" not in html  # the strict CSP allows neither


def test_interface_in_english_gives_the_english_document(client, alice, delft_plan):
    client.force_login(alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(pdf_url(delft_plan))
    assert pdf_reader(response.content).trailer["/Root"]["/Lang"] == "en"


def test_pdf_is_rendered_once_and_again_only_after_the_plan_changes(client, alice, delft_plan):
    client.force_login(alice)
    with mock.patch.object(render, "render_plan_pdf", wraps=render.render_plan_pdf) as renders:
        first = client.get(pdf_url(delft_plan)).content
        second = client.get(pdf_url(delft_plan)).content
        assert renders.call_count == 1
        assert first == second

        delft_plan.refresh_from_db()
        services.save_details(
            delft_plan, alice, expected_revision=delft_plan.revision, title="Sterke ouders Delft"
        )
        changed = client.get(pdf_url(delft_plan)).content
        assert renders.call_count == 2
        assert "Sterke ouders Delft" in pdf_text(changed)

        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.get(pdf_url(delft_plan))
        assert renders.call_count == 3


@pytest.mark.parametrize("size", [1, 15])
def test_preview_costs_the_same_queries_for_a_small_and_a_big_plan(
    client, alice, catalogue, delft, size, django_assert_max_num_queries
):
    plan = build_plan(delft, build_checklist(), sub_goals=size, moments=size)
    client.force_login(alice)
    with django_assert_max_num_queries(15):
        assert client.get(preview_url(plan)).status_code == 200


def test_ess_reads_a_plan_only_while_it_is_shared_with_ess(client, delft_plan):
    from ebw_portal.accounts.models import User

    curator = User.objects.create_user(username="ess-curator", password="x", role="ess")
    client.force_login(curator)
    assert client.get(pdf_url(delft_plan)).status_code == 404
    delft_plan.shared_with_ess = True
    delft_plan.save()
    assert client.get(pdf_url(delft_plan)).status_code == 200


def test_plan_overview_offers_the_download_to_a_lezer(client, dirk, delft_plan):
    client.force_login(dirk)
    page = client.get(delft_plan.get_absolute_url()).content.decode()
    assert f'href="{pdf_url(delft_plan)}"' in page
    assert "Download PDF" in page
