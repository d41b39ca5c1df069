from django.urls import include, path

from dateline.accounts import views
from dateline.core import converters  # noqa: F401  (registers <id:…>)

urlpatterns = [
    path("accounts/profile/", views.reader_settings, name="reader_settings"),
    path("accounts/profile/export.json", views.export_data, name="reader_export"),
    path("accounts/profile/delete/", views.delete_account, name="reader_delete"),
    path("accounts/notifications/", views.reader_notifications, name="reader_notifications"),
    path("accounts/me.json", views.reader_state, name="reader_state"),
    path("accounts/", include("allauth.urls")),
    path("readers/<id:user_id>/", views.reader_profile, name="reader_profile"),
]
