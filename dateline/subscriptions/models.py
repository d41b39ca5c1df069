"""Readers who follow an edition by e-mail: the lists they can choose, and who chose which.

Each edition offers a daily digest, breaking-news alerts and a digest per section. A subscriber
is an address in one edition; nothing is sent to it until the address is confirmed (double
opt-in), or it belongs to a signed-in reader who confirmed it already.
"""

from __future__ import annotations

import hashlib
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


def validate_time_zone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(_("“%(zone)s” is not a time zone we know."), params={"zone": value}) from error


class Newsletter(models.Model):
    class Kind(models.TextChoices):
        DAILY = "daily", _("Daily digest")
        SECTION = "section", _("Section digest")
        BREAKING = "breaking", _("Breaking news alerts")

    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # For a section digest: the section, in this edition.
    section = models.ForeignKey(
        "editions.SectionPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # "daily", "breaking" or "section:<page id>": one list of each per edition.
    key = models.CharField(max_length=40)
    # Digests go out at this local time of the edition.
    send_time = models.TimeField(_("sending time"), default=time(7, 0))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("A name from the time zone database, such as Europe/London or Asia/Tokyo."),
    )
    active = models.BooleanField(_("offered to readers"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["locale", "key"], name="newsletter_one_per_key")]

    def __str__(self) -> str:
        return self.title()

    def title(self) -> str:
        """The list's name in the active language (callers switch to the edition's)."""
        if self.kind == self.Kind.DAILY:
            return gettext("The day’s top stories")
        if self.kind == self.Kind.BREAKING:
            return gettext("Breaking news")
        section = self.section.title if self.section else ""
        return gettext("%(section)s: the day’s stories") % {"section": section}

    def description(self) -> str:
        if self.kind == self.Kind.DAILY:
            return gettext("Every morning, the stories that mattered most, chosen by our editors.")
        if self.kind == self.Kind.BREAKING:
            return gettext("An e-mail as soon as we report major breaking news. A few a month.")
        return gettext("Once a day, on days the section publishes something new.")


class Subscriber(models.Model):
    """An e-mail address following one edition."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    # Confirmation links made up to this moment (microseconds since the epoch) are spent: the
    # newest one followed, and every older one. A link is followed once.
    confirmations_spent_until = models.BigIntegerField(default=0)
    paused = models.BooleanField(_("paused"), default=False)
    newsletters = models.ManyToManyField(Newsletter, through="Subscription", related_name="subscribers")

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(fields=["email", "locale"], name="subscriber_one_per_edition")]

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def fingerprint(self) -> str:
        """Ties a signed link to this address: a link stops working if the row is re-used."""
        return hashlib.blake2s(f"{self.pk}:{self.email}".encode(), digest_size=6).hexdigest()


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "newsletter"], name="subscription_once"),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} → {self.newsletter_id}"


class Mailing(models.Model):
    """One sending of a newsletter: a digest of some stories, or a breaking-news alert."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="mailings")
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    # The stories, in the order the e-mail shows them (ArticlePage ids).
    stories = models.JSONField(_("stories"), default=list)
    # A breaking-news alert names its story: one alert per story and list, however often it is marked.
    story = models.ForeignKey(
        "articles.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # A digest is for one day of its list, and goes out by itself at this time unless sent earlier.
    issue_date = models.DateField(_("day"), null=True, blank=True)
    scheduled_for = models.DateTimeField(_("goes out at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    total = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("newsletter mailing")
        verbose_name_plural = _("newsletter mailings")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "story"],
                condition=models.Q(story__isnull=False),
                name="mailing_alert_once",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One e-mail of a mailing to one subscriber; the row makes sending it exactly-once work."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        RETRYING = "retrying", _("to be tried again")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Who is sending it (a worker's id) and since when: a claim older than the lease is taken over.
    claimed_by = models.CharField(max_length=40, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Each claim is an attempt; a refusal for now, or a server out of reach, waits until this.
    retry_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscriber"], name="delivery_once"),
        ]
        indexes = [models.Index(fields=["mailing", "status", "id"], name="delivery_queue")]

    def __str__(self) -> str:
        return f"{self.mailing_id} → {self.subscriber_id}: {self.status}"


class PushSubscription(models.Model):
    """A browser that asked for breaking-news alerts from an edition (the Push API's subscription)."""

    endpoint = models.CharField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Sends that failed in a row (a success starts again from 0); at DATELINE_PUSH_FAILURE_LIMIT
    # the subscription is forgotten, as one its service says is gone.
    failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    last_failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("browser alert subscription")

    def __str__(self) -> str:
        return self.endpoint[:60]

    def subscription_info(self) -> dict[str, object]:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class PushAlert(models.Model):
    """A story's breaking-news alert to browsers: one per story, and how far sending it got."""

    story = models.OneToOneField("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    locale = models.ForeignKey(Locale, on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    # Browsers are sent to in order of subscription; everything up to this one has been.
    sent_up_to = models.BigIntegerField(default=0)
    total = models.PositiveIntegerField(_("browsers"), default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    gone = models.PositiveIntegerField(_("subscriptions gone"), default=0)
    # The run sending it and until when its claim holds; with no run, the time it may be resumed
    # (a lapsed claim, or the back-off after a failed run, hands it to the worker's schedule).
    sender = models.CharField(max_length=40, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("browser alert")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.payload.get("title", ""))

    def state(self) -> str:
        """Where sending stands, for the newsroom."""
        if self.finished_at is not None:
            return gettext("stopped: past its time to live") if self.pending else gettext("finished")
        if self.sender:
            return gettext("sending")
        return gettext("waiting to try again") if self.error else gettext("waiting")

    @property
    def pending(self) -> int:
        """Browsers not reached yet (never below 0: some may have unsubscribed meanwhile)."""
        return max(0, self.total - self.sent - self.failed - self.gone)
