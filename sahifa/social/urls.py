"""Addresses outside the language prefixes: the web app manifest, and the lasting
address of each article's social image (see `pictures`)."""

from django.urls import path

from sahifa.social import views

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="web_manifest"),
    path("social/articles/<int:pk>/image/", views.article_image, name="social_article_image"),
]
