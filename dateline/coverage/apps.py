from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoverageConfig(AppConfig):
    name = "dateline.coverage"
    label = "coverage"
    verbose_name = _("Live coverage")

    def ready(self) -> None:
        from dateline.coverage import signals, streams  # noqa: F401  (signals connects the receivers)
        from dateline.live import streams as live_streams

        # `coverage:<page id>` exists while that coverage is published and running.
        live_streams.register("coverage", streams.is_running_coverage, needs_database=True)
