"""The gateway stand-ins over a real socket, and online orders to pay."""

from dataclasses import replace

import pytest

from payments.standins import GatewayStandIn


@pytest.fixture
def standin(settings):
    """Both gateways configured against a fresh stand-in; calls time out after 2 s here."""
    server = GatewayStandIn().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    settings.PAYMENT_GATEWAY_TIMEOUT_SECONDS = 2
    yield server
    server.stop()


@pytest.fixture
def online_order(place, rice, customer):
    """An order of two bags of rice (৳840 + ৳60 delivery) to pay with `method`."""

    def make(method: str, **kwargs):
        return place({rice: 2}, customer=replace(customer, payment_method=method), **kwargs)

    return make
