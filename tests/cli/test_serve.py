"""``salestui serve``: the app in a browser, for the person who started it and nobody else.

A real server runs in a process of its own on a free port against the small organisation of
tests/fixtures.py (boss bound to the account running the tests); requests go to it over HTTP and
websockets, and a headless Chromium opens the printed address and must show the board.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import aiohttp
import pytest

from salestui.context import ENV_DB
from tests import fixtures
from tests.cli import browser
from tests.cli.test_cli import one_line_error

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)")


@contextmanager
def serving(folder: Path):
    """(base address, token, the process) of a server started as a person would, on a database
    of its own in ``folder``; stopped with SIGINT (Ctrl+C) at the end."""
    db = fixtures.bind_the_top(fixtures.build(str(folder / "sales.db")), admin=True)
    home = folder / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != ENV_DB}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    out, err = folder / "out.txt", folder / "err.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "salestui", "--db", db, "serve", "--port", "0"],
            stdout=stdout, stderr=stderr, env=env, cwd=folder,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while not (found := URL.search(out.read_text())):
            assert process.poll() is None, f"the server ended: {err.read_text()}"
            assert time.monotonic() < deadline, "no address printed in 90 s"
            time.sleep(0.2)
        assert err.read_text() == "", "a localhost server warns of nothing"
        yield f"http://127.0.0.1:{found[1]}", found[2], process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(base address, token, the folder of the run) of one server for the module's tests."""
    folder = tmp_path_factory.mktemp("serve")
    with serving(folder) as (base, token, _):
        yield base, token, folder


def status(url: str) -> int:
    try:
        with urlopen(url, timeout=30) as response:
            return response.status
    except HTTPError as exc:
        return exc.code


def test_the_printed_address_is_a_secret_only_its_holder_uses(served):
    base, token, folder = served
    said = (folder / "out.txt").read_text()
    assert "Serving salestui as boss." in said
    assert f"    {base}/?token={token}\n" in said
    assert len(token) >= 40  # 32 random bytes
    assert status(f"{base}/") == 403
    assert status(f"{base}/?token=") == 403
    assert status(f"{base}/?token={token[:-1]}") == 403
    assert status(f"{base}/?token={token}x") == 403
    assert status(f"{base}/nothing-here") == 403  # no hint what exists without the token
    assert status(f"{base}/download/abc") == 403
    assert status(f"{base}/?token={token}") == 200
    assert status(f"{base}/static/js/textual.js") == 200  # the public library, nothing of ours


def test_the_page_carries_the_token_to_its_websocket_and_leaks_it_nowhere(served):
    base, token, _ = served
    with urlopen(f"{base}/?token={token}", timeout=30) as response:
        page = response.read().decode()
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
    ws = base.replace("http://", "ws://")
    assert f'data-session-websocket-url="{ws}/ws/{token}"' in page
    assert "/static/js/textual.js" in page


async def _handshake(url: str) -> int:
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, timeout=aiohttp.ClientWSTimeout(ws_close=5)) as ws:
                message = await asyncio.wait_for(ws.receive(), 60)
                assert message.type == aiohttp.WSMsgType.BINARY, message  # the app's first frame
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


def test_the_websocket_needs_the_token(served):
    base, token, _ = served
    ws = base.replace("http://", "ws://")
    assert asyncio.run(_handshake(f"{ws}/ws")) == 403
    assert asyncio.run(_handshake(f"{ws}/ws/?width=80&height=24")) == 403
    assert asyncio.run(_handshake(f"{ws}/ws/{token[1:]}?width=80&height=24")) == 403
    assert asyncio.run(_handshake(f"{ws}/ws/x?token={token}")) == 403  # one token, its place
    assert asyncio.run(_handshake(f"{ws}/ws/{token}?width=80&height=24")) == 101


BODY_CLASS = "document.body ? document.body.className : ''"  # no body while the page loads


async def _board_in_chromium(binary: str, url: str, shot: Path) -> tuple[int, str]:
    """Poll until the terminal has replaced the intro and the picture is rich and still; the
    intro page alone has some 480 colours, the drawn board about 2,000."""
    async with browser.Page(binary, url) as page:
        deadline, before = time.monotonic() + 120, b""
        while time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            state = await page.evaluate(BODY_CLASS) or ""
            if "-first-byte" not in state:
                continue
            png = await page.screenshot()
            if png == before and (colours := await page.colours(png)) > 1000:
                shot.write_bytes(png)
                return colours, await page.evaluate(BODY_CLASS)
            before = png
    raise AssertionError(f"no steady board in 120 s (page: {state!r})")


def test_chromium_shows_the_board(served):
    binary = browser.chromium()
    if binary is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    base, token, folder = served
    shot = folder / "board.png"
    colours, state = asyncio.run(_board_in_chromium(binary, f"{base}/?token={token}", shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert colours > 1000
    assert "-closed" not in state, "the app's session ended instead of showing the board"


async def _held_open(ws_url: str, process: subprocess.Popen) -> tuple[float, int]:
    """Ctrl+C on the server while a browser holds the app open: (seconds to stop, exit code)."""
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        await asyncio.wait_for(ws.receive(), 60)  # the app runs
        process.send_signal(signal.SIGINT)
        start = time.monotonic()
        while process.poll() is None and time.monotonic() - start < 30:
            await asyncio.sleep(0.1)
        took = time.monotonic() - start
        while not ws.closed:  # the server said goodbye rather than leaving the tab hanging
            if (await asyncio.wait_for(ws.receive(), 5)).type == aiohttp.WSMsgType.CLOSE:
                break
    return took, process.wait(5)


def test_ctrl_c_stops_it_at_once_with_a_tab_open(tmp_path):
    with serving(tmp_path) as (base, token, process):
        ws = base.replace("http://", "ws://") + f"/ws/{token}?width=80&height=24"
        took, code = asyncio.run(_held_open(ws, process))
    assert code == 0
    assert took < 10  # aiohttp alone waits up to a minute for open websockets
    assert "Traceback" not in (tmp_path / "err.txt").read_text()


def test_the_language_goes_along(cli, seeded_db, monkeypatch):
    from salestui.cli.web import TokenServer

    started = []
    monkeypatch.setattr(TokenServer, "run", lambda self, sock: started.append(self.command))
    monkeypatch.setenv(ENV_DB, seeded_db)  # the command sets it: restored after the test
    r = cli("--lang", "zh", "serve", "--port", "0")
    assert r.code == 0, r.err
    assert r.out.startswith("正在以 boss 的身份提供 salestui。")
    assert started == [shlex.join([sys.executable, "-m", "salestui", "--lang", "zh"])]
    refused = cli("--lang", "zh", "serve", "--port", "70000")
    assert one_line_error(refused) == "salestui: --port 须在 0 到 65535 之间，不能是 70000"


def test_a_port_in_use_is_one_line(cli, seeded_db):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        r = cli("--db", seeded_db, "serve", "--port", str(port))
    line = one_line_error(r)
    assert line.startswith(f"salestui: cannot listen on 127.0.0.1 port {port}: ")
    assert "in use" in line
    assert r.out == ""  # no address printed for a server that is not there


def test_a_bad_port_is_one_line(cli, seeded_db):
    r = cli("--db", seeded_db, "serve", "--port", "70000")
    assert r.code == 2
    assert one_line_error(r) == "salestui: --port must be between 0 and 65535, not 70000"


def test_an_unknown_person_is_said_before_anything_listens(cli, seeded_db):
    r = cli("--db", seeded_db, "--user", "nobody", "serve", "--port", "0")
    assert "nobody" in one_line_error(r)
    assert r.out == ""


def test_the_app_it_starts_is_the_same_person_on_the_same_database(
    cli, seeded_db, monkeypatch, tmp_path
):
    """The command each browser gets, run here with a report instead of the app: it reads the
    served database as the served person; another network is warned of in one line."""
    from salestui.cli.web import TokenServer

    started = []
    monkeypatch.setattr(TokenServer, "run", lambda self, sock: started.append(self.command))
    monkeypatch.setenv(ENV_DB, "/somewhere/else.db")  # restored after the test
    monkeypatch.chdir(tmp_path)
    r = cli("serve", "--db", Path(seeded_db).name, "--user", "mgr_east", "--host", "0.0.0.0",
            "--port", "0")  # fmt: skip
    assert r.code == 0, r.err
    assert r.err == (
        "salestui: warning: anyone on the network of 0.0.0.0 who has the URL can act as mgr_east\n"
    )
    assert f"http://{socket.gethostname()}:" in r.out
    assert started == [shlex.join([sys.executable, "-m", "salestui", "--user", "mgr_east"])]
    assert os.environ[ENV_DB] == seeded_db  # made absolute: the same file from any folder

    report = subprocess.run(
        [*shlex.split(started[0]), "report", "pipeline", "--format", "json"],
        capture_output=True, text=True, env=dict(os.environ), cwd="/", timeout=120,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    said = json.loads(report.stdout)
    assert said["scope"] == "Mei East and team" and "(mgr_east)" in said["view"]
