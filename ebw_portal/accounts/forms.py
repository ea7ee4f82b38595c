"""Django's auth forms with Bootstrap classes and errors tied to their fields.

AccessibleFormMixin lives here because every portal form (the wizard's too) uses it:
aria-describedby names the help text and the error, aria-invalid marks the field.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

# As long as Django's user names may be. django-axes stores every attempted user name in a
# 255-character column, so a longer one made a failed login end in a server error.
USERNAME_MAX_LENGTH = 150


class AccessibleFormMixin:
    """Links each widget to its help text and error message (WCAG 1.3.1, 3.3.1)."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decorate_widgets()

    def decorate_widgets(self):
        for name, field in self.fields.items():
            _bound_text(field)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"
            if isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


def _bound_text(field) -> None:
    """A text field with a maximum length says so in Dutch and keeps what was typed:
    the browser's own maxlength would cut a pasted text off without a word, so it gives
    way to data-max-chars, which static/js/char-count.js uses to count down near the
    limit. The server refuses a longer text either way."""
    if not isinstance(field, forms.CharField) or not field.max_length:
        return
    if not isinstance(field.widget, forms.TextInput | forms.Textarea):
        return
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs["data-max-chars"] = field.max_length
    field.error_messages["max_length"] = _(
        "Deze tekst is te lang: hooguit %(limit_value)d tekens, het zijn er nu "
        "%(show_value)d. Uw tekst staat er nog; maak hem korter."
    )


class BoundedUsernameMixin:
    """A user name longer than any account's is an invalid login like any other: refused
    with the usual message before authentication (and with it django-axes) sees it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].max_length = USERNAME_MAX_LENGTH
        # Nobody types a user name that long: the browser may stop at the limit, and
        # no count of the characters left is needed.
        self.fields["username"].widget.attrs.pop("data-max-chars", None)
        self.fields["username"].widget.attrs["maxlength"] = USERNAME_MAX_LENGTH

    def clean(self):
        if len(self.cleaned_data.get("username") or "") > USERNAME_MAX_LENGTH:
            raise self.get_invalid_login_error()
        return super().clean()


class LoginForm(BoundedUsernameMixin, AccessibleFormMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's login form (admin.site.login_form), with the same bound."""


class ResetRequestForm(AccessibleFormMixin, PasswordResetForm):
    pass


class SetNewPasswordForm(AccessibleFormMixin, SetPasswordForm):
    pass
