/* 养老服务查询 service worker, written by scripts/postbuild.py for one build.
   After one visit the checker loads and works with no network; each rule
   pack is kept once it has been loaded, so a region opened once works offline. */
"use strict";
const CACHE = "yanglao-__VERSION__";
const ASSETS = __ASSETS__;
// The packs and the search index of this build: loaded on demand, kept when loaded.
const PACKS = "yanglao-packs";
const ON_DEMAND = new Set(__ON_DEMAND__);
// The catalogue published (list/*.html, catalogue.json): static pages of
// their own, left to the network and the browser's cache, never precached
// and never answered with the app.
const PUBLISHED = __PUBLISHED__;

// Install this build's files as a whole: if any is missing, nothing changes.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting())
  );
});

// Taking over: delete every other build's cache, so old and new never mix,
// and the packs no build of now uses (their names are content hashes).
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith("yanglao-") && k !== CACHE && k !== PACKS).map((k) => caches.delete(k))
        )
      )
      .then(() => caches.open(PACKS))
      .then((packs) =>
        packs.keys().then((requests) =>
          Promise.all(
            requests
              .filter((r) => !ON_DEMAND.has(new URL(r.url).pathname))
              .map((r) => packs.delete(r))
          )
        )
      )
      .then(() => self.clients.claim())
  );
});

// Keeps a pack only if its bytes are the ones built (its integrity), so a cut
// or damaged download is never served again from the cache.
async function keepIfWhole(packs, request, response) {
  const want = request.integrity || "";
  const bytes = await response.clone().arrayBuffer();
  const algorithm = { "sha256-": "SHA-256", "sha384-": "SHA-384" }[want.slice(0, 7)];
  if (algorithm) {
    const digest = new Uint8Array(await crypto.subtle.digest(algorithm, bytes));
    let text = "";
    for (const b of digest) text += String.fromCharCode(b);
    if (want.slice(0, 7) + btoa(text) !== want) return;
  }
  await packs.put(request, response);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  const path = new URL(request.url).pathname;
  if (PUBLISHED.some((p) => path.startsWith(p))) {
    return;
  }
  if (request.mode === "navigate") {
    // The page: the network first (a new deployment shows at once), else this
    // build's copy. The query (?date=…) and fragment do not change the file.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match("/", { ignoreSearch: true }))
      )
    );
    return;
  }
  if (ON_DEMAND.has(new URL(request.url).pathname)) {
    // A pack: the copy kept from an earlier visit, else the network, kept
    // for next time (only a whole, good answer is kept).
    event.respondWith(
      caches.open(PACKS).then((packs) =>
        packs.match(request).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok) keepIfWhole(packs, request, response.clone());
              return response;
            })
        )
      )
    );
    return;
  }
  // Hashed assets never change: this build's cache first.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request)))
  );
});
