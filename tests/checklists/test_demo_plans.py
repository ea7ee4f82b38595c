from django.core.management import call_command

from checklists.models import PlanOfApproach
from ebw_portal.accounts import demo as accounts_demo
from ebw_portal.accounts.models import User


def test_demo_gives_each_municipality_a_finished_and_a_half_finished_plan(db):
    call_command(
        "loaddata", "fixtures/10_catalogue.json", "fixtures/30_checklists.json", verbosity=0
    )
    from checklists import demo

    logins = accounts_demo.create_demo()
    demo.create_demo()
    accounts_demo.create_demo()
    demo.create_demo()

    for name in ["Delft", "Utrecht"]:
        plans = PlanOfApproach.objects.filter(municipality__name=name)
        assert sorted(plans.values_list("status", flat=True)) == ["concept", "definitief"]
    assert len(logins) == 4
    assert all(len(password) >= 12 for _, password, _ in logins)
    assert not User.objects.filter(is_staff=True).exists()
    assert User.objects.get(username="delft-lezer").check_password("Delft-lezer-2026!")


def test_demo_answers_show_up_as_chosen_in_the_wizard_forms(db):
    """A choice answer must be stored as one of the field's choice values, or the wizard
    shows the question as unanswered although the overview shows an answer."""
    call_command(
        "loaddata", "fixtures/10_catalogue.json", "fixtures/30_checklists.json", verbosity=0
    )
    from checklists import demo
    from checklists.answers import form_field_for
    from checklists.models import Answer, AnswerKind

    accounts_demo.create_demo()
    demo.create_demo()

    choice_answers = Answer.objects.filter(
        item__answer_kind__in=[AnswerKind.YES_NO_PARTLY, AnswerKind.CHOICE]
    ).select_related("item")
    assert choice_answers.exists()
    for answer in choice_answers:
        field = form_field_for(answer.item)
        assert answer.value in dict(field.choices), (answer.item.slug, answer.value)
