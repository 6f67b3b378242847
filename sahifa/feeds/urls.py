"""Feed addresses under a language's prefix (`i18n_patterns` in `sahifa.urls`), before
the public pages' catch-all route: `feed` is reserved as a category and article slug."""

from django.urls import path

from sahifa.feeds import views

urlpatterns = [
    path("feed/", views.rss, name="feed_rss"),
    path("feed/atom/", views.atom, name="feed_atom"),
    path("feed/json/", views.json_feed, name="feed_json"),
    path("<slug:category_slug>/feed/", views.rss, name="category_feed_rss"),
    path("<slug:category_slug>/feed/atom/", views.atom, name="category_feed_atom"),
]
