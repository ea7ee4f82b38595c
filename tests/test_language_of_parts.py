"""WCAG 3.1.2 language of parts: the catalogue, checklists and plans are written in Dutch
only. With the English UI the page says <html lang="en">, so every element showing that
Dutch text carries lang="nl" (screen readers then pronounce it as Dutch), while the
English menus stay outside it. With the Dutch UI the attribute would be redundant.

The English pages need compiled catalogues: `make test` runs compilemessages first."""

from html.parser import HTMLParser

import pytest

from interventions.models import EffectiveElement
from tests.checklists import conftest as wizard_fixtures

pytestmark = pytest.mark.django_db

# The wizard's fixtures (the shipped checklist and a Delft plan) live in tests/checklists/.
checklist = wizard_fixtures.checklist
parenting = wizard_fixtures.parenting
delft_plan = wizard_fixtures.delft_plan

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _LanguageMap(HTMLParser):
    """Records, for every piece of text, the language a screen reader would use for it:
    the lang attribute of the nearest enclosing element that has one, and whether the text
    is in <main> (the page content) or around it (menus, breadcrumbs, footer)."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None, bool]] = []
        self.lang_attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang")
        if lang is not None and tag != "html":
            self.lang_attributes.append(lang)
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        if tag not in VOID_ELEMENTS and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            language = next((lang for _, lang in reversed(self.stack) if lang), None)
            in_main = any(tag == "main" for tag, _ in self.stack)
            self.texts.append((" ".join(data.split()), language, in_main))


def language_map(response) -> _LanguageMap:
    parser = _LanguageMap()
    parser.feed(response.content.decode())
    return parser


def language_of(page: _LanguageMap, text: str, in_main: bool = True) -> str | None:
    """The language of `text` in the page content (or, with in_main=False, around it)."""
    languages = {lang for data, lang, main in page.texts if text in data and main == in_main}
    assert languages, f"{text!r} is not on the page"
    assert len(languages) == 1, f"{text!r} is read in several languages: {languages}"
    return languages.pop()


def switch_to(client, language):
    response = client.get(f"/taal/{language}/", {"volgende": "/"})
    assert response.status_code == 302


@pytest.fixture
def english(client):
    switch_to(client, "en")
    return client


def assert_english_menu(page):
    assert language_of(page, "Search", in_main=False) == "en"
    assert language_of(page, "Skip to content", in_main=False) == "en"


@pytest.fixture
def element(catalogue):
    return EffectiveElement.objects.get(slug="werving-via-sleutelfiguren")


def test_english_type_page_reads_the_dutch_catalogue_text_as_dutch(english, element):
    kind = element.types.get(slug="opvoedondersteuning")
    page = language_map(english.get(kind.get_absolute_url()))

    assert language_of(page, kind.short_description) == "nl"
    assert language_of(page, element.title) == "nl"  # in the list of effective elements
    assert language_of(page, "What is known about effectiveness") == "en"
    assert_english_menu(page)


def test_english_element_page_reads_the_dutch_element_as_dutch(english, element):
    page = language_map(english.get(element.get_absolute_url()))

    assert language_of(page, element.title) == "nl"  # the h1
    assert language_of(page, element.summary) == "nl"
    assert language_of(page, "Applies to") == "en"
    assert_english_menu(page)


def test_english_wizard_step_reads_questions_and_help_as_dutch(english, alice, delft_plan):
    english.force_login(alice)
    page = language_map(english.get(f"/plannen/{delft_plan.pk}/stap/vraagstuk-en-visie/"))

    assert language_of(page, "Vraagstuk en visie") == "nl"  # h1 and the step list
    assert language_of(page, "Op welk maatschappelijk vraagstuk of probleem") == "nl"
    assert language_of(page, "Beschrijf wat er in uw gemeente speelt") == "nl"
    assert language_of(page, "Begin met een heldere visie") == "nl"  # guidance lesson
    assert language_of(page, "Save") == "en"
    assert language_of(page, "(required)") == "en"
    assert_english_menu(page)


def test_english_search_results_read_titles_and_snippets_as_dutch(english, catalogue):
    page = language_map(english.get("/zoeken/", {"q": "sleutelfiguren"}))

    # The search word is highlighted with <mark>, so look for the words after it.
    assert language_of(page, "gericht werven en het netwerk divers samenstellen") == "nl"
    assert language_of(page, "werkt alleen als de juiste mensen gericht worden geworven") == "nl"
    assert language_of(page, "Effective element") == "en"
    assert language_of(page, "Results") == "en"
    assert_english_menu(page)


@pytest.mark.parametrize(
    "url",
    [
        "/wat-werkt/opvoedondersteuning/",
        "/wat-werkt/werkzame-elementen/werving-via-sleutelfiguren/",
        "/zoeken/?q=sleutelfiguren",
        "/",
    ],
)
def test_dutch_ui_has_no_redundant_lang_attributes(client, catalogue, url):
    switch_to(client, "nl")
    response = client.get(url)

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "nl" not in language_map(response).lang_attributes


def test_dutch_wizard_step_has_no_redundant_lang_attributes(client, alice, delft_plan):
    switch_to(client, "nl")
    client.force_login(alice)
    response = client.get(f"/plannen/{delft_plan.pk}/stap/vraagstuk-en-visie/")

    assert response.status_code == 200
    assert "nl" not in language_map(response).lang_attributes


def breadcrumb_language(page: _LanguageMap, label: str) -> str | None:
    """The language of a breadcrumb: text exactly equal to `label` outside <main> (the
    <title> also names the page, but with more words around it)."""
    languages = {lang for data, lang, main in page.texts if data == label and not main}
    assert len(languages) == 1, f"{label!r}: {languages}"
    return languages.pop()


def test_english_breadcrumbs_read_dutch_titles_as_dutch_and_menu_words_as_english(english, element):
    page = language_map(english.get(element.get_absolute_url()))

    assert breadcrumb_language(page, element.title) == "nl"
    assert breadcrumb_language(page, "What works") == "en"


def test_english_wizard_breadcrumbs_read_the_plan_and_step_as_dutch(english, alice, delft_plan):
    english.force_login(alice)
    page = language_map(english.get(f"/plannen/{delft_plan.pk}/stap/vraagstuk-en-visie/"))

    assert breadcrumb_language(page, delft_plan.title) == "nl"
    assert breadcrumb_language(page, "My plans") == "en"
