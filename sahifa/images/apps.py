from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "sahifa.images"
    verbose_name = "Images"
