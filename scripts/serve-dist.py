#!/usr/bin/env python3
"""A static server for the built checker (dist/) as a deployment would serve it:
correct types for .wasm and .webmanifest, Access-Control-Allow-Origin on
embed.js (portals load it cross-origin with subresource integrity), hashed
files cached for ever and everything else revalidated on each request.

    python3 scripts/serve-dist.py [folder=dist] [port=8080]   # binds 127.0.0.1
Prints "serving <url>" once listening.
"""
import functools
import http.server
import re
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
        ".js": "text/javascript",
        ".svg": "image/svg+xml",
    }

    def end_headers(self):
        path = self.path.split("?")[0]
        if path.endswith("/embed.js"):
            self.send_header("Access-Control-Allow-Origin", "*")
        # Hashed files never change; everything else (the page, sw.js, the
        # manifest, embed.js) is checked every time, so a new deployment shows at once.
        if re.search(r"-[0-9a-f]{1,16}(_bg)?\.(js|css|wasm|bin|tsv)$", path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


folder = sys.argv[1] if len(sys.argv) > 1 else "dist"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
print("serving http://127.0.0.1:%d/" % server.server_address[1], flush=True)
server.serve_forever()
