"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache

from dhakacart.celery import app as celery_app


@pytest.fixture(autouse=True, scope="session")
def _celery_runs_tasks_eagerly():
    """Tests run the real task code in-process instead of through a worker."""
    celery_app.conf.task_always_eager = True
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (only this worker's keys: they share one Redis)."""
    _clear_cache()
    yield
    _clear_cache()


def _clear_cache():
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(
        email="rahim@example.com", password="a-Strong-passw0rd", full_name="Rahim Uddin"
    )


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        email="staff@example.com", password="a-Strong-passw0rd", full_name="Staff Member", is_staff=True
    )
