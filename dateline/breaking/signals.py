"""The hook for whatever else should happen when a story breaks (e-mail alerts, web push).

`breaking_news_marked` is sent by `dateline.breaking.actions.do_mark_breaking` with the keyword
arguments `alert` (the `BreakingNews` row) and `first_time` (True the first time this story is
marked; False when an editor changes an active alert or marks the story again after it ended).

It is sent *inside* the transaction that marks the story, not after it commits. A receiver that
must reach subscribers once per story records its delivery keyed on `alert.pk` (the same for every
marking of a story) and enqueues a background task right there: the database task backend commits
that task together with the alert, so a crash just after the commit can neither lose the alert's
notifications nor send them twice. Receivers therefore never send anything themselves (use
`transaction.on_commit` for work that cannot be rolled back), and a receiver that raises makes the
marking fail.
"""

from django.dispatch import Signal

breaking_news_marked = Signal()
