from django.urls import path

from sahifa.related import views

app_name = "related"
urlpatterns = [path("similar/<path:reference>/", views.similar, name="similar")]
