"""Test-only settings: production's, with a URLconf that adds a slow page (see slow_urls)."""

from dhakacart.settings import *  # noqa: F403

ROOT_URLCONF = "dhakacart.tests.slow_urls"
