from django.urls import path

from dateline.core import converters  # noqa: F401  (registers <id:…>)
from dateline.discussion import counts, views

urlpatterns = [
    path("discussion/<id:story_id>/", views.discussion, name="discussion"),
    path("discussion/<id:story_id>/comments/", views.post_comment, name="discussion_post"),
    path("discussion/<id:story_id>/threads/<id:thread_id>/", views.thread, name="discussion_thread"),
    path("discussion/comments/<id:comment_id>/", views.permalink, name="comment_permalink"),
    path("discussion/comments/<id:comment_id>/edit/", views.edit_comment, name="comment_edit"),
    path("discussion/comments/<id:comment_id>/delete/", views.delete_comment, name="comment_delete"),
    path("discussion/comments/<id:comment_id>/react/", views.react, name="comment_react"),
    path("discussion/comments/<id:comment_id>/report/", views.report, name="comment_report"),
    path("discussion/counts/", counts.discussion_counts, name="discussion_counts"),
]
