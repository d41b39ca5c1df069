"""Readers with confirmed addresses, and stories to discuss."""

from __future__ import annotations

import itertools
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from dateline.accounts.models import ReaderProfile
from tests.factories import PASSWORD

_numbers = itertools.count(1)


def reader(name: str = "Mina Sato", confirmed: bool = True, **fields: Any) -> Any:
    """A registered reader (password tests.factories.PASSWORD), confirmed unless told otherwise."""
    number = next(_numbers)
    email = f"reader{number}@example.org"
    user = get_user_model().objects.create_user(
        username=f"reader{number}", email=email, password=PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=confirmed, primary=True)
    ReaderProfile.objects.create(user=user, display_name=name)
    return user
