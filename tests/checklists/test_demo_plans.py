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
