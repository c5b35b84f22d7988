import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Service messages come in the active language; a Bangla page in an earlier test may have left it on."""
    with translation.override("en"):
        yield
