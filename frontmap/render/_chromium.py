"""A small driver for real headless Chromium over the DevTools protocol.

Used by the browser tests and the render benchmark (not part of the public API). It starts
``chromium --headless`` with a fresh profile, cuts the network off for the page
(``Network.emulateNetworkConditions``), records every request, console message and uncaught
exception, and evaluates JavaScript in the page. Needs ``websocket-client`` (test extras).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--mute-audio",
    # Anything that would still leave the machine goes to a closed port.
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    load_to_idle_s: float = 0.0


class Chromium:
    """One headless Chromium with one tab. Use as a context manager."""

    def __init__(
        self, binary: str | None = None, *, width: int = 1280, height: int = 860, timeout: float = 60.0
    ):
        self.binary = binary or find_chromium()
        if self.binary is None:
            raise FileNotFoundError("chromium is not installed (Debian: apt-get install chromium)")
        self.width, self.height, self.timeout = width, height, timeout
        self._profile = tempfile.mkdtemp(prefix="frontmap-chromium-")
        self._proc: subprocess.Popen[bytes] | None = None
        self._ws: Any = None
        self._next_id = 0
        self._events: list[dict[str, Any]] = []

    # -- lifecycle
    def __enter__(self) -> Chromium:
        import websocket  # websocket-client

        self._proc = subprocess.Popen(
            [
                self.binary,
                *BASE_FLAGS,
                f"--user-data-dir={self._profile}",
                "--remote-debugging-port=0",
                f"--window-size={self.width},{self.height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self._profile) / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not port_file.is_file() or len(port_file.read_text().splitlines()) < 2:
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        page_ws = self._page_ws(port, deadline)
        self._ws = websocket.create_connection(page_ws, timeout=self.timeout, suppress_origin=True)
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable")
        return self

    def _page_ws(self, port: int, deadline: float) -> str:
        import urllib.request

        # The DevTools HTTP endpoint on loopback; the page target is the about:blank tab.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=5) as resp:
                    targets = json.loads(resp.read().decode())
                for target in targets:
                    if target.get("type") == "page":
                        return str(target["webSocketDebuggerUrl"])
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("chromium has no page target")
            time.sleep(0.05)

    def __exit__(self, *exc: Any) -> None:
        if self._ws is not None:
            try:
                self._ws.close()
            except Exception:  # noqa: BLE001 - closing a dead socket
                pass
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    # -- protocol
    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        msg_id = self._next_id
        self._ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            msg = json.loads(self._ws.recv())
            if msg.get("id") == msg_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return dict(msg.get("result", {}))
            self._events.append(msg)
        raise TimeoutError(method)

    def _pump(self, seconds: float) -> None:
        """Collect events for ``seconds``."""
        self._ws.settimeout(seconds)
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                self._ws.settimeout(max(0.01, end - time.monotonic()))
                self._events.append(json.loads(self._ws.recv()))
        except Exception as err:  # websocket timeout
            if type(err).__name__ not in ("WebSocketTimeoutException", "TimeoutError"):
                raise
        finally:
            self._ws.settimeout(self.timeout)

    # -- high level
    def open(self, path: Path, *, offline: bool = True, idle_ms: int = 500) -> PageReport:
        """Load a local page (network cut off when ``offline``) and wait until it is idle."""
        # Leave the previous page first, so none of its late events is counted against this one.
        self.call("Page.navigate", url="about:blank")
        self._pump(0.2)
        self._events.clear()
        self.call(
            "Network.emulateNetworkConditions",
            offline=offline,
            latency=0,
            downloadThroughput=-1,
            uploadThroughput=-1,
        )
        start = time.monotonic()
        self.call("Page.navigate", url=Path(path).resolve().as_uri())
        deadline = start + self.timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} did not load")
            self._pump(0.05)
        # Idle: no new event for idle_ms and the main thread answers.
        seen = len(self._events)
        while time.monotonic() < deadline:
            self._pump(idle_ms / 1000)
            if len(self._events) == seen:
                break
            seen = len(self._events)
        self.evaluate("1")
        idle = time.monotonic() - start - idle_ms / 1000
        return self._report(max(0.0, idle))

    def _report(self, idle: float) -> PageReport:
        report = PageReport(load_to_idle_s=idle)
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                report.requests.append(params["request"]["url"])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                report.console_errors.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                report.exceptions.append(
                    f"{details.get('text')} {details.get('exception', {}).get('description', '')} "
                    f"at {details.get('url', '')}:{details.get('lineNumber')}:{details.get('columnNumber')}"
                )
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                report.console_errors.append(
                    f"{entry.get('source')}: {entry.get('text')} {entry.get('url', '')}"
                )
        return report

    def evaluate(self, expression: str) -> Any:
        """Value of a JavaScript expression in the page (JSON-serialisable results)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression!r} threw {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> Any:
        """Poll a JavaScript expression until it is truthy (or the timeout passes); return its last value."""
        deadline = time.monotonic() + timeout
        value = self.evaluate(expression)
        while not value and time.monotonic() < deadline:
            time.sleep(0.1)
            value = self.evaluate(expression)
        return value

    def screenshot(self, path: Path) -> Path:
        """Write a PNG of the viewport."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))
        return Path(path)


def available() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if find_chromium() is None:
        return "chromium is not installed (make browser / apt-get install chromium)"
    try:
        import websocket  # noqa: F401
    except ImportError:
        return "websocket-client is not installed (pip install -e '.[test]')"
    if os.environ.get("FRONTMAP_NO_BROWSER"):
        return "FRONTMAP_NO_BROWSER is set"
    return None
