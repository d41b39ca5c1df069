"""Wagtail's search backend, with the newsroom's page search answered by the stories' index too.

The newsroom's page search (and the explorer's) calls `autocomplete()` (or `search()`) on a queryset
of pages. Wagtail's database backend finds pages by their title as typed so far; for stories it
knows nothing of Russian or Arabic words. So for a queryset of pages this backend puts first the
stories the index finds, in every edition's language, drafts and withdrawn stories included (the
index keeps a story that is not live from its latest revision, told of every saved revision by
an outbox event: `dateline.search.receivers`), then the pages Wagtail's own search finds, each
page once, within the queryset it was given (so the newsroom's permissions and filters hold).
Every other search (images, documents, snippets) is Wagtail's database backend's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from modelsearch.backends.base import BaseSearchResults
from modelsearch.backends.database import SearchBackend as database_backend
from wagtail.models import Page

from dateline.search import finding

# Pages one newsroom search lists at most: an editor narrows a search rather than paging on.
MOST_RESULTS = 500


class NewsroomPageResults(BaseSearchResults):
    """The pages found, in order, a slice at a time (what Wagtail's listings page through)."""

    def __init__(self, backend: Any, query_compiler: Any, prefetch_related: Any = None) -> None:
        super().__init__(backend, query_compiler, prefetch_related)

    def _ids(self) -> list[int]:
        return self.query_compiler.ids  # type: ignore[no-any-return]

    def _do_search(self) -> list[Page]:
        ids = self._ids()[self.start : self.stop]
        queryset = self.query_compiler.queryset.filter(pk__in=ids)
        if self.query_compiler.order_by_relevance:
            position = Case(
                *(When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)), output_field=IntegerField()
            )
            queryset = queryset.order_by(position)
        return list(queryset)

    def _do_count(self) -> int:
        return len(self._ids()[self.start : self.stop])


class FoundPages:
    """What `NewsroomPageResults` pages through: the queryset and the ids found in it, in order."""

    def __init__(self, queryset: QuerySet[Any], ids: list[int], order_by_relevance: bool) -> None:
        self.queryset = queryset
        self.ids = ids
        self.order_by_relevance = order_by_relevance


class SearchBackend:
    """Wagtail's database backend, answering searches of pages from the stories' index first."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.database = database_backend(params)

    def __getattr__(self, name: str) -> Any:
        # Indexing, rebuilding and every other search are the database backend's.
        return getattr(self.database, name)

    def search(self, query: Any, model_or_queryset: Any, **options: Any) -> Any:
        found = self.database.search(query, model_or_queryset, **options)
        return self._with_stories(query, model_or_queryset, found, options)

    def autocomplete(self, query: Any, model_or_queryset: Any, **options: Any) -> Any:
        found = self.database.autocomplete(query, model_or_queryset, **options)
        return self._with_stories(query, model_or_queryset, found, options)

    def _with_stories(self, query: Any, model_or_queryset: Any, found: Any, options: dict[str, Any]) -> Any:
        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else None
        # The newsroom passes its query parsed (PlainText, Phrase), which keeps the words typed.
        words = query if isinstance(query, str) else getattr(query, "query_string", None)
        if queryset is None or not issubclass(queryset.model, Page) or not isinstance(words, str):
            return found
        stories = finding.newsroom_story_ids(
            words, [code for code, _name in settings.LANGUAGES], MOST_RESULTS
        )
        allowed = set(queryset.filter(pk__in=stories).values_list("pk", flat=True)) if stories else set()
        ids = [pk for pk in stories if pk in allowed]
        ids.extend(page.pk for page in found[:MOST_RESULTS] if page.pk not in allowed)
        order_by_relevance = options.get("order_by_relevance", True)
        return NewsroomPageResults(self, FoundPages(queryset, ids[:MOST_RESULTS], order_by_relevance))
