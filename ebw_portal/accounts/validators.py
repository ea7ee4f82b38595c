from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


class DutchMinimumLengthValidator(MinimumLengthValidator):
    """Django's own validator, with a message in the portal's catalogue: Django's Dutch
    translation of the 5.2 wording is missing, so users saw it in English."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(self.get_help_text(), code="password_too_short")

    def get_help_text(self):
        return ngettext(
            "Het wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Het wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}
