"""The reader's search page, `/en/search/?q=…`: the form, then the stories it finds.

Not public content (`dateline.core.public`): every query string is a page of its own, so neither
the page cache nor a CDN keeps them; and results are not for search engines (`noindex`).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET

from dateline.articles import listing
from dateline.articles.cards import story_card
from dateline.articles.models import all_authors
from dateline.editions import navigation
from dateline.search import finding
from dateline.search.forms import SearchForm


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """The search form, and with a query the page of stories it finds."""
    edition = navigation.current_edition(request)
    if edition is None:
        raise Http404("No such edition")
    sections = navigation.sections(request)
    authors = sorted(
        (author for author in all_authors(request).values() if author.locale_id == edition.locale_id),
        key=lambda author: author.name,
    )
    form = SearchForm(request.GET, sections, authors)
    context: dict[str, Any] = {"form": form, "results": None, "cards": [], "query": ""}
    if not form.is_valid():
        response = render(request, "search/search.html", context, status=HTTPStatus.BAD_REQUEST)
    else:
        context["query"] = form.cleaned_data["q"]
        if context["query"].strip():
            results = finding.find(
                context["query"],
                edition.language_code,
                form.filters(),
                form.chosen_sort(),
                form.page_number(),
            )
            context["results"] = results
            context["cards"] = result_cards(request, results, edition.locale_id, sections)
            context["more"] = page_links(request, results)
            context["suggestion_link"] = with_query(request, results.suggestion)
        response = render(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def result_cards(
    request: HttpRequest, results: finding.Results, locale_id: int, sections: list[Any]
) -> list[SafeString]:
    """A story card per hit that readers may see, with the query's words marked."""
    stories = listing.cards(request, [hit.page_id for hit in results.hits], locale_id)
    listing.attach_sections(stories.values(), sections)
    cards = []
    for hit in results.hits:
        story = stories.get(hit.page_id)
        if story is not None:
            cards.append(
                story_card(request, story, show_section=True, headline=hit.headline, summary=hit.snippet)
            )
    return cards


def with_query(request: HttpRequest, query: str) -> str:
    """This search's address with another query (its filters and order kept, from the first page)."""
    parameters = request.GET.copy()
    parameters["q"] = query
    parameters.pop("page", None)
    return "?" + parameters.urlencode()


def page_links(request: HttpRequest, results: finding.Results) -> dict[str, str]:
    """The query strings of the previous and next pages of results."""
    links = {}
    for name, number in (("previous", results.page - 1), ("next", results.page + 1)):
        if 1 <= number <= results.pages:
            query = request.GET.copy()
            query["page"] = str(number)
            links[name] = "?" + query.urlencode()
    return links
