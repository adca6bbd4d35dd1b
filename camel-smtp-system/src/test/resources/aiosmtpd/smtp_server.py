"""A real SMTP server (Debian's python3-aiosmtpd) that tests can make misbehave on purpose.

With --pipelining it offers PIPELINING (RFC 2920), which aiosmtpd handles by reading commands in turn. With
--require-pipelining it also answers MAIL FROM with a 451 unless DATA came with it (in the same read), as it does from
a client that sends each group of pipelined commands in one write.

Prints READY once it listens, OPEN and CLOSED as each client connects and goes, SESSION for each EHLO (one per
connection) and RECEIVED <from> <to,...> for each accepted mail; stops when stdin closes.
"""
import argparse
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


_OUTPUT = threading.Lock()


def say(*words):
    """One line to the test, whole: the server's thread and the main thread both write."""
    with _OUTPUT:
        sys.stdout.write(" ".join(str(w) for w in words) + "\n")
        sys.stdout.flush()


class CountingSMTP(SMTP):
    """Says when a client connects and goes, so that tests count open connections without the kernel's tables."""

    def connection_made(self, transport):
        if self._original_transport is None and not getattr(self, "_counted", False):
            self._counted = True
            say("OPEN")
        super().connection_made(transport)

    def connection_lost(self, error):
        say("CLOSED")
        super().connection_lost(error)


class CountingController(Controller):
    def factory(self):
        return CountingSMTP(self.handler, **self.SMTP_kwargs)


class Handler:
    def __init__(self, args):
        self.args = args
        self.mail_failures = 0
        self.data_failures = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        say("SESSION", hostname)
        if self.args.pipelining or self.args.require_pipelining:
            responses.insert(len(responses) - 1, "250-PIPELINING")
        return responses

    @staticmethod
    def pipelined(server):
        """Whether DATA came with MAIL FROM: what the client sent and this server has not handled yet is in aiosmtpd's
        stream reader."""
        return b"DATA\r\n" in server._reader._buffer

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.args.require_pipelining and not self.pipelined(server):
            return "451 4.5.0 The client did not pipeline: DATA did not come with MAIL FROM"
        if self.mail_failures < self.args.fail_mail:
            self.mail_failures += 1
            return "%d 4.3.2 Service not available, try again later" % self.args.fail_mail_code
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.args.reject_rcpt:
            return "550 5.1.1 <%s>: Recipient address rejected: no such user" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_failures < self.args.fail_data:
            self.data_failures += 1
            return "%d 4.3.0 Temporary failure, try again later" % self.args.fail_data_code
        say("RECEIVED", envelope.mail_from, ",".join(envelope.rcpt_tos))
        return "250 OK"


def authenticator(expected):
    user, password = expected.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok)

    return check


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--fail-mail", type=int, default=0)
    parser.add_argument("--fail-mail-code", type=int, default=421)
    parser.add_argument("--fail-data", type=int, default=0)
    parser.add_argument("--fail-data-code", type=int, default=451)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--pipelining", action="store_true")
    parser.add_argument("--require-pipelining", action="store_true")
    args = parser.parse_args()

    options = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.starttls)
        options.update(tls_context=context, require_starttls=True)
    if args.auth:
        # aiosmtpd offers AUTH only after STARTTLS unless told otherwise
        options.update(authenticator=authenticator(args.auth), auth_required=True,
                       auth_require_tls=bool(args.starttls))
    controller = CountingController(Handler(args), hostname="127.0.0.1", port=args.port, ready_timeout=10, **options)
    controller.start()
    say("READY")
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
