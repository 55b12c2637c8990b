"""`fontes serve`: a local web interface and JSON API over the same SQLite store the CLI writes.

app.py builds the ASGI app (FastAPI) and its safety rules; views.py says what each view shows, as
plain data that both the HTML pages (pages.py) and the JSON API (api.py) return; reader.py cuts a
document's text into marked pieces; uploads.py takes files from the browser into `fontes ingest`.
"""
