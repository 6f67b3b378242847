from django.urls import path

from sahifa.popularity.views import beacon

app_name = "popularity"
urlpatterns = [path("views/<int:article_id>/", beacon, name="beacon")]
