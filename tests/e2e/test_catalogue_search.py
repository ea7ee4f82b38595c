"""A policy adviser searches the catalogue in a real browser and opens a result."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture
def shipped_catalogue(transactional_db):
    call_command("loaddata", "fixtures/10_catalogue.json", verbosity=0)


def test_adviser_searches_with_a_word_part_and_opens_a_result(page, live_server, shipped_catalogue):
    page.goto(live_server.url + "/")
    page.get_by_label("Zoek in de kennisbank").fill("sleutelfig")
    page.get_by_label("Zoek in de kennisbank").press("Enter")

    expect(page).to_have_url(re.compile(r"/zoeken/\?q=sleutelfig$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken in de kennisbank")
    first = page.locator(".search-result h3 a").first
    expect(first).to_be_visible()
    expect(page.locator(".search-result mark").first).to_contain_text(
        re.compile("sleutelfig", re.IGNORECASE)
    )

    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("heading", name="Bronnen")).to_be_visible()


def test_adviser_narrows_results_with_a_filter(page, live_server, shipped_catalogue):
    page.goto(live_server.url + "/zoeken/?q=ouders")
    page.get_by_label("Thema van de les").select_option("veiligheid")
    page.get_by_role("button", name="Zoeken", exact=True).click()

    expect(page).to_have_url(re.compile(r"thema=veiligheid"))
    expect(page.get_by_label("Zoekwoorden")).to_have_value("ouders")
    for context in page.locator(".search-result .meta").all_inner_texts():
        assert "veiligheid" in context
