// The tablet's app shell, kept by the browser so that a reload with no
// network (or no server) still opens the page, its queue and its last view.
// Built by build.mjs, which puts the list of files and a version above.
/* global SHELL, VERSION */
const CACHE = `atelier-shell-${VERSION}`;
// Past this, a server that does not answer is treated as absent: the copy is used.
const NETWORK_TIMEOUT_MS = 3000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('atelier-shell-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

function shellPath(url) {
  if (url.origin !== self.location.origin) return null;
  const path = url.pathname === '/' ? '/index.html' : url.pathname;
  return SHELL.includes(path) ? path : null;
}

// Network first (a new build is picked up at once), the cached copy when the
// network fails or hangs.
async function fromNetworkOrCache(request, path) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((res) => {
    if (res.ok) void cache.put(path, res.clone());
    return res;
  });
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  try {
    const res = await Promise.race([network, timeout]);
    if (res) return res;
  } catch {
    // no network, or the server is down
  }
  const copy = await cache.match(path);
  return copy ?? network;
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET') return;
  const path = shellPath(new URL(event.request.url));
  if (!path) return; // the WebSocket, /api, exports, health: never from a cache
  event.respondWith(fromNetworkOrCache(event.request, path));
});
