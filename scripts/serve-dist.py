#!/usr/bin/env python3
"""A static server for the built checker (dist/) as a deployment would serve it:
correct types for .wasm and .webmanifest, and Access-Control-Allow-Origin on
embed.js (portals load it cross-origin with subresource integrity).

    python3 scripts/serve-dist.py [folder=dist] [port=8080]   # binds 127.0.0.1
Prints "serving <url>" once listening.
"""
import functools
import http.server
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
        if self.path.split("?")[0].endswith("/embed.js"):
            self.send_header("Access-Control-Allow-Origin", "*")
        # The service worker script must always be fresh.
        if self.path.split("?")[0].endswith("/sw.js"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


folder = sys.argv[1] if len(sys.argv) > 1 else "dist"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8080
server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
print("serving http://127.0.0.1:%d/" % server.server_address[1], flush=True)
server.serve_forever()
