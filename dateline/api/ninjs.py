"""Stories as IPTC ninjs documents (News in JSON): version 3.3 by default, 2.4 on request.

Everything the API says about a story is gathered first into plain facts (`StoryFacts`, by
`dateline.api.stories`), then written out here in one shape per version, side by side:

- 3.3 (`story_3`) names its properties in camelCase (`firstCreated`, `pubStatus`, `contentType`);
  an association may say how it relates to the story (`rel`) and needs only a `name`.
- 2.4 (`story_2`) names the same properties in lower case (`firstcreated`, `pubstatus`,
  `contenttype`), has no `rel` on associations and needs both `name` and `uri` there, and knows
  fewer object types (no `event` or `planning`; we use `text` and `picture` only).
- Both carry headlines, descriptions and bodies as arrays of `{role, contentType, value}`; the single
  `headline`, `body_html` and `description_text` properties belong to ninjs 1.x, which we do not
  write.

Every document names the standard it follows (`standard`), so a reader can validate it against the
IPTC's published schema. Nothing here invents a property the model lacks. A story made from an
agency's item (the wire desk's `WireUse`) names it: the agency in `infoSources` (role "agency",
`uri` the item's URI when it is one, `literal` the item's identifier and version), and the item's
identifier and the version used in `altIds` (roles `dateline:wire-item`, `dateline:wire-version`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

NINJS_3 = "ninjs3"
NINJS_2 = "ninjs2"
SCHEMAS = {
    NINJS_3: ("3.3", "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"),
    NINJS_2: ("2.4", "http://www.iptc.org/std/ninjs/ninjs-schema_2.4.json#"),
}
# ninjs 2.4's names for the 3.3 properties we write, where they differ.
NAMES_2 = {
    "representationType": "representationtype",
    "firstCreated": "firstcreated",
    "versionCreated": "versioncreated",
    "pubStatus": "pubstatus",
    "contentType": "contenttype",
    "charCount": "charcount",
    "wordCount": "wordcount",
    "altIds": "altids",
    "infoSources": "infosources",
}
# Properties of a 3.3 association that 2.4 does not allow there.
ASSOCIATION_ONLY_3 = frozenset({"rel"})

USABLE = "usable"
# What ninjs's "uri" format takes: a scheme, a colon, no spaces.
ABSOLUTE_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


@dataclass
class Picture:
    """An image the story shows, with the one rendition every image has (its original file)."""

    uri: str
    title: str
    caption: str
    credit: str
    href: str
    width: int
    height: int
    content_type: str


@dataclass
class Translation:
    """The same story in another edition."""

    uri: str
    language: str
    headline: str
    href: str


@dataclass
class Provenance:
    """An agency's item a story was made from, and the version of it used."""

    agency: str
    item_uri: str
    version: int


@dataclass
class Concept:
    """A tag, a section, an author or an agency as ninjs names it."""

    name: str
    literal: str = ""
    uri: str = ""


@dataclass
class StoryFacts:
    """What the API says about one published story, whatever the version written."""

    uri: str
    version: str
    language: str
    headline: str
    kicker: str
    lede: str
    href: str  # the story's page on the site
    first_created: datetime
    version_created: datetime
    profile: str  # "story" or "live-coverage"
    story_id: int
    translation_key: str
    expires: datetime | None = None
    located: str = ""
    section: Concept | None = None
    agency: Concept | None = None
    authors: list[Concept] = field(default_factory=list)
    tags: list[Concept] = field(default_factory=list)
    picture: Picture | None = None
    translations: list[Translation] = field(default_factory=list)
    sources: list[Provenance] = field(default_factory=list)
    body_html: str | None = None  # None: the reader's scope does not include the text
    body_text: str | None = None
    word_count: int = 0


@dataclass
class EntryFacts:
    """One entry of a live coverage."""

    uri: str
    language: str
    headline: str
    first_created: datetime
    version_created: datetime
    by: str
    href: str
    body_html: str | None = None
    body_text: str | None = None
    quote: str = ""
    quote_by: str = ""
    embed: str = ""
    picture: Picture | None = None


# --- 3.3 ----------------------------------------------------------------------------------------------


def story_3(facts: StoryFacts) -> dict[str, Any]:
    """A story as a ninjs 3.3 document."""
    full = facts.body_html is not None
    document: dict[str, Any] = {
        "uri": facts.uri,
        "standard": _standard(NINJS_3),
        "type": "text",
        "profile": facts.profile,
        "representationType": "full" if full else "partial",
        "version": facts.version,
        "firstCreated": _time(facts.first_created),
        "versionCreated": _time(facts.version_created),
        "pubStatus": USABLE,
        "language": facts.language,
        "headlines": _headlines(facts.headline, facts.kicker),
        "descriptions": [{"role": "summary", "contentType": "text/plain", "value": facts.lede}],
        "altIds": [
            {"role": "dateline:story", "value": str(facts.story_id)},
            {"role": "dateline:translation-key", "value": facts.translation_key},
        ],
        "renditions": [_page_rendition(facts.href, facts.headline)],
    }
    for source in facts.sources:
        document["altIds"] += [
            {"role": "dateline:wire-item", "value": source.item_uri},
            {"role": "dateline:wire-version", "value": str(source.version)},
        ]
    if facts.sources:
        document["infoSources"] = [_info_source(source) for source in facts.sources]
    if full:
        document["bodies"] = _bodies(facts.body_html or "", facts.body_text or "", facts.word_count)
    if facts.authors:
        document["by"] = ", ".join(author.name for author in facts.authors)
        document["people"] = [_concept(author, "author") for author in facts.authors]
    elif facts.agency:
        document["by"] = facts.agency.name
    if facts.located:
        document["located"] = facts.located
        document["places"] = [{"name": facts.located, "rel": "dateline"}]
    if facts.agency:
        document["organisations"] = [_concept(facts.agency, "agency")]
    subjects = [_concept(facts.section, "section")] if facts.section else []
    subjects += [_concept(tag, "tag") for tag in facts.tags]
    if subjects:
        document["subjects"] = subjects
    associations = []
    if facts.picture:
        associations.append(_picture_association(facts.picture, "mainpicture", facts.language))
    associations += [_translation_association(translation) for translation in facts.translations]
    if associations:
        document["associations"] = associations
    if facts.expires:
        document["expires"] = _time(facts.expires)
    return document


def entry_3(facts: EntryFacts) -> dict[str, Any]:
    """A live coverage's entry as a ninjs 3.3 document."""
    full = facts.body_html is not None
    document: dict[str, Any] = {
        "uri": facts.uri,
        "standard": _standard(NINJS_3),
        "type": "text",
        "profile": "live-entry",
        "representationType": "full" if full else "partial",
        "firstCreated": _time(facts.first_created),
        "versionCreated": _time(facts.version_created),
        "pubStatus": USABLE,
        "language": facts.language,
        "renditions": [_page_rendition(facts.href, facts.headline)],
    }
    if facts.headline:
        document["headlines"] = [{"role": "main", "contentType": "text/plain", "value": facts.headline}]
    if facts.by:
        document["by"] = facts.by
    if full:
        bodies = _bodies(facts.body_html or "", facts.body_text or "", len((facts.body_text or "").split()))
        if facts.quote:
            bodies.append({"role": "quote", "contentType": "text/plain", "value": facts.quote})
        document["bodies"] = bodies
        if facts.quote_by:
            document["people"] = [{"name": facts.quote_by, "rel": "quoted"}]
    if facts.embed:
        document["renditions"].append({"name": "embed", "href": facts.embed, "contentType": "text/html"})
    if facts.picture:
        document["associations"] = [_picture_association(facts.picture, "picture", facts.language)]
    return document


# --- 2.4 ----------------------------------------------------------------------------------------------


def story_2(facts: StoryFacts) -> dict[str, Any]:
    """A story as a ninjs 2.4 document: the 3.3 shape under 2.4's names."""
    return _as_2(story_3(facts))


def entry_2(facts: EntryFacts) -> dict[str, Any]:
    return _as_2(entry_3(facts))


def _as_2(document: Mapping[str, Any]) -> dict[str, Any]:
    converted = _renamed_document(document)
    converted["standard"] = _standard(NINJS_2)
    return converted


def _renamed_document(document: Mapping[str, Any]) -> dict[str, Any]:
    return {NAMES_2.get(name, name): _values_2(name, value) for name, value in document.items()}


def _values_2(name: str, value: Any) -> Any:
    if name == "associations":
        return [
            {key: inner for key, inner in _renamed_document(item).items() if key not in ASSOCIATION_ONLY_3}
            for item in value
        ]
    if isinstance(value, list):
        return [_renamed(item) if isinstance(item, dict) else item for item in value]
    return value


def _renamed(item: Mapping[str, Any]) -> dict[str, Any]:
    return {NAMES_2.get(key, key): value for key, value in item.items()}


# --- shared parts -------------------------------------------------------------------------------------


STORY_WRITERS = {NINJS_3: story_3, NINJS_2: story_2}
ENTRY_WRITERS = {NINJS_3: entry_3, NINJS_2: entry_2}


def story(facts: StoryFacts, version: str) -> dict[str, Any]:
    """A story in the version asked for ("ninjs3" or "ninjs2")."""
    return STORY_WRITERS[version](facts)


def entry(facts: EntryFacts, version: str) -> dict[str, Any]:
    """A live coverage's entry in the version asked for."""
    return ENTRY_WRITERS[version](facts)


def _standard(version: str) -> dict[str, str]:
    number, schema = SCHEMAS[version]
    return {"name": "ninjs", "version": number, "schema": schema}


def _time(moment: datetime) -> str:
    """RFC 3339, as JSON Schema's `date-time` format reads it."""
    return moment.isoformat(timespec="seconds")


def _headlines(headline: str, kicker: str) -> list[dict[str, str]]:
    headlines = [{"role": "main", "contentType": "text/plain", "value": headline}]
    if kicker:
        headlines.append({"role": "kicker", "contentType": "text/plain", "value": kicker})
    return headlines


def _bodies(html: str, text: str, word_count: int) -> list[dict[str, Any]]:
    return [
        {"role": "main", "contentType": "text/html", "value": html, "wordCount": word_count},
        {
            "role": "main",
            "contentType": "text/plain",
            "value": text,
            "charCount": len(text),
            "wordCount": word_count,
        },
    ]


def _page_rendition(href: str, title: str) -> dict[str, Any]:
    return {"name": "page", "href": href, "contentType": "text/html", "title": title}


def _concept(concept: Concept, rel: str) -> dict[str, str]:
    written = {"name": concept.name, "rel": rel}
    if concept.literal:
        written["literal"] = concept.literal
    if concept.uri:
        written["uri"] = concept.uri
    return written


def _info_source(source: Provenance) -> dict[str, str]:
    info = {"name": source.agency, "role": "agency", "literal": f"{source.item_uri} v{source.version}"}
    # An agency's identifier is a URI more often than not (urn:newsml:…, https://…), never always.
    if ABSOLUTE_URI.match(source.item_uri):
        info["uri"] = source.item_uri
    return info


def _picture_association(picture: Picture, name: str, language: str) -> dict[str, Any]:
    association: dict[str, Any] = {
        "name": name,
        "rel": "illustration",
        "uri": picture.uri,
        "type": "picture",
        "language": language,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": picture.title}],
        "renditions": [
            {
                "name": "original",
                "href": picture.href,
                "contentType": picture.content_type,
                "width": picture.width,
                "height": picture.height,
            }
        ],
    }
    if picture.caption:
        association["descriptions"] = [
            {"role": "caption", "contentType": "text/plain", "value": picture.caption}
        ]
    if picture.credit:
        association["by"] = picture.credit
    return association


def _translation_association(translation: Translation) -> dict[str, Any]:
    return {
        "name": f"translation-{translation.language}",
        "rel": "translation",
        "uri": translation.uri,
        "type": "text",
        "language": translation.language,
        "headlines": [{"role": "main", "contentType": "text/plain", "value": translation.headline}],
        "renditions": [_page_rendition(translation.href, translation.headline)],
    }
