from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from wagtail.images import get_image_model

        from .signals import scrub_new_image_file

        pre_save.connect(
            scrub_new_image_file, sender=get_image_model(), dispatch_uid="core.scrub_new_image_file"
        )
