from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dateline.live import streams as live_streams


class CoverageConfig(AppConfig):
    name = "dateline.coverage"
    label = "coverage"
    verbose_name = _("Live coverage")

    def ready(self) -> None:
        from dateline.coverage import models, signals  # noqa: F401  (signals connects the receivers)

        # `coverage:<page id>` exists while that coverage is published and running.
        live_streams.register("coverage", models.is_running_coverage, needs_database=True)
