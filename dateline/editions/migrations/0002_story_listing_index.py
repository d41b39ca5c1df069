"""An index for story lists: an edition's pages, newest first.

Every list (home, section, tag, author, the Newsfeed, the next story) asks for one edition's live
stories ordered by `first_published_at`. With only Wagtail's single-column indexes, SQLite reads
all of the edition's pages through the `locale_id` index and sorts them (≈ 0.3–1 s with 100,000
stories); with this one it walks the edition's newest pages in order and stops at the LIMIT.
The table is Wagtail's, so the index is created here with SQL that SQLite and PostgreSQL share.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS dateline_page_locale_published "
            "ON wagtailcore_page (locale_id, first_published_at, id)",
            "DROP INDEX IF EXISTS dateline_page_locale_published",
        ),
    ]
