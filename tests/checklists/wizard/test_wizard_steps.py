"""Filling in the wizard: saving, autosave, validation, lists and guidance."""

import re

from django.urls import reverse

from checklists.models import Answer, ChecklistItem, PlanChange
from tests.conftest import PASSWORD


def step_url(plan, slug):
    return reverse("wizard:plan_step", args=[plan.pk, slug])


def autosave_url(plan, slug):
    return reverse("wizard:plan_step_autosave", args=[plan.pk, slug])


def answer(plan, slug):
    return Answer.objects.get(plan=plan, item__slug=slug).value


def list_management(prefix, total=1, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_each_checklist_section_is_a_step_with_its_own_url(client, alice, delft_plan):
    client.force_login(alice)
    page = client.get(step_url(delft_plan, "draagvlak")).content.decode()
    assert "<h1>Draagvlak</h1>" in page
    assert "Hoe betrekt u het college van B&amp;W en de gemeenteraad" in page
    # The progress indicator lists every step with its state.
    for title in ["Vraagstuk en visie", "Doelen", "Evaluatie", "Doorontwikkeling en borging"]:
        assert title in page
    assert 'aria-current="step"' in page
    assert "nog niet compleet" in page


def test_save_and_next_stores_answers_and_opens_the_next_step(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        step_url(delft_plan, "vraagstuk-en-visie"),
        {
            "revision": delft_plan.revision,
            "a-maatschappelijk-vraagstuk": "Jongeren in Tanthof voelen zich buitengesloten.",
            "a-visie": "Weerbaarheid versterken, zonder te stigmatiseren.",
            "next": "1",
        },
    )
    assert response.status_code == 302
    assert response.url == step_url(delft_plan, "doelen")
    assert answer(delft_plan, "visie") == "Weerbaarheid versterken, zonder te stigmatiseren."
    change = PlanChange.objects.filter(plan=delft_plan, section__slug="vraagstuk-en-visie").get()
    assert change.user == alice and change.description == "2 antwoorden gewijzigd"


def test_a_step_with_errors_keeps_all_input_and_explains_in_dutch(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        step_url(delft_plan, "doelgroep-en-interventie"),
        {
            "revision": delft_plan.revision,
            "a-doelgroep": "Moeders in Voorhof met kinderen van 10 tot 16 jaar",
            "a-aantal-deelnemers": "veertig",
            "a-preventieniveau": "Groepen met een verhoogd risico",
            "next": "1",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Moeders in Voorhof met kinderen van 10 tot 16 jaar" in page
    assert 'value="veertig"' in page
    assert "Voer een getal in." in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_a-aantal-deelnemers_helptext id_a-aantal-deelnemers_error"' in page
    # The valid answers were saved all the same: nothing typed is lost.
    assert answer(delft_plan, "doelgroep").startswith("Moeders in Voorhof")
    assert not Answer.objects.filter(plan=delft_plan, item__slug="aantal-deelnemers").exists()


def test_autosave_stores_typing_and_says_when(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        autosave_url(delft_plan, "draagvlak"),
        {
            "revision": delft_plan.revision,
            "a-bestuurlijk-draagvlak": "Twee keer per jaar in het college.",
        },
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Opgeslagen om" in body
    assert 'id="plan-revision"' in body and f'value="{delft_plan.revision + 1}"' in body
    assert answer(delft_plan, "bestuurlijk-draagvlak") == "Twee keer per jaar in het college."


def test_autosaved_work_is_there_after_logging_out_and_in_again(client, alice, delft_plan):
    client.post(reverse("accounts:login"), {"username": alice.username, "password": PASSWORD})
    client.post(
        autosave_url(delft_plan, "draagvlak"),
        {
            "revision": delft_plan.revision,
            "a-maatschappelijk-draagvlak": "Werksessies met partners",
        },
    )
    client.post(reverse("accounts:logout"))
    assert client.get(step_url(delft_plan, "draagvlak")).status_code == 302

    client.post(reverse("accounts:login"), {"username": alice.username, "password": PASSWORD})
    page = client.get(step_url(delft_plan, "draagvlak")).content.decode()
    assert "Werksessies met partners" in page


def test_sub_goals_are_added_and_removed_without_losing_the_rest(client, alice, delft_plan):
    client.force_login(alice)
    url = step_url(delft_plan, "doelen")
    first = {
        "revision": delft_plan.revision,
        "a-hoofddoel": "Ouders zijn weerbaarder.",
        **list_management("subdoel"),
        "subdoel-0-description": "40 ouders bereikt",
        "subdoel-0-indicator": "aantal deelnemers",
        "add_row": "1",
    }
    assert client.post(url, first).status_code == 302
    page = client.get(url).content.decode()
    assert 'value="40 ouders bereikt"' in page and "Nieuwe rij" in page

    goal = delft_plan.sub_goals.get()
    delft_plan.refresh_from_db()
    second = {
        "revision": delft_plan.revision,
        "a-hoofddoel": "Ouders zijn weerbaarder.",
        **list_management("subdoel", total=2, initial=1),
        "subdoel-0-id": goal.pk,
        "subdoel-0-description": "40 ouders bereikt",
        "subdoel-1-description": "Ouders kennen het meldpunt",
        "subdoel-1-deadline": "1-12-2027",
        "add_row": "1",
    }
    client.post(url, second)
    assert list(delft_plan.sub_goals.values_list("description", flat=True)) == [
        "40 ouders bereikt",
        "Ouders kennen het meldpunt",
    ]

    delft_plan.refresh_from_db()
    rows = list(delft_plan.sub_goals.all())
    removal = {
        "revision": delft_plan.revision,
        "a-hoofddoel": "Ouders zijn weerbaarder.",
        **list_management("subdoel", total=3, initial=2),
        "subdoel-0-id": rows[0].pk,
        "subdoel-0-description": rows[0].description,
        "subdoel-0-DELETE": "on",
        "subdoel-1-id": rows[1].pk,
        "subdoel-1-description": rows[1].description,
        "save": "1",
    }
    client.post(url, removal)
    assert list(delft_plan.sub_goals.values_list("description", flat=True)) == [
        "Ouders kennen het meldpunt"
    ]
    assert answer(delft_plan, "hoofddoel") == "Ouders zijn weerbaarder."


def test_autosave_says_truthfully_that_typed_list_rows_are_not_yet_saved(client, alice, delft_plan):
    client.force_login(alice)
    url = autosave_url(delft_plan, "doelen")
    typed = {
        "revision": delft_plan.revision,
        "a-hoofddoel": "Ouders zijn weerbaarder.",
        **list_management("subdoel"),
        "subdoel-0-description": "40 ouders bereikt",
    }
    html = client.post(url, typed).content.decode()
    assert "De nieuwe regel is nog niet opgeslagen: klik op Opslaan." in html
    assert "Opgeslagen om" not in html
    assert "De antwoorden op de vragen zijn opgeslagen om" in html
    assert answer(delft_plan, "hoofddoel") == "Ouders zijn weerbaarder."
    assert not delft_plan.sub_goals.exists()

    goal = delft_plan.sub_goals.create(description="40 ouders bereikt", order=1)
    delft_plan.refresh_from_db()
    edited = {
        "revision": delft_plan.revision,
        "a-hoofddoel": "Ouders zijn weerbaarder.",
        **list_management("subdoel", total=2, initial=1),
        "subdoel-0-id": goal.pk,
        "subdoel-0-description": "50 ouders bereikt",
    }
    html = client.post(url, edited).content.decode()
    assert "Uw wijzigingen in de lijst zijn nog niet opgeslagen: klik op Opslaan." in html
    untouched = {**edited, "subdoel-0-description": "40 ouders bereikt"}
    html = client.post(url, untouched).content.decode()
    assert "Opgeslagen om" in html and "nog niet opgeslagen" not in html
    page = client.get(step_url(delft_plan, "doelen")).content.decode()
    assert "js/unsaved-rows" in page


def test_a_half_filled_list_row_shows_its_error_and_keeps_its_input(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        step_url(delft_plan, "betrokkenen-en-rollen"),
        {
            "revision": delft_plan.revision,
            **list_management("betrokkene"),
            "betrokkene-0-role": "uitvoerder",
            "betrokkene-0-kind": "organisatie",
            "save": "1",
        },
    )
    page = response.content.decode()
    assert "Dit veld is verplicht." in page
    assert 'value="uitvoerder"' in page
    assert not delft_plan.stakeholders.exists()


def test_guidance_shows_lessons_of_the_theme_and_the_types_effective_elements(
    client, alice, delft_plan
):
    client.force_login(alice)
    visie = client.get(step_url(delft_plan, "vraagstuk-en-visie")).content.decode()
    assert "Begin met een heldere visie" in visie
    assert "Betrek het college en de raad" not in visie
    assert "Werven via sleutelfiguren" not in visie

    draagvlak = client.get(step_url(delft_plan, "draagvlak")).content.decode()
    assert "Betrek het college en de raad" in draagvlak

    doelgroep = client.get(step_url(delft_plan, "doelgroep-en-interventie")).content.decode()
    assert "Werven via sleutelfiguren" in doelgroep
    assert "Overnemen in mijn plan" in doelgroep


def test_a_step_shows_six_lessons_and_links_to_all_of_them_in_the_search(client, alice, delft_plan):
    from interventions.models import LessonLearned

    for n in range(1, 9):
        LessonLearned.objects.create(
            slug=f"extra-voorbereiding-{n}",
            title=f"Extra les {n} over voorbereiding",
            summary="Nog een les.",
            explanation="Uitleg.",
            theme="voorbereiding",
            order=n,
        )
    client.force_login(alice)
    visie = client.get(step_url(delft_plan, "vraagstuk-en-visie")).content.decode()

    shown = [n for n in range(1, 9) if f"Extra les {n} over voorbereiding" in visie]
    assert len(shown) + ("Begin met een heldere visie" in visie) == 6
    link = re.search(r'<a href="([^"]+)">\s*Alle 9 geleerde lessen voor deze stap', visie)
    assert link, "no link to all lessons"
    everything = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    for n in range(1, 9):
        assert f"Extra les {n} over voorbereiding" in everything
    assert "Begin met een heldere visie" in everything


def test_adopting_an_effective_element_keeps_the_note_in_the_plan(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        reverse("wizard:element_adopt", args=[delft_plan.pk, "werven-via-sleutelfiguren-test"]),
        {"note": "Via de buurtschool De Horizon.", "section": "doelgroep-en-interventie"},
    )
    assert response.url.endswith(
        "/stap/doelgroep-en-interventie/#element-werven-via-sleutelfiguren-test"
    )
    overview = client.get(delft_plan.get_absolute_url()).content.decode()
    assert "Werven via sleutelfiguren</a>: Via de buurtschool De Horizon." in overview

    client.post(
        reverse("wizard:element_remove", args=[delft_plan.pk, "werven-via-sleutelfiguren-test"]),
        {"section": "doelgroep-en-interventie"},
    )
    assert not delft_plan.adopted_elements.exists()


def test_a_question_added_in_the_admin_appears_in_the_wizard(
    client, admin_client, alice, delft_plan
):
    section = delft_plan.checklist.sections.get(slug="draagvlak")
    item = ChecklistItem.objects.get(section=section, slug="bestuurlijk-draagvlak")
    response = admin_client.post(
        reverse("admin:checklists_checklistitem_change", args=[item.pk]),
        {
            "section": section.pk,
            "slug": item.slug,
            "question": "Hoe houdt u de gemeenteraad op de hoogte?",
            "help_text": "",
            "answer_kind": "kort",
            "choices": "",
            "required": "on",
            "is_active": "on",
            "order": 5,
        },
    )
    assert response.status_code == 302
    ChecklistItem.objects.create(
        section=section, slug="wethouder", question="Welke wethouder is betrokken?", order=1
    )
    client.force_login(alice)
    page = client.get(step_url(delft_plan, "draagvlak")).content.decode()
    assert "Hoe houdt u de gemeenteraad op de hoogte?" in page
    assert "Welke wethouder is betrokken?" in page
    assert page.index("Welke wethouder") < page.index("Hoe houdt u de gemeenteraad")
    assert 'type="text" name="a-bestuurlijk-draagvlak"' in page


def test_a_section_added_by_ess_becomes_a_step(client, alice, delft_plan):
    section = delft_plan.checklist.sections.create(
        slug="communicatie", title="Communicatie", order=75
    )
    section.items.create(slug="boodschap", question="Wat is de kernboodschap?")
    client.force_login(alice)
    page = client.get(step_url(delft_plan, "communicatie")).content.decode()
    assert "<h1>Communicatie</h1>" in page and "Wat is de kernboodschap?" in page
    review = client.get(reverse("wizard:plan_review", args=[delft_plan.pk])).content.decode()
    assert "Wat is de kernboodschap?" in review


def test_plan_details_step_rejects_an_end_date_before_the_start(client, alice, delft_plan):
    client.force_login(alice)
    response = client.post(
        reverse("wizard:plan_details", args=[delft_plan.pk]),
        {
            "revision": delft_plan.revision,
            "title": "Weerbaar opvoeden Delft-Noord",
            "intervention_type": delft_plan.intervention_type_id,
            "start_date": "2027-03-01",
            "end_date": "2026-01-01",
        },
    )
    assert "De einddatum ligt vóór de startdatum." in response.content.decode()
    delft_plan.refresh_from_db()
    assert delft_plan.start_date is None


def test_effective_elements_carry_their_evidence_label(client, alice, delft_plan):
    from evaluations.evidence import evidence_labels_for_elements
    from interventions.models import EffectiveElement

    element = EffectiveElement.objects.get(slug="werven-via-sleutelfiguren-test")
    label = evidence_labels_for_elements([element.pk])[element.pk]
    client.force_login(alice)
    page = client.get(step_url(delft_plan, "doelgroep-en-interventie")).content.decode()
    card = page[page.index('id="element-werven-via-sleutelfiguren-test"') :]
    assert f'<span class="badge badge-evidence">{label}</span>' in card[:1500]


def test_ess_edits_a_sections_themes_in_the_admin_with_checkboxes(admin_client, delft_plan):
    section = delft_plan.checklist.sections.get(slug="stigmatisering-en-veiligheid")
    url = reverse("admin:checklists_checklistsection_change", args=[section.pk])
    page = admin_client.get(url).content.decode()
    assert 'type="checkbox" name="themes" value="veiligheid"' in page
    assert "Hoe zorgt u voor een veilige setting" in page


def test_autosave_runs_at_most_15_queries(client, alice, delft_plan, django_assert_max_num_queries):
    client.force_login(alice)
    before = delft_plan.revision
    with django_assert_max_num_queries(15):
        response = client.post(
            autosave_url(delft_plan, "draagvlak"),
            {"revision": before, "a-bestuurlijk-draagvlak": "Elk kwartaal."},
            HTTP_HX_REQUEST="true",
        )
    # The page gets the new revision without the plan being read back.
    assert f'value="{before + 1}"' in response.content.decode()
    delft_plan.refresh_from_db()
    assert delft_plan.revision == before + 1


def test_autosave_by_a_lezer_is_refused_and_stores_nothing(client, dirk, delft_plan):
    client.force_login(dirk)
    response = client.post(
        autosave_url(delft_plan, "draagvlak"),
        {"revision": delft_plan.revision, "a-bestuurlijk-draagvlak": "Door een lezer."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 403
    assert not Answer.objects.filter(plan=delft_plan, value="Door een lezer.").exists()
