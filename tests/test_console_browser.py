"""The reviewer console in a real browser: Debian's chromium, headless, driven by Playwright.

Starts `vigil serve` on a free 127.0.0.1 port against a seeded temp store, signs in with tokens, works
a case, files an appeal as the account holder and has a different reviewer reverse it. Screenshots go
to test-artifacts/. In CI (CI=true) a missing chromium is a failure, never a skip.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dueprocess_support import auth, native, seed, tokens
from vigil.store import SQLiteStore

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run must install Debian's chromium")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    _require_chromium()
    db = tmp_path_factory.mktemp("browser") / "v.db"
    seed(db)
    tok = tokens(db)
    port = _free_port()
    vigil = Path(sys.executable).parent / "vigil"
    log = (tmp_path_factory.mktemp("log") / "serve.log").open("w")
    proc = subprocess.Popen([str(vigil), "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/v1/health", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                raise RuntimeError("vigil serve did not start") from None
            time.sleep(0.2)
    # a public report on the seeded a1 case, so the reporter view has an outcome to show
    req = urllib.request.Request(base + "/api/v1/reports", method="POST", data=__import__("json").dumps(
        native("r-browser", account_id="a1")).encode(), headers={**auth(tok["rep1"]), "Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=5).close()
    try:
        yield {"base": base, "tok": tok, "db": db}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


class Session:
    """One browser context (cookie jar) with every request, JS error and page status recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.statuses: list[tuple[str, int]] = []
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("response", lambda r: self.statuses.append((r.url, r.status)))

    def sign_in(self, token: str) -> None:
        self.page.goto(self.base + "/console/")
        assert self.page.locator("h1").inner_text().startswith("Sign in")
        self.page.fill("input[name=token]", token)
        self.page.press("input[name=token]", "Enter")  # submitted by Enter
        self.page.wait_for_selector("text=Review queues")
        assert self.page.locator("h1").inner_text() == "vigil console"

    def visit(self, path: str) -> None:
        resp = self.page.goto(self.base + path)
        assert resp is not None and resp.status < 400, (path, resp and resp.status)
        assert self.page.locator("h1").count() >= 1, path

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"console-{name}.png"), full_page=True)

    def flash(self) -> str:
        return str(self.page.locator(".flash").inner_text())

    def submit(self, button: str) -> str:
        """Click a form's button and wait for the page it leads to (a flash already on the page, from an
        earlier answer, must not be read as this one's); returns the new flash."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button).first.click()
        self.page.wait_for_selector(".flash")
        return self.flash()

    def check_clean(self) -> None:
        assert not self.errors, self.errors
        foreign = [u for u in self.requests if not u.startswith(self.base) and not u.startswith("data:")]
        assert not foreign, foreign  # no CDN, nothing off the box
        bad = [(u, s) for u, s in self.statuses if s >= 400]
        assert not bad, bad

    def close(self) -> None:
        self.ctx.close()


def test_work_a_case_and_reverse_it_on_appeal(server: dict[str, Any], browser: Any) -> None:
    base, tok = server["base"], server["tok"]

    # 1. alice signs in, opens the queues, claims the next case and applies the ladder step
    alice = Session(browser, base)
    alice.sign_in(tok["alice"])
    alice.shot("01-home")
    for link in ("Review queues", "Appeals", "Campaign dashboard"):
        assert alice.page.get_by_role("link", name=link).count() >= 1
    alice.page.get_by_role("link", name="Review queues").click()
    alice.page.wait_for_selector("h1:has-text('Review queues')")
    assert alice.page.locator("td.sla-due_soon, td.sla-ok, td.sla-overdue").count() >= 3
    alice.shot("02-queues")
    alice.page.get_by_role("button", name=re.compile("Claim next case")).click()
    alice.page.wait_for_selector("h1:has-text('Case case-')")
    assert "Case claimed" in alice.flash()
    assert alice.page.locator("text=Matched protected entity").count() >= 1  # evidence is shown
    alice.shot("03-case-claimed")
    alice.page.fill("#reason", "Name copies a protected military body")
    alice.page.get_by_role("button", name=re.compile("Apply ladder step")).click()
    alice.page.wait_for_selector("#decision-id")
    assert "Decided:" in alice.flash()
    decision_id = alice.page.locator("#decision-id").inner_text().strip()
    assert decision_id.startswith("d-")
    alice.shot("04-case-decided")
    for path in ("/console/dashboard", "/console/reporters", "/console/appeals"):
        alice.visit(path)  # each answers below 400 with a heading
    alice.visit("/console/dashboard")
    assert alice.page.locator("figure.chart svg").count() >= 2
    alice.shot("05-dashboard")
    # no continuous polling: an idle page makes no requests
    n = len(alice.requests)
    alice.page.wait_for_timeout(2500)
    assert len(alice.requests) == n
    alice.check_clean()
    alice.close()

    # 2. the account holder (signed in with a plain reporter token) files an appeal with the decision id and the
    #    appeal code from the notice; without the code a stranger's appeal is refused
    import json
    import sqlite3

    with sqlite3.connect(server["db"]) as conn:
        notice = json.loads(conn.execute("SELECT body FROM notices WHERE decision_id=?", (decision_id,)).fetchone()[0])
    holder = Session(browser, base)
    holder.sign_in(tok["rep2"])
    holder.page.get_by_role("link", name="Appeals").first.click()
    holder.page.wait_for_selector("h1:has-text('Appeals')")
    holder.page.fill("#decision_id", decision_id)
    holder.page.fill("#appeal-reason", "not my account but I object")
    assert "only the account holder" in holder.submit("File appeal")
    holder.page.fill("#decision_id", decision_id)
    holder.page.fill("#appeal-code", notice["appeal"]["code"])
    holder.page.fill("#appeal-reason", "This is a fan page and says so in the bio")
    assert "filed" in holder.submit("File appeal")
    holder.shot("06-appeal-filed")
    holder.visit("/console/reporters")
    holder.check_clean()
    holder.close()

    # 3. alice may not decide the appeal of her own decision; bob reverses it
    alice2 = Session(browser, base)
    alice2.sign_in(tok["alice"])
    alice2.visit("/console/appeals")
    assert alice2.page.locator("text=a different reviewer must decide").count() == 1
    assert alice2.page.get_by_role("button", name="Reverse decision").count() == 0
    alice2.check_clean()
    alice2.close()

    bob = Session(browser, base)
    bob.sign_in(tok["bob"])
    bob.page.get_by_role("link", name="Appeals").first.click()
    bob.page.wait_for_selector("h1:has-text('Appeals')")
    bob.shot("07-appeal-pending")
    assert "reversed" in bob.submit("Reverse decision")
    assert bob.page.locator("td.appeal-status", has_text="reversed").count() == 1
    bob.shot("08-appeal-reversed")
    bob.visit("/console/queues")
    bob.visit("/console/reporters")
    bob.shot("09-reporters")
    bob.check_clean()
    bob.close()

    store = SQLiteStore(server["db"])
    status = store.conn.execute("SELECT status, decided_by FROM decisions WHERE decision_id=?", (decision_id,)).fetchone()
    appeal = store.conn.execute("SELECT status, decided_by FROM appeals WHERE decision_id=?", (decision_id,)).fetchone()
    store.close()
    assert tuple(status) == ("reversed", "reviewer:alice")
    assert tuple(appeal) == ("reversed", "reviewer:bob")


def test_docs_page_renders_from_local_assets(server: dict[str, Any], browser: Any) -> None:
    s = Session(browser, server["base"])
    s.visit("/docs")
    s.page.wait_for_selector(".swagger-ui .opblock", timeout=20000)
    assert s.page.locator(".opblock").count() >= 10
    s.shot("10-docs")
    s.check_clean()
    s.close()


def test_console_keyboard_only_sign_in(server: dict[str, Any], browser: Any) -> None:
    s = Session(browser, server["base"])
    s.page.goto(server["base"] + "/console/")
    s.page.keyboard.type(server["tok"]["root"])  # the token field has focus on load
    s.page.keyboard.press("Enter")
    s.page.wait_for_selector("text=Review queues")
    for _ in range(12):  # Tab to the Queues link, Enter to follow it
        s.page.keyboard.press("Tab")
        if s.page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == "Queues":
            break
    s.page.keyboard.press("Enter")
    s.page.wait_for_selector("h1:has-text('Review queues')")
    assert s.page.evaluate("document.activeElement.textContent.trim()").startswith("Claim next case")  # autofocus
    s.page.keyboard.press("Enter")  # claims the most urgent case
    s.page.wait_for_selector("h1:has-text('Case case-')")
    s.check_clean()
    s.close()
