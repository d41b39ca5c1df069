"""Mail backends that fail the way real ones do, for the sending tests."""

from __future__ import annotations

from smtplib import SMTPRecipientsRefused
from typing import Any

from django.core.mail.backends.locmem import EmailBackend


class SenderKilled(BaseException):
    """What a `kill -9` between two messages looks like to the code that was sending."""


class DyingBackend(EmailBackend):
    """Accepts `survive` messages, then the sender dies (class attributes: one per test)."""

    survive = 0
    accepted = 0

    def send_messages(self, messages: Any) -> int:
        if DyingBackend.accepted >= DyingBackend.survive:
            raise SenderKilled
        DyingBackend.accepted += len(messages)
        return super().send_messages(messages)


class RefusingBackend(EmailBackend):
    """Refuses one address, as a mail server does for a mailbox that does not exist."""

    refused = "gone@example.org"

    def send_messages(self, messages: Any) -> int:
        for message in messages:
            if self.refused in message.to:
                raise SMTPRecipientsRefused({self.refused: (550, b"no such mailbox")})
        return super().send_messages(messages)
