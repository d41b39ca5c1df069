"""The one sign-in form, allauth's, for readers and the newsroom alike.

Kept apart from `forms.py`, which allauth imports while defining its own forms (the sign-up form's
extra fields): importing allauth's forms from there would be a circle.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class SignInForm(LoginForm):
    """Readers give their e-mail address; newsroom staff may give their user name instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("E-mail address")
        login.help_text = _("Newsroom staff may use their user name instead.")
        login.widget.attrs.pop("placeholder", None)
