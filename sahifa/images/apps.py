from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "sahifa.images"
    verbose_name = "Images"

    def ready(self) -> None:
        from sahifa.core import blocks

        # Cached cards carry their pictures' sizes: an edited picture (its focal point)
        # renews them. A new size of a picture renews nothing.
        blocks.renew_on_save("images", "images.NewsImage")
