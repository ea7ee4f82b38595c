"""Dutch full-text search: stemming, prefixes, plurals, filters, safe highlighting."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection

from interventions.search import (
    SECTIONS,
    Criteria,
    build_tsquery,
    highlight,
    run_search,
    section_queryset,
)

pytestmark = pytest.mark.django_db


def titles(outcome):
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in outcome.hits]


def search_page(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_prefix_finds_the_compound_word(small_catalogue):
    outcome = run_search(Criteria(text="opvoed"))
    assert "Opvoedondersteuning van ouders uit kwetsbare groepen" in titles(outcome)


def test_a_plural_finds_the_singular_in_the_text(small_catalogue):
    # The text says "op de fiets"; Dutch stemming alone would miss it for "fietsen".
    assert "Een laagdrempelige locatie" in titles(run_search(Criteria(text="fietsen")))
    assert "Een laagdrempelige locatie" in titles(run_search(Criteria(text="fiets")))


def test_singular_and_plural_of_sleutelfiguur_find_each_other(small_catalogue):
    for word in ("sleutelfiguren", "sleutelfiguur", "Sleutelfiguur"):
        assert "Werven via een netwerk van sleutelfiguren" in titles(
            run_search(Criteria(text=word))
        ), word


def test_lessen_finds_a_text_with_les(small_catalogue):
    assert "Plan de evaluatie vooraf" in titles(run_search(Criteria(text="lessen")))


def test_every_word_must_match(small_catalogue):
    found = titles(run_search(Criteria(text="ouders fiets")))
    assert found == ["Een laagdrempelige locatie"]


def test_a_title_match_ranks_above_a_body_match(small_catalogue):
    found = titles(run_search(Criteria(text="lotgenotencontact")))
    assert found[0] == "Lotgenotencontact"


def test_search_covers_types_interventions_elements_and_lessons(small_catalogue):
    outcome = run_search(Criteria(text="lokale trainers"))
    kinds = {hit.kind for hit in outcome.hits}
    assert kinds >= {"interventies", "elementen"}
    outcome = run_search(Criteria(text="visie"))
    assert [hit.kind for hit in outcome.hits] == ["lessen"]
    outcome = run_search(Criteria(text="families"))
    assert {hit.kind for hit in outcome.hits} == {"typen", "interventies"}


def test_tsquery_is_built_only_from_letters_and_digits():
    assert build_tsquery("opvoed") == "(opvoed:*)"
    assert build_tsquery("  ") == ""
    hostile = build_tsquery("a') & !x:* | (<script>")
    assert "'" not in hostile and "!" not in hostile and "<" not in hostile
    assert build_tsquery("fietsen") == "(fietsen:* | fiets:*)"


def test_punctuation_only_query_does_not_crash(client, small_catalogue):
    html = search_page(client, q="&|!:*()'")
    assert "Waar wilt u naar zoeken?" in html


def test_highlight_marks_matches_and_escapes_everything_else():
    assert str(highlight("<b>\x01ouders\x02</b> & co")) == (
        "&lt;b&gt;<mark>ouders</mark>&lt;/b&gt; &amp; co"
    )
    assert str(highlight("stray \x01 marker")) == "stray  marker"


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.kind)
def test_search_uses_the_gin_index_of_each_section(small_catalogue, section):
    tsquery = build_tsquery("opvoed")
    queryset = section_queryset(section, Criteria(text="opvoed"), tsquery)
    # The search must filter on the stored, GIN-indexed column itself; a vector computed
    # on the fly (SearchVector(...) in the query) could never use the index.
    table = section.queryset().model._meta.db_table
    assert f'"{table}"."search_vector" @@' in str(queryset.query)
    matching = section.queryset().model.objects.filter(
        search_vector=SearchQuery(tsquery, search_type="raw", config="dutch")
    )
    with connection.cursor() as cursor:
        # With only a few rows PostgreSQL prefers a sequential scan; forbid it so the
        # plan shows whether the index can serve this expression at all.
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = matching.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    assert "_search_gin" in plan


def test_search_page_shows_ranked_results_with_marked_words(client, small_catalogue):
    html = search_page(client, q="opvoed")
    assert "<mark>Opvoedondersteuning</mark> van ouders uit kwetsbare groepen" in html
    assert 'href="/wat-werkt/opvoedondersteuning/"' in html
    assert "resultaten voor ‘opvoed’" in html


def test_html_in_the_catalogue_text_is_shown_as_text(client, small_catalogue):
    small_catalogue.venue.summary = '"ouders" & 1 < 2 <script>alert(1)</script>'
    small_catalogue.venue.save()
    html = search_page(client, q="ouders")
    assert "<script>" not in html
    assert "<mark>ouders</mark>&quot; &amp; 1 &lt; 2" in html


def test_the_query_is_escaped_on_the_page(client, small_catalogue):
    html = search_page(client, q="<img src=x onerror=alert(1)>")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_type_filter_keeps_lessons_that_apply_to_all_types(client, small_catalogue):
    outcome = run_search(Criteria(kind="lessen", type="opvoedondersteuning"))
    assert set(titles(outcome)) == {"Begin met een duidelijke visie", "Plan de evaluatie vooraf"}


def test_filters_combine(small_catalogue):
    both = run_search(Criteria(type="opvoedondersteuning", aspect="werving"))
    assert titles(both) == ["Werven via een netwerk van sleutelfiguren"]
    assert titles(run_search(Criteria(type="lotgenotencontact", aspect="werving"))) == []
    theme_and_words = run_search(Criteria(text="trainer", theme="veiligheid"))
    assert titles(theme_and_words) == ["Zorg voor een veilige setting"]
    level = run_search(Criteria(level="individueel"))
    assert titles(level) == ["Familiecontact"]


def test_filters_on_the_page_combine_and_survive_in_links(client, small_catalogue):
    html = search_page(client, q="ouders", type="opvoedondersteuning", aspect="randvoorwaarden")
    assert "Een laagdrempelige locatie" in html
    assert "Werven via een netwerk" not in html
    # The selects show the chosen filters.
    assert '<option value="randvoorwaarden" selected>' in html
    assert '<option value="opvoedondersteuning" selected>' in html
    # Removing one filter keeps the words and the other filter.
    assert 'href="?q=ouders&amp;aspect=randvoorwaarden"' in html
    assert 'href="?q=ouders&amp;type=opvoedondersteuning"' in html
    # The kind links keep words and filters.
    assert (
        'href="?q=ouders&amp;type=opvoedondersteuning&amp;aspect=randvoorwaarden&amp;soort=elementen"'
        in html
    )


def test_kind_filter_limits_hits_but_counts_every_kind(client, small_catalogue):
    html = search_page(client, q="opvoed", soort="lessen")
    assert "Weerbaar Opvoeden" not in html
    assert "Interventies (1)" in html
    assert 'aria-current="page">Geleerde lessen (0)' in html


def test_an_unknown_filter_value_is_explained_and_ignored(client, small_catalogue):
    html = search_page(client, q="opvoed", thema="bestaat-niet")
    assert 'aria-invalid="true"' in html
    assert 'id="id_thema_error"' in html
    assert "Dit filter is nu niet gebruikt." in html
    assert "Weerbaar <mark>Opvoeden</mark>" in html
    # Links no longer carry the bad value.
    assert 'href="?q=opvoed&amp;soort=lessen"' in html


def test_empty_search_offers_suggestions_and_the_types(client, small_catalogue):
    html = search_page(client)
    assert "Waar wilt u naar zoeken?" in html
    assert 'href="?q=opvoedondersteuning"' in html
    assert 'href="/wat-werkt/lotgenotencontact/"' in html
    assert "Resultaten" not in html


def test_no_results_page_gives_tips_and_ways_out(client, small_catalogue):
    html = search_page(client, q="xylofoon", type="lotgenotencontact")
    assert "Niets gevonden" in html
    assert "Gebruik minder woorden" in html
    assert "Haal een of meer filters weg" in html
    assert 'href="/wat-werkt/geleerde-lessen/"' in html
    assert 'href="?q=xylofoon"' in html


def test_filters_without_words_list_what_they_allow(client, small_catalogue):
    html = search_page(client, thema="veiligheid")
    assert "1 resultaat met deze filters" in html
    assert "Zorg voor een veilige setting" in html


def test_only_stop_words_give_the_no_results_page(client, small_catalogue):
    html = search_page(client, q="de het")
    assert "Niets gevonden" in html


def test_a_too_long_query_is_explained_and_kept_in_the_field(client, small_catalogue):
    long_query = "opvoeding " * 25
    html = search_page(client, q=long_query)
    assert 'id="id_q_error"' in html
    assert "niet meer dan 200 tekens" in html
    assert "Dit filter is nu niet gebruikt." not in html
    assert f'value="{long_query}"' in html
