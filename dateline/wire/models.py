"""The wire desk's store: the agencies' sources, the items they sent, the files refused.

An item's identity is (source, the agency's URI, its version): recording it again does nothing,
so a batch taken up again after a crash doubles nothing. Of an item's versions, the newest is the
`current` one, the one the queue shows.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dateline.wire.formats import REASONS, ParseOptions
from dateline.wire.formats.feeds import check_field_mapping
from dateline.wire.items import Block, Mark, ParsedItem, Picture

# How often a polled source is asked unless it says otherwise, and the most often it may be.
DEFAULT_POLL_INTERVAL_SECONDS = 300.0
MIN_POLL_INTERVAL_SECONDS = 30.0


class WireSource(models.Model):
    """An agency's feed into the desk: where its items come from and how they are read.

    `settings` holds what the kind needs: `path` for a watched directory (with `settle_seconds`,
    how long a file must stay unchanged before it is taken), `url` for a polled address or a feed
    (with `interval_seconds`, how often it is asked); for any kind `text_encoding` (plain-text
    wire), `language` and `max_bytes`.
    """

    class Kind(models.TextChoices):
        DIRECTORY = "directory", _("Watched directory")
        HTTP = "http", _("Polled address")
        FEED = "feed", _("RSS or Atom feed")
        PUSH = "push", _("Push endpoint")

    name = models.CharField(_("agency"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(_("active"), default=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    field_mapping = models.JSONField(_("field mapping"), default=dict, blank=True)
    push_secret_hash = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # How the background round last fared with the source, for the newsroom to show.
    last_taken_at = models.DateTimeField(_("last taken in"), null=True, blank=True, editable=False)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    retry_at = models.DateTimeField(_("next try"), null=True, blank=True, editable=False)
    # A polled source: when it was last asked, and what its last full answer said, for the next
    # conditional request (saved only once that answer's items are committed).
    polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("wire source")
        # Editors hand an agency its push secret; adding and changing sources (a directory on the
        # server, an address to call) is for administrators.
        permissions = [("set_push_secret", "Can set a push source's secret")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not isinstance(self.settings, dict):
            errors["settings"] = _("The settings must be an object.")
        elif self.kind == self.Kind.DIRECTORY and not str(self.settings.get("path", "")).startswith("/"):
            errors["settings"] = _("A watched directory needs an absolute “path”.")
        elif self.kind in {self.Kind.HTTP, self.Kind.FEED} and urlsplit(
            str(self.settings.get("url", ""))
        ).scheme not in {"http", "https"}:
            errors["settings"] = _("A polled source needs a “url” starting with http:// or https://.")
        if not isinstance(self.field_mapping, dict) or not all(
            isinstance(value, str) for value in self.field_mapping.values()
        ):
            errors["field_mapping"] = _("The field mapping must name an element for each field.")
        else:
            try:
                check_field_mapping(self.field_mapping)
            except ValueError as error:
                errors["field_mapping"] = str(error)
        if errors:
            raise ValidationError(errors)

    def poll_interval(self) -> float:
        """Seconds between two requests to a polled source: its own setting, never under the minimum."""
        settings = self.settings if isinstance(self.settings, dict) else {}
        value = settings.get("interval_seconds", DEFAULT_POLL_INTERVAL_SECONDS)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return DEFAULT_POLL_INTERVAL_SECONDS
        return max(float(value), MIN_POLL_INTERVAL_SECONDS)

    def set_push_secret(self, secret: str) -> None:
        """Keep only a digest of the secret the agency sends with its pushes.

        The secret is a random token the desk made (`actions.do_set_push_secret`), not a password
        a person chose: SHA-256 keeps it as safe as a slow hash would, and checking a push costs
        microseconds instead of the password hasher's tens of megabytes and milliseconds.
        """
        self.push_secret_hash = _push_digest(secret)

    def check_push_secret(self, secret: str) -> bool:
        """Whether `secret` is this source's (never true while none is set)."""
        return bool(self.push_secret_hash) and hmac.compare_digest(
            _push_digest(secret), self.push_secret_hash
        )

    def parse_options(self, max_bytes: int) -> ParseOptions:
        """How this source's files are read; `max_bytes` is the site's limit, which a source may lower."""
        settings = self.settings if isinstance(self.settings, dict) else {}
        own_limit = settings.get("max_bytes")
        return ParseOptions(
            max_bytes=min(max_bytes, own_limit)
            if isinstance(own_limit, int) and own_limit > 0
            else max_bytes,
            text_encoding=str(settings.get("text_encoding") or "utf-8"),
            field_mapping=dict(self.field_mapping or {}),
            provider=self.name,
            language=str(settings.get("language") or ""),
        )


def _push_digest(secret: str) -> str:
    return "sha256$" + hashlib.sha256(secret.encode()).hexdigest()


class WireItem(models.Model):
    """One version of an agency's item, as the parsers read it (`dateline.wire.items`)."""

    class Status(models.TextChoices):
        USABLE = "usable", _("Usable")
        WITHHELD = "withheld", _("Withheld")
        CANCELED = "canceled", _("Killed")

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="items")
    uri = models.CharField(max_length=500)
    version = models.PositiveIntegerField(default=1)
    current = models.BooleanField(default=True)
    format = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.USABLE)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    headline = models.TextField(blank=True)
    lede = models.TextField(blank=True)
    body = models.JSONField(default=list, blank=True)
    # Headline, lede and body case-folded, for the queue's search: SQLite's LIKE folds ASCII only,
    # and JSON keeps non-ASCII escaped there.
    search_text = models.TextField(blank=True, editable=False)
    dateline_place = models.CharField(max_length=200, blank=True)
    bylines = models.JSONField(default=list, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    subjects = models.JSONField(default=list, blank=True)
    category = models.CharField(max_length=100, blank=True)
    slugline = models.CharField(max_length=500, blank=True)
    pictures = models.JSONField(default=list, blank=True)
    editorial_note = models.TextField(blank=True)
    first_created = models.DateTimeField(null=True, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    embargo = models.DateTimeField(null=True, blank=True)
    file_name = models.CharField(max_length=255, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wire item")
        constraints = [
            models.UniqueConstraint(fields=["source", "uri", "version"], name="wire_item_version_once"),
            # The queue shows one version of an item: at most one is current.
            models.UniqueConstraint(
                fields=["source", "uri"], condition=models.Q(current=True), name="wire_item_one_current"
            ),
        ]
        indexes = [
            # The queue: current items, newest first.
            models.Index(
                fields=["received_at", "id"], condition=models.Q(current=True), name="wire_queue_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.headline or self.uri} (v{self.version})"

    @classmethod
    def from_parsed(cls, source: WireSource, item: ParsedItem, file_name: str = "") -> WireItem:
        """A row (not saved) for a parsed item."""
        return cls(
            source=source,
            uri=item.uri,
            version=item.version,
            format=item.format,
            status=item.status,
            urgency=item.urgency,
            language=item.language[:35],
            headline=item.headline,
            lede=item.lede,
            body=[_block_data(block) for block in item.body],
            search_text="\n".join((item.headline, item.lede, item.body_text())).casefold(),
            dateline_place=item.dateline_place[:200],
            bylines=list(item.bylines),
            provider=item.provider[:200],
            keywords=list(item.keywords),
            subjects=[{"code": subject.code, "name": subject.name} for subject in item.subjects],
            category=item.category[:100],
            slugline=item.slugline[:500],
            pictures=[_picture_data(picture) for picture in item.pictures],
            editorial_note=item.editorial_note,
            first_created=item.first_created,
            version_created=item.version_created,
            embargo=item.embargo,
            file_name=file_name[:255],
        )

    def blocks(self) -> tuple[Block, ...]:
        """The body as the parsers gave it: blocks of plain text with their marks."""
        return tuple(
            Block(
                kind=entry["kind"],
                text=entry["text"],
                marks=tuple(Mark(**mark) for mark in entry.get("marks", ())),
                attribution=entry.get("attribution", ""),
            )
            for entry in self.body
        )

    def picture_list(self) -> tuple[Picture, ...]:
        """The associated pictures."""
        return tuple(Picture(**picture) for picture in self.pictures)

    @property
    def is_kill(self) -> bool:
        return self.status == self.Status.CANCELED


def _block_data(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if block.marks:
        data["marks"] = [
            {"kind": mark.kind, "start": mark.start, "end": mark.end, "href": mark.href}
            for mark in block.marks
        ]
    if block.attribution:
        data["attribution"] = block.attribution
    return data


def _picture_data(picture: Picture) -> dict[str, Any]:
    return {
        "href": picture.href,
        "caption": picture.caption,
        "credit": picture.credit,
        "mime": picture.mime,
        "uri": picture.uri,
        "width": picture.width,
        "height": picture.height,
    }


class WireUse(models.Model):
    """A story built from an agency's item: which item, and which version of it, the draft holds.

    The item's row may be pruned or superseded; the source, URI and version stay, so later versions
    and kill notices of the same item still find the stories built on it.
    """

    story = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="wire_uses")
    item = models.ForeignKey(WireItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="uses")
    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="uses")
    uri = models.CharField(max_length=500)
    version = models.PositiveIntegerField()
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wire item used in a story")
        indexes = [models.Index(fields=["source", "uri"], name="wire_use_item")]

    def __str__(self) -> str:
        return f"{self.uri} v{self.version} → {self.story_id}"


class Quarantined(models.Model):
    """A file the desk refused, and why; its bytes are kept when small, else their hash and size."""

    source = models.ForeignKey(WireSource, on_delete=models.CASCADE, related_name="quarantined")
    file_name = models.CharField(max_length=255)
    reason_code = models.CharField(max_length=40)
    reason_params = models.JSONField(default=dict, blank=True)
    detail = models.TextField(blank=True)
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64, blank=True)
    content = models.BinaryField(null=True, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("quarantined file")
        verbose_name_plural = _("quarantined files")
        constraints = [
            # The same file refused again (after a crash before it was moved aside) is one record.
            models.UniqueConstraint(
                fields=["source", "file_name", "size", "sha256"], name="wire_quarantined_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name}: {self.reason_code}"

    @property
    def reason(self) -> str:
        """Why the file was refused, in the active language."""
        template = REASONS.get(self.reason_code)
        if template is None:
            return self.reason_code
        try:
            return str(template) % self.reason_params
        except (KeyError, TypeError, ValueError):
            return str(template)
