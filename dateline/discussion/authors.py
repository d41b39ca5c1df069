"""What posting a comment needs to know about its author, in one cached read for settled readers.

Every comment asked the database three things about its author: is an e-mail address confirmed,
how many of their comments are published (the rules hold a new reader's first ones), and their
profile (the comment's markup shows the name and avatar). For a reader past the new-reader rules
the answers rarely change, so they are kept in the shared cache; a new reader is always asked
afresh, so that a moderator's approval counts at once. The reader's standing (suspended, banned,
pre-moderated) is not kept here: it is read at every post, so a ban takes effect at once.

The entry is dropped when an address, the profile or a comment of the reader changes in a way
that could lower the count. With the local-memory cache (SQLite, one process by default) another
server process drops its own copy within `KEEP_SECONDS`: a profile's new name reaches new comments'
markup there that much later; the rules it feeds only get stricter as readers settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dateline.accounts.models import ReaderProfile
from dateline.discussion.models import Comment

KEEP_SECONDS = 300


@dataclass(frozen=True)
class Author:
    confirmed: bool
    # Published comments, counted up to `settled_after()`: beyond it no rule looks at the number.
    published: int
    profile: ReaderProfile | None


def settled_after() -> int:
    """Published comments after which no rule treats the reader as new."""
    return max(settings.DATELINE_HELD_FIRST_COMMENTS, settings.DATELINE_TRUSTED_AFTER_COMMENTS)


def author_of(user: Any) -> Author:
    """The facts about a signed-in reader; their profile is also set on `user` for the markup."""
    key = _key(user.pk)
    author: Author | None = cache.get(key)
    if author is None:
        author = _load(user)
        if author.confirmed and author.published >= settled_after():
            cache.set(key, author, KEEP_SECONDS)
    user.reader_profile = author.profile
    return author


def forget(reader_id: int | None) -> None:
    if reader_id is not None:
        cache.delete(_key(reader_id))


def _key(reader_id: int) -> str:
    return f"discussion:author:{reader_id}:{settled_after()}"


def _load(user: Any) -> Author:
    from allauth.account.models import EmailAddress

    confirmed = bool(user.is_staff) or EmailAddress.objects.filter(user=user, verified=True).exists()
    published = Comment.objects.filter(author=user, status=Comment.Status.PUBLISHED)[
        : settled_after()
    ].count()
    return Author(confirmed, published, ReaderProfile.objects.filter(user=user).first())


@receiver(post_save, sender=ReaderProfile)
@receiver(post_delete, sender=ReaderProfile)
def profile_changed(instance: ReaderProfile, **kwargs: Any) -> None:
    forget(instance.user_id)


@receiver(post_save, sender=Comment)
def comment_changed(instance: Comment, **kwargs: Any) -> None:
    """A comment rejected, removed or held again may take the reader back below the count."""
    if instance.status != Comment.Status.PUBLISHED:
        forget(instance.author_id)


def address_changed(instance: Any, **kwargs: Any) -> None:
    forget(instance.user_id)


def connect_address_signals() -> None:
    """Called when the app is ready: allauth's models are loaded by then."""
    from allauth.account.models import EmailAddress

    post_save.connect(address_changed, sender=EmailAddress, dispatch_uid="discussion-author-address")
    post_delete.connect(address_changed, sender=EmailAddress, dispatch_uid="discussion-author-address-gone")
