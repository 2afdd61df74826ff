/* 养老服务查询 service worker, written by scripts/postbuild.py for one build.
   After one visit the checker loads and works with no network. */
"use strict";
const CACHE = "yanglao-__VERSION__";
const ASSETS = __ASSETS__;

// Install this build's files as a whole: if any is missing, nothing changes.
self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting())
  );
});

// Taking over: delete every other build's cache, so old and new never mix.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith("yanglao-") && k !== CACHE).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    // The page: the network first (a new deployment shows at once), else this
    // build's copy. The query (?region=…) and fragment do not change the file.
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match("/", { ignoreSearch: true }))
      )
    );
    return;
  }
  // Hashed assets never change: this build's cache first.
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request)))
  );
});
