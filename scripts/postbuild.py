#!/usr/bin/env python3
"""Trunk post-build step (run by scripts/postbuild.sh, after yanglao-pack), in
Trunk's staging folder:

1. The rule packs (packs/<province>.bin) and the picker's search index
   (regions.tsv) are named by a hash of their contents, and their names and
   subresource integrity go into index.html as the catalogue the app reads
   (<script type="application/json" id="yanglao-catalogue">): the browser
   refuses a pack whose bytes are not the ones built. With
   YANGLAO_EMBED_REGION=<code> (a portal build) that region's province pack
   goes into the catalogue itself, so the embedded checker fetches no pack.
2. Content Security Policy: a <meta> tag allowing scripts only from the page's
   own origin plus the page's inline scripts by their SHA-256 hash, no remote
   scripts, no remote connections.
3. Service worker (sw.js): caches every file of the app's own (not the packs)
   under a cache named by a hash of their contents, so a new deployment
   installs as a whole and the old cache is deleted when it takes over; packs
   are cached as they are loaded, so a region opened once works offline.
   The catalogue published (list/*.html, catalogue.json, catalogue.schema.json,
   written by yanglao-pack) is no part of the app: never precached, and its
   pages are left to the network, never answered with the app.
"""
import base64
import hashlib
import json
import os
import datetime
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
index_path = os.path.join(staging, "index.html")
with open(index_path, encoding="utf-8") as f:
    html = f.read()


def content_named(rel):
    """Renames a staging file to name-<hash>.ext; returns (new rel path, bytes, integrity)."""
    path = os.path.join(staging, rel)
    with open(path, "rb") as f:
        data = f.read()
    stem, ext = os.path.splitext(rel)
    named = "%s-%s%s" % (stem, hashlib.sha256(data).hexdigest()[:16], ext)
    os.replace(path, os.path.join(staging, named))
    # SHA-256 (Subresource Integrity allows it): 34 of these are in index.html's
    # catalogue, each 20 characters shorter than SHA-384's, some 500 bytes gzipped.
    integrity = "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode()
    return named, data, integrity


# 1. The catalogue of packs. Run again on a finished build (to rewrite the
#    CSP and sw.js), the catalogue already in index.html is kept.
listing_path = os.path.join(staging, "packs.txt")
if os.path.exists(listing_path):
    with open(listing_path, encoding="utf-8") as f:
        listing = [line.split("\t") for line in f.read().splitlines() if line]
    os.remove(listing_path)
    embed = os.environ.get("YANGLAO_EMBED_REGION", "")
    if embed and not re.fullmatch(r"\d{6}", embed):
        sys.exit("postbuild: YANGLAO_EMBED_REGION must be a 6-digit division code, got %r" % embed)
    catalogue = {"packs": {}, "inline": {}}
    fingerprint = hashlib.sha256()
    for province, lists in listing:
        named, data, integrity = content_named("packs/%s.bin" % province)
        fingerprint.update(data)
        catalogue["packs"][province] = {"file": named, "integrity": integrity, "lists": int(lists)}
        if embed[:2] == province:
            catalogue["inline"][province] = base64.b64encode(data).decode()
    if embed and embed[:2] not in catalogue["inline"]:
        sys.exit("postbuild: YANGLAO_EMBED_REGION=%s names no province of the packs" % embed)
    named, _, integrity = content_named("regions.tsv")
    catalogue["regions"] = {"file": named, "integrity": integrity}
    # Hand-off links carry this, to say when they were made with other rules.
    catalogue["fingerprint"] = fingerprint.hexdigest()[:10]
    block = '<script type="application/json" id="yanglao-catalogue">%s</script>' % json.dumps(
        catalogue, separators=(",", ":"), sort_keys=True
    )
    html = re.sub(r'<script type="application/json" id="yanglao-catalogue">.*?</script>\s*', "", html, flags=re.S)
    html = html.replace("</head>", "  " + block + "\n  </head>", 1)
else:
    found = re.search(r'<script type="application/json" id="yanglao-catalogue">(.*?)</script>', html, re.S)
    if not found:
        sys.exit("postbuild: no packs.txt (run yanglao-pack first, see scripts/postbuild.sh) and no catalogue in index.html")
    catalogue = json.loads(found.group(1))
    # A portal build made from a finished one: the region's pack goes in too.
    embed = os.environ.get("YANGLAO_EMBED_REGION", "")
    if embed:
        entry = catalogue["packs"].get(embed[:2])
        if not re.fullmatch(r"\d{6}", embed) or not entry:
            sys.exit("postbuild: YANGLAO_EMBED_REGION=%s names no province of the packs" % embed)
        with open(os.path.join(staging, entry["file"]), "rb") as f:
            catalogue["inline"] = {embed[:2]: base64.b64encode(f.read()).decode()}
    else:
        embed = next(iter(catalogue.get("inline", {})), "")
    block = '<script type="application/json" id="yanglao-catalogue">%s</script>' % json.dumps(
        catalogue, separators=(",", ":"), sort_keys=True
    )
    html = re.sub(r'<script type="application/json" id="yanglao-catalogue">.*?</script>', block, html, flags=re.S)

# 1a. The start page rendered ahead into <div id="yanglao-ahead">, which the app
#     takes over on a first visit (src/main.rs): the picker is on the screen
#     before the wasm has arrived. crates/prerender renders it with the app's
#     own components (Yew's server-side rendering), given the catalogue (each
#     province's count of lists). With YANGLAO_PRERENDER=1 (scripts/postbuild.sh);
#     without it, run again on a finished build, the markup there is kept.
if os.environ.get("YANGLAO_PRERENDER") == "1":
    today = datetime.date.today().isoformat()
    out = subprocess.run(
        ["cargo", "run", "-q", "-p", "yanglao-prerender", "--", today],
        input=json.dumps(catalogue).encode("utf-8"),
        capture_output=True,
    )
    if out.returncode != 0:
        sys.exit("postbuild: the start page could not be rendered ahead:\n" + out.stderr.decode("utf-8", "replace"))
    ahead = '<div id="yanglao-ahead" data-rendered="">%s</div><!--/yanglao-ahead-->' % out.stdout.decode("utf-8")
    html, n = re.subn(r'<div id="yanglao-ahead"[^>]*>.*?</div><!--/yanglao-ahead-->', lambda m: ahead, html, flags=re.S)
    if n != 1:
        sys.exit('postbuild: index.html has no <div id="yanglao-ahead"></div><!--/yanglao-ahead--> for the start page')

# 1b. The JS glue wasm-bindgen writes, minified by terser (pinned, installed
#     into .tools/ by scripts/setup.sh; Trunk's own minifier cannot parse it):
#     about 1 KiB less gzipped than the glue without its comments. Where
#     terser is missing or fails, the glue only loses its comments and
#     indentation, whole lines only: each line loses its leading and trailing
#     spaces, and lines that are only a comment go. Nothing inside a line is
#     touched, and the line breaks stay, so no statement can run into the
#     next. A glue file with a line that a string could span (an odd number
#     of backticks) is then left as it is. Named again by a hash of what it
#     is now (and its integrity in index.html made anew), so a cache never
#     holds two different files under one name; run again on its own output
#     (a deployment re-run, tests/e2e/deploy.test.mjs) it stays consistent.
TERSER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".tools/node_modules/terser/bin/terser")


def minify_js(text):
    if not os.path.exists(TERSER):
        print("postbuild: no terser in .tools/ (scripts/setup.sh installs it): the JS glue is only slimmed")
        return None
    out = subprocess.run(["node", TERSER, "--module", "--compress", "--mangle"], input=text.encode("utf-8"), capture_output=True)
    if out.returncode != 0 or not out.stdout:
        print("postbuild: terser failed on the JS glue, which is only slimmed:\n" + out.stderr.decode("utf-8", "replace"))
        return None
    return out.stdout.decode("utf-8")


def slim_js(text):
    out, comment = [], False
    for line in text.split("\n"):
        bare = line.strip()
        if line.count("`") % 2:
            return None
        if comment:
            if "*/" in bare:
                if not bare.endswith("*/"):
                    return None
                comment = False
            continue
        if bare.startswith("/*"):
            if not bare.endswith("*/") or bare == "/*":
                comment = True
            continue
        if bare.startswith("//") or not bare:
            continue
        out.append(bare)
    return None if comment else "\n".join(out) + "\n"


def slim_glue(html):
    # (Trunk's hash is written without leading zeros: 1 build in 16 has 15 digits.)
    found = re.search(r'/(yanglao-app-[0-9a-f]{1,16}\.js)"', html)
    if not found:
        print("postbuild: index.html names no yanglao-app-*.js: the JS glue was not minified")
        return html
    old = found.group(1)
    with open(os.path.join(staging, old), encoding="utf-8") as f:
        text = f.read()
    slim = minify_js(text) or slim_js(text)
    if slim is None:
        print("postbuild: the JS glue was left as it is (a line a string could span)")
        return html
    data = slim.encode("utf-8")
    new = "yanglao-app-%s.js" % hashlib.sha256(data).hexdigest()[:16]
    with open(os.path.join(staging, new), "wb") as f:
        f.write(data)
    if new != old:
        os.remove(os.path.join(staging, old))
    integrity = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    html = re.sub(
        r'(<link rel="modulepreload" href="/)%s(" [^>]*?integrity=")[^"]*"' % re.escape(old),
        lambda m: m.group(1) + new + m.group(2) + integrity + '"',
        html,
    )
    return html.replace("'/%s'" % old, "'/%s'" % new)


html = slim_glue(html)

# 1b'. Trunk's loader starts the wasm only once the page rendered ahead has
#     been painted (its first contentful paint recorded; at once in a hidden
#     tab, which paints nothing; at most 1 s), and Trunk's preload
#     link for the wasm goes: its 260 KiB no longer share a slow network with
#     the CSS the first paint waits for, and compiling and starting the app
#     never holds that paint up. The loader fetches the wasm with the same
#     integrity the link had, under a name made from its own bytes (as the
#     glue's is): Trunk's name for it follows wasm-bindgen's output, before
#     wasm-opt, so a change to wasm-opt alone (its version, its parameters in
#     index.html) kept the name while the bytes changed, and a browser or
#     proxy holding the old file under that name for ever would have failed
#     the loader's integrity check and never started the app. Run again on
#     its own output it changes nothing.
#     (The longest wait was 100 ms once, for hidden tabs: in Lighthouse's
#     unthrottled load the first frame came 134-179 ms in, and in one run of
#     three the wasm was asked for before it, so the simulated LCP counted
#     the wasm's download: 2,405 ms instead of about 930. Then it waited for
#     a task after the first animation frame, which still comes before that
#     frame is shown: in 2 of 5 Lighthouse runs on 2026-12-07 the wasm was
#     asked for 20-30 ms before the observed first paint, and one of them
#     counted its download, 2,403 ms. The paint entry is recorded once the
#     frame is shown, and the page's largest text is in that frame.)
PAINT_FIRST = (
    "await new Promise((r) => { if (document.hidden) { r(); return; } setTimeout(r, 1000); "
    "try { new PerformanceObserver((l, o) => { if (l.getEntriesByName('first-contentful-paint').length) { o.disconnect(); r(); } })"
    ".observe({ type: 'paint', buffered: true }); } catch (e) { requestAnimationFrame(() => setTimeout(r)); } });\n"
)
if PAINT_FIRST not in html:
    link = re.search(r'\s*<link rel="preload" href="/([^"]+_bg\.wasm)"[^>]*?integrity="([^"]+)"[^>]*>', html)
    if not link:
        sys.exit("postbuild: Trunk's preload link for the wasm is not in index.html")
    wasm, integrity = link.group(1), link.group(2)
    html = html.replace(link.group(0), "", 1)
    loader = "const wasm = await init({ module_or_path: '/%s' });" % wasm
    if loader not in html:
        sys.exit("postbuild: Trunk's loader (%s) is not in index.html" % loader)
    with open(os.path.join(staging, wasm), "rb") as f:
        data = f.read()
    algorithm, _, expected = integrity.partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        sys.exit("postbuild: %s does not match the integrity Trunk gave it" % wasm)
    named = "yanglao-app-%s_bg.wasm" % hashlib.sha256(data).hexdigest()[:16]
    os.replace(os.path.join(staging, wasm), os.path.join(staging, named))
    html = html.replace(
        loader,
        PAINT_FIRST
        + "const wasm = await init({ module_or_path: fetch('/%s', { integrity: '%s' }) });" % (named, integrity),
        1,
    )

# 1c. The page's comments are for whoever reads index.html in the sources, not
#     for every phone (some 450 bytes gzipped); the marker that ends the start
#     page rendered ahead stays (1a finds it again on a re-run).
html = re.sub(r"<!--(?!/yanglao-ahead-->).*?-->\s*", "", html, flags=re.S)

# 2. CSP, with the hash of each inline script (Trunk's module loader, the
#    loading notice; the catalogue is data, never run, but hashing it is harmless).
#    The workbench's page (workbench/index.html, its own bundle) gets its own.
def with_csp(html):
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
    return html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1), hashes


html, hashes = with_csp(html)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)
workbench_path = os.path.join(staging, "workbench", "index.html")
if os.path.exists(workbench_path):
    with open(workbench_path, encoding="utf-8") as f:
        workbench, _ = with_csp(f.read())
    with open(workbench_path, "w", encoding="utf-8") as f:
        f.write(workbench)

# 3. The service worker: the app's own files, installed whole; the packs and
#    the search index, cached when loaded; the published catalogue and the
#    workbench (the staff's own page and bundle), neither.
published = ["/list/", "/catalogue.json", "/catalogue.schema.json", "/workbench/"]
loaded_on_demand = ["/" + p["file"] for p in catalogue["packs"].values()] + ["/" + catalogue["regions"]["file"]]
files = []
digest = hashlib.sha256()
for root, _, names in os.walk(staging):
    for name in sorted(names):
        path = os.path.join(root, name)
        rel = os.path.relpath(path, staging).replace(os.sep, "/")
        if rel == "sw.js" or "/" + rel in loaded_on_demand:
            continue
        if any(("/" + rel).startswith(p) for p in published):
            continue
        files.append(rel)
for rel in sorted(files):
    with open(os.path.join(staging, rel), "rb") as f:
        digest.update(rel.encode() + b"\0" + f.read())
version = digest.hexdigest()[:16]
assets = ["/"] + ["/" + rel for rel in sorted(files) if rel != "index.html"]
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sw.template.js"), encoding="utf-8") as f:
    template = f.read()
sw = (
    template.replace("__VERSION__", version)
    .replace("__ASSETS__", json.dumps(assets, indent=2))
    .replace("__ON_DEMAND__", json.dumps(sorted(loaded_on_demand), indent=2))
    .replace("__PUBLISHED__", json.dumps(published))
)
with open(os.path.join(staging, "sw.js"), "w", encoding="utf-8") as f:
    f.write(sw)
print(
    "postbuild: %d packs (%s inline), CSP with %d inline-script hash(es); sw.js caches %d files as yanglao-%s"
    % (len(catalogue["packs"]), embed or "none", len(hashes), len(assets), version)
)
