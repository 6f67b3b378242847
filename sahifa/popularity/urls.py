from django.urls import path

from sahifa.core import api  # noqa: F401 - registers the "id" converter
from sahifa.popularity.views import beacon

app_name = "popularity"
urlpatterns = [path("views/<id:article_id>/", beacon, name="beacon")]
