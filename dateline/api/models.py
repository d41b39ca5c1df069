"""API keys: who may read the content API beyond the anonymous allowance, and how much."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.core import ratelimit


def validate_rate(value: str) -> None:
    try:
        ratelimit.parse(value)
    except ValueError as error:
        raise ValidationError(
            _("Write a number of requests and a window, e.g. 600/m or 10000/h."), code="rate"
        ) from error


class ApiKey(models.Model):
    """A partner's key. Only a digest of the key is kept: the newsroom shows the key once, when it
    is made, and a lost key is revoked and replaced, never read back."""

    class Scope(models.TextChoices):
        METADATA = "metadata", _("Metadata: headlines, summaries, links, pictures")
        FULL_TEXT = "full", _("Full text: metadata and the stories' text")

    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who the key is for, e.g. the partner's name")
    )
    scope = models.CharField(_("scope"), max_length=12, choices=Scope.choices, default=Scope.METADATA)
    rate = models.CharField(
        _("rate limit"),
        max_length=20,
        default="600/m",
        validators=[validate_rate],
        help_text=_("Requests per window: 600/m is 600 a minute; windows are s, m, h or d"),
    )
    # The key's first characters, to find its row; the rest is checked against the digest.
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def full_text(self) -> bool:
        return self.scope == self.Scope.FULL_TEXT
