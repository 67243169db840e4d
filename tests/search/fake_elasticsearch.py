"""A small in-process HTTP server that speaks enough of Elasticsearch's REST API
for the client's connection, error and rebuild paths (no real server can be
installed where the tests run; the live suite covers real ranking).

It keeps indices, aliases and documents in memory and answers as Elasticsearch 8
does: 404 ``index_not_found_exception`` for a missing index or alias, 400
``resource_already_exists_exception`` for an index created twice, the
``X-Elastic-Product`` header the client checks. ``hang`` seconds make every
request wait before it answers (a hung cluster); every request is recorded with
its headers. ``tls`` serves HTTPS with the given (certificate, key) files.
"""

import json
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class FakeIndex:
    created: float
    aliases: set[str] = field(default_factory=set)
    documents: dict[str, dict] = field(default_factory=dict)


def _error(status: int, kind: str, reason: str) -> tuple[int, dict]:
    cause = {"type": kind, "reason": reason}
    return status, {"error": {"root_cause": [cause], **cause}, "status": status}


class FakeElasticsearch:
    def __init__(self, *, tls: tuple[str, str] | None = None) -> None:
        self.indices: dict[str, FakeIndex] = {}
        self.requests: list[Recorded] = []
        self.hang = 0.0
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                return

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                fake.requests.append(
                    Recorded(
                        self.command,
                        self.path,
                        {k.lower(): v for k, v in self.headers.items()},
                    )
                )
                if fake.hang:
                    time.sleep(fake.hang)
                with fake.lock:
                    status, payload = fake.handle(self.command, self.path, body)
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(
                self.server.socket, server_side=True
            )
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeElasticsearch":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.hang = 0.0
        self.server.shutdown()
        self.server.server_close()

    # What the cluster holds ---------------------------------------------

    def resolve(self, name: str) -> list[str]:
        """The indices a name means: an index, or the indices of an alias."""
        if name in self.indices:
            return [name]
        return sorted(n for n, index in self.indices.items() if name in index.aliases)

    def with_alias(self, alias: str) -> list[str]:
        return sorted(n for n, index in self.indices.items() if alias in index.aliases)

    def ids_in(self, name: str) -> set[int]:
        return {
            int(i)
            for index in self.resolve(name)
            for i in self.indices[index].documents
        }

    def search_requests(self) -> int:
        return sum(
            1 for r in self.requests if r.path.split("?")[0].endswith("/_search")
        )

    # The REST API ---------------------------------------------------------

    def handle(self, method: str, raw_path: str, body: bytes):  # noqa: C901, PLR0911, PLR0912
        path = unquote(urlsplit(raw_path).path)
        parts = [part for part in path.split("/") if part]
        data = json.loads(body) if body and not path.endswith("_bulk") else {}

        if not parts:
            return 200, {
                "version": {"number": "8.19.0"},
                "tagline": "You Know, for Search",
            }
        if parts == ["_bulk"] or (len(parts) == 2 and parts[1] == "_bulk"):
            return self._bulk(body)
        if parts == ["_aliases"] and method == "POST":
            for action in data["actions"]:
                ((kind, spec),) = action.items()
                if kind == "add":
                    self.indices[spec["index"]].aliases.add(spec["alias"])
                elif kind == "remove":
                    self.indices[spec["index"]].aliases.discard(spec["alias"])
                elif kind == "remove_index":
                    self.indices.pop(spec["index"], None)
            return 200, {"acknowledged": True}
        if parts[0] == "_alias" and len(parts) == 2:
            names = self.with_alias(parts[1])
            if not names:
                return _error(404, "aliases_not_found_exception", parts[1])
            return 200, {n: {"aliases": {parts[1]: {}}} for n in names}

        name, rest = parts[0], parts[1:]
        names = self.resolve(name)
        if not rest:
            if method == "HEAD":
                return (200 if names else 404), None
            if method == "PUT":
                if name in self.indices:
                    return _error(400, "resource_already_exists_exception", name)
                self.indices[name] = FakeIndex(created=time.time())
                return 200, {"acknowledged": True, "index": name}
            if method == "DELETE":
                if name not in self.indices and "ignore_unavailable=true" in raw_path:
                    return 200, {"acknowledged": True}
                if name not in self.indices:
                    return _error(404, "index_not_found_exception", name)
                del self.indices[name]
                return 200, {"acknowledged": True}
        if not names:
            return _error(404, "index_not_found_exception", f"no such index [{name}]")
        if rest[0] == "_alias" and method == "PUT":
            self.indices[name].aliases.add(rest[1])
            return 200, {"acknowledged": True}
        if rest == ["_settings"]:
            return 200, {
                n: {
                    "settings": {
                        "index": {
                            "creation_date": str(int(self.indices[n].created * 1000))
                        }
                    }
                }
                for n in names
            }
        if rest == ["_refresh"]:
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if rest == ["_count"]:
            return 200, {"count": sum(len(self.indices[n].documents) for n in names)}
        if rest == ["_search"]:
            hits = [
                {"_index": n, "_id": i, "_score": 1.0, "_source": source}
                for n in names
                for i, source in self.indices[n].documents.items()
            ]
            aggregations = {
                facet: {"doc_count": len(hits), "values": {"buckets": []}}
                for facet in data.get("aggs", {})
            }
            return 200, {
                "took": 1,
                "timed_out": False,
                "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
                "aggregations": aggregations,
            }
        return _error(400, "illegal_argument_exception", f"{method} {path}")

    def _bulk(self, body: bytes):
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        items, errors = [], False
        position = 0
        while position < len(lines):
            ((op, meta),) = lines[position].items()
            position += 1
            names = self.resolve(meta["_index"])
            target = self.indices[names[0]] if names else None
            if op == "delete":
                found = target is not None and target.documents.pop(meta["_id"], None)
                items.append(
                    {op: {"_id": meta["_id"], "status": 200 if found else 404}}
                )
                continue
            source = lines[position]
            position += 1
            if target is None:  # auto-created, as Elasticsearch does by default
                target = self.indices[meta["_index"]] = FakeIndex(created=time.time())
            target.documents[meta["_id"]] = source
            items.append({op: {"_id": meta["_id"], "status": 201}})
        return 200, {"took": 1, "errors": errors, "items": items}
