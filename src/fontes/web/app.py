"""The ASGI app: FastAPI routes for the pages and the JSON API, the viewers from npm served from this
package (the page needs no internet), and the safety rules every response follows: a strict content
security policy (scripts only from this server, never inline), no sniffing, no framing."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..errors import FontesError
from ..ingest import DEFAULT_MAX_BYTES
from ..store import Store
from .uploads import Refused, Uploads
from .views import NotFound

HERE = Path(__file__).resolve().parent
ASSETS = HERE / "assets" / "node_modules"
# The only files served from node_modules: a fixed list, so no request path reaches anything else.
VENDOR = {
    "vis-timeline.js": "vis-timeline/standalone/umd/vis-timeline-graph2d.min.js",
    "vis-timeline.css": "vis-timeline/styles/vis-timeline-graph2d.css",
    "cytoscape.js": "cytoscape/dist/cytoscape.min.js",
}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Stores:
    """Opens a connection to the store for each request (cheap with SQLite, and safe across the
    server's threads, which FastAPI may switch between inside one request)."""

    def __init__(self, path: Path):
        self.path = path
        Store(path).close()  # create or migrate once, up front

    def open(self) -> Store:
        return Store(self.path, any_thread=True)


def missing_viewers() -> list[str]:
    """Viewer files not installed (npm ci has not run): pages still work, without those pictures."""
    return [name for name, rel in VENDOR.items() if not (ASSETS / rel).is_file()]


def create_app(db_path: Path, corrections: Path | None = None, max_upload: int = DEFAULT_MAX_BYTES) -> FastAPI:
    app = FastAPI(title="fontes", version=__version__, docs_url=None, redoc_url=None,
                  description="The JSON API behind `fontes serve`: every view of the web interface as data. "
                              "Offsets are into the text `fontes show DOC` prints.")
    app.state.stores = Stores(db_path)
    app.state.uploads = Uploads(db_path, corrections, max_upload)
    app.state.templates = Environment(loader=FileSystemLoader(HERE / "templates"),
                                      autoescape=select_autoescape(default=True, default_for_string=True))
    app.state.missing_viewers = missing_viewers()
    for template in app.state.templates.list_templates(extensions=["html"]):  # compiled once, before the first reader
        app.state.templates.get_template(template)

    @app.middleware("http")
    async def safety_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.middleware("http")
    async def upload_limit(request: Request, call_next):
        """Refuse an oversized upload from its declared length, before reading it."""
        declared = request.headers.get("content-length", "")
        if request.method == "POST" and declared.isdigit() and int(declared) > max_upload + 1_000_000:
            return JSONResponse({"detail": f"upload too large (limit {max_upload / 1e6:.0f} MB)"}, status_code=413)
        return await call_next(request)

    def error(request: Request, exc: Exception, status: int, title: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        page = app.state.templates.get_template("error.html").render(title=title, message=str(exc))
        return Response(page, status_code=status, media_type="text/html")

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error(request, exc, 404, "Not found")

    @app.exception_handler(FontesError)
    async def not_possible(request: Request, exc: FontesError):
        """A request the store cannot carry out as asked (a relabel without a relation, a malformed file)."""
        return error(request, exc, 400, "Not possible")

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str):
        rel = VENDOR.get(name)
        if rel is None or not (ASSETS / rel).is_file():
            return Response("not found", status_code=404, media_type="text/plain")
        return FileResponse(ASSETS / rel, headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from . import api, pages
    app.include_router(api.router)
    app.include_router(pages.router)
    return app
