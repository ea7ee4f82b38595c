import pytest
from django.db import IntegrityError, transaction


@pytest.mark.django_db
def test_a_municipal_user_cannot_be_made_staff(alice):
    alice.is_staff = True
    with pytest.raises(IntegrityError), transaction.atomic():
        alice.save()


@pytest.mark.django_db
def test_an_ess_user_can_be_staff(django_user_model):
    curator = django_user_model.objects.create_user(
        username="ess-anna", password="Veilig-wachtwoord-2026", role="ess", is_staff=True
    )
    curator.refresh_from_db()
    assert curator.is_staff
