"""A read-only SPARQL 1.1 Protocol endpoint over kg's graph, on the standard library's HTTP server.

Protocol: https://www.w3.org/TR/sparql11-protocol/ (query operation). ``/sparql`` answers

* ``GET /sparql?query=...``,
* ``POST /sparql`` with ``application/x-www-form-urlencoded`` (``query=...``) or with the query as
  an ``application/sparql-query`` body,

with SPARQL results as JSON, XML, CSV or TSV, chosen by the ``Accept`` header or a ``format``
parameter (``json``, ``xml``, ``csv``, ``tsv``); JSON unless asked otherwise. ``CONSTRUCT`` and
``DESCRIBE`` return N-Triples (also sent as ``text/turtle`` when that is asked for: N-Triples is
Turtle). CORS headers let a browser client such as YASGUI on another origin query it.

Read-only: an update operation (``update=`` or ``application/sparql-update``) gets 403 Forbidden;
update syntax sent as a query gets 400, as does any bad query. Not supported: the dataset
parameters ``default-graph-uri`` / ``named-graph-uri`` (400: there is one graph), the service
description, query timeouts (it is meant for localhost). Bodies over 1 MiB get 413.
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from kg.errors import QueryError
from kg.query.engine import RESULT_FORMATS, Engine, Result, format_result

__all__ = ["SparqlServer", "make_server", "serve", "MAX_BODY"]

#: Largest request body accepted: a SPARQL query is text, and 1 MiB is far beyond any real one.
MAX_BODY = 1 << 20

_MEDIA = RESULT_FORMATS
_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_GRAPH_MEDIA = ("application/n-triples", "text/turtle", "text/plain")

_INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL endpoint</title></head>
<body><h1>kg SPARQL endpoint</h1>
<p>Send SPARQL 1.1 queries to <code>/sparql</code> (GET <code>?query=</code>, or POST form-encoded or
<code>application/sparql-query</code>). Read-only. Prefixes kg:, rdf:, rdfs:, xsd:, skos:, schema:
and prov: are declared.</p></body></html>
"""


def _negotiate(accept: str, result: Result, explicit: str | None) -> tuple[str, str]:
    """(format, media type) for ``result`` given the Accept header and a ``format`` parameter."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        wanted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
        media = next((m for m in wanted if m in _GRAPH_MEDIA), "application/n-triples")
        return "nt", media
    if explicit:
        if explicit not in _MEDIA:
            raise QueryError(f"unknown format {explicit!r} (json, xml, csv or tsv)")
        return explicit, _MEDIA[explicit]
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        q = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    q = float(option[2:])
                except ValueError:
                    q = 0.0
        if media.lower() in _ACCEPT and q > 0:
            ranked.append((-q, i, _ACCEPT[media.lower()]))
    fmt = min(ranked)[2] if ranked else "json"
    return fmt, _MEDIA[fmt]


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"

    # --- plumbing ---------------------------------------------------------------------------------

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, status: int, body: str, media: str = "text/plain") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", f"{media}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, f"{status.value} {status.phrase}: {message}\n")

    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self.close_connection = True
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > 0 else HTTPStatus.BAD_REQUEST,
                        f"the body must be at most {MAX_BODY} bytes")
            return None
        return self.rfile.read(length)

    # --- methods ----------------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, _INDEX, "text/html")
            return
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
            return
        self._operation(parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, "the endpoint is /sparql")
            return
        body = self._body()
        if body is None:
            return
        params = parse_qs(url.query, keep_blank_values=True)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._error(HTTPStatus.BAD_REQUEST, "the body is not UTF-8")
            return
        if media == "application/x-www-form-urlencoded":
            for name, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(text)
        elif media == "application/sparql-update":
            params.setdefault("update", []).append(text)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST application/x-www-form-urlencoded or application/sparql-query")
            return
        self._operation(params)

    def _refuse(self) -> None:
        self._error(HTTPStatus.METHOD_NOT_ALLOWED, "use GET or POST")

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _operation(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri / named-graph-uri are not supported: one graph")
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
            return
        explicit = (params.get("format") or params.get("output") or [None])[0]
        try:
            result = self.server.engine.query(queries[0])
            fmt, media = _negotiate(self.headers.get("Accept") or "", result, explicit)
            body = format_result(result, fmt)  # CONSTRUCT / DESCRIBE come back as N-Triples
        except QueryError as error:
            self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        self._send(HTTPStatus.OK, body, media)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server that answers from ``engine``."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], engine: Engine, log: Callable[[str], None] | None = None):
        self.engine = engine
        self.log = log
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


def make_server(engine: Engine, host: str = "127.0.0.1", port: int = 7878,
                log: Callable[[str], None] | None = None) -> SparqlServer:
    """A bound, not yet running endpoint (``port=0`` picks a free port; see ``.url``)."""
    try:
        return SparqlServer((host, port), engine, log)
    except OSError as error:
        raise QueryError(f"cannot listen on {host}:{port} ({error.strerror})") from error


def serve(engine: Engine, host: str = "127.0.0.1", port: int = 7878,
          log: Callable[[str], None] | None = None, ready: Callable[[str], None] | None = None) -> None:
    """Answer queries until interrupted (Ctrl-C)."""
    server = make_server(engine, host, port, log)
    if ready is not None:
        ready(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()

