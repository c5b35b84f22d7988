"""bKash tokenized checkout: grant/refresh, create, execute, payment status, refund (SPEC §19).

The id_token is kept in the cache (shared by every process) until shortly before it ends, and
renewed with token/refresh: one grant per hour, never one per payment. A payment counts only when
bKash says `Completed` with the amount due. A timeout or an error from execute is not a failure:
the status query decides (bKash answers a repeated execute with "already completed" codes).
"""

import hashlib
import time
from decimal import Decimal

from django.core.cache import cache

from .base import (
    Gateway,
    GatewayRefused,
    GatewayUnavailable,
    Outcome,
    Refunded,
    Started,
    Verdict,
    parse_amount,
    public_details,
)

# Renew this long before bKash's expiry, so a token never ends in the middle of a payment.
TOKEN_MARGIN_SECONDS = 300
TOKEN_FALLBACK_LIFETIME = 3600
NOT_DONE = {"Initiated", "Pending Authorized", "Authorized", "Pending"}
FAILED = {"Failed", "Declined", "Expired"}
CANCELLED = {"Cancelled"}


class BkashGateway(Gateway):
    name = "bkash"
    required_settings = ("BKASH_APP_KEY", "BKASH_APP_SECRET", "BKASH_USERNAME", "BKASH_PASSWORD")
    # bkashURL is on bKash's payment site, not the API host (payment.bkash.com and its sandbox).
    page_origins = ("https://*.bkash.com",)

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.BKASH_BASE_URL.rstrip("/")
        self.app_key = settings.BKASH_APP_KEY
        self.app_secret = settings.BKASH_APP_SECRET
        self.username = settings.BKASH_USERNAME
        self.password = settings.BKASH_PASSWORD
        # One cached token per account and base URL; the key says nothing of the secret itself.
        digest = hashlib.sha256(f"{self.base}|{self.app_key}|{self.username}".encode()).hexdigest()[:16]
        self.token_key = f"payments:bkash:token:{digest}"

    @staticmethod
    def reference_of(data: dict) -> tuple[str, str]:
        return "gateway_id", str(data.get("paymentID") or "")[:100]

    # --- token ----------------------------------------------------------------------------

    def _token(self) -> str:
        token = cache.get(self.token_key)
        now = time.time()
        if token and token["renew_at"] > now:
            return token["id_token"]
        if token and token.get("refresh_token"):
            try:
                return self._store(self._token_call("refresh", refresh_token=token["refresh_token"]))
            except GatewayRefused:
                pass  # the refresh token ended too: a new grant below
        return self._store(self._token_call("grant"))

    def _token_call(self, kind: str, **extra) -> dict:
        answer = self.call(
            "POST",
            f"{self.base}/tokenized/checkout/token/{kind}",
            headers={"username": self.username, "password": self.password},
            body={"app_key": self.app_key, "app_secret": self.app_secret, **extra},
        )
        if not answer.get("id_token"):
            raise GatewayRefused(
                f"bkash token/{kind}: {str(answer.get('statusMessage') or answer.get('msg'))[:200]}"
            )
        return answer

    def _store(self, answer: dict) -> str:
        try:
            lifetime = int(answer.get("expires_in") or TOKEN_FALLBACK_LIFETIME)
        except (TypeError, ValueError):
            lifetime = TOKEN_FALLBACK_LIFETIME
        renew_in = max(lifetime - TOKEN_MARGIN_SECONDS, 60)
        token = {
            "id_token": answer["id_token"],
            "refresh_token": answer.get("refresh_token") or "",
            "renew_at": time.time() + renew_in,
        }
        # The refresh token outlives the id_token (28 days at bKash): keep the entry a day.
        cache.set(self.token_key, token, timeout=86400)
        return token["id_token"]

    def _checkout(self, path: str, body: dict) -> dict:
        headers = {"Authorization": self._token(), "X-App-Key": self.app_key}
        answer = self.call("POST", f"{self.base}/tokenized/checkout/{path}", headers=headers, body=body)
        if str(answer.get("statusCode")) in ("9999",) or answer.get("message") == "Unauthorized":
            cache.delete(self.token_key)  # bKash ended the token early: one new grant, one retry
            headers["Authorization"] = self._token()
            answer = self.call("POST", f"{self.base}/tokenized/checkout/{path}", headers=headers, body=body)
        return answer

    # --- payments -------------------------------------------------------------------------

    def start(self, *, attempt, order, urls: dict[str, str]) -> Started:
        answer = self._checkout(
            "create",
            {
                "mode": "0011",
                "payerReference": order.phone[-11:],
                "callbackURL": urls["callback"],
                "amount": f"{attempt.amount:.2f}",
                "currency": "BDT",
                "intent": "sale",
                "merchantInvoiceNumber": attempt.reference,
            },
        )
        if (
            str(answer.get("statusCode")) != "0000"
            or not answer.get("paymentID")
            or not answer.get("bkashURL")
        ):
            raise GatewayRefused(f"bkash create: {str(answer.get('statusMessage'))[:200]}")
        return Started(
            gateway_id=str(answer["paymentID"])[:100],
            redirect_url=str(answer["bkashURL"]),
            raw_status=str(answer.get("transactionStatus") or answer.get("statusMessage") or "")[:200],
        )

    def confirm(self, *, attempt, data: dict) -> Verdict:
        status = str(data.get("status") or "")
        if status == "success":
            try:
                answer = self._checkout("execute", {"paymentID": attempt.gateway_id})
            except GatewayUnavailable:
                return self.query(attempt=attempt)
            verdict = self._judge(attempt, answer)
            # An error ("already completed", a busy system) or anything not final: ask.
            if verdict.outcome in (Outcome.PAID, Outcome.REVIEW):
                return verdict
            return self.query(attempt=attempt)
        verdict = self.query(attempt=attempt)
        if verdict.outcome == Outcome.PENDING and status in ("failure", "cancel"):
            outcome = Outcome.CANCELLED if status == "cancel" else Outcome.FAILED
            return Verdict(outcome, raw_status=f"{verdict.raw_status}; callback {status}")
        return verdict

    def query(self, *, attempt) -> Verdict:
        answer = self._checkout("payment/status", {"paymentID": attempt.gateway_id})
        return self._judge(attempt, answer)

    def _judge(self, attempt, answer: dict) -> Verdict:
        details = public_details(answer)
        transaction_status = str(answer.get("transactionStatus") or "")
        raw = (transaction_status or f"{answer.get('statusCode')} {answer.get('statusMessage')}")[:200]
        if str(answer.get("paymentID") or attempt.gateway_id) != attempt.gateway_id:
            return Verdict(Outcome.INVALID, raw_status=f"{raw}; another paymentID", details=details)
        if transaction_status != "Completed":
            if transaction_status in FAILED:
                return Verdict(Outcome.FAILED, raw_status=raw, details=details)
            if transaction_status in CANCELLED:
                return Verdict(Outcome.CANCELLED, raw_status=raw, details=details)
            return Verdict(Outcome.PENDING, raw_status=raw, details=details)
        amount = parse_amount(answer.get("amount"))
        transaction_id = str(answer.get("trxID") or "")[:100]
        verdict = {"raw_status": raw, "transaction_id": transaction_id, "amount": amount, "details": details}
        if not transaction_id:
            return Verdict(Outcome.PENDING, **{**verdict, "raw_status": f"{raw}; no trxID"})
        if amount != attempt.amount or str(answer.get("currency") or "BDT") != "BDT":
            return Verdict(Outcome.REVIEW, **{**verdict, "raw_status": f"{raw}; not the amount due"})
        return Verdict(Outcome.PAID, **verdict)

    def refund(self, *, attempt, payment) -> Refunded:
        answer = self._checkout(
            "payment/refund",
            {
                "paymentID": attempt.gateway_id,
                "trxID": payment.transaction_id,
                "amount": f"{payment.amount:.2f}",
                "sku": attempt.order.number,
                "reason": "Order cancelled",
            },
        )
        status = str(answer.get("transactionStatus") or "")
        refund_id = str(answer.get("refundTrxID") or "")[:100]
        if status != "Completed" or not refund_id:
            raise GatewayRefused(
                f"bkash refund: {answer.get('statusCode')} {answer.get('statusMessage')}"[:200]
            )
        return Refunded(
            refund_id=refund_id,
            amount=parse_amount(answer.get("amount")) or Decimal(payment.amount),
            raw_status=status,
            details=public_details(answer),
        )
