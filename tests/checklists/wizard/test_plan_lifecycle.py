"""A plan's life: completeness, definitief, versions, conflicts, copies and history."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from checklists.models import Answer, PlanOfApproach
from checklists.wizard import services
from checklists.wizard.progress import load_progress
from tests.checklists.conftest import fill_completely


def review(client, plan):
    return client.get(reverse("wizard:plan_review", args=[plan.pk])).content.decode()


def test_review_lists_missing_required_items_with_links_to_the_field(client, alice, delft_plan):
    client.force_login(alice)
    page = review(client, delft_plan)
    assert "Het plan is voor 0% compleet." in page
    step = reverse("wizard:plan_step", args=[delft_plan.pk, "draagvlak"])
    assert f'href="{step}#veld-bestuurlijk-draagvlak"' in page
    assert "Nog 1 meetbaar subdoel nodig" in page
    assert "Definitief maken</button>" not in page


def test_completeness_counts_required_items_and_required_lists(alice, delft_plan):
    section = delft_plan.checklist.sections.get(slug="vraagstuk-en-visie")
    required = [item for item in section.items.all() if item.required]
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={item: "Beantwoord" for item in required},
        expected_revision=delft_plan.revision,
    )
    progress = load_progress(delft_plan)
    assert progress.for_section(section).is_complete
    assert 0 < progress.percent < 100
    # An optional question does not count.
    assert not progress.is_complete


def test_a_plan_becomes_definitief_only_when_complete(client, alice, delft_plan):
    client.force_login(alice)
    finalise = reverse("wizard:plan_finalise", args=[delft_plan.pk])
    response = client.post(finalise, follow=True)
    assert "Het plan is nog niet compleet" in response.content.decode()
    delft_plan.refresh_from_db()
    assert delft_plan.status == "concept"

    fill_completely(delft_plan, alice)
    assert "Definitief maken</button>" in review(client, delft_plan)
    client.post(finalise)
    delft_plan.refresh_from_db()
    assert delft_plan.status == "definitief" and delft_plan.finalised_at is not None


def test_editing_a_definitief_plan_makes_a_new_concept_version_and_keeps_the_old(
    client, alice, delft_plan
):
    fill_completely(delft_plan, alice)
    services.make_definitive(delft_plan, alice)
    client.force_login(alice)

    step = reverse("wizard:plan_step", args=[delft_plan.pk, "draagvlak"])
    assert client.get(step).url == delft_plan.get_absolute_url()

    response = client.post(reverse("wizard:plan_new_version", args=[delft_plan.pk]))
    new = PlanOfApproach.objects.get(previous_version=delft_plan)
    assert response.url == new.get_absolute_url()
    assert (new.version, new.status) == (2, "concept")
    assert new.answers.count() == delft_plan.answers.count()
    assert new.sub_goals.count() == 1 and new.stakeholders.count() == 1

    services.save_step(
        new,
        new.checklist.sections.get(slug="samenwerking-en-informatiedeling"),
        alice,
        answers={
            new.checklist.sections.get(slug="samenwerking-en-informatiedeling").items.get(
                slug="overleg"
            ): "Maandelijks"
        },
        expected_revision=new.revision,
    )
    old_answer = Answer.objects.filter(plan=delft_plan, item__slug="overleg").get().value
    assert old_answer != "Maandelijks"
    delft_plan.refresh_from_db()
    assert delft_plan.status == "definitief"
    # The list shows the current version only; the overview links the older one.
    listing = client.get(reverse("wizard:plan_list")).content.decode()
    assert f'href="{new.get_absolute_url()}"' in listing
    assert f'href="{delft_plan.get_absolute_url()}"' not in listing
    assert "versie 1" in client.get(new.get_absolute_url()).content.decode()


def test_a_second_editor_never_silently_overwrites_the_first(client, alice, carla, delft_plan):
    url = reverse("wizard:plan_step", args=[delft_plan.pk, "samenwerking-en-informatiedeling"])
    opened_revision = delft_plan.revision  # both open the step at the same revision

    client.force_login(carla)
    client.post(url, {"revision": opened_revision, "a-overleg": "Elke maand", "save": "1"})

    client.force_login(alice)
    response = client.post(
        url, {"revision": opened_revision, "a-overleg": "Elk kwartaal", "save": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit plan intussen gewijzigd" in page
    assert "Carla" in page
    assert "Elke maand" in page  # the other version
    assert 'value="Elk kwartaal"' in page  # her own input, kept for re-submission
    assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == "Elke maand"

    delft_plan.refresh_from_db()
    client.post(url, {"revision": delft_plan.revision, "a-overleg": "Elk kwartaal", "save": "1"})
    assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == "Elk kwartaal"


def carla_saves_overleg(plan, carla):
    """Carla saves an answer while the others still have the step open; returns the
    step and the revision their pages still show."""
    section = plan.checklist.sections.get(slug="samenwerking-en-informatiedeling")
    stale = plan.revision
    services.save_step(
        plan,
        section,
        carla,
        answers={section.items.get(slug="overleg"): "Wekelijks"},
        expected_revision=stale,
    )
    return section, stale


def test_autosave_reports_a_conflict_instead_of_overwriting(client, alice, carla, delft_plan):
    section, stale = carla_saves_overleg(delft_plan, carla)
    client.force_login(alice)
    response = client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, section.slug]),
        {"revision": stale, "a-overleg": "Nooit"},
    )
    body = response.content.decode()
    assert "Niet opgeslagen: iemand anders heeft dit veld intussen gewijzigd" in body
    assert "Opgeslagen om" not in body
    # Next to the question, out of band: what Carla stored.
    slot = body[body.index('<div id="conflict-overleg"') :]
    assert "Wekelijks" in slot[: slot.index("</p></div>")]
    assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == "Wekelijks"


def test_copy_and_archive_from_mijn_plannen(client, alice, delft_plan):
    client.force_login(alice)
    client.post(reverse("wizard:plan_duplicate", args=[delft_plan.pk]))
    assert PlanOfApproach.objects.filter(title="Kopie van Weerbaar opvoeden Delft-Noord").exists()

    client.post(reverse("wizard:plan_archive", args=[delft_plan.pk]), {"archive": "1"})
    page = client.get(reverse("wizard:plan_list")).content.decode()
    archive = page[page.index('<h2 class="mt-5">Archief</h2>') :]
    assert "Weerbaar opvoeden Delft-Noord</a>" in archive
    assert "Delft heeft 1 plan van aanpak" in page


def test_history_shows_who_changed_which_section(client, alice, dirk, delft_plan):
    section = delft_plan.checklist.sections.get(slug="evaluatie")
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={section.items.get(slug="nulmeting"): "ja"},
        expected_revision=delft_plan.revision,
    )
    services.set_sharing(delft_plan, alice, shared_with_ess=True)
    client.force_login(dirk)
    page = client.get(reverse("wizard:plan_history", args=[delft_plan.pk])).content.decode()
    assert "Plan aangemaakt" in page
    assert "<td>Evaluatie</td><td>1 antwoord gewijzigd</td>" in page
    assert "Gedeeld met ESS" in page
    assert "Alice" in page


def test_a_lezer_cannot_make_a_plan_definitief_through_the_service(dirk, alice, delft_plan):
    from django.core.exceptions import PermissionDenied

    fill_completely(delft_plan, alice)
    with pytest.raises(PermissionDenied):
        services.make_definitive(delft_plan, dirk)


def test_an_archived_plan_takes_no_changes(alice, delft_plan):
    services.set_archived(delft_plan, alice, True)
    delft_plan.refresh_from_db()
    section = delft_plan.checklist.sections.first()
    with pytest.raises(ValidationError):
        services.save_step(
            delft_plan,
            section,
            alice,
            answers={section.items.first(): "x"},
            expected_revision=delft_plan.revision,
        )


def hidden(body, name):
    import html
    import re

    return html.unescape(re.search(rf'name="{name}" id="[^"]+" value="([^"]*)"', body)[1])


def test_a_users_own_autosave_is_followed_by_their_submit_without_conflict(
    client, alice, delft_plan
):
    """The autosave hands the page its new as-loaded answers; the submit that follows
    (held back by autosave.js until the autosave answered) carries them."""
    slug = "samenwerking-en-informatiedeling"
    url = reverse("wizard:plan_step", args=[delft_plan.pk, slug])
    client.force_login(alice)
    page = client.get(url).content.decode()
    form = {"revision": hidden(page, "revision"), "loaded": hidden(page, "loaded")}
    autosaved = client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, slug]),
        {**form, "a-overleg": "Elk"},
    ).content.decode()
    form = {"revision": hidden(autosaved, "revision"), "loaded": hidden(autosaved, "loaded")}
    response = client.post(url, {**form, "a-overleg": "Elk kwartaal", "save": "1"})
    assert response.status_code == 302
    assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == "Elk kwartaal"


def test_a_submit_racing_its_own_autosave_with_the_same_text_is_not_a_conflict(
    client, alice, delft_plan
):
    """The autosave's answer had not reached the page yet, but it stored exactly what
    the submit sends: nothing to refuse."""
    slug = "samenwerking-en-informatiedeling"
    url = reverse("wizard:plan_step", args=[delft_plan.pk, slug])
    client.force_login(alice)
    page = client.get(url).content.decode()
    form = {"revision": hidden(page, "revision"), "loaded": hidden(page, "loaded")}
    client.post(
        reverse("wizard:plan_step_autosave", args=[delft_plan.pk, slug]),
        {**form, "a-overleg": "Elk kwartaal"},
    )
    response = client.post(url, {**form, "a-overleg": "Elk kwartaal", "save": "1"})
    assert response.status_code == 302
    assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == "Elk kwartaal"


def test_plan_details_conflict_keeps_the_typed_title(client, alice, carla, delft_plan):
    url = reverse("wizard:plan_details", args=[delft_plan.pk])
    opened = delft_plan.revision
    form = {"intervention_type": delft_plan.intervention_type_id, "revision": opened}
    client.force_login(carla)
    client.post(url, {**form, "title": "Titel van Carla", "save": "1"})
    client.force_login(alice)
    response = client.post(url, {**form, "title": "Titel van Alice", "save": "1"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "Titel van Carla" in page and 'value="Titel van Alice"' in page
    delft_plan.refresh_from_db()
    assert delft_plan.title == "Titel van Carla"


def test_visibility_rules_of_the_plan_queryset(alice, dirk, bob, ess_user, delft_plan):
    assert list(PlanOfApproach.objects.visible_to(dirk)) == [delft_plan]
    assert list(PlanOfApproach.objects.editable_by(dirk)) == []
    assert list(PlanOfApproach.objects.editable_by(alice)) == [delft_plan]
    assert list(PlanOfApproach.objects.visible_to(bob)) == []
    assert list(PlanOfApproach.objects.visible_to(ess_user)) == []
    services.set_sharing(delft_plan, alice, shared_with_ess=True, is_example_plan=True)
    assert list(PlanOfApproach.objects.visible_to(bob)) == [delft_plan]
    assert list(PlanOfApproach.objects.editable_by(bob)) == []
    assert list(PlanOfApproach.objects.visible_to(ess_user)) == [delft_plan]


def test_history_keeps_plan_created_when_the_details_change_right_after(alice, delft_plan):
    for title in ("Weerbaar opvoeden Delft-Zuid", "Weerbaar opvoeden Delft"):
        services.save_details(delft_plan, alice, expected_revision=delft_plan.revision, title=title)
    lines = [change.description for change in delft_plan.changes.all()]
    # The two edits merge into one line; the line about the plan's creation stays.
    assert lines == ["Gegevens van het plan gewijzigd", "Plan aangemaakt"]


def test_saving_an_untouched_step_changes_nothing_not_even_the_revision(
    client, alice, carla, delft_plan
):
    """The save claims the revision before it compares (under the row lock); when nothing
    differs, that claim must be undone, or other editors would get a conflict for nothing."""
    section = delft_plan.checklist.sections.get(slug="samenwerking-en-informatiedeling")
    item = section.items.get(slug="overleg")
    services.save_step(
        delft_plan,
        section,
        alice,
        answers={item: "Elke maand"},
        expected_revision=delft_plan.revision,
    )
    opened = delft_plan.revision
    lines = delft_plan.changes.count()

    client.force_login(alice)
    url = reverse("wizard:plan_step", args=[delft_plan.pk, section.slug])
    response = client.post(url, {"revision": opened, "a-overleg": "Elke maand", "save": "1"})

    assert response.status_code == 302
    delft_plan.refresh_from_db()
    assert delft_plan.revision == opened
    assert delft_plan.changes.count() == lines
    # Carla, who opened the step at the same revision, saves without a conflict.
    client.force_login(carla)
    response = client.post(url, {"revision": opened, "a-overleg": "Elk kwartaal", "save": "1"})
    assert response.status_code == 302
    assert Answer.objects.get(plan=delft_plan, item=item).value == "Elk kwartaal"


def test_an_untouched_step_on_a_stale_page_is_not_a_conflict(client, alice, carla, delft_plan):
    section, stale = carla_saves_overleg(delft_plan, carla)
    client.force_login(alice)
    autosave = reverse("wizard:plan_step_autosave", args=[delft_plan.pk, section.slug])
    # Alice's page still shows the revision she opened, but she only has Carla's answer
    # (say, after typing it herself): nothing to save, so nothing to report either.
    response = client.post(autosave, {"revision": stale, "a-overleg": "Wekelijks"})

    page = response.content.decode()
    assert "iemand anders heeft dit veld intussen gewijzigd" not in page
    assert f'value="{stale}"' in page  # her page keeps its revision: its list is stale
    response = client.post(autosave, {"revision": stale, "a-overleg": "Nooit"})
    assert "iemand anders heeft dit veld intussen gewijzigd" in response.content.decode()
