from dhakacart.celery import app


def test_the_celery_app_is_named_dhakacart_and_speaks_json():
    assert app.main == "dhakacart"
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]


def test_tasks_are_acknowledged_late_with_time_limits():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit


def test_the_broker_is_the_configured_redis(settings):
    assert app.conf.broker_url == settings.REDIS_URL
