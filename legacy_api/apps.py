from django.apps import AppConfig


class LegacyApiConfig(AppConfig):
    name = "legacy_api"
    verbose_name = "Legacy API"

    def ready(self):
        from dhakacart.views import register_error_door

        from .errors import LEGACY_PREFIX, legacy_json_error

        register_error_door(LEGACY_PREFIX, legacy_json_error)
