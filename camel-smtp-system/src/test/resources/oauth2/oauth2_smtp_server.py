"""A real OAuth2 token endpoint (Debian's python3-oauthlib) and a real SMTP server (python3-aiosmtpd) that signs
clients in with SASL XOAUTH2 only with an access token the endpoint issued, that has not expired and was not revoked.

The endpoint knows one client (--client-id, --client-secret; client_secret_post or client_secret_basic) and grants
client_credentials, and refresh_token for --refresh-token; tokens live --expires-in seconds. The SMTP server takes the
mailbox --user and rejects a bad token the way Google does (334 with a JSON error, then 535) or, with --reject-535, the
way Microsoft does (535 at once). With --token-tls CERT KEY the endpoint speaks https.

Commands on stdin: "revoke" revokes every token issued so far; "fail N CODE" makes the next N token requests answer
HTTP CODE. Prints READY <smtp-port> <token-port> once both listen, then one line per event:
TOKEN <n> <grant> <post|basic> <token>, TOKEN-REFUSED <error>, TOKEN-FAILED <code>, SESSION, AUTH-OK <user> <n>,
AUTH-REJECTED <user> <n|unknown>, RECEIVED <from> <to,...>. Stops when stdin closes.
"""
import argparse
import base64
import json
import os
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from oauthlib.oauth2 import RequestValidator, Server
from oauthlib.oauth2.rfc6749 import errors

# the endpoint listens on loopback only, as the component allows http:// there only
os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"


def say(*words):
    print(*words, flush=True)


class Tokens:
    """The tokens issued: number, expiry, revoked."""

    def __init__(self):
        self.lock = threading.Lock()
        self.issued = {}

    def add(self, token, expires_in):
        with self.lock:
            number = len(self.issued) + 1
            self.issued[token] = {"n": number, "expires": time.time() + expires_in, "revoked": False}
            return number

    def revoke_all(self):
        with self.lock:
            for token in self.issued.values():
                token["revoked"] = True

    def check(self, token):
        """(number or None, whether it is valid now)"""
        with self.lock:
            found = self.issued.get(token)
            if found is None:
                return None, False
            return found["n"], not found["revoked"] and time.time() < found["expires"]


class Client:
    def __init__(self, client_id):
        self.client_id = client_id


class Validator(RequestValidator):
    def __init__(self, args, tokens):
        self.args = args
        self.tokens = tokens

    def client_authentication_required(self, request, *a, **k):
        return True

    def authenticate_client(self, request, *a, **k):
        header = request.headers.get("Authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            client_id, secret = urllib.parse.unquote_plus(client_id), urllib.parse.unquote_plus(secret)
            request.auth_method = "basic"
        else:
            client_id, secret = request.client_id, request.client_secret
            request.auth_method = "post"
        if client_id != self.args.client_id or secret != self.args.client_secret:
            raise errors.InvalidClientError(description="Invalid client secret provided.", request=request)
        request.client = Client(client_id)
        request.client_id = client_id
        return True

    def authenticate_client_id(self, client_id, request, *a, **k):
        return False

    def validate_grant_type(self, client_id, grant_type, client, request, *a, **k):
        return grant_type in ("client_credentials", "refresh_token")

    def validate_scopes(self, client_id, scopes, client, request, *a, **k):
        return True

    def get_default_scopes(self, client_id, request, *a, **k):
        return ["smtp"]

    def validate_refresh_token(self, refresh_token, client, request, *a, **k):
        return self.args.refresh_token is not None and refresh_token == self.args.refresh_token

    def get_original_scopes(self, refresh_token, request, *a, **k):
        return ["smtp"]

    def is_within_original_scope(self, request_scopes, refresh_token, request, *a, **k):
        return True

    def rotate_refresh_token(self, request):
        return False

    def save_bearer_token(self, token, request, *a, **k):
        number = self.tokens.add(token["access_token"], self.args.expires_in)
        say("TOKEN", number, request.grant_type, request.auth_method, token["access_token"])


class TokenEndpoint(BaseHTTPRequestHandler):
    server_version = "oauthlib-token-endpoint"

    def do_POST(self):
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        with state["lock"]:
            failing = state["fail"] > 0
            if failing:
                state["fail"] -= 1
        if failing:
            say("TOKEN-FAILED", state["fail_code"])
            return self.answer(state["fail_code"], {}, json.dumps({"error": "temporarily_unavailable"}))
        uri = "http://%s:%d%s" % (self.server.server_address[0], self.server.server_address[1], self.path)
        headers, answer, status = state["oauth"].create_token_response(uri, "POST", body, dict(self.headers))
        if status != 200:
            say("TOKEN-REFUSED", json.loads(answer).get("error"))
        self.answer(status, headers, answer)

    def answer(self, status, headers, body):
        data = body.encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class Smtp:
    def __init__(self, args, tokens):
        self.args = args
        self.tokens = tokens

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        say("SESSION", hostname)
        return responses

    async def auth_XOAUTH2(self, server, args):
        blob = args[1] if len(args) > 1 and args[1] != "=" else ""
        fields = dict(part.split("=", 1) for part in base64.b64decode(blob).decode().split("\x01") if "=" in part)
        user = fields.get("user")
        token = fields.get("auth", "")[len("Bearer "):]
        number, valid = self.tokens.check(token)
        if valid and user == self.args.user:
            say("AUTH-OK", user, number)
            return AuthResult(success=True, auth_data=user)
        say("AUTH-REJECTED", user, number or "unknown")
        if self.args.reject_535:
            return AuthResult(success=False, handled=False, message="535 5.7.3 Authentication unsuccessful")
        # RFC 7628 style, as Google answers: an error challenge, the client's empty answer, then 535
        error = json.dumps({"status": "401", "schemes": "bearer", "scope": "https://mail.google.com/"})
        await server.push("334 " + base64.b64encode(error.encode()).decode())
        await server._reader.readline()
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and Password not accepted")

    async def handle_DATA(self, server, session, envelope):
        say("RECEIVED", envelope.mail_from, ",".join(envelope.rcpt_tos))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp-port", type=int, required=True)
    parser.add_argument("--token-port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--refresh-token")
    parser.add_argument("--expires-in", type=int, default=3600)
    parser.add_argument("--user", required=True)
    parser.add_argument("--reject-535", action="store_true")
    parser.add_argument("--token-tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()

    tokens = Tokens()
    endpoint = ThreadingHTTPServer(("127.0.0.1", args.token_port), TokenEndpoint)
    endpoint.daemon_threads = True
    if args.token_tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.token_tls)
        endpoint.socket = context.wrap_socket(endpoint.socket, server_side=True)
    endpoint.state = {"oauth": Server(Validator(args, tokens), token_expires_in=args.expires_in),
                      "lock": threading.Lock(), "fail": 0, "fail_code": 503}
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()

    smtp = Controller(Smtp(args, tokens), hostname="127.0.0.1", port=args.smtp_port, ready_timeout=10,
                      auth_required=True, auth_require_tls=False, auth_exclude_mechanism=["LOGIN", "PLAIN"])
    smtp.start()
    say("READY", args.smtp_port, args.token_port)
    try:
        for line in sys.stdin:
            command = line.split()
            if command[:1] == ["revoke"]:
                tokens.revoke_all()
            elif command[:1] == ["fail"]:
                with endpoint.state["lock"]:
                    endpoint.state["fail"] = int(command[1])
                    endpoint.state["fail_code"] = int(command[2])
            say("DONE", line.strip())
    finally:
        smtp.stop()
        endpoint.shutdown()


if __name__ == "__main__":
    main()
