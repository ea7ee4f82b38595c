"""Django's auth forms with Bootstrap classes and errors tied to their fields.

AccessibleFormMixin lives here because every portal form (the wizard's too) uses it:
aria-describedby names the help text and the error, aria-invalid marks the field.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

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
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"
            if isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


class BoundedUsernameMixin:
    """A user name longer than any account's is an invalid login like any other: refused
    with the usual message before authentication (and with it django-axes) sees it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].max_length = USERNAME_MAX_LENGTH
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
