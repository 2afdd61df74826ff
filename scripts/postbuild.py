#!/usr/bin/env python3
"""Trunk post-build hook (see Trunk.toml): runs in Trunk's staging folder.

1. Content Security Policy: a <meta> tag allowing scripts only from the page's
   own origin plus Trunk's inline loader by its SHA-256 hash, no remote
   scripts, no remote connections.
2. Service worker (sw.js): caches every file of this build under a cache named
   by a hash of their contents, so a new deployment installs as a whole and
   the old cache is deleted when it takes over: never a mix of old and new.
"""
import base64
import hashlib
import json
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()

# 1. CSP, with the hash of each inline script (Trunk's module loader).
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
hashes = [
    "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
    for body in inline
]
policy = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)
meta = '<meta http-equiv="Content-Security-Policy" content="%s" />' % policy
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)

# 2. The service worker, listing every file of the build.
files = []
digest = hashlib.sha256()
for root, _, names in os.walk(staging):
    for name in sorted(names):
        path = os.path.join(root, name)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        if rel == "sw.js":
            continue
        files.append(rel)
for rel in sorted(files):
    with open(os.path.join(staging, rel), "rb") as f:
        digest.update(rel.encode() + b"\0" + f.read())
version = digest.hexdigest()[:16]
assets = ["/"] + ["/" + rel for rel in sorted(files) if rel != "index.html"]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sw.template.js"), encoding="utf-8") as f:
    template = f.read()
sw = template.replace("__VERSION__", version).replace("__ASSETS__", json.dumps(assets, indent=2))
with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as f:
    f.write(sw)
print("postbuild: CSP with %d inline-script hash(es); sw.js caches %d files as yanglao-%s" % (len(hashes), len(assets), version))
