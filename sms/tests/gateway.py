"""A stand-in for SSL Wireless SMS Plus on a spare local port, in a thread of the test process.

It speaks the gateway's endpoint (`POST /api/v3/send-sms`, JSON in and out), refuses a bad token
and a `csms_id` it has taken before as the real one does, and records what it took. It can be
told to refuse everything (`refuse`), to hold each answer until the test releases it (`stall`: the
message is taken, the answer comes too late),
and it can be started late on a port reserved up front (`down()` then `up()`), as a gateway
that is unreachable for a while.
"""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "test-api-token"
SENDER = "DHAKACART"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet: the tests read the requests instead
        pass

    def do_POST(self):
        gateway: FakeGateway = self.server.owner
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        gateway.requests.append((self.path, body))
        if self.path != "/api/v3/send-sms":
            return self._answer(404, {"status": "FAILED", "status_code": 404, "error_message": "Not found"})
        if gateway.refuse:
            return self._answer(
                200, {"status": "FAILED", "status_code": 4003, "error_message": gateway.refuse}
            )
        if body.get("api_token") != TOKEN:
            return self._answer(
                200, {"status": "FAILED", "status_code": 4001, "error_message": "Unauthorized"}
            )
        with gateway.lock:
            if body["csms_id"] in gateway.taken:
                return self._refuse(4025, "Duplicate CSMS ID")
            gateway.taken[body["csms_id"]] = body
        reply = {
            "status": "SUCCESS",
            "status_code": 200,
            "error_message": "",
            "smsinfo": [
                {
                    "sms_status": "SUCCESS",
                    "status_message": "Success",
                    "msisdn": body["msisdn"],
                    "sms_body": body["sms"],
                    "csms_id": body["csms_id"],
                    "reference_id": f"REF-{len(gateway.taken)}",
                }
            ],
        }
        self._answer(200, reply)

    def _refuse(self, code: int, message: str):
        self._answer(200, {"status": "FAILED", "status_code": code, "error_message": message})

    def _answer(self, status: int, body: dict):
        gateway: FakeGateway = self.server.owner
        if gateway.stall:  # what it did is done; the answer comes too late
            gateway.stalled.set()
            gateway.release.wait(timeout=30)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
            pass


class FakeGateway:
    def __init__(self):
        self.requests: list[tuple[str, dict]] = []
        self.taken: dict[str, dict] = {}
        self.refuse = ""
        self.stall = False
        self.stalled = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        self._server = None
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()  # reserved by number only: nothing listens until up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def settings_for(self, settings, timeout: int = 5) -> None:
        settings.SMS_BACKEND = "ssl_wireless"
        settings.SMS_BASE_URL = self.url
        settings.SMS_API_TOKEN = TOKEN
        settings.SMS_SENDER_ID = SENDER
        settings.SMS_TIMEOUT = timeout

    def up(self) -> "FakeGateway":
        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _Handler)
        self._server.owner = self
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def down(self) -> None:
        if self._server is not None:
            self.release.set()
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.up()

    def __exit__(self, *exc):
        self.down()
