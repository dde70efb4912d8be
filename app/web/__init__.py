"""The web layer: FastAPI app, HTML pages, JSON API."""
