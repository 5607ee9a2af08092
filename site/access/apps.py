import importlib
import pkgutil

from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "access"
    verbose_name = "Access policy"

    def ready(self):
        # Every module of this package registers its rules on import.
        for module in pkgutil.iter_modules(importlib.import_module(self.name).__path__):
            if module.name not in {"apps", "core"}:
                importlib.import_module(f"{self.name}.{module.name}")
