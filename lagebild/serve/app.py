"""The web application: the REST API (``/api/v1``, OpenAPI at ``/openapi.json``) and the offline
web UI (``/``), one FastAPI app.

    >>> app = create_app("demo.db")                      # reads open on this machine, writes refused
    >>> app = create_app("demo.db", token="s3cret")      # writes with Authorization: Bearer s3cret

The UI is static files shipped in the package (``lagebild/serve/static``: plain HTML, CSS and
JavaScript, no library, nothing from the network); every page is ``index.html``, which reads
the path and query and fetches the API, so each view with its filters is a permalink.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from lagebild.serve.api import LAYERS, build_router
from lagebild.serve.errors import install_error_handlers
from lagebild.serve.guard import LOCAL_NAMES, TOKEN_ENV, Guard, RateLimiter
from lagebild.serve.stores import READERS, Stores
from lagebild.serve.views import VIEWS, build_views
from lagebild.settings import Settings

API_VERSION = "1"
# requests a second per client, on average, and the burst allowed above it. A page of the UI
# makes 1-6 API requests; 50/s leaves room for a script and still stops a runaway client.
DEFAULT_RATE = 50.0
DEFAULT_BURST = 200
# the UI's pages: each is index.html (the script reads the path)
UI_PAGES = ("/", "/search", "/actors", "/actors/{actor_id}", "/documents", "/documents/{doc_id}",
            *(f"/{layer}" for layer in LAYERS), *(f"/{view}" for view in VIEWS))


def static_dir() -> Path:
    return Path(str(resources.files("lagebild.serve") / "static"))


def create_app(db: str | None = None, *, token: str | None = None, settings: Settings | None = None,
               rate: float = DEFAULT_RATE, burst: int = DEFAULT_BURST, max_body: int | None = None,
               readers: int = READERS, pipeline: Any = None, host: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (default ``settings.db``). ``token`` (default
    ``$LAGEBILD_API_TOKEN``) enables writes; without one they are refused (403). ``rate``/``burst``:
    the rate limit per client (0 = none); ``max_body``: the largest request body (default
    ``settings.max_bytes``); ``pipeline``: what analyses ingested articles (default: the default
    pipeline, built at the first ingest); ``host``: the name or address served on (also accepted
    in the ``Host`` header of open reads). Raises StoreError when there is no store at ``db``."""
    settings = settings or Settings.from_env()
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)
    stores = Stores(db or settings.db, readers)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(title="Lagebild API", version=API_VERSION, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Documents, search, actors and the layers of a Lagebild store. Reads are open "
                              f"on this machine; writes need `Authorization: Bearer ${TOKEN_ENV}`. Errors are "
                              "`{\"error\": {\"code\", \"message\", \"hint\"}}`.")
    install_error_handlers(app)
    app.include_router(build_router(stores, settings, pipeline))
    app.include_router(build_views(stores))
    _ui_routes(app)
    app.add_middleware(Guard, token=token, max_body=max_body or settings.max_bytes,  # type: ignore[arg-type]
                       limiter=RateLimiter(rate, burst), local_names=LOCAL_NAMES | ({host.lower()} if host else set()))
    app.state.stores = stores
    return app


def _ui_routes(app: FastAPI) -> None:
    folder = static_dir()
    app.mount("/static", StaticFiles(directory=folder), name="static")

    def index() -> FileResponse:
        return FileResponse(folder / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    for path in UI_PAGES:
        app.add_api_route(path, index, methods=["GET"], include_in_schema=False)


def serve(db: str | None = None, *, host: str = "127.0.0.1", port: int = 8080, rate: float = DEFAULT_RATE,
          settings: Settings | None = None, announce: Callable[[str], None] | None = None) -> None:
    """Run the app with uvicorn until interrupted; ``announce`` gets a line saying where, once the
    store is open."""
    import uvicorn

    app = create_app(db, settings=settings, rate=rate, host=host)
    if announce is not None:
        writes = "enabled (token set)" if os.environ.get(TOKEN_ENV) else f"disabled (set {TOKEN_ENV} to enable)"
        announce(f"Lagebild serves {app.state.stores.url} at http://{host}:{port}/ (API: /api/v1, OpenAPI: "
                 f"/openapi.json); writes {writes}; Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
