from django.urls import path

from sahifa.search import views

urlpatterns = [
    path("search/suggest/", views.suggest, name="search_suggest"),
]
