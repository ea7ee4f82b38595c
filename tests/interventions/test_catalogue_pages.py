"""The public wat-werkt pages show their content, sources and breadcrumbs."""

import pytest
from django.core.exceptions import ValidationError

from interventions.models import InterventionType

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_type_list_shows_every_type_with_counts(client, small_catalogue):
    html = page(client, "/wat-werkt/")
    assert "Opvoedondersteuning van ouders uit kwetsbare groepen" in html
    assert 'href="/wat-werkt/lotgenotencontact/"' in html
    assert "2 werkzame elementen" in html
    assert "1 interventie" in html


def test_type_page_shows_description_elements_by_aspect_and_context_note(client, small_catalogue):
    html = page(client, "/wat-werkt/opvoedondersteuning/")
    assert "<h1>Opvoedondersteuning van ouders uit kwetsbare groepen</h1>" in html
    assert "Trainingen voor ouders die lastig bereikbaar zijn." in html
    assert "Ouders melden betere communicatie met hun kinderen." in html
    # Grouped by aspect, in the aspects' order: recruitment before conditions.
    recruitment = html.index('<h3 class="h4">Werving en bereik</h3>')
    conditions = html.index('<h3 class="h4">Randvoorwaarden</h3>')
    assert recruitment < html.index("Werven via een netwerk van sleutelfiguren") < conditions
    assert conditions < html.index("Een laagdrempelige locatie")
    assert "Wat werkt, hangt af van de context." in html
    assert "Omlo, J. &amp; Fermin, A. (2021)" in html


def test_type_page_shows_its_lessons_and_those_for_all_types(client, small_catalogue):
    html = page(client, "/wat-werkt/opvoedondersteuning/")
    assert "Begin met een duidelijke visie" in html  # no types: applies to all
    assert "Plan de evaluatie vooraf" in html
    assert "Zorg voor een veilige setting" not in html  # only lotgenotencontact
    assert html.index('<h3 class="h4">Voorbereiding</h3>') < html.index(
        '<h3 class="h4">Evalueren</h3>'
    )


def test_type_page_lists_its_interventions(client, small_catalogue):
    html = page(client, "/wat-werkt/opvoedondersteuning/")
    assert 'href="/wat-werkt/interventies/weerbaar-opvoeden/"' in html
    assert "Familiecontact" not in html


def test_type_page_has_breadcrumbs_and_an_evidence_slot(client, small_catalogue):
    response = client.get("/wat-werkt/opvoedondersteuning/")
    html = response.content.decode()
    assert 'aria-label="Kruimelpad"' in html
    assert '<a href="/wat-werkt/">Wat werkt</a>' in html
    assert "interventions/includes/evidence_slot.html" in [t.name for t in response.templates]


def test_intervention_page_shows_facts_type_elements_and_sources(client, small_catalogue):
    small_catalogue.weerbaar_opvoeden.sources.add(small_catalogue.report)
    html = page(client, "/wat-werkt/interventies/weerbaar-opvoeden/")
    assert "<h1>Weerbaar Opvoeden</h1>" in html
    assert "Ouders uit kwetsbare groepen" in html
    assert "Stimulance" in html
    assert "Breed (algemene preventie)" in html
    assert 'href="/wat-werkt/werkzame-elementen/werven-via-sleutelfiguren/"' in html
    assert "Omlo, J. &amp; Fermin" in html
    assert '<a href="/wat-werkt/opvoedondersteuning/">Opvoedondersteuning' in html


def test_example_intervention_is_marked_as_an_example(client, small_catalogue):
    small_catalogue.peer_group.is_example = True
    small_catalogue.peer_group.save()
    html = page(client, "/wat-werkt/interventies/familiecontact/")
    assert "Dit is een fictief voorbeeld" in html


def test_element_page_shows_explanation_types_interventions_and_sources(client, small_catalogue):
    html = page(client, "/wat-werkt/werkzame-elementen/werven-via-sleutelfiguren/")
    assert "<h1>Werven via een netwerk van sleutelfiguren</h1>" in html
    assert "Een sleutelfiguur kent de ouders" in html
    assert "werving en bereik" in html
    assert 'href="/wat-werkt/opvoedondersteuning/"' in html
    assert 'href="/wat-werkt/interventies/weerbaar-opvoeden/"' in html
    assert "hetonderzoekerscollectief.nl" in html


def test_lesson_page_shows_theme_types_and_sources(client, small_catalogue):
    html = page(client, "/wat-werkt/geleerde-lessen/duidelijke-visie/")
    assert "<h1>Begin met een duidelijke visie</h1>" in html
    assert "Een uitgewerkt plan van aanpak" in html
    assert "Alle typen interventies." in html
    assert 'href="/wat-werkt/geleerde-lessen/#thema-voorbereiding"' in html
    assert "Omlo, J. &amp; Fermin" in html
    html = page(client, "/wat-werkt/geleerde-lessen/veilige-setting/")
    assert 'href="/wat-werkt/lotgenotencontact/"' in html
    assert "Voor dit onderdeel is (nog) geen bron vastgelegd." in html


def test_lesson_overview_groups_lessons_by_theme_in_toolkit_order(client, small_catalogue):
    html = page(client, "/wat-werkt/geleerde-lessen/")
    prep = html.index('<h2 id="thema-voorbereiding">')
    safety = html.index('<h2 id="thema-veiligheid">')
    evaluate = html.index('<h2 id="thema-evalueren">')
    assert prep < html.index("Begin met een duidelijke visie") < safety
    assert safety < html.index("Zorg voor een veilige setting") < evaluate
    assert "alle typen" in html  # the vision lesson has no types
    assert 'id="thema-draagvlak"' not in html  # empty themes are left out


@pytest.mark.parametrize(
    "url",
    [
        "/wat-werkt/bestaat-niet/",
        "/wat-werkt/interventies/bestaat-niet/",
        "/wat-werkt/werkzame-elementen/bestaat-niet/",
        "/wat-werkt/geleerde-lessen/bestaat-niet/",
    ],
)
def test_unknown_slugs_give_404(client, small_catalogue, url):
    assert client.get(url).status_code == 404


def test_a_type_cannot_take_a_slug_that_a_fixed_page_uses(small_catalogue):
    intervention_type = InterventionType(
        slug="geleerde-lessen", name="X", short_description="X", description="X"
    )
    with pytest.raises(ValidationError) as error:
        intervention_type.full_clean()
    assert "slug" in error.value.message_dict


def test_pages_work_with_the_shipped_catalogue(client, catalogue):
    html = page(client, "/wat-werkt/")
    for intervention_type in InterventionType.objects.all():
        type_html = page(client, intervention_type.get_absolute_url())
        assert intervention_type.name in html
        assert "Wat werkt, hangt af van de context." in type_html
    page(client, "/wat-werkt/geleerde-lessen/")


@pytest.mark.parametrize(
    "url",
    [
        "/wat-werkt/interventies/weerbaar-opvoeden/",
        "/wat-werkt/geleerde-lessen/duidelijke-visie/",
    ],
)
def test_intervention_and_lesson_pages_say_how_strong_the_evidence_is(client, small_catalogue, url):
    html = page(client, url)
    assert "Bewijskracht:" in html
    # No evaluation links to them in this catalogue: the page says so plainly.
    assert "Er is (nog) geen effectevaluatie" in html


def test_type_page_lists_ten_items_per_group_and_links_to_all_of_them(client, grow_catalogue):
    grow_catalogue(11)
    html = page(client, "/wat-werkt/opvoedondersteuning/")
    extra_elements = [f">Extra element {i}<" for i in range(11)]
    assert sum(title in html for title in extra_elements) == 10
    assert sum(f">Extra les {i}<" in html for i in range(11)) == 10
    # Eleven extra interventions plus Weerbaar Opvoeden, by name: ten extra ones listed.
    assert sum(f">Extra interventie {i}<" in html for i in range(11)) == 10
    elements_link = "/zoeken/?type=opvoedondersteuning&amp;soort=elementen&amp;aspect=inhoud"
    assert f'<a href="{elements_link}">Alle 11 werkzame elementen over inhoud</a>' in html
    lessons_link = "/zoeken/?type=opvoedondersteuning&amp;soort=lessen&amp;thema=draagvlak"
    assert f'<a href="{lessons_link}">Alle 11 geleerde lessen over draagvlak</a>' in html
    interventions_link = "/zoeken/?type=opvoedondersteuning&amp;soort=interventies"
    assert f'<a href="{interventions_link}">Alle 12 interventies van dit type</a>' in html
    # The element left off the type page is on the page the link leads to.
    missing = next(title for title in extra_elements if title not in html)
    assert missing in page(client, elements_link.replace("&amp;", "&"))


def test_lesson_overview_lists_twenty_lessons_per_theme_and_links_to_all_of_them(
    client, small_catalogue
):
    from interventions.models import LessonLearned

    for i in range(22):
        LessonLearned.objects.create(
            slug=f"borging-{i}",
            title=f"Borgingsles {i}",
            summary="Over borging.",
            explanation="Uitleg.",
            theme="borging",
            order=i,
        )
    html = page(client, "/wat-werkt/geleerde-lessen/")
    assert [i for i in range(22) if f">Borgingsles {i}<" in html] == list(range(20))
    link = "/zoeken/?soort=lessen&amp;thema=borging"
    assert f'<a href="{link}">Alle 22 geleerde lessen over doorontwikkeling en borging</a>' in html
    assert ">Borgingsles 21<" in page(client, link.replace("&amp;", "&"))
    # A theme with few lessons has no such link.
    assert "thema=draagvlak" not in html


def test_type_page_has_no_link_to_all_when_everything_is_listed(client, small_catalogue):
    html = page(client, "/wat-werkt/opvoedondersteuning/")
    assert "/zoeken/?type=opvoedondersteuning" not in html
