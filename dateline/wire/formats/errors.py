"""The one exception a parser raises: `QuarantineError`, with a reason an editor can read.

A reason is a code (stable, stored with the quarantined file) and its parameters; its text is
translated when it is shown, in the reader's language, from `REASONS`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

REASONS = {
    "empty": _("The file is empty."),
    "too-large": _("The file is larger than the limit of %(limit)s bytes."),
    "archive": _(
        "The file is a compressed archive (%(kind)s): the desk takes items one by one, not archives."
    ),
    "picture": _("The file is a picture (%(kind)s), not a news item."),
    "binary": _("The file holds binary data, not text."),
    "unknown-format": _("The file is in no format the wire desk reads."),
    "unknown-xml": _("The XML document's root element <%(root)s> is in no format the wire desk reads."),
    "encoding-unknown": _("The file names a character encoding that does not exist: %(encoding)s."),
    "encoding-invalid": _(
        "The file's text should be in %(encoding)s, but byte %(position)s is not valid %(encoding)s."
    ),
    "encoding-mixed": _(
        "The file says its text is in %(encoding)s, but it holds UTF-8: its encodings are mixed up."
    ),
    "encoding-bom": _("The file's byte-order mark says %(bom)s, but its XML declaration says %(declared)s."),
    "xml-entities": _("The XML document declares entities (%(name)s): they are refused, for safety."),
    "xml-external": _("The XML document refers to an outside resource (%(name)s): it is never fetched."),
    "xml-truncated": _("The XML document stops before its end (line %(line)s): it was probably cut off."),
    "xml-malformed": _("The XML document is not well formed (line %(line)s, column %(column)s)."),
    "too-deep": _("The document is nested too deeply to be a news item."),
    "json-malformed": _("The JSON document is not well formed (line %(line)s, column %(column)s)."),
    "not-ninjs": _("The JSON document is not a ninjs item: it has no “uri”."),
    "no-identifier": _("The item has no identifier (a URI, GUID or document id)."),
    "long-identifier": _("The item's identifier is longer than %(limit)s characters."),
    "bad-version": _("The item's version “%(value)s” is not a whole number."),
    "bad-date": _("The item's date “%(value)s” is not a date and time."),
    "no-items": _("The file holds no news item."),
    "wire-framing": _("The plain-text wire message has no text between its start (STX) and end (ETX) marks."),
    "wire-header": _("The plain-text wire message has no header line (source, number, priority, category)."),
    "unreadable": _("The file could not be read as %(format)s."),
    "not-a-feed": _("The source is an RSS or Atom feed, but this answer is %(format)s."),
}


class QuarantineError(Exception):
    """Bytes the desk will not take, and why: the file goes to quarantine, the desk goes on.

    `code` names the reason in `REASONS`, `params` fill it in; `detail` is for the log only
    (a parser's own message, in English).
    """

    def __init__(self, code: str, detail: str = "", **params: Any) -> None:
        if code not in REASONS:
            raise ValueError(f"unknown quarantine reason {code!r}")
        self.code = code
        self.params = params
        self.detail = detail
        super().__init__(f"{code}: {detail or params}")

    @property
    def reason(self) -> str:
        """The reason in the active language."""
        return str(REASONS[self.code]) % self.params
