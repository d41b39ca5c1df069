"""Factories for the objects a newsroom works with: stories, authors, agencies, images, people.

Stories need the editions and their sections, so create them first (the `editions` fixture in
`tests/conftest.py` does). A story made by `ArticleFactory` is published under a section of an
edition, the way an editor's "Publish" leaves it:

    ArticleFactory(title="Harbour cranes stand still", edition="ru", section="business",
                   dateline_place="Tokyo", agency=AgencyFactory(), authors=[author],
                   tags=["Ports"], lead_image=NewsImageFactory(),
                   first_published_at=datetime(2025, 9, 11, 6, 30, tzinfo=UTC))

`live=False` leaves a draft instead (and ignores `first_published_at`). `body` takes raw StreamField blocks; `paragraph`, `quote`,
`subheading` and `related_story` build them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image, ImageDraw
from wagtail.models import Locale

from dateline.articles.models import Agency, ArticleByline, ArticlePage, Author
from dateline.editions.models import SectionPage
from dateline.images.models import NewsImage

PASSWORD = "correct horse battery staple"


# --- body blocks ----------------------------------------------------------------------------------


def paragraph(html: str) -> dict[str, Any]:
    """A paragraph block; plain text is wrapped in <p>."""
    return {"type": "paragraph", "value": html if html.startswith("<") else f"<p>{html}</p>"}


def subheading(text: str) -> dict[str, Any]:
    return {"type": "subheading", "value": text}


def quote(text: str, speaker: str, role: str = "") -> dict[str, Any]:
    return {"type": "quote", "value": {"text": text, "speaker": speaker, "role": role}}


def image_block(image: NewsImage, caption: str = "", credit: str = "") -> dict[str, Any]:
    return {"type": "image", "value": {"image": image.pk, "caption": caption, "credit": credit}}


def related_story(page: ArticlePage, label: str = "") -> dict[str, Any]:
    return {"type": "related_story", "value": {"page": page.pk, "label": label}}


def words(count: int) -> str:
    """`count` words of filler prose, for reading times."""
    vocabulary = ["the", "harbour", "cranes", "stood", "still", "while", "crews", "waited", "for", "word"]
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(count))


DEFAULT_BODY = [
    paragraph("Dock workers returned to the container terminal on Monday after a week-long strike."),
    paragraph("Shipping lines said the backlog of vessels would take a fortnight to clear."),
]


# --- places in the page tree ----------------------------------------------------------------------


def section_page(language: str, slug: str) -> SectionPage:
    """A section of an edition, e.g. `section_page("ru", "world")`."""
    return SectionPage.objects.get(locale__language_code=language, slug=slug)


def locale(language: str) -> Locale:
    return Locale.objects.get(language_code=language)


# --- snippets and images --------------------------------------------------------------------------


class AuthorFactory(factory.django.DjangoModelFactory):
    """A journalist in the English edition unless `locale` says otherwise."""

    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Mariko Tanabe {n}")
    role = "Tokyo correspondent"
    bio = "Covers trade and transport across East Asia."
    locale = factory.LazyFunction(lambda: locale("en"))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = "Agency"
    url = "https://agency.example/"
    locale = factory.LazyFunction(lambda: locale("en"))


def png_file(name: str = "picture.png", size: tuple[int, int] = (320, 180)) -> ImageFile:
    """A small picture drawn with Pillow in memory: sky, sea and a sun."""
    picture = Image.new("RGB", size, "#87a8c8")
    draw = ImageDraw.Draw(picture)
    width, height = size
    draw.rectangle((0, height * 2 // 3, width, height), fill="#2f5d7c")
    draw.ellipse(
        (width // 2, height // 6, width // 2 + height // 4, height // 6 + height // 4), fill="#f4d35e"
    )
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return ImageFile(buffer, name=name)


class NewsImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsImage

    title = factory.Sequence(lambda n: f"Cranes at the container terminal at dusk {n}")
    file = factory.LazyFunction(png_file)
    caption = "Cranes at the container terminal."
    credit = "Dateline staff"


# --- people ---------------------------------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    """A newsroom account; `groups=["Reporters"]` gives it a role."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"journalist{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    first_name = "Sam"
    last_name = "Okafor"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create: bool, names: Sequence[str] | None, **kwargs: Any) -> None:
        if create and names:
            self.groups.add(*(Group.objects.get(name=name) for name in names))


# --- stories --------------------------------------------------------------------------------------


class ArticleFactory(factory.Factory):
    """A story in a section of an edition, published unless `live=False`."""

    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Harbour cranes return to work after strike, day {n}")
    slug = factory.LazyAttribute(lambda story: slugify(story.title)[:80])
    lede = "Dock workers ended a week-long strike after the port authority agreed to new shift patterns."
    body = factory.LazyFunction(lambda: list(DEFAULT_BODY))
    edition = "en"
    section = "world"

    @classmethod
    def _create(cls, model_class: type[ArticlePage], *args: Any, **kwargs: Any) -> ArticlePage:
        edition = kwargs.pop("edition")
        parent = kwargs.pop("section")
        if not isinstance(parent, SectionPage):
            parent = section_page(edition, parent)
        live: bool = kwargs.pop("live", True)
        tags: Sequence[str] = kwargs.pop("tags", ())
        authors: Sequence[Author] = kwargs.pop("authors", ())
        first_published_at: datetime | None = kwargs.pop("first_published_at", None)

        story = model_class(**kwargs, live=False)
        story.tags.add(*tags)
        story.bylines = [ArticleByline(author=author, sort_order=i) for i, author in enumerate(authors)]
        parent.add_child(instance=story)
        revision = story.save_revision(user=kwargs.get("owner"))
        if live:
            revision.publish()
            if first_published_at is not None:
                ArticlePage.objects.filter(pk=story.pk).update(
                    first_published_at=first_published_at, last_published_at=first_published_at
                )
        return ArticlePage.objects.get(pk=story.pk)


def publish_translation(story: ArticlePage, language: str, **changes: Any) -> ArticlePage:
    """Copy a story into another edition (as the newsroom's "Translate" does) and publish it."""
    translation = story.copy_for_translation(locale(language))
    for name, value in changes.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return ArticlePage.objects.get(pk=translation.pk)
