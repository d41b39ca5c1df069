from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "dateline.editions"
    label = "editions"
    verbose_name = _("Editions")

    def ready(self) -> None:
        from dateline.editions import purges  # noqa: F401  (connects the receivers)
