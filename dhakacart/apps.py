from django.apps import AppConfig


class DhakaCartConfig(AppConfig):
    name = "dhakacart"
    verbose_name = "DhakaCart"

    def ready(self):
        from django_prometheus.middleware import PrometheusAfterMiddleware, PrometheusBeforeMiddleware

        from . import checks  # noqa: F401 - registers the deploy checks

        # django-prometheus makes its request metrics on the first middleware load, unlocked: two
        # threads loading middleware at once (threaded servers, test clients in threads) would
        # both register them and fail with DuplicateTimeseries. Make them once, here.
        for middleware in (PrometheusBeforeMiddleware, PrometheusAfterMiddleware):
            middleware.metrics_cls.get_instance()
