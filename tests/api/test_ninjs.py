"""Every kind of story comes out of the API as a ninjs document that keeps the IPTC's rules, in
version 3.3 and in 2.4, saying what the story page says."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.conf import settings

from dateline.api.keys import do_create_key
from dateline.api.models import ApiKey
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.wire.models import WireSource, WireUse
from tests.api.ninjs_rules import problems_in
from tests.factories import (
    AgencyFactory,
    ArticleFactory,
    AuthorFactory,
    NewsImageFactory,
    publish_translation,
    section_page,
)

pytestmark = pytest.mark.usefixtures("editions")

VERSIONS = {"ninjs3": "3.3", "ninjs2": "2.4"}


def full_text_client(client) -> Any:
    _key, raw = do_create_key("Partner", ApiKey.Scope.FULL_TEXT, "1000/m")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    return client


def live_coverage(**fields: Any) -> LiveCoveragePage:
    page = LiveCoveragePage(
        title="Storm reaches the coast", slug="storm", lede="Winds of 150 km/h.", **fields
    )
    section_page("en", "world").add_child(instance=page)
    page.save_revision().publish()
    return LiveCoveragePage.objects.get(pk=page.pk)


def from_the_wire(uri: str = "urn:newsml:wire.example.org:20261206:quake", version: int = 2) -> Any:
    """A story made from an agency's item (version `version` of `uri`)."""
    story = ArticleFactory(agency=AgencyFactory(name="Example Wire"))
    source = WireSource.objects.create(name="Example Wire", slug="example-wire", kind=WireSource.Kind.PUSH)
    WireUse.objects.create(story=story, source=source, uri=uri, version=version)
    return story


STORIES = {
    "bare": lambda: ArticleFactory(),
    "with an agency and no byline": lambda: ArticleFactory(agency=AgencyFactory(name="Kyodo")),
    "with bylines": lambda: ArticleFactory(authors=[AuthorFactory(), AuthorFactory()]),
    "with a lead image": lambda: ArticleFactory(lead_image=NewsImageFactory()),
    "with a dateline place": lambda: ArticleFactory(dateline_place="Tokyo"),
    "with tags": lambda: ArticleFactory(tags=["Ports", "Trade"]),
    "with a kicker": lambda: ArticleFactory(kicker="Analysis"),
    "with translations": lambda: publish_translation(ArticleFactory(), "ru", title="Краны вернулись"),
    "with everything": lambda: ArticleFactory(
        agency=AgencyFactory(),
        authors=[AuthorFactory()],
        lead_image=NewsImageFactory(),
        dateline_place="Tokyo",
        tags=["Ports"],
    ),
    "live coverage": lambda: live_coverage(),
    "from an agency's item": lambda: from_the_wire(),
    "from an agency's item named by no URI": lambda: from_the_wire(uri="exw 2026-12-06 rates"),
}


@pytest.mark.parametrize("kind", list(STORIES))
@pytest.mark.parametrize("version", list(VERSIONS))
@pytest.mark.parametrize("scope", ["metadata", "full"])
def test_every_kind_of_story_is_a_valid_ninjs_document(client, kind, version, scope):
    story = STORIES[kind]()
    if scope == "full":
        full_text_client(client)

    detail = client.get(f"/api/v1/stories/{story.pk}", {"format": version})
    listed = client.get("/api/v1/stories", {"format": version, "edition": story.locale.language_code})

    assert detail.status_code == HTTPStatus.OK
    assert problems_in(detail.json(), VERSIONS[version]) == []
    (in_list,) = [item for item in listed.json()["items"] if item["uri"].endswith(f"/stories/{story.pk}")]
    assert in_list == detail.json()


def test_the_rules_catch_a_broken_document():
    good = {"uri": "https://example.org/1", "pubStatus": "usable", "headlines": [{"value": "A"}]}
    assert problems_in(good, "3.3") == []
    assert problems_in({"pubStatus": "usable"}, "3.3") == ["$: uri is required"]
    assert problems_in({**good, "pubStatus": "gone"}, "3.3")
    assert problems_in({**good, "firstCreated": "yesterday"}, "3.3")
    assert problems_in({**good, "headlines": [{"role": "main"}]}, "3.3")
    assert problems_in({**good, "uri": "/relative"}, "3.3")
    assert problems_in({**good, "headline": "A"}, "3.3")  # ninjs 1.x's single headline
    # A 3.3 document is not a 2.4 one, nor the other way round.
    assert problems_in(good, "2.4") == ["$: pubStatus is not a property here"]
    assert problems_in({"uri": "https://example.org/1", "pubstatus": "usable"}, "3.3")
    association = {"uri": "https://example.org/1", "associations": [{"name": "a", "rel": "translation"}]}
    assert problems_in(association, "3.3") == []
    assert problems_in(association, "2.4")  # needs a uri, takes no rel


def test_a_story_says_what_its_page_says(client):
    author = AuthorFactory(name="Mariko Tanabe")
    agency = AgencyFactory(name="Kyodo", url="https://kyodo.example/")
    image = NewsImageFactory(caption="Cranes at dusk.", credit="Staff")
    story = ArticleFactory(
        title="Harbour cranes return",
        kicker="Ports",
        lede="Dock workers ended a strike.",
        dateline_place="Tokyo",
        agency=agency,
        authors=[author],
        lead_image=image,
        tags=["Ports"],
        section="business",
    )
    translation = publish_translation(story, "ru", title="Краны вернулись")

    document = client.get(f"/api/v1/stories/{story.pk}").json()

    assert document["uri"] == f"{settings.BASE_URL}/api/v1/stories/{story.pk}"
    assert document["type"] == "text"
    assert document["pubStatus"] == "usable"
    assert document["language"] == "en"
    assert document["headlines"][0]["value"] == "Harbour cranes return"
    assert {"role": "kicker", "contentType": "text/plain", "value": "Ports"} in document["headlines"]
    assert document["descriptions"] == [
        {"role": "summary", "contentType": "text/plain", "value": "Dock workers ended a strike."}
    ]
    assert document["by"] == "Mariko Tanabe"
    assert document["located"] == "Tokyo"
    assert document["places"] == [{"name": "Tokyo", "rel": "dateline"}]
    assert document["organisations"] == [{"name": "Kyodo", "rel": "agency", "uri": "https://kyodo.example/"}]
    subjects = {(subject["rel"], subject["name"]) for subject in document["subjects"]}
    assert subjects == {("section", "Business"), ("tag", "Ports")}
    assert document["renditions"][0]["href"].endswith(story.url)
    picture, other_edition = document["associations"]
    assert picture["type"] == "picture"
    assert picture["descriptions"][0]["value"] == "Cranes at dusk."
    assert picture["renditions"][0]["width"] == image.width
    assert other_edition["rel"] == "translation"
    assert other_edition["language"] == "ru"
    assert other_edition["headlines"][0]["value"] == "Краны вернулись"
    assert other_edition["uri"].endswith(f"/api/v1/stories/{translation.pk}")
    assert document["firstCreated"] == story.first_published_at.isoformat(timespec="seconds")
    assert document["version"] == str(story.live_revision_id)


def test_a_story_without_byline_is_by_its_agency(client):
    story = ArticleFactory(agency=AgencyFactory(name="Kyodo"))

    assert client.get(f"/api/v1/stories/{story.pk}").json()["by"] == "Kyodo"


def test_ninjs2_has_the_same_facts_under_its_own_names(client):
    story = ArticleFactory(lead_image=NewsImageFactory(), tags=["Ports"])
    publish_translation(story, "ru")

    three = client.get(f"/api/v1/stories/{story.pk}").json()
    two = client.get(f"/api/v1/stories/{story.pk}", {"format": "ninjs2"}).json()

    assert two["standard"]["version"] == "2.4"
    assert three["standard"]["version"] == "3.3"
    assert two["pubstatus"] == three["pubStatus"]
    assert two["firstcreated"] == three["firstCreated"]
    assert two["headlines"][0]["contenttype"] == "text/plain"
    assert [a["name"] for a in two["associations"]] == [a["name"] for a in three["associations"]]
    assert all("rel" not in association for association in two["associations"])
    assert all("uri" in association for association in two["associations"])


def test_a_story_from_the_wire_names_the_agency_item_and_version_it_was_made_from(client):
    story = from_the_wire()

    three = client.get(f"/api/v1/stories/{story.pk}").json()
    two = client.get(f"/api/v1/stories/{story.pk}", {"format": "ninjs2"}).json()

    assert three["infoSources"] == [
        {
            "name": "Example Wire",
            "role": "agency",
            "literal": "urn:newsml:wire.example.org:20261206:quake v2",
            "uri": "urn:newsml:wire.example.org:20261206:quake",
        }
    ]
    assert {"role": "dateline:wire-item", "value": "urn:newsml:wire.example.org:20261206:quake"} in three[
        "altIds"
    ]
    assert {"role": "dateline:wire-version", "value": "2"} in three["altIds"]
    assert two["infosources"] == three["infoSources"]
    assert two["altids"] == three["altIds"]


def test_an_agency_identifier_that_is_no_uri_is_given_as_a_literal_only(client):
    story = from_the_wire(uri="exw 2026-12-06 rates", version=1)

    (source,) = client.get(f"/api/v1/stories/{story.pk}").json()["infoSources"]

    assert source == {"name": "Example Wire", "role": "agency", "literal": "exw 2026-12-06 rates v1"}


def test_a_story_of_the_newsroom_own_names_no_info_source(client):
    assert "infoSources" not in client.get(f"/api/v1/stories/{ArticleFactory().pk}").json()


def test_without_a_full_text_key_a_story_has_no_body(client):
    story = ArticleFactory()
    _key, metadata_key = do_create_key("Metadata partner", ApiKey.Scope.METADATA, "100/m")

    anonymous = client.get(f"/api/v1/stories/{story.pk}").json()
    with_metadata_key = client.get(
        f"/api/v1/stories/{story.pk}", HTTP_AUTHORIZATION=f"Bearer {metadata_key}"
    ).json()
    full = full_text_client(client).get(f"/api/v1/stories/{story.pk}").json()

    assert "bodies" not in anonymous and anonymous["representationType"] == "partial"
    assert "bodies" not in with_metadata_key
    assert full["representationType"] == "full"
    html, text = full["bodies"]
    assert html["contentType"] == "text/html" and "<p>Dock workers returned" in html["value"]
    assert text["contentType"] == "text/plain" and text["value"].startswith("Dock workers returned")
    assert "<" not in text["value"]


def test_reader_markup_in_a_headline_stays_text(client):
    story = ArticleFactory(title='<script>alert("x")</script> Cranes')

    response = client.get(f"/api/v1/stories/{story.pk}")

    assert response["Content-Type"] == "application/json"
    assert response.json()["headlines"][0]["value"] == '<script>alert("x")</script> Cranes'


@pytest.mark.parametrize("version", list(VERSIONS))
def test_live_coverage_entries_are_valid_ninjs_documents(client, version):
    coverage = live_coverage()
    author = AuthorFactory(name="Sam Okafor")
    LiveEntry.objects.create(
        page=coverage, headline="Landfall", body="<p>The storm <b>hit</b>.</p>", author=author
    )
    LiveEntry.objects.create(
        page=coverage, body="<p>Quote follows.</p>", quote_text="Stay inside.", quote_speaker="The mayor"
    )
    LiveEntry.objects.create(
        page=coverage, image=NewsImageFactory(), embed_url="https://www.youtube.com/watch?v=x"
    )
    full_text_client(client)

    response = client.get(f"/api/v1/stories/{coverage.pk}/entries", {"format": version})

    assert response.status_code == HTTPStatus.OK
    items = response.json()["items"]
    assert len(items) == 3
    for item in items:
        assert problems_in(item, VERSIONS[version]) == []
    oldest = items[-1]
    assert oldest["headlines"][0]["value"] == "Landfall"
    assert oldest["by"] == "Sam Okafor"
    assert oldest["bodies"][1]["value"] == "The storm hit."


def test_a_story_that_is_not_a_live_coverage_has_no_entries(client):
    story = ArticleFactory()

    response = client.get(f"/api/v1/stories/{story.pk}/entries")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "application/problem+json"


def test_a_live_coverage_s_entries_come_a_page_at_a_time(client):
    coverage = live_coverage()
    made = [LiveEntry.objects.create(page=coverage, body=f"<p>Update {n}.</p>") for n in range(5)]

    first = client.get(f"/api/v1/stories/{coverage.pk}/entries", {"limit": 3}).json()
    second = client.get(
        f"/api/v1/stories/{coverage.pk}/entries", {"limit": 3, "cursor": first["next"]}
    ).json()

    uris = [item["uri"] for item in first["items"] + second["items"]]
    assert [uri.rsplit("/", 1)[1] for uri in uris] == [str(entry.pk) for entry in reversed(made)]
    assert second["next"] is None
