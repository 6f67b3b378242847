from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sahifa.core"
    verbose_name = "Sahifa core"

    def ready(self) -> None:
        from sahifa.core import blocks

        blocks.connect()
