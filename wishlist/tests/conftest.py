import pytest
from django.utils import translation


@pytest.fixture
def other_user(django_user_model):
    return django_user_model.objects.create_user(
        email="karim@example.com", password="a-Strong-passw0rd", full_name="Karim Hossain"
    )


@pytest.fixture(autouse=True)
def _english():
    """Service messages come in the active language; a Bangla page in an earlier test may have left it on."""
    with translation.override("en"):
        yield
