"""SSLCommerz v4: the hosted payment page, the validation API and the transaction query (SPEC §19).

Nothing the gateway posts to the shop (browser return, IPN) is believed: a payment counts only
when the validation API says VALID or VALIDATED for this attempt's tran_id, with the amount due
and BDT. risk_level 1 puts it on hold for staff.
"""

from decimal import Decimal

from .base import (
    Gateway,
    GatewayRefused,
    Outcome,
    Refunded,
    Started,
    Verdict,
    parse_amount,
    public_details,
)

VALID = {"VALID", "VALIDATED"}
FAILED = {"FAILED", "EXPIRED"}
CANCELLED = {"CANCELLED"}


class SslcommerzGateway(Gateway):
    name = "sslcommerz"
    required_settings = ("SSLCOMMERZ_STORE_ID", "SSLCOMMERZ_STORE_PASSWORD")

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.SSLCOMMERZ_BASE_URL.rstrip("/")
        self.credentials = {
            "store_id": settings.SSLCOMMERZ_STORE_ID,
            "store_passwd": settings.SSLCOMMERZ_STORE_PASSWORD,
        }

    @staticmethod
    def reference_of(data: dict) -> tuple[str, str]:
        return "reference", str(data.get("tran_id") or "")[:40]

    def start(self, *, attempt, order, urls: dict[str, str]) -> Started:
        answer = self.call(
            "POST",
            f"{self.base}/gwprocess/v4/api.php",
            form={
                **self.credentials,
                "total_amount": f"{attempt.amount:.2f}",
                "currency": "BDT",
                "tran_id": attempt.reference,
                "success_url": urls["success"],
                "fail_url": urls["fail"],
                "cancel_url": urls["cancel"],
                "ipn_url": urls["ipn"],
                "product_category": "general",
                "product_name": f"DhakaCart order {order.number}",
                "product_profile": "physical-goods",
                "num_of_item": sum(line.quantity for line in order.lines.all()),
                "cus_name": order.customer_name,
                "cus_email": order.email,
                "cus_phone": order.phone,
                "cus_add1": order.address_line,
                "cus_city": order.city,
                "cus_country": "Bangladesh",
                "shipping_method": "Courier",
                "ship_name": order.customer_name,
                "ship_add1": order.address_line,
                "ship_city": order.city,
                "ship_postcode": order.postcode or "0000",
                "ship_country": "Bangladesh",
                "value_a": order.number,
            },
        )
        if answer.get("status") != "SUCCESS" or not answer.get("GatewayPageURL"):
            raise GatewayRefused(f"sslcommerz refused the session: {str(answer.get('failedreason'))[:200]}")
        return Started(
            gateway_id=str(answer.get("sessionkey") or "")[:100],
            redirect_url=str(answer["GatewayPageURL"]),
            raw_status=str(answer.get("status")),
        )

    def confirm(self, *, attempt, data: dict) -> Verdict:
        val_id = str(data.get("val_id") or "")
        if val_id:
            answer = self.call(
                "GET",
                f"{self.base}/validator/api/validationserverAPI.php",
                query={"val_id": val_id, **self.credentials, "v": 1, "format": "json"},
            )
            return self._judge(attempt, answer)
        # A fail or cancel return carries no val_id: the gateway's own record decides.
        verdict = self.query(attempt=attempt)
        if verdict.outcome == Outcome.PENDING:
            posted = str(data.get("status") or "").upper()
            if posted in CANCELLED:
                return Verdict(Outcome.CANCELLED, raw_status=f"{verdict.raw_status}; returned {posted}")
            if posted in FAILED:
                return Verdict(Outcome.FAILED, raw_status=f"{verdict.raw_status}; returned {posted}")
        return verdict

    def query(self, *, attempt) -> Verdict:
        answer = self.call(
            "GET",
            f"{self.base}/validator/api/merchantTransIDvalidationAPI.php",
            query={"tran_id": attempt.reference, **self.credentials, "format": "json"},
        )
        elements = [element for element in answer.get("element") or [] if isinstance(element, dict)]
        verdicts = [self._judge(attempt, element) for element in elements]
        for outcome in (Outcome.PAID, Outcome.REVIEW, Outcome.FAILED, Outcome.CANCELLED):
            for verdict in verdicts:
                if verdict.outcome == outcome:
                    return verdict
        return Verdict(Outcome.PENDING, raw_status=str(answer.get("APIConnect") or "no transaction")[:200])

    def _judge(self, attempt, answer: dict) -> Verdict:
        status = str(answer.get("status") or "").upper()
        details = public_details(answer)
        if status not in VALID:
            outcome = (
                Outcome.FAILED
                if status in FAILED
                else Outcome.CANCELLED
                if status in CANCELLED
                else Outcome.INVALID
                if status.startswith("INVALID")
                else Outcome.PENDING
            )
            return Verdict(outcome, raw_status=status[:200], details=details)
        if str(answer.get("tran_id") or "") != attempt.reference:
            return Verdict(Outcome.INVALID, raw_status=f"{status}; another tran_id", details=details)
        amount = parse_amount(answer.get("amount"))
        transaction_id = str(answer.get("val_id") or answer.get("bank_tran_id") or "")[:100]
        verdict = {
            "raw_status": status,
            "transaction_id": transaction_id,
            "amount": amount,
            "details": details,
        }
        if not transaction_id:
            return Verdict(Outcome.INVALID, **{**verdict, "raw_status": f"{status}; no val_id"})
        if amount != attempt.amount or str(answer.get("currency") or "").upper() != "BDT":
            return Verdict(Outcome.REVIEW, **{**verdict, "raw_status": f"{status}; not the amount due"})
        if str(answer.get("risk_level") or "0") == "1":
            return Verdict(Outcome.REVIEW, **{**verdict, "raw_status": f"{status}; risk_level 1"})
        return Verdict(Outcome.PAID, **verdict)

    def refund(self, *, attempt, payment) -> Refunded:
        bank_tran_id = str(payment.details.get("bank_tran_id") or "")
        if not bank_tran_id:
            raise GatewayRefused("sslcommerz: the payment has no bank_tran_id to refund")
        answer = self.call(
            "GET",
            f"{self.base}/validator/api/merchantTransIDvalidationAPI.php",
            query={
                "bank_tran_id": bank_tran_id,
                "refund_amount": f"{payment.amount:.2f}",
                "refund_remarks": f"DhakaCart order {attempt.order.number}",
                "refe_id": attempt.reference,
                **self.credentials,
                "format": "json",
            },
        )
        status = str(answer.get("status") or "")
        if answer.get("APIConnect") != "DONE" or status not in ("success", "processing"):
            raise GatewayRefused(f"sslcommerz refund: {status or answer.get('APIConnect')}"[:200])
        return Refunded(
            refund_id=str(answer.get("refund_ref_id") or "")[:100] or f"refund-{attempt.reference}",
            amount=Decimal(payment.amount),
            raw_status=status,
            details=public_details(answer),
        )
