"""Django's auth forms with Bootstrap classes and errors tied to their fields.

AccessibleFormMixin lives here because every portal form (the wizard's too) uses it:
aria-describedby names the help text and the error, aria-invalid marks the field.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm


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


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    pass


class ResetRequestForm(AccessibleFormMixin, PasswordResetForm):
    pass


class SetNewPasswordForm(AccessibleFormMixin, SetPasswordForm):
    pass
