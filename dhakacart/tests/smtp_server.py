"""A small SMTP server on a spare local port, in a thread of the test process.

It speaks just enough SMTP for Django's SMTP backend, records every message it accepts, and can
be told to stall: `stall_greeting` accepts connections but never says hello, `hold_data` keeps a
client waiting after DATA until the test releases it.
"""

import socketserver
import threading
from email import message_from_bytes


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        server: SmtpServer = self.server.owner
        server.connected.set()
        if server.stall_greeting:
            server.release.wait()
            return
        self._reply(b"220 test.local ESMTP")
        recipients = []
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self._reply(b"250 test.local")
            elif command.startswith(b"MAIL FROM"):
                recipients = []
                self._reply(b"250 OK")
            elif command.startswith(b"RCPT TO"):
                recipients.append(line.decode().split(":", 1)[1].strip())
                server.recipients.append(recipients[-1])
                self._reply(b"250 OK")
            elif command == b"DATA":
                self._reply(b"354 End data with <CR><LF>.<CR><LF>")
                body = self._read_data()
                server.in_data.set()
                if server.hold_data:
                    server.release.wait()
                server.received.append(message_from_bytes(body))
                self._reply(b"250 OK queued")
            elif command == b"QUIT":
                self._reply(b"221 Bye")
                return
            else:
                self._reply(b"250 OK")

    def _read_data(self) -> bytes:
        lines = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)

    def _reply(self, text: bytes) -> None:
        self.wfile.write(text + b"\r\n")
        self.wfile.flush()


class _ThreadingServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpServer:
    def __init__(self, *, stall_greeting: bool = False, hold_data: bool = False):
        self.stall_greeting = stall_greeting
        self.hold_data = hold_data
        self.connected = threading.Event()
        self.in_data = threading.Event()
        self.release = threading.Event()
        self.received = []
        self.recipients = []
        self._server = _ThreadingServer(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def settings_for(self, settings, *, timeout: float) -> None:
        """Point Django's SMTP backend at this server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = timeout
