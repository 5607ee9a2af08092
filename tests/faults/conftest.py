"""Faults a production site meets: a service that does not answer, a worker that is not
running. Each test breaks one thing on 127.0.0.1 (a closed port, a mail server that comes and
goes, a queue with no worker) and checks what users and the durable task queue see."""

import signal
import socketserver
import threading

import pytest
from django.core.management import call_command


@pytest.fixture
def durable_tasks(settings):
    """Production's queue: django-tasks' database backend, taken by `manage.py db_worker`."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(*args: str) -> None:
    """`manage.py db_worker --batch`: take every task that is due, then stop."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", *args, verbosity=0)
    finally:
        for sig, handler in handlers.items():  # the worker installs its own shutdown handlers
            signal.signal(sig, handler)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        server = self.server
        self.reply("220 faults.test ESMTP")
        while line := self.rfile.readline():
            command = line.decode().strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 faults.test")
            elif command.startswith("RCPT") and server.refuse:
                self.reply(server.refuse)
            elif command.startswith(("MAIL", "RCPT", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    lines.append(data)
                server.messages.append(b"".join(lines).decode())
                self.reply("250 OK: queued")
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, refuse: str = ""):
        self.messages: list[str] = []
        self.refuse = refuse
        super().__init__(("127.0.0.1", port), _SMTPHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


@pytest.fixture
def smtp_at(settings, closed_port):
    """Email goes over SMTP to a local port that starts out closed. Call the fixture's
    `start(refuse=...)` to bring a mail server up there."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    servers = []

    class Control:
        port = closed_port

        @staticmethod
        def start(refuse: str = "") -> FakeSMTPServer:
            servers.append(FakeSMTPServer(closed_port, refuse))
            return servers[-1]

    yield Control
    for server in servers:
        server.stop()
