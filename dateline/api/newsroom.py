"""API keys in the newsroom (Settings → API keys): make one and see it once, change its name,
scope or limit, revoke it.

The key itself is shown on the page that follows "Create" and nowhere else: only its digest is
stored (`dateline.api.keys`), so a lost key is revoked and replaced.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from dateline.api import keys
from dateline.api.models import ApiKey


class ApiKeyCreateView(generic.CreateView):
    """Makes the key, then shows it once instead of going back to the list."""

    raw_key = ""

    def save_instance(self) -> ApiKey:
        instance: ApiKey = self.form.instance
        self.raw_key = keys.assign_new_secret(instance)
        if self.request.user.is_authenticated:
            instance.created_by = self.request.user
        return super().save_instance()

    def save_action(self) -> HttpResponse:
        # The newsroom's pages are never cached (Wagtail's `never_cache`): neither is the key's one copy.
        return render(
            self.request,
            "api/newsroom/key_created.html",
            {"key": self.object, "raw_key": self.raw_key, "index_url": reverse("api_keys:index")},
        )


class ApiKeyIndexView(generic.IndexView):
    """The list of keys, with "Revoke" beside each key still in use."""

    def get_list_more_buttons(self, instance: ApiKey) -> list[Any]:
        buttons = list(super().get_list_more_buttons(instance))
        if instance.is_active and self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                MenuItem(
                    _("Revoke"),
                    url=reverse("api_keys:revoke", args=[instance.pk]),
                    icon_name="bin",
                    priority=30,
                )
            )
        return buttons


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = gettext_lazy("API keys")
    add_to_settings_menu = True
    form_fields = ["name", "scope", "rate"]
    list_display = ["name", "scope", "rate", "prefix", "created_at", "revoked_at"]
    add_view_class = ApiKeyCreateView
    index_view_class = ApiKeyIndexView
    copy_view_enabled = False

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
        ]

    @property
    def revoke_view(self) -> Any:
        return never_cache(self._revoke)

    def _revoke(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Ask, then revoke: the key stops working at once and stays listed as revoked."""
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        key = get_object_or_404(ApiKey, pk=pk)
        if request.method == "POST":
            keys.do_revoke_key(key)
            messages.success(request, _("The key “%(name)s” no longer works.") % {"name": key.name})
            return redirect("api_keys:index")
        return render(
            request, "api/newsroom/revoke.html", {"key": key, "index_url": reverse("api_keys:index")}
        )
