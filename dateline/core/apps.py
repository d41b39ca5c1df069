from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = _("Dateline")

    def ready(self) -> None:
        from dateline.core import signals

        signals.connect_snippet_purges()
        signals.connect_site_wide_purges()
