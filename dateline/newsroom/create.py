"""Creating a page in the newsroom without autosave, so that one Publish makes one story.

Wagtail's create view autosaves a new page as soon as the form changes: the first autosave creates
the page (a draft) and moves the form over to its edit view. An editor who clicks Publish while
that first autosave is on its way posts the form to the create view once more, and the newsroom
gets two pages with the headline: the autosaved draft and the published story, its slug given
"-2" (seen in the editor's browser test, and the same race a real desk would hit on a slow
connection). Here the create view keeps everything but autosave; once the page exists, its edit
view autosaves as Wagtail does. Wagtail's own address for the view is kept (config/urls.py routes
it here first), so every link and `reverse("wagtailadmin_pages:add", …)` still leads to it.
"""

from __future__ import annotations

import functools
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.urls import display_custom_404
from wagtail.admin.viewsets.pages import page_viewset_registry


class WithoutAutosave:
    """Mixed into a page type's create view: the form is saved only when the editor says so."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["autosave_enabled"] = False
        context["autosave_indicator"] = None  # nothing to tell of: the header shows no indicator
        return context


@functools.cache
def without_autosave(view_class: type) -> type:
    return type(f"{view_class.__name__}WithoutAutosave", (WithoutAutosave, view_class), {})


@never_cache
@display_custom_404
@require_admin_access
def add_page(
    request: HttpRequest, content_type_app_name: str, content_type_model_name: str, parent_page_id: int
) -> HttpResponse:
    """Wagtail's create view of the page type's viewset, without autosave."""
    try:
        viewset = page_viewset_registry.get_by_content_type_natural_key(
            content_type_app_name, content_type_model_name
        )
    except ObjectDoesNotExist as error:
        raise Http404 from error
    view = viewset.construct_view(without_autosave(viewset.add_view_class))
    return view(
        request,
        content_type_app_name=content_type_app_name,
        content_type_model_name=content_type_model_name,
        parent_page_id=parent_page_id,
    )
