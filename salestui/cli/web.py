"""The web server behind ``salestui serve``: textual-serve's, with a door that only the token opens.

textual-serve's :class:`~textual_serve.server.Server` lets in anyone who reaches its port. Here
the page (``/?token=…``), the websocket that drives the app (``/ws/<token>``) and every other path
need the run's token; only the static JavaScript, CSS and fonts are public, as they hold nothing
of ours. The token sits in the websocket's path because textual.js appends its own ``?width=``
query to the URL it is given; no cookie is set, so no other site or port on localhost can ride on
one. Page links are built from the request's Host, so the page works behind an SSH tunnel whose
local port differs from the server's.
"""

from __future__ import annotations

import hmac
import socket
import weakref

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.server import Server, to_int

from salestui.kernel.i18n import _


class TokenServer(Server):
    """textual-serve's server for one run: ``command`` is started for each browser that connects
    with ``token``; anything else is refused with 403."""

    def __init__(self, command: str, token: str, *, title: str = "salestui") -> None:
        super().__init__(command, title=title)
        self.token = token
        self.sockets: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    def allowed(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        if request.path.startswith("/static/"):
            return await handler(request)
        given = request.match_info.get("token") or request.query.get("token", "")
        if not self.allowed(given):
            said = _("this address needs the token printed where the server was started")
            raise web.HTTPForbidden(text=f"salestui: {said}\n")
        return await handler(request)

    async def private_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """The page's URL holds the token: never send it on as a Referer, never cache the page."""
        if isinstance(response, web.WebSocketResponse):
            self.sockets.add(response)
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_response_prepare.append(self.private_headers)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: close every browser's websocket, which quits its app, rather than wait for
        the tabs to be closed."""
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"salestui serve stopped")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        scheme = "wss" if request.scheme == "https" else "ws"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{scheme}://{request.host}/ws/{self.token}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def run(self, sock: socket.socket) -> None:
        """Serve on the bound ``sock`` until Ctrl+C or SIGTERM."""
        web.run_app(self._make_app(), sock=sock, print=None, access_log=None)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: any free port), so a port in use or a host
    that is not this machine's is said before anything is printed (OSError)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, address = infos[0]
    return socket.create_server(address[:2], family=family)
