from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "dateline.articles"
    label = "articles"
    verbose_name = _("Stories")

    def ready(self) -> None:
        # Importing them registers the editions' story lists and connects the receivers.
        from dateline.articles import edition_lists, signals  # noqa: F401
