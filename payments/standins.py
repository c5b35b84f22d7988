"""Local stand-ins for SSLCommerz v4 and bKash tokenized checkout, speaking their HTTP endpoints
(SPEC §19) over a real socket: for the tests, `make e2e` and `manage.py payment_sandbox`.

One threaded server serves both: SSLCommerz under `/sslcommerz` and bKash under `/bkash` (the
base URLs to configure). Each has a page where the shopper presses "Pay", "Fail" or "Cancel";
SSLCommerz then posts the browser back to the shop (and, when `send_ipn` is on, sends the IPN),
bKash redirects it to the callback URL. `faults` makes it misbehave: answer slowly, answer 500,
tamper with validation answers, time out on execute, refuse refunds.

Never for production: it accepts any payment, and its credentials are the ones it was given.
"""

import html
import json
import secrets
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STORE_ID = "dhakacart-sandbox"
STORE_PASSWORD = "sandbox-store-password"  # noqa: S105  (a stand-in's own, public credentials)
BKASH_CREDENTIALS = {
    "app_key": "sandbox-app-key",
    "app_secret": "sandbox-app-secret",
    "username": "sandbox-user",
    "password": "sandbox-password",
}


@dataclass
class Faults:
    """How the stand-in misbehaves; tests change these between steps."""

    delay: float = 0.0  # seconds before every answer
    failing_paths: set = field(default_factory=set)  # path endings answered with HTTP 500
    validation: dict = field(default_factory=dict)  # merged into SSLCommerz validation answers
    execute_delay: float = 0.0  # bKash execute completes the payment, then answers this late
    execute_error: str = ""  # bKash execute answers this statusCode (after completing the payment)
    refund_failures: int = 0  # refunds answered with an error before one succeeds
    send_ipn: bool = False  # pressing "Pay" on the SSLCommerz page also sends the IPN


class GatewayStandIn:
    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        self.faults = Faults()
        self.lock = threading.Lock()
        self.sessions: dict[str, dict] = {}  # SSLCommerz, by tran_id
        self.val_ids: dict[str, str] = {}  # val_id → tran_id
        self.payments: dict[str, dict] = {}  # bKash, by paymentID
        self.calls: list[str] = []  # every path asked, in order
        self.refunds: dict[str, dict] = {}
        self.server = ThreadingHTTPServer((host, port), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def settings(self) -> dict:
        """The shop's settings for these stand-ins (names as in dhakacart/settings.py)."""
        return {
            "SSLCOMMERZ_STORE_ID": STORE_ID,
            "SSLCOMMERZ_STORE_PASSWORD": STORE_PASSWORD,
            "SSLCOMMERZ_BASE_URL": f"{self.url}/sslcommerz",
            "BKASH_APP_KEY": BKASH_CREDENTIALS["app_key"],
            "BKASH_APP_SECRET": BKASH_CREDENTIALS["app_secret"],
            "BKASH_USERNAME": BKASH_CREDENTIALS["username"],
            "BKASH_PASSWORD": BKASH_CREDENTIALS["password"],
            "BKASH_BASE_URL": f"{self.url}/bkash",
        }

    def start(self) -> "GatewayStandIn":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, ending: str) -> int:
        return sum(path.endswith(ending) for path in self.calls)

    # --- what pressing a button on the gateway's page does -------------------------------

    def sslcommerz_pay(self, tran_id: str, action: str = "pay") -> dict:
        """Press Pay/Fail/Cancel for an SSLCommerz session: the form its browser posts back."""
        with self.lock:
            session = self.sessions[tran_id]
            if action == "pay":
                if not session.get("val_id"):
                    session["val_id"] = "VAL" + secrets.token_hex(8).upper()
                    session["bank_tran_id"] = "BANK" + secrets.token_hex(6).upper()
                    self.val_ids[session["val_id"]] = tran_id
                session["status"] = "VALID"
            else:
                session["status"] = "FAILED" if action == "fail" else "CANCELLED"
            posted = {
                "tran_id": tran_id,
                "amount": session["amount"],
                "currency": "BDT",
                "status": session["status"],
                "store_id": STORE_ID,
            }
            if action == "pay":
                posted.update(
                    val_id=session["val_id"], bank_tran_id=session["bank_tran_id"], card_type="BKASH-BKash"
                )
            return posted

    def sslcommerz_return_url(self, tran_id: str, action: str = "pay") -> str:
        key = {"pay": "success_url", "fail": "fail_url", "cancel": "cancel_url"}[action]
        return self.sessions[tran_id][key]

    def sslcommerz_send_ipn(self, tran_id: str) -> int:
        """POST the IPN to the shop's ipn_url, server to server, as the gateway does."""
        posted = self.sslcommerz_pay(tran_id) if self.sessions[tran_id]["status"] == "VALID" else None
        body = urllib.parse.urlencode(posted or {}).encode()
        url = self.sessions[tran_id]["ipn_url"]  # the shop's own, given to the stand-in by the shop
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"not an HTTP IPN URL: {url!r}")
        request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310
        # The scheme is checked above: only the shop's own http(s) IPN URL is opened.
        with urllib.request.urlopen(request, timeout=10) as response:  # nosec B310  # noqa: S310
            return response.status

    def bkash_pay(self, payment_id: str, action: str = "pay") -> dict:
        """Press Pay/Fail/Cancel on the bKash page: the query its callback redirect carries."""
        with self.lock:
            payment = self.payments[payment_id]
            payment["authorised"] = action == "pay"
            if action != "pay":
                payment["status"] = "Failed" if action == "fail" else "Cancelled"
        status = {"pay": "success", "fail": "failure", "cancel": "cancel"}[action]
        return {"paymentID": payment_id, "status": status, "signature": secrets.token_hex(8)}

    # --- SSLCommerz endpoints ------------------------------------------------------------

    def sslcommerz_session(self, form: dict) -> dict:
        if form.get("store_id") != STORE_ID or form.get("store_passwd") != STORE_PASSWORD:
            return {"status": "FAILED", "failedreason": "Store Credential Error Or Store is De-active"}
        missing = [
            name for name in ("total_amount", "tran_id", "success_url", "ipn_url") if not form.get(name)
        ]
        if missing or form.get("currency") != "BDT":
            return {"status": "FAILED", "failedreason": f"Invalid data: {', '.join(missing) or 'currency'}"}
        sessionkey = secrets.token_hex(16).upper()
        with self.lock:
            self.sessions[form["tran_id"]] = {
                "amount": f"{Decimal(form['total_amount']):.2f}",
                "sessionkey": sessionkey,
                "status": "UNATTEMPTED",
                **{key: form.get(key, "") for key in ("success_url", "fail_url", "cancel_url", "ipn_url")},
            }
        return {
            "status": "SUCCESS",
            "sessionkey": sessionkey,
            "GatewayPageURL": f"{self.url}/sslcommerz/pay/{form['tran_id']}",
        }

    def _credentials_ok(self, query: dict) -> bool:
        return query.get("store_id") == STORE_ID and query.get("store_passwd") == STORE_PASSWORD

    def sslcommerz_validation(self, query: dict) -> dict:
        if not self._credentials_ok(query):
            return {"status": "INVALID_TRANSACTION", "error": "Store credential error"}
        tran_id = self.val_ids.get(query.get("val_id", ""))
        if tran_id is None:
            return {"status": "INVALID_TRANSACTION"}
        answer = self._element(tran_id)
        answer["status"] = "VALIDATED" if self.sessions[tran_id].get("validated") else "VALID"
        self.sessions[tran_id]["validated"] = True
        return {**answer, **self.faults.validation}

    def _element(self, tran_id: str) -> dict:
        session = self.sessions[tran_id]
        return {
            "status": session["status"],
            "tran_id": tran_id,
            "val_id": session.get("val_id", ""),
            "amount": session["amount"],
            "store_amount": f"{Decimal(session['amount']) * Decimal('0.975'):.2f}",
            "currency": "BDT",
            "bank_tran_id": session.get("bank_tran_id", ""),
            "card_type": "BKASH-BKash",
            "risk_level": "0",
            "risk_title": "Safe",
        }

    def sslcommerz_query(self, query: dict) -> dict:
        if not self._credentials_ok(query):
            return {"APIConnect": "INVALID_REQUEST"}
        if query.get("bank_tran_id"):
            return self.sslcommerz_refund(query)
        session = self.sessions.get(query.get("tran_id", ""))
        if session is None or session["status"] == "UNATTEMPTED":
            return {"APIConnect": "DONE", "no_of_trans_found": 0, "element": []}
        element = {**self._element(query["tran_id"]), **self.faults.validation}
        return {"APIConnect": "DONE", "no_of_trans_found": 1, "element": [element]}

    def sslcommerz_refund(self, query: dict) -> dict:
        if self.faults.refund_failures > 0:
            self.faults.refund_failures -= 1
            return {"APIConnect": "DONE", "status": "failed", "errorReason": "Refund could not be processed"}
        key = query.get("refe_id") or query["bank_tran_id"]
        with self.lock:
            refund = self.refunds.setdefault(key, {"refund_ref_id": "RF" + secrets.token_hex(6).upper()})
        return {
            "APIConnect": "DONE",
            "bank_tran_id": query["bank_tran_id"],
            "trans_id": query.get("refe_id", ""),
            "refund_ref_id": refund["refund_ref_id"],
            "status": "success",
        }

    # --- bKash endpoints -----------------------------------------------------------------

    def bkash_token(self, headers, body: dict, kind: str) -> dict:
        ok = (
            headers.get("username") == BKASH_CREDENTIALS["username"]
            and headers.get("password") == BKASH_CREDENTIALS["password"]
            and body.get("app_key") == BKASH_CREDENTIALS["app_key"]
            and body.get("app_secret") == BKASH_CREDENTIALS["app_secret"]
        )
        if not ok:
            return {"statusCode": "2079", "statusMessage": "Invalid username and password"}
        return {
            "statusCode": "0000",
            "statusMessage": "Successful",
            "id_token": "tok-" + secrets.token_hex(12),
            "token_type": "Bearer",
            "expires_in": 3600,
            "refresh_token": "ref-" + secrets.token_hex(12),
        }

    def bkash_create(self, body: dict, callback_host: str) -> dict:
        payment_id = "TR0011" + secrets.token_hex(10).upper()
        with self.lock:
            self.payments[payment_id] = {
                "amount": f"{Decimal(body['amount']):.2f}",
                "invoice": body.get("merchantInvoiceNumber", ""),
                "callbackURL": body["callbackURL"],
                "status": "Initiated",
                "authorised": False,
            }
        return {
            "statusCode": "0000",
            "statusMessage": "Successful",
            "paymentID": payment_id,
            "bkashURL": f"{callback_host}/bkash/pay/{payment_id}",
            "callbackURL": body["callbackURL"],
            "amount": f"{Decimal(body['amount']):.2f}",
            "intent": "sale",
            "currency": "BDT",
            "merchantInvoiceNumber": body.get("merchantInvoiceNumber", ""),
            "transactionStatus": "Initiated",
        }

    def _bkash_answer(self, payment_id: str) -> dict:
        payment = self.payments[payment_id]
        answer = {
            "paymentID": payment_id,
            "amount": payment["amount"],
            "currency": "BDT",
            "intent": "sale",
            "merchantInvoiceNumber": payment["invoice"],
            "transactionStatus": payment["status"],
            "statusCode": "0000",
            "statusMessage": "Successful",
        }
        if payment.get("trxID"):
            answer["trxID"] = payment["trxID"]
        answer.update(self.faults.validation)
        return answer

    def bkash_execute(self, body: dict) -> dict:
        payment_id = body.get("paymentID", "")
        with self.lock:
            payment = self.payments.get(payment_id)
            if payment is None:
                return {"statusCode": "2056", "statusMessage": "Invalid Payment State"}
            if payment["status"] == "Completed":
                return {"statusCode": "2062", "statusMessage": "The payment has already been completed"}
            if not payment["authorised"]:
                return {"statusCode": "2056", "statusMessage": "Invalid Payment State"}
            payment["status"] = "Completed"
            payment["trxID"] = "TRX" + secrets.token_hex(5).upper()
        if self.faults.execute_delay:
            time.sleep(self.faults.execute_delay)
        if self.faults.execute_error:
            return {"statusCode": self.faults.execute_error, "statusMessage": "System is busy"}
        return self._bkash_answer(payment_id)

    def bkash_status(self, body: dict) -> dict:
        if body.get("paymentID", "") not in self.payments:
            return {"statusCode": "2056", "statusMessage": "Invalid Payment State"}
        return self._bkash_answer(body["paymentID"])

    def bkash_refund(self, body: dict) -> dict:
        payment = self.payments.get(body.get("paymentID", ""))
        if payment is None or payment.get("trxID") != body.get("trxID"):
            return {"statusCode": "2072", "statusMessage": "Invalid trxID"}
        if self.faults.refund_failures > 0:
            self.faults.refund_failures -= 1
            return {"statusCode": "2071", "statusMessage": "Refund could not be processed"}
        with self.lock:
            refund = self.refunds.setdefault(
                payment["trxID"], {"refundTrxID": "RTX" + secrets.token_hex(5).upper()}
            )
        return {
            "statusCode": "0000",
            "statusMessage": "Successful",
            "originalTrxID": payment["trxID"],
            "refundTrxID": refund["refundTrxID"],
            "transactionStatus": "Completed",
            "amount": body.get("amount", payment["amount"]),
            "currency": "BDT",
        }


def _page(title: str, body: str) -> bytes:
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(title)}</title></head><body><main><h1>{html.escape(title)}</h1>{body}"
        "</main></body></html>"
    ).encode()


def _buttons(action: str, amount: str) -> str:
    return (
        f"<p>Amount: BDT {html.escape(amount)}</p>"
        f"<form method='post' action='{html.escape(action)}'>"
        "<button name='action' value='pay'>Pay</button> "
        "<button name='action' value='fail'>Fail</button> "
        "<button name='action' value='cancel'>Cancel</button></form>"
    )


def _handler(standin: GatewayStandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # the stand-in is quiet; tests read `calls`
            return

        def _answer(self, status: int, body: bytes, content_type: str, headers=None):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, answer: dict):
            self._answer(200, json.dumps(answer).encode(), "application/json")

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _prelude(self) -> tuple[str, dict] | None:
            parts = urllib.parse.urlsplit(self.path)
            standin.calls.append(parts.path)
            if standin.faults.delay:
                time.sleep(standin.faults.delay)
            if any(parts.path.endswith(ending) for ending in standin.faults.failing_paths):
                self._answer(500, b"Internal Server Error", "text/plain")
                return None
            return parts.path, dict(urllib.parse.parse_qsl(parts.query))

        def do_GET(self):
            prelude = self._prelude()
            if prelude is None:
                return
            path, query = prelude
            if path == "/sslcommerz/validator/api/validationserverAPI.php":
                return self._json(standin.sslcommerz_validation(query))
            if path == "/sslcommerz/validator/api/merchantTransIDvalidationAPI.php":
                return self._json(standin.sslcommerz_query(query))
            if path.startswith("/sslcommerz/pay/") and path[16:] in standin.sessions:
                amount = standin.sessions[path[16:]]["amount"]
                return self._answer(200, _page("SSLCommerz (stand-in)", _buttons(path, amount)), "text/html")
            if path.startswith("/bkash/pay/") and path[11:] in standin.payments:
                amount = standin.payments[path[11:]]["amount"]
                return self._answer(200, _page("bKash (stand-in)", _buttons(path, amount)), "text/html")
            self._answer(404, b"not found", "text/plain")

        def do_POST(self):
            prelude = self._prelude()
            if prelude is None:
                return
            path, _query = prelude
            raw = self._body()
            if path.startswith("/sslcommerz/"):
                form = dict(urllib.parse.parse_qsl(raw.decode()))
                if path == "/sslcommerz/gwprocess/v4/api.php":
                    return self._json(standin.sslcommerz_session(form))
                if path.startswith("/sslcommerz/pay/") and path[16:] in standin.sessions:
                    return self._sslcommerz_pressed(path[16:], form.get("action", "pay"))
            if path.startswith("/bkash/pay/") and path[11:] in standin.payments:
                form = dict(urllib.parse.parse_qsl(raw.decode()))
                callback = standin.bkash_pay(path[11:], form.get("action", "pay"))
                url = standin.payments[path[11:]]["callbackURL"]
                separator = "&" if "?" in url else "?"
                location = f"{url}{separator}{urllib.parse.urlencode(callback)}"
                return self._answer(302, b"", "text/plain", {"Location": location})
            if path.startswith("/bkash/tokenized/checkout/"):
                return self._bkash(path[len("/bkash/tokenized/checkout/") :], raw)
            self._answer(404, b"not found", "text/plain")

        def _bkash(self, endpoint: str, raw: bytes):
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return self._json({"statusCode": "2001", "statusMessage": "Invalid request body"})
            if endpoint in ("token/grant", "token/refresh"):
                return self._json(standin.bkash_token(self.headers, body, endpoint))
            if self.headers.get("X-App-Key") != BKASH_CREDENTIALS["app_key"] or not self.headers.get(
                "Authorization", ""
            ).startswith("tok-"):
                return self._answer(401, json.dumps({"message": "Unauthorized"}).encode(), "application/json")
            handlers = {
                "create": lambda: standin.bkash_create(body, standin.url),
                "execute": lambda: standin.bkash_execute(body),
                "payment/status": lambda: standin.bkash_status(body),
                "payment/refund": lambda: standin.bkash_refund(body),
            }
            if endpoint not in handlers:
                return self._answer(404, b"not found", "text/plain")
            self._json(handlers[endpoint]())

        def _sslcommerz_pressed(self, tran_id: str, action: str):
            posted = standin.sslcommerz_pay(tran_id, action if action in ("pay", "fail", "cancel") else "pay")
            if action == "pay" and standin.faults.send_ipn:
                threading.Thread(target=standin.sslcommerz_send_ipn, args=(tran_id,), daemon=True).start()
            target = standin.sslcommerz_return_url(tran_id, action if action in ("fail", "cancel") else "pay")
            fields = "".join(
                f"<input type='hidden' name='{html.escape(k)}' value='{html.escape(str(v))}'>"
                for k, v in posted.items()
            )
            body = (
                f"<form id='back' method='post' action='{html.escape(target)}'>{fields}"
                "<button>Return to the shop</button></form>"
                "<script>document.getElementById('back').submit()</script>"
            )
            self._answer(200, _page("SSLCommerz (stand-in)", body), "text/html")

    return Handler
