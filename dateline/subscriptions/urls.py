from django.urls import include, path

from dateline.subscriptions import views

urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="subscription_confirm"),
    path("subscribe/preferences/<str:token>/", views.preferences, name="subscription_preferences"),
    path("subscribe/unsubscribe/<str:token>/", views.one_click_unsubscribe, name="subscription_unsubscribe"),
    path("subscribe/push/", views.push_subscription, name="push_subscription"),
    path("feeds/", include("dateline.subscriptions.feed_urls")),
]
