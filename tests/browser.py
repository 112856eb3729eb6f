"""Headless Chromium for the HTML explorer tests and the render benchmark.

Debian's ``chromium`` driven by Playwright's Python package through
``executable_path``: Playwright never downloads a browser here. Pages are
opened from ``file://`` with every other request aborted and recorded, so a
test can assert that nothing tried to reach the network.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from playwright.sync_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Page,
    Route,
    sync_playwright,
)

__all__ = [
    "CHROMIUM_ARGS",
    "OfflinePage",
    "chromium_path",
    "launch_chromium",
    "open_offline",
    "poll_until",
]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, else ``/usr/bin/chromium``, else on PATH."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Start headless Chromium; raise ``FileNotFoundError`` if it is not installed."""
    executable = chromium_path()
    if executable is None:
        raise FileNotFoundError("chromium is not installed (make browser installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflinePage:
    """A page opened from a file, with what it tried to fetch and what it logged."""

    page: Page
    context: BrowserContext
    devtools: CDPSession
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu_before: float = 0.0

    def main_thread_cpu(self) -> float:
        """CPU seconds the page's main thread has used since navigation began.

        Unlike wall-clock time, this does not grow when other processes
        compete for the CPU, so it compares runs on a busy machine.
        """
        return _thread_time(self.devtools) - self.cpu_before

    def close(self) -> None:
        self.context.close()


def _thread_time(devtools: CDPSession) -> float:
    metrics = devtools.send("Performance.getMetrics")["metrics"]
    return next(metric["value"] for metric in metrics if metric["name"] == "ThreadTime")


def open_offline(
    browser: Browser,
    path: Path,
    *,
    ready: str | None = None,
    timeout_s: float = 60.0,
    bypass_csp: bool = False,
    init_script: str | None = None,
    wait_until: Literal["commit", "domcontentloaded", "load"] = "load",
) -> OfflinePage:
    """Open ``path`` with every non-``file://`` request aborted and recorded.

    ``ready`` is a JavaScript expression polled after loading until it is
    true. The route is on the context, so pop-ups and new tabs are blocked
    too. ``bypass_csp`` switches off the page's Content-Security-Policy, to
    test that the page's own code is safe without that second defence.
    ``init_script`` runs in the page before any of the page's own scripts.
    ``wait_until`` is the navigation step to wait for before polling ``ready``
    (``"commit"`` for a page whose scripts may block loading for long).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp)
    if init_script is not None:
        context.add_init_script(init_script)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Performance.enable")
    opened = OfflinePage(page=page, context=context, devtools=devtools)

    def block(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            opened.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    page.on(
        "console", lambda message: message.type == "error" and opened.errors.append(message.text)
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    opened.cpu_before = _thread_time(devtools)
    page.goto(path.resolve().as_uri(), wait_until=wait_until, timeout=timeout_s * 1000)
    if ready is not None:
        poll_until(page, ready, timeout_s)
    return opened


def poll_until(page: Page, expression: str, timeout_s: float) -> float:
    """Poll ``expression`` until it is true; return the seconds waited.

    Polled from Python with ``page.evaluate`` rather than with
    ``page.wait_for_function``, whose predicate is compiled with ``eval`` in
    the page and so is refused by a strict Content-Security-Policy.
    """
    start = time.perf_counter()
    while not page.evaluate(expression):
        if time.perf_counter() - start > timeout_s:
            raise TimeoutError(f"{expression!r} not true after {timeout_s:.0f} s")
        time.sleep(0.02)
    return time.perf_counter() - start
