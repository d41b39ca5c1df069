from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _

from dateline.core import clients


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = _("Dateline")

    def ready(self) -> None:
        checks.register(clients.check_trusted_proxies)
