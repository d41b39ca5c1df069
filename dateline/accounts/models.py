"""What a reader shows of themselves: a display name and an avatar (initials unless uploaded)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.core.reader_text import isolated_text

DISPLAY_NAME_LENGTH = 40
# Avatar backgrounds for initials: dark enough for white letters (WCAG AA at the sizes used).
INITIALS_COLOURS = ("#8a1c1c", "#1c4f8a", "#1f6b3a", "#6b3a8a", "#8a5a1c", "#2f5f66", "#5c5c5c")


class ReaderProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reader_profile"
    )
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_LENGTH)
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    email_on_reply = models.BooleanField(_("e-mail me when someone replies to me"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reader profile")

    def __str__(self) -> str:
        return self.display_name

    @property
    def initials(self) -> str:
        letters = [word[0] for word in self.display_name.split() if word[:1].isalnum()]
        return "".join(letters[:2]).upper() or "?"

    @property
    def colour(self) -> str:
        digest = hashlib.blake2s(str(self.user_id).encode(), digest_size=2).digest()
        return INITIALS_COLOURS[int.from_bytes(digest) % len(INITIALS_COLOURS)]


def profile_of(user: Any) -> ReaderProfile:
    """The reader's profile, made on first use (newsroom accounts start without one)."""
    profile = getattr(user, "reader_profile", None)
    if profile is None:
        profile, _created = ReaderProfile.objects.get_or_create(
            user=user, defaults={"display_name": default_display_name(user)}
        )
    return profile


def default_display_name(user: Any) -> str:
    """What a reader without a profile is called: their full name, or their user name's first part."""
    return (user.get_full_name() or user.get_username()).split("@")[0][:DISPLAY_NAME_LENGTH]


def display_name_of(user: Any) -> str:
    """How allauth names the reader in its messages and mails (ACCOUNT_USER_DISPLAY): isolated,
    since it goes into sentences of allauth's own."""
    profile = getattr(user, "reader_profile", None)
    return isolated_text(profile.display_name if profile is not None else default_display_name(user))
