// GMI service worker (generated into the site root by publish/offline.py; do not edit the copy in site/).
// Keeps the calculator, its runtime and engine, and every page the reader opens, usable with the network gone.
// Versioned: a new edition changes VERSION, installs a fresh cache and deletes the old one on activation.
// Same origin only; nothing here talks to another site.

const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__; // relative to this file
const CACHE = `gmi-offline-${VERSION}`;
const SCOPE = new URL("./", self.location.href).href;
// Answers that must be fresh when the network is there (pages, the engine manifest); the rest is cache-first.
const NETWORK_FIRST = [/\/$/, /\.html$/, /\/assets\/gmi\/engine\.json$/];

async function keep(cache, url) {
  // "no-cache": revalidate against the server, so what this visit already downloaded costs a 304, not the bytes.
  const response = await fetch(new Request(url, { cache: "no-cache" }));
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await cache.put(url, response);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(PRECACHE.map((path) => keep(cache, new URL(path, SCOPE).href)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("gmi-offline-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  const urls = data.urls.map((url) => new URL(url, SCOPE)).filter((url) => url.href.startsWith(SCOPE));
  event.waitUntil(
    caches.open(CACHE).then((cache) => Promise.all(urls.map((url) => keep(cache, url.href).catch(() => {})))),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.status === 200) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE) || request.headers.has("range")) return;
  const path = new URL(request.url).pathname;
  const fresh = request.mode === "navigate" || NETWORK_FIRST.some((pattern) => pattern.test(path));
  event.respondWith(fresh ? networkFirst(request) : cacheFirst(request));
});
