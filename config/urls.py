from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, reverse_lazy
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from dateline.accounts import views as account_views
from dateline.articles import sitemap_views
from dateline.articles import views as article_views
from dateline.core import converters  # noqa: F401  (the bounded <id:…> converter the routes below use)
from dateline.editions import views as edition_views
from dateline.newsroom import create as newsroom_create
from dateline.subscriptions import views as subscription_views
from dateline.wire import push as wire_push

urlpatterns = [
    # One sign-in for everybody, allauth's: in front of Wagtail's own login and password reset.
    path("newsroom/login/", account_views.sign_in, {"default_next": reverse_lazy("wagtailadmin_home")}),
    re_path(r"^newsroom/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Wagtail's create view without its autosave: one Publish makes one story (newsroom/create.py).
    path(
        "newsroom/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<id:parent_page_id>/",
        newsroom_create.add_page,
    ),
    path("newsroom/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("dateline.api.urls")),
    # Agencies push items here with their source's secret (dateline/wire/push.py).
    path("wire/push/<slug:slug>/", wire_push.receive, name="wire_push"),
    path("robots.txt", edition_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.sitemap_index, name="sitemap_index"),
    path("favicon.ico", edition_views.favicon, name="favicon"),
    path("service-worker.js", subscription_views.service_worker, name="service_worker"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("newsfeed.json", article_views.newsfeed_json, name="newsfeed_json"),
    path("manifest.webmanifest", edition_views.web_manifest, name="web_manifest"),
    path("sitemap-pages.xml", sitemap_views.sitemap_pages, name="sitemap_pages"),
    re_path(
        r"^sitemap-stories-(?P<number>[1-9][0-9]{0,5})\.xml$",
        sitemap_views.sitemap_stories,
        name="sitemap_stories",
    ),
    path("sitemap-news.xml", sitemap_views.sitemap_news, name="sitemap_news"),
    path("", include("dateline.accounts.urls")),
    path("", include("dateline.discussion.urls")),
    path("", include("dateline.chats.urls")),
    path("", include("dateline.subscriptions.urls")),
    path("", include("dateline.search.urls")),
    # Wagtail's login for private pages, in front of its page routes.
    path("_util/login/", account_views.sign_in),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "dateline.editions.views.page_not_found"
handler500 = "dateline.editions.views.server_error"
