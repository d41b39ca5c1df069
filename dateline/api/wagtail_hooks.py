"""The newsroom's API keys screens (`dateline.api.newsroom`)."""

from wagtail import hooks

from dateline.api.newsroom import ApiKeyViewSet


@hooks.register("register_admin_viewset")
def register_api_keys() -> ApiKeyViewSet:
    return ApiKeyViewSet("api_keys")
