import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


def test_a_short_password_is_refused_with_a_dutch_message():
    with translation.override("nl"), pytest.raises(ValidationError) as refused:
        validate_password("kort-2026")
    assert refused.value.messages == ["Het wachtwoord moet minstens 12 tekens lang zijn."]


def test_a_long_uncommon_password_is_accepted():
    validate_password("Delftse-gracht-blauw-2026")
