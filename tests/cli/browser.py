"""Headless Chromium driven through the Chrome DevTools protocol, with aiohttp's websocket client
(textual-serve brings aiohttp): open a page, read the page's state, take screenshots.

``--screenshot`` with ``--virtual-time-budget`` does not wait for a websocket's data, so the
picture would be taken before the app has drawn anything; here the test polls instead.
"""

from __future__ import annotations

import asyncio
import base64
import shutil
import subprocess
import tempfile
from pathlib import Path

import aiohttp

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# The picture's distinct colours, counted in the page itself (it decodes PNG; Python here
# has no image library).
COUNT_COLOURS = """
(async (png) => {
  const blob = await (await fetch("data:image/png;base64," + png)).blob();
  const bitmap = await createImageBitmap(blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const g = canvas.getContext("2d");
  g.drawImage(bitmap, 0, 0);
  const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const seen = new Set();
  for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  return seen.size;
})
"""


def chromium() -> str | None:
    return next((found for name in NAMES if (found := shutil.which(name))), None)


class Page:
    """``url`` in the one tab of a headless Chromium of its own (profile in a temporary folder).
    The page is opened at start, as navigating a blank tab later swaps its renderer under the
    protocol's feet."""

    def __init__(self, binary: str, url: str, width: int = 1280, height: int = 800) -> None:
        # Chromium may still be writing its profile as it exits: removing it must not fail the test
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--remote-debugging-port=0",
                f"--user-data-dir={self.profile.name}", f"--window-size={width},{height}",
                url,
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.session: aiohttp.ClientSession | None = None
        self.ws = None
        self.sent = 0

    async def __aenter__(self) -> Page:
        port_file = Path(self.profile.name) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().strip():
                break
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium ended at start ({self.process.returncode})")
            await asyncio.sleep(0.1)
        port = port_file.read_text().split()[0]
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"http://127.0.0.1:{port}/json") as response:
            targets = await response.json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = await self.session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.profile.cleanup()

    async def call(self, method: str, **params) -> dict:
        self.sent += 1
        await self.ws.send_json({"id": self.sent, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json()
            if message.get("id") == self.sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    async def evaluate(self, expression: str):
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        return result["result"].get("value")

    async def screenshot(self) -> bytes:
        return base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])

    async def colours(self, png: bytes) -> int:
        return await self.evaluate(f"{COUNT_COLOURS}({base64.b64encode(png).decode()!r})")
