"""Contract fuzzing of a real Ceki server with schemathesis (issue #17): scripts/fuzz runs this.

It starts what a run needs and nothing else: an SMTP sink (aiosmtpd, in this process) that catches the login and
verification codes, a fresh database, and `ceki serve` on a free port with deposit keys and a webhook secret. It then
signs in as a user (registration, the mailed code, login) and as an agent (registration, the mailed code, a signed
deposit that makes it active and funded), and runs schemathesis twice: the user operations with the user's token and
the agent operations with the agent's key. Exit status: schemathesis's (0 when nothing failed).

Arguments: the ceki binary, the admin DATABASE_URL, then schemathesis options (e.g. --max-examples 5 --seed 1).
"""

import hashlib
import hmac
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from aiosmtpd.controller import Controller

# The "abandon ... about" test mnemonic's accounts (Tests/Support/TestDepositKeys.swift): anyone can spend from
# them, which is what a fuzzing server's deposit addresses should be.
BTC_ACCOUNT = "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs"
ETH_ACCOUNT = "xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt"
WEBHOOK_SECRET = "fuzz-webhook-secret"


class Mailbox:
    """Every mail the server sends, as text."""

    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"

    def code_for(self, address, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for recipients, text in reversed(self.mails):
                if address in recipients:
                    found = re.search(r"\b(\d{6})\b", text)
                    if found:
                        return found.group(1)
            time.sleep(0.2)
        raise SystemExit(f"fuzz: no code was mailed to {address}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, method, path, body=None, token=None, headers=None, form=None):
    data, all_headers = None, dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    if form is not None:
        data = "&".join(f"{k}={urllib.parse.quote(str(v))}" for k, v in form.items()).encode()
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=data, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(req) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def must(answer, expected, what):
    status, body = answer
    if status != expected:
        raise SystemExit(f"fuzz: {what} answered {status}: {body}")
    return body


def database_url(admin_url, name):
    """The admin URL with the database `name`."""
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def leaked_secrets(log_path, secrets, mailbox):
    """The log lines (at trace level, the most the server writes) holding a credential of the run or a code it mailed."""
    codes = {found for _, text in mailbox.mails for found in re.findall(r"\b(\d{6})\b", text)}
    patterns = [re.escape(secret) for secret in secrets if secret] + [rf"\b{code}\b" for code in codes]
    if not patterns:
        return []
    matcher = re.compile("|".join(patterns))
    with open(log_path, encoding="utf-8", errors="replace") as lines:
        return [line.rstrip() for line in lines if matcher.search(line)]


def main():
    binary, admin_url, *schemathesis_options = sys.argv[1:]
    mailbox = Mailbox()
    smtp_port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()

    name = "ceki_fuzz"
    subprocess.run(["psql", "-q", admin_url, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)",
                    "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tempfile.NamedTemporaryFile(prefix="ceki-fuzz-", suffix=".log", delete=False)
    environment = dict(
        os.environ, DATABASE_URL=database_url(admin_url, name), HOST="127.0.0.1", PORT=str(port),
        APP_SECRET=uuid.uuid4().hex + uuid.uuid4().hex, SMTP_URL=f"smtp://127.0.0.1:{smtp_port}?starttls=never",
        WALLET_XPUB_BTC=BTC_ACCOUNT, WALLET_XPUB_ETH=ETH_ACCOUNT, WALLET_WEBHOOK_SECRET=WEBHOOK_SECRET,
        LOG_LEVEL="trace", LOG_FORMAT="json")
    server = subprocess.Popen([binary, "serve"], env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            try:
                if request(base, "GET", "/health")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit(f"fuzz: the server did not start (log: {log.name})")

        # A user: registration mails a code, the code signs in.
        email = f"fuzz-{uuid.uuid4().hex[:8]}@example.com"
        must(request(base, "POST", "/api/register", form={"name": "Fuzz User", "email": email, "terms": "true"}),
             201, "registerUser")
        login = must(request(base, "POST", "/api/login", body={"email": email, "password": mailbox.code_for(email)}),
                     200, "login")
        token = login.get("token") or login.get("access_token")

        # An agent: registration, the mailed code, and a confirmed deposit that activates and funds it.
        agent_email = f"fuzz-agent-{uuid.uuid4().hex[:8]}@example.com"
        agent = must(request(base, "POST", "/api/agent/register", body={"name": "Fuzz Bot", "email": agent_email}),
                     201, "registerAgent")
        key = agent["api_key"]
        must(request(base, "POST", "/api/agent/verify-email",
                     body={"email": agent_email, "code": mailbox.code_for(agent_email)}), 200, "verifyAgentEmail")
        wallet = must(request(base, "GET", "/api/agent/wallet", token=key), 200, "getAgentWallet")
        address = wallet["wallets"][0]["deposit_address"]
        deposit = json.dumps({"address": address, "currency": "USDT", "amount": "1000", "tx_hash": "0x" + uuid.uuid4().hex + uuid.uuid4().hex,
                              "confirmations": 12})
        stamp = str(int(time.time()))
        signature = hmac.new(WEBHOOK_SECRET.encode(), f"{stamp}.{deposit}".encode(), hashlib.sha256).hexdigest()
        req = urllib.request.Request(base + "/webhooks/deposits", data=deposit.encode(), method="POST", headers={
            "Content-Type": "application/json", "X-Ceki-Timestamp": stamp, "X-Ceki-Signature": "sha256=" + signature})
        try:
            urllib.request.urlopen(req).read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"fuzz: the deposit answered {error.code}: {error.read().decode()}")

        status = 0
        for scope, credential in (("--exclude-path-regex", token), ("--include-path-regex", key)):
            print(f"fuzz: {'user' if credential == token else 'agent'} operations", flush=True)
            result = subprocess.run([
                "schemathesis", "--config-file", os.path.join(os.path.dirname(__file__), "fuzz.toml"), "run",
                f"{base}/openapi.yaml", "--url", base, scope, "^/api/agent/",
                "-H", f"Authorization: Bearer {credential}",
                # Both end the credential the rest of the run signs in with; their own tests cover them.
                "--exclude-operation-id", "logout", "--exclude-operation-id", "regenerateAgentApiKey",
                *schemathesis_options])
            status = status or result.returncode
        print(f"fuzz: server log in {log.name}")
        leaks = leaked_secrets(log.name, [token, key, WEBHOOK_SECRET, environment["APP_SECRET"]], mailbox)
        if leaks:
            print("fuzz: secrets in the server's log (keys, tokens, codes, the webhook and app secrets):")
            for line in leaks[:20]:
                print("  " + line[:300])
            return status or 1
        print("fuzz: no key, token, mailed code or secret in the server's log")
        return status
    finally:
        server.terminate()
        server.wait(timeout=20)
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
