"""allauth's extension point: how Dateline registers readers and sends them mail."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class ReaderAccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        return f"{settings.SITE_NAME}: {subject}"
