from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "dateline.images"
    label = "dateline_images"
    verbose_name = _("Images")

    def ready(self) -> None:
        from dateline.images import signals  # noqa: F401  (connects the receivers)
