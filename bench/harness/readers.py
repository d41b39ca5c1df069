"""Signed-in readers made in-process (no log-in requests), and the comments they write."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

BACKEND = "dateline.accounts.backends.AccountBackend"  # the one sign-in's backend

COMMENT_WORDS = (
    "the council vote was closer than the report suggests and the minister should explain why "
    "nobody asked the residents before the plan went ahead this is exactly what happened in our "
    "town last year when prices rose again I would like to see the figures behind the claim about "
    "schools hospitals roads budgets and the people who pay for all of it thank you for covering "
    "this story so carefully though the headline seems a little unfair to the farmers who spoke"
)
WORDS = COMMENT_WORDS.split()


def sentence(chooser: random.Random, low: int = 8, high: int = 40) -> str:
    """A sentence of `low` to `high` words of a reader's comment."""
    words = chooser.choices(WORDS, k=chooser.randint(low, high))
    return " ".join(words).capitalize() + "."


def comment_body(chooser: random.Random, reader: int, number: int, label: str) -> str:
    """A plain-text comment no other is the same as (the rules hold repeated text)."""
    parts = [sentence(chooser) for _ in range(chooser.randint(1, 3))]
    return f"{' '.join(parts)} ({label} reader {reader}, comment {number}, {secrets.token_hex(4)})"


@dataclass
class Reader:
    """A signed-in reader: the user, the session and the CSRF secret its browser would hold."""

    user_id: int
    session_key: str
    csrf: str

    @property
    def cookie(self) -> str:
        """The Cookie header's value."""
        return f"sessionid={self.session_key}; csrftoken={self.csrf}"


def make_readers(prefix: str, count: int, chooser: random.Random) -> list[Reader]:
    """Readers with a confirmed primary e-mail address, a profile and a signed-in session each.

    The sessions hold what `django.contrib.auth.login` would put there, so no log-in request is
    needed; the CSRF cookie is an unmasked secret, which Django accepts in the header as it is.
    """
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

    from dateline.accounts.models import ReaderProfile

    User = get_user_model()
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    first_names = ["Anna", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
    last_names = ["Adler", "Brook", "Castro", "Dahl", "Evans", "Fischer", "Garcia", "Horvat", "Ivanova"]
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}{n}", email=f"{prefix}{n}@bench.invalid", password=make_password(None)
                )
                for n in range(count)
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
        )
        ReaderProfile.objects.bulk_create(
            [
                ReaderProfile(
                    user=user, display_name=f"{chooser.choice(first_names)} {chooser.choice(last_names)}"
                )
                for user in users
            ]
        )
        readers = []
        for user in users:
            session = session_store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            csrf = "".join(secrets.choice(CSRF_ALLOWED_CHARS) for _ in range(CSRF_SECRET_LENGTH))
            readers.append(Reader(user.pk, session.session_key, csrf))
    return readers
