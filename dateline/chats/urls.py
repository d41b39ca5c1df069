from django.urls import path

from dateline.chats import views
from dateline.core import converters  # noqa: F401  (registers <id:…>)

urlpatterns = [
    path("chats/", views.chat_list, name="chat_list"),
    path("chats/<id:room_id>/", views.room, name="chat_room"),
    path("chats/<id:room_id>/send/", views.send, name="chat_send"),
    path("chats/<id:room_id>/moderate/", views.moderate_room, name="chat_moderate_room"),
    path("chats/coverage/<id:page_id>/", views.coverage_room, name="chat_coverage_room"),
    path("chats/messages/<id:message_id>/react/", views.react, name="chat_react"),
    path("chats/messages/<id:message_id>/report/", views.report, name="chat_report"),
    path("chats/messages/<id:message_id>/moderate/", views.moderate_message, name="chat_moderate_message"),
]
