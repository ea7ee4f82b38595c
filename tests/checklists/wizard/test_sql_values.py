"""The save path writes with its own SQL statements (docs/wizard.md): whatever a user
types, or ESS names a section, reaches the database only as a parameter."""

from django.urls import reverse

from checklists.models import Answer, PlanChange

TYPED = [
    "Robert'); DROP TABLE checklists_answer; --",
    "%(plan)s en %s en %% en {table}",
    'Een "citaat" met een \\ en een ; erin',
]


def test_answers_that_look_like_sql_are_stored_exactly_as_typed(client, alice, delft_plan):
    section = delft_plan.checklist.sections.get(slug="samenwerking-en-informatiedeling")
    section.title = "Samenwerking 'en' %(section)s"
    section.save()
    client.force_login(alice)
    autosave = reverse("wizard:plan_step_autosave", args=[delft_plan.pk, section.slug])

    for text in TYPED:
        delft_plan.refresh_from_db()
        response = client.post(autosave, {"revision": delft_plan.revision, "a-overleg": text})
        assert "Opgeslagen om" in response.content.decode()
        assert Answer.objects.get(plan=delft_plan, item__slug="overleg").value == text

    line = PlanChange.objects.get(plan=delft_plan, section=section)
    assert line.section_title == "Samenwerking 'en' %(section)s"
    assert line.description == "1 antwoord gewijzigd"
    page = client.get(reverse("wizard:plan_step", args=[delft_plan.pk, section.slug]))
    assert "Een &quot;citaat&quot; met een \\ en een ; erin" in page.content.decode()
