"""Serve a store over HTTP: the REST API (``/api/v1``) and the offline web UI (``/``).

``create_app(db)`` builds the FastAPI app; ``serve(db, host=, port=)`` runs it with uvicorn
(``lagebild serve``). See ``lagebild.serve.app``.
"""

from __future__ import annotations

from lagebild.serve.app import create_app, serve

__all__ = ["create_app", "serve"]
