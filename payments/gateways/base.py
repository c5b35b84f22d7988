"""The interface every gateway implements, and the one HTTP call they all make.

Gateway calls use the standard library's HTTP client with PAYMENT_GATEWAY_TIMEOUT_SECONDS (30 by
default). A timeout, a refused connection, a 5xx or an answer that is not JSON is
GatewayUnavailable: "unknown, ask again later", never "failed". Credentials travel in headers,
bodies or the query string and are never logged: log lines name the gateway and the path only.
"""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

logger = logging.getLogger(__name__)


class GatewayError(Exception):
    """The gateway could not be asked, or refused the request."""


class GatewayUnavailable(GatewayError):
    """No usable answer (timeout, connection, 5xx, not JSON): the outcome is unknown."""


class GatewayRefused(GatewayError):
    """The gateway answered and said no (bad credentials, a refused refund, …)."""


class Outcome(StrEnum):
    PAID = "paid"  # the gateway confirms this attempt's money, amount and currency
    REVIEW = "review"  # money arrived but needs staff: risk_level 1, or not the amount due
    FAILED = "failed"
    CANCELLED = "cancelled"
    PENDING = "pending"  # not decided yet at the gateway: change nothing
    INVALID = "invalid"  # not this attempt's transaction (forged or foreign): write nothing


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    raw_status: str
    transaction_id: str = ""
    amount: Decimal | None = None
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Started:
    gateway_id: str
    redirect_url: str
    raw_status: str


@dataclass(frozen=True)
class Refunded:
    refund_id: str
    amount: Decimal
    raw_status: str
    details: dict = field(default_factory=dict)


class Gateway:
    name = ""
    required_settings: tuple[str, ...] = ()

    def __init__(self, settings):
        self.settings = settings
        self.timeout = settings.PAYMENT_GATEWAY_TIMEOUT_SECONDS

    @classmethod
    def configured(cls, settings) -> bool:
        return all(getattr(settings, name, "") for name in cls.required_settings)

    # Where the gateway's payment pages live besides its API's own origin.
    page_origins: tuple[str, ...] = ()

    def shopper_origins(self) -> list[str]:
        """The origins the shopper's browser is sent to (CSP form-action must allow them)."""
        parts = urllib.parse.urlsplit(self.base)
        return [f"{parts.scheme}://{parts.netloc}", *self.page_origins]

    def start(self, *, attempt, order, urls: dict[str, str]) -> Started:
        """Open the attempt at the gateway; where to send the shopper."""
        raise NotImplementedError

    def confirm(self, *, attempt, data: dict) -> Verdict:
        """What the gateway says of what the shopper's browser or its callback brought back."""
        raise NotImplementedError

    def query(self, *, attempt) -> Verdict:
        """Ask the gateway what became of the attempt (reconciliation)."""
        raise NotImplementedError

    def refund(self, *, attempt, payment) -> Refunded:
        """Give the money of `payment` (a PaymentEvent) back."""
        raise NotImplementedError

    @staticmethod
    def reference_of(data: dict) -> tuple[str, str]:
        """(field, value) naming the attempt in what came back: ("reference", …) or ("gateway_id", …)."""
        raise NotImplementedError

    # --- HTTP -----------------------------------------------------------------------------

    def call(self, method: str, url: str, *, form=None, body=None, headers=None, query=None) -> dict:
        """One request; the JSON answer as a dict. Raises GatewayUnavailable."""
        path = urllib.parse.urlsplit(url).path
        if query:
            url = f"{url}?{urllib.parse.urlencode(query)}"
        data = None
        headers = {"Accept": "application/json", **(headers or {})}
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body, default=str).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            # The base URLs come from our own settings (https in production), never from input.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # nosec B310  # noqa: S310
                payload = response.read()
        except urllib.error.HTTPError as error:
            if error.code >= 500:
                raise GatewayUnavailable(f"{self.name} {path}: HTTP {error.code}") from None
            payload = error.read()
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise GatewayUnavailable(f"{self.name} {path}: {type(reason).__name__}") from None
        try:
            answer = json.loads(payload)
        except ValueError:
            raise GatewayUnavailable(f"{self.name} {path}: the answer is not JSON") from None
        if not isinstance(answer, dict):
            raise GatewayUnavailable(f"{self.name} {path}: the answer is not an object")
        return answer


def parse_amount(value) -> Decimal | None:
    """A gateway's amount ("1250.00", 1250) as a Decimal to the paisa, or None when it is not one."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    return amount.quantize(Decimal("0.01"))


def public_details(answer: dict, secret_keys: tuple[str, ...] = ()) -> dict:
    """What of a gateway answer is kept for staff: strings and numbers, never credentials."""
    hidden = {"store_passwd", "store_id", "app_secret", "password", "id_token", "refresh_token", *secret_keys}
    return {
        str(key)[:60]: value if isinstance(value, int | float | bool) or value is None else str(value)[:300]
        for key, value in answer.items()
        if key not in hidden and not isinstance(value, dict | list)
    }
