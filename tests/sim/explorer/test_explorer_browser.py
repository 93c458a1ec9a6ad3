"""The explorer in a real browser: ``alliance explore`` serves it on a free localhost port
and Debian's headless chromium, driven by Playwright, opens it. Never ``playwright
install``: the browser is the system's (``.ci/run`` installs it with apt-get)."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from sim.scenario.mode_files import mode_scenario

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 120
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"Debian's chromium is not installed at {CHROMIUM}: .ci/run installs it with "
    "'apt-get install -y chromium'; this machine could not, so the browser test cannot run",
)


@pytest.fixture
def served(tmp_path):
    """``alliance explore`` on a small market-only scenario; stopped with Ctrl-C after."""
    scenario = mode_scenario("market_only", population={"enterprises": 150}, steps=40)
    path = tmp_path / "small.yaml"
    path.write_text(yaml.safe_dump(scenario.model_dump(mode="json", exclude={"source_path"})))
    command = [sys.executable, "-m", "sim.commands.main", "explore", str(path)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=STARTUP_SECONDS)
    except queue.Empty:
        proc.kill()
        pytest.fail(f"alliance explore printed no address in {STARTUP_SECONDS} s")
    url = re.search(r"http://127\.0\.0\.1:\d+/", first)
    assert url, first
    yield url.group(0), proc
    if proc.poll() is None:
        proc.kill()


def open_page(playwright, url: str, problems: list[str], outside: list[str]):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def only_local(route):
        if route.request.url.startswith(LOCAL):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(url)
    return browser, page


def changed_image(locator, before: bytes, seconds: float = 10.0) -> bytes:
    """The element's screenshot once it differs from ``before`` (or the last one)."""
    deadline = time.monotonic() + seconds
    shot = locator.screenshot()
    while shot == before and time.monotonic() < deadline:
        time.sleep(0.25)
        shot = locator.screenshot()
    return shot


def test_the_explorer_in_a_real_browser(served, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    url, proc = served
    problems: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser, page = open_page(playwright, url, problems, outside)
        status = page.locator(".explorer-status")
        expect(status).to_have_text(re.compile(r"^step 0 of 40 · seed 1"), timeout=60_000)
        charts = page.locator(".vega-embed")
        expect(charts).to_have_count(2, timeout=30_000)
        network, series = charts.nth(0), charts.nth(1)
        expect(network.locator("canvas, svg").first).to_be_visible()
        expect(series.locator("canvas, svg").first).to_be_visible()
        expect(page.get_by_text("all 150 firms in business")).to_be_visible()
        time.sleep(1.0)  # let vega finish drawing before the reference images
        network_before, series_before = network.screenshot(), series.screenshot()

        page.get_by_role("button", name="Step").click()
        expect(status).to_have_text(re.compile(r"^step 1 of 40"), timeout=30_000)
        assert changed_image(series, series_before) != series_before
        assert changed_image(network, network_before) != network_before

        page.locator(".v-select", has_text="construction mode").click()
        page.locator(".v-menu__content .v-list-item", has_text="government_led").click()
        expect(status).to_have_text(re.compile(r"^step 0 of 40 · seed 1 · mode government_led"))
        expect(page.get_by_text("Government led: the administration organises")).to_be_visible()
        page.get_by_role("button", name="Step").click()
        expect(status).to_have_text(re.compile(r"^step 1 of 40 · seed 1 · mode government_led"))
        page.get_by_role("button", name="▶").click()  # play until a few steps have passed
        expect(status).to_have_text(re.compile(r"^step ([4-9]|[1-4]\d) of 40"), timeout=30_000)
        page.get_by_role("button", name="❚❚").click()

        expect(page.locator(".v-alert.error")).to_have_count(0)
        assert "Traceback" not in page.locator("body").inner_text()
        page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        browser.close()
    assert not problems, problems
    assert not outside, f"the page asked for files off this machine: {outside}"
    assert (tmp_path / "explorer.png").stat().st_size > 10_000

    proc.send_signal(signal.SIGINT)  # Ctrl-C stops the server cleanly
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted (Ctrl-C)" in err
    assert "Traceback" not in err
