from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dateline.live import streams


class WireConfig(AppConfig):
    name = "dateline.wire"
    label = "wire"
    verbose_name = _("Wire desk")

    def ready(self) -> None:
        # `wire:desk`: new items and versions, for the queue and the urgent-item banner.
        streams.register("wire", lambda key: key == "desk", staff_only=True)
