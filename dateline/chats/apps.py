from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChatsConfig(AppConfig):
    name = "dateline.chats"
    label = "chats"
    verbose_name = _("Chats")

    def ready(self) -> None:
        from dateline.chats import rooms, streams  # noqa: F401  (rooms connects its receivers)

        streams.register()
