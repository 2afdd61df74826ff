#!/usr/bin/env python3
"""A static server for a built app, gzip-encoding responses as a real host
would: scripts/serve-dist.py (same types, same cache headers) plus
`Content-Encoding: gzip` for text and wasm when the client sends
`Accept-Encoding: gzip`. Bodies are compressed once (gzip level 6, nginx's
and most CDNs' usual level) and kept in memory until the file changes.
Used by bench/speed/run.sh; scripts/serve-dist.py stays as it is.

    python3 bench/speed/serve-gzip.py FOLDER [PORT=0]   # binds 127.0.0.1; 0 = any free port
Prints "serving <url>" once listening.
"""
import functools
import gzip
import http.server
import io
import os
import re
import sys

COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".webmanifest", ".txt")
LEVEL = 6


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
    }
    protocol_version = "HTTP/1.1"
    cache = {}  # path -> (mtime, size, gzipped bytes)

    def end_headers(self):
        path = self.path.split("?")[0]
        if path.endswith("/embed.js"):
            self.send_header("Access-Control-Allow-Origin", "*")
        if re.search(r"-[0-9a-f]{1,16}(_bg)?\.(js|css|wasm)$", path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def wants_gzip(self):
        accept = self.headers.get("Accept-Encoding", "")
        return any(part.split(";")[0].strip().lower() == "gzip" for part in accept.split(","))

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?")[0].endswith("/") or not os.path.isfile(index):
                return super().send_head()
            path = index
        if not path.endswith(COMPRESSIBLE) or not os.path.isfile(path) or not self.wants_gzip():
            return super().send_head()
        st = os.stat(path)
        hit = self.cache.get(path)
        if hit is None or hit[0] != st.st_mtime_ns or hit[1] != st.st_size:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), compresslevel=LEVEL, mtime=0)
            hit = (st.st_mtime_ns, st.st_size, body)
            self.cache[path] = hit
        body = hit[2]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(st.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


folder = sys.argv[1] if len(sys.argv) > 1 else "dist"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 0
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
server.daemon_threads = True
print("serving http://127.0.0.1:%d/" % server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
