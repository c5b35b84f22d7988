from dhakacart.exceptions import DomainError


class PaymentError(DomainError):
    """A payment that cannot be started or recorded; nothing was written."""


class PaymentNotPossible(PaymentError):
    """The order is not awaiting payment (paid, cancelled, cash on delivery)."""

    code = "payment_not_possible"


class PaymentGatewayUnavailable(PaymentError):
    """The gateway did not answer or refused to open the payment: try again in a moment."""

    code = "payment_gateway_unavailable"


class PaymentNotRecognised(PaymentError):
    """What came back names no attempt of ours, or the gateway does not confirm it."""

    code = "payment_not_recognised"
