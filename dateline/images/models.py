"""The newsroom's image library: Wagtail images that carry a caption and a credit."""

from functools import lru_cache
from typing import Any

from django.core.files import File
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image, ImageQuerySet

from dateline.core import versioned
from dateline.images import decoding, queries

# The picture a story shares: its link preview (Open Graph) and its feeds' enclosure.
SHARE_IMAGE_SPEC = "fill-1200x630-c60"
# Renditions remembered per process (a few hundred bytes each): a front page's cards and a story's pictures.
RENDITIONS_REMEMBERED = 4096


@lru_cache(maxsize=64)
def filter_for(spec: str) -> Filter:
    """The filter of a rendition spec, parsed once: a page asks for the same few specs for every
    card, and Wagtail parses a spec (and inspects its operations' signatures) each time. Bounded,
    as a spec may come from an address."""
    return Filter(spec=spec)


class NewsImageManager(models.Manager.from_queryset(ImageQuerySet)):  # type: ignore[misc]
    """Wagtail's image manager, with `in_bulk` of a list of ids written out: every image block of a
    story's body is read through it (Wagtail's `ImageChooserBlock.bulk_to_python`)."""

    def in_bulk(self, id_list: Any = None, *, field_name: str = "pk") -> dict[Any, Any]:
        if id_list is None or field_name != "pk":
            return super().in_bulk(id_list, field_name=field_name)  # type: ignore[no-any-return]
        return {image.pk: image for image in queries.by_ids(self.model, list(id_list))}


class NewsImage(AbstractImage):
    caption = models.CharField(_("caption"), max_length=400, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=_("Photographer or agency"))

    admin_form_fields = (*Image.admin_form_fields, "caption", "credit")
    objects = NewsImageManager()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_newsimage", "Can choose image")]

    def get_rendition(self, filter: Filter | str) -> AbstractRendition:
        """Wagtail's rendition, without writing it back to the rendition cache when it came with the
        image's prefetched renditions: Wagtail's `get_renditions` skips that write, its
        `get_rendition` pickles and stores every card's rendition again on every page. A spec given
        as text is parsed once (`filter_for`).

        While a request is served, a rendition is remembered per content version (editing an image
        makes a new one): a story page asks for some seven, each a cache read and an unpickling."""
        parsed = filter_for(filter) if isinstance(filter, str) else filter
        request = versioned.current_request()
        if request is None or self.pk is None:
            return next(iter(self.get_renditions(parsed).values()))
        return versioned.remembered_per_object(
            "renditions",
            (self.pk, parsed.spec),
            request,
            lambda: next(iter(self.get_renditions(parsed).values())),
            keep=RENDITIONS_REMEMBERED,
        )

    def generate_rendition_file(self, filter: Any, *, source: File | None = None) -> File:
        """Wagtail's rendition, made from a JPEG decoded no larger than it needs, and with large
        decodes one at a time in the process (`dateline.images.decoding`)."""
        reduced = decoding.reduced_for_rendition(self, filter, source)
        if reduced is None:
            with decoding.turn(self.width * self.height):
                return super().generate_rendition_file(filter, source=source)
        with decoding.turn(reduced.pixels):
            return super(NewsImage, reduced.image).generate_rendition_file(filter, source=reduced.file)


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
