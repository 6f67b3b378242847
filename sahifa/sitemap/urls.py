"""Sitemaps and robots.txt at the site's root (a sitemap may only list addresses under
its own folder, so every file is at the root)."""

from django.urls import path, re_path

from sahifa.sitemap import views

LANGUAGE_PAGE = r"(?P<language>[a-z]+(?:-[a-z]+)?)-(?P<page>[0-9]{1,6})"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.index, name="sitemap_index"),
    path("sitemap-pages.xml", views.pages, name="sitemap_pages"),
    re_path(rf"^sitemap-articles-{LANGUAGE_PAGE}\.xml$", views.articles, name="sitemap_articles"),
    re_path(rf"^sitemap-news-{LANGUAGE_PAGE}\.xml$", views.news, name="sitemap_news"),
]
