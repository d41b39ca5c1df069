from django.urls import path

from dateline.search import views

urlpatterns = [path("search/", views.search, name="search")]
