"""English as the second UI language: after the language switch the portal's own words
(menus, headings, counts) are English, the Dutch default is untouched, and the English
catalogue has no entry left empty or marked fuzzy (gettext ignores fuzzy entries).

The English pages need compiled catalogues: `make test` runs compilemessages first."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

ENGLISH_PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Per page: words a reader sees in Dutch and their English translation.
PAGES = {
    "home": (
        "/",
        {
            ">Geleerde lessen</a>": ">Lessons learned</a>",
            ">Zoeken</a>": ">Search</a>",
            ">Wat werkt</a>": ">What works</a>",
            ">Evaluaties en bewijs</a>": ">Evaluations and evidence</a>",
            "<h1>Wat werkt bij de preventie van radicalisering?</h1>": (
                "<h1>What works in preventing radicalisation?</h1>"
            ),
            ">Zes typen interventies</h2>": ">Six types of interventions</h2>",
            ">Geleerde lessen per thema</h2>": ">Lessons learned by theme</h2>",
            "Direct naar de inhoud": "Skip to content",
        },
    ),
    "type list": (
        "/wat-werkt/",
        {
            "<h1>Wat werkt: zes typen interventies</h1>": (
                "<h1>What works: six types of interventions</h1>"
            ),
            "Geleerde lessen voor alle typen, per thema": "Lessons learned for all types, by theme",
        },
    ),
    "type page": (
        "/wat-werkt/opvoedondersteuning/",
        {
            ">Wat bekend is over de werkzaamheid</h2>": ">What is known about effectiveness</h2>",
            ">Werkzame elementen</h2>": ">Effective elements</h2>",
            ">Geleerde lessen</h2>": ">Lessons learned</h2>",
            ">Interventies van dit type</h2>": ">Interventions of this type</h2>",
            "Wat werkt, hangt af van de context.": "What works depends on the context.",
        },
    ),
}


@pytest.fixture
def english(client):
    response = client.get("/taal/en/", {"volgende": "/"})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("page", PAGES)
def test_after_switching_to_english_the_page_speaks_english(english, catalogue, page):
    url, words = PAGES[page]
    html = english.get(url).content.decode()
    assert '<html lang="en">' in html
    for dutch, english_words in words.items():
        assert english_words in html
        assert dutch not in html


@pytest.mark.parametrize("page", PAGES)
def test_without_switching_the_page_stays_dutch(client, catalogue, page):
    url, words = PAGES[page]
    html = client.get(url).content.decode()
    assert '<html lang="nl">' in html
    for dutch, english_words in words.items():
        assert dutch in html
        assert english_words not in html


def test_english_keeps_the_catalogue_content_in_dutch(english, catalogue):
    """Only the interface is translated: the curated knowledge is Dutch (and marked so)."""
    html = english.get("/wat-werkt/opvoedondersteuning/").content.decode()
    assert '<h1 lang="nl">Opvoedondersteuning van ouders uit kwetsbare groepen</h1>' in html


def test_english_counts_use_singular_and_plural(english, catalogue):
    from django.db.models import Count

    from interventions.models import InterventionType

    html = english.get("/wat-werkt/").content.decode()
    types = InterventionType.objects.annotate(n=Count("interventions", distinct=True))
    counts = {t.n for t in types}
    assert 1 in counts and any(n > 1 for n in counts)  # the fixture shows both forms
    for n in counts:
        assert f"{n} intervention{'' if n == 1 else 's'}\n" in html


def _po_entries(path):
    """(msgid, translations, flags) for each entry of a .po file, header left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields, flags, key = {}, set(), None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith('"'):
                fields[key] += ast.literal_eval(line)
            elif line and not line.startswith("#"):
                key, _, literal = line.partition(" ")
                fields[key] = ast.literal_eval(literal)
        if fields.get("msgid"):
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], translations, flags))
    return entries


def test_every_english_string_is_translated_and_not_fuzzy():
    entries = _po_entries(ENGLISH_PO)
    assert len(entries) > 500  # the whole UI, not a stray fragment
    untranslated = [msgid for msgid, texts, _ in entries if not all(t.strip() for t in texts)]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []
