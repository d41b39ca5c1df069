from django.apps import AppConfig


class CdnConfig(AppConfig):
    name = "dateline.cdn"
    label = "cdn"
