"""The display names a reader may not take: a newsroom account's, or one that looks like it.

A newsroom account is any staff user; its names are its user name, its full name and the display
name of its profile. "Looks like" is `dateline.core.lookalikes`: the same letters from another
script ("Newsroom Аdmin" with a Cyrillic "А"), full-width letters, another case, spaces or
invisible characters in between.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from dateline.core.lookalikes import likeness


def looks_like_newsroom(name: str, user_id: int | None = None) -> bool:
    """Whether the name is, or looks like, a name of a newsroom account other than `user_id`'s."""
    return not likeness(name).isdisjoint(newsroom_likenesses(user_id))


def newsroom_likenesses(excluding_user_id: int | None = None) -> set[str]:
    """The forms of every newsroom account's names (asked only when a name is chosen)."""
    staff = (
        get_user_model()
        .objects.filter(is_staff=True)
        .exclude(pk=excluding_user_id or 0)
        .values_list("username", "first_name", "last_name", "reader_profile__display_name")
    )
    forms: set[str] = set()
    for username, first_name, last_name, display_name in staff:
        for name in (username, f"{first_name} {last_name}", display_name):
            if name and name.strip():
                forms |= likeness(name)
    forms.discard("")
    return forms
