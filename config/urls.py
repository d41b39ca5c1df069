from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.editions import views as edition_views
from dateline.subscriptions import views as subscription_views

urlpatterns = [
    path("newsroom/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", edition_views.robots_txt, name="robots_txt"),
    path("service-worker.js", subscription_views.service_worker, name="service_worker"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("newsfeed.json", edition_views.newsfeed_json, name="newsfeed_json"),
    path("", include("dateline.accounts.urls")),
    path("", include("dateline.discussion.urls")),
    path("", include("dateline.subscriptions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "dateline.editions.views.page_not_found"
handler500 = "dateline.editions.views.server_error"
