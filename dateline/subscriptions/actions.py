"""Following an edition by e-mail: `check_…` validates, `do_…` writes, `send_…` are tasks.

Every link in a subscription e-mail is signed (django.core.signing) with its own salt: the
confirmation link expires after `DATELINE_SUBSCRIPTION_CONFIRM_DAYS` and is followed once (it
carries the moment it was made, and following it spends it and every older one, so that a link
followed again after leaving subscribes nobody); the links to the preference page and to
unsubscribe keep working as long as the address does. A tampered, expired or re-used link changes
nothing and says so.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Locale

from dateline.core import ratelimit
from dateline.core.links import absolute
from dateline.editions.models import HomePage, SectionPage
from dateline.subscriptions.models import Newsletter, Subscriber, Subscription

CONFIRM_SALT = "dateline.subscriptions.confirm"
MANAGE_SALT = "dateline.subscriptions.manage"
UNSUBSCRIBE_SALT = "dateline.subscriptions.unsubscribe"
EMAIL_LENGTH = 254


class SubscriptionError(Exception):
    """A request that cannot be carried out, with a message the reader can act on."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


# --- the lists of an edition -------------------------------------------------------------------------


def newsletters_of(locale: Locale) -> list[Newsletter]:
    """The lists an edition offers, made on first use: the daily digest, breaking news, and a
    digest for each of its sections in menu order."""
    existing = {n.key: n for n in Newsletter.objects.filter(locale=locale).select_related("section")}
    wanted: list[Newsletter] = [
        existing.get("daily") or Newsletter(locale=locale, kind=Newsletter.Kind.DAILY, key="daily"),
        existing.get("breaking") or Newsletter(locale=locale, kind=Newsletter.Kind.BREAKING, key="breaking"),
    ]
    home = HomePage.objects.filter(locale=locale).first()
    sections = SectionPage.objects.child_of(home).live().in_menu() if home else SectionPage.objects.none()
    for section in sections:
        key = f"section:{section.pk}"
        wanted.append(
            existing.get(key)
            or Newsletter(locale=locale, kind=Newsletter.Kind.SECTION, key=key, section=section)
        )
    for position, newsletter in enumerate(wanted):
        if newsletter.pk is None or newsletter.position != position:
            newsletter.position = position
            try:
                with transaction.atomic():
                    newsletter.save()
            except IntegrityError:  # another request made it first
                newsletter = Newsletter.objects.get(locale=locale, key=newsletter.key)
                wanted[position] = newsletter
    return [n for n in wanted if n.active]


# --- checks ------------------------------------------------------------------------------------------


def clean_email(value: str) -> str:
    """The address as typed, trimmed and lower-cased; refused with a message if it is not one."""
    email = value.strip()
    if not email:
        raise SubscriptionError(_("Please enter your e-mail address."))
    if len(email) > EMAIL_LENGTH:
        raise SubscriptionError(_("That e-mail address is too long."))
    # Line breaks and other control characters would let an address add mail headers.
    if any(unicodedata.category(c).startswith("C") for c in email):
        raise SubscriptionError(_("That e-mail address contains characters that cannot be in one."))
    try:
        validate_email(email)
    except ValidationError as error:
        raise SubscriptionError(_("That does not look like an e-mail address. Please check it.")) from error
    return email.lower()


def check_rate(address: str, email: str) -> None:
    rate = settings.DATELINE_SUBSCRIBE_RATE
    if not (
        ratelimit.allow("subscribe-ip", address, rate) and ratelimit.allow("subscribe-email", email, rate)
    ):
        raise SubscriptionError(_("Too many requests. Please wait a while and try again."), 429)


def chosen_lists(locale: Locale, newsletter_ids: Iterable[str | int]) -> list[Newsletter]:
    """The edition's lists among those chosen; at least one."""
    ids = {int(i) for i in newsletter_ids if str(i).isdigit()}
    chosen = [n for n in newsletters_of(locale) if n.pk in ids]
    if not chosen:
        raise SubscriptionError(_("Please choose at least one newsletter."))
    return chosen


def has_confirmed(user: Any, email: str) -> bool:
    """Whether a signed-in reader confirmed this address with their account already."""
    if not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def subscribers_of(user: Any) -> Any:
    """The newsletter subscriptions a reader's account holds: made while signed in, or for one of
    the addresses they confirmed (what their data export shows and account deletion removes)."""
    from allauth.account.models import EmailAddress

    addresses = [
        a.lower()
        for a in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    ]
    return Subscriber.objects.filter(Q(user=user) | Q(email__in=addresses)).select_related("locale")


# --- writes ------------------------------------------------------------------------------------------


def do_subscribe(
    email: str, locale: Locale, newsletters: list[Newsletter], user: Any
) -> tuple[Subscriber, bool]:
    """Sign an address up for lists; true if it is subscribed now, false if a confirmation
    message went out (the lists apply once its link is followed).

    What the answer says does not depend on whether the address was known, so the form tells a
    stranger nothing about who reads the site.
    """
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email, locale=locale)
        if has_confirmed(user, email):
            if subscriber.user_id is None:
                subscriber.user = user
            subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
            subscriber.save()
            _add(subscriber, newsletters)
            return subscriber, True
        ids = [n.pk for n in newsletters]
        subscriber_id = subscriber.pk
        transaction.on_commit(lambda: send_confirmation.enqueue(subscriber_id, ids))
    return subscriber, False


def do_confirm(token: str) -> Subscriber:
    """Follow a confirmation link: the address is confirmed and the lists chosen apply."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.DATELINE_SUBSCRIPTION_CONFIRM_DAYS * 86400
        )
    except signing.SignatureExpired as error:
        raise SubscriptionError(
            _("This confirmation link has expired. Please subscribe again to get a new one.")
        ) from error
    except signing.BadSignature as error:
        raise SubscriptionError(
            _("This link is not valid. Please check that it was copied whole.")
        ) from error
    subscriber = _subscriber(data)
    made = data.get("m")
    with transaction.atomic():
        # Locked: the same link followed twice at once subscribes once.
        spent = (
            Subscriber.objects.select_for_update()
            .filter(pk=subscriber.pk)
            .values_list("confirmations_spent_until", flat=True)
            .first()
        )
        if not isinstance(made, int) or spent is None or made <= spent:
            raise SubscriptionError(
                _(
                    "This confirmation link has been used already. To subscribe again, please use "
                    "the form and follow the link in the new message."
                ),
                410,
            )
        subscriber.confirmations_spent_until = made
        subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
        subscriber.save(update_fields=["confirmations_spent_until", "confirmed_at"])
        newsletters = list(Newsletter.objects.filter(pk__in=data.get("n", []), locale=subscriber.locale))
        _add(subscriber, newsletters)
    return subscriber


def do_update(subscriber: Subscriber, newsletters: list[Newsletter], paused: bool) -> None:
    """The preference page: exactly these lists, paused or not."""
    with transaction.atomic():
        Subscription.objects.filter(subscriber=subscriber).exclude(newsletter__in=newsletters).delete()
        _add(subscriber, newsletters)
        subscriber.paused = paused
        subscriber.save(update_fields=["paused"])


def do_unsubscribe(subscriber: Subscriber, newsletter: Newsletter | None) -> int:
    """Leave one list, or every list of the edition; how many were left."""
    subscriptions = Subscription.objects.filter(subscriber=subscriber)
    if newsletter is not None:
        subscriptions = subscriptions.filter(newsletter=newsletter)
    removed, _by_model = subscriptions.delete()
    return removed


def _add(subscriber: Subscriber, newsletters: list[Newsletter]) -> None:
    Subscription.objects.bulk_create(
        [Subscription(subscriber=subscriber, newsletter=n) for n in newsletters], ignore_conflicts=True
    )


# --- signed links ------------------------------------------------------------------------------------


def confirm_token(subscriber: Subscriber, newsletter_ids: list[int]) -> str:
    made = time.time_ns() // 1000  # the moment it is made, in microseconds: see `do_confirm`
    return signing.dumps(
        {"s": subscriber.pk, "f": subscriber.fingerprint(), "n": newsletter_ids, "m": made},
        salt=CONFIRM_SALT,
    )


def manage_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "f": subscriber.fingerprint()}, salt=MANAGE_SALT)


def unsubscribe_token(subscriber: Subscriber, newsletter: Newsletter | None) -> str:
    data = {"s": subscriber.pk, "f": subscriber.fingerprint(), "n": newsletter.pk if newsletter else 0}
    return signing.dumps(data, salt=UNSUBSCRIBE_SALT)


def read_token(token: str, salt: str) -> tuple[Subscriber, dict[str, Any]]:
    """The subscriber a preference or unsubscribe link names, or an error that changes nothing."""
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature as error:
        raise SubscriptionError(
            _("This link is not valid. Please check that it was copied whole.")
        ) from error
    return _subscriber(data), data


def _subscriber(data: Any) -> Subscriber:
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise SubscriptionError(_("This link is not valid. Please check that it was copied whole."))
    subscriber = Subscriber.objects.select_related("locale").filter(pk=data["s"]).first()
    if subscriber is None or subscriber.fingerprint() != data.get("f"):
        raise SubscriptionError(_("This subscription no longer exists."), 404)
    return subscriber


# --- e-mail ------------------------------------------------------------------------------------------


@task()
def send_confirmation(subscriber_id: int, newsletter_ids: list[int]) -> None:
    """The double opt-in message, in the edition's language."""
    subscriber = Subscriber.objects.select_related("locale").filter(pk=subscriber_id).first()
    if subscriber is None:
        return
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids).select_related("section"))
    with translation.override(subscriber.locale.language_code):
        context = {
            "site_name": settings.SITE_NAME,
            "newsletters": [n.title() for n in newsletters],
            "confirm_url": absolute(
                reverse("subscription_confirm", args=[confirm_token(subscriber, newsletter_ids)])
            ),
            "days": settings.DATELINE_SUBSCRIPTION_CONFIRM_DAYS,
        }
        subject = render_to_string("subscriptions/email/confirm_subject.txt", context).strip()
        body = render_to_string("subscriptions/email/confirm.txt", context)
    EmailMessage(subject, body, to=[subscriber.email]).send()
