// The service worker: after one visit the app and the index work without a network.
//
// - The app shell (index.html and the hashed JS, wasm, CSS and icons it names, and the
//   engine's worker files) is cached when the worker installs, in a cache named after
//   the shell's own hashes.
// - A visit is answered from the cache first: index.html, the shell and the index (the
//   app opens the saved index before it asks the network anything), so a repeat visit
//   costs no bytes before its first answer.
// - `data/manifest.json` is asked from the network first: the app asks for it once the
//   page has answered, to notice a new weekly index. At that moment the worker also
//   looks for a new index.html; when it differs, its assets are cached under a new
//   shell name before it replaces the old shell, which the next visit then uses.
// - Index segments are served from the `DATA` cache, which only the engine's worker
//   writes, after it has verified a download against the manifest's sha256: a broken
//   download is never cached, and the worker frees the old segments once the new index
//   works (atomic switch).
// - The small exports are cached at install; anything else of ours (links.csv) the first
//   time it is fetched.
//
// DATA, DATA_DIR, MANIFEST, SEGMENT and SAVED_AT_INSTALL are the names of engine/src/files.rs, which
// `index-builder finish-site` writes at the top of the sw.js it publishes.
const SHELL_PREFIX = 'twir-shell-';
// The engine's Web Worker (public/worker.js and what Trunk builds from worker/): no HTML
// loads them and their names have no hash, so index.html names them and carries their
// hash in `<meta name="twir-engine" content="HASH" data-files="...">` (written by
// `index-builder finish-site`): a new engine makes a new shell.
const ENGINE_META = /<meta name="twir-engine" content="([^"]*)" data-files="([^"]*)">/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const response = await fetch('./', { cache: 'no-cache' });
    if (!response.ok) throw new Error(`index.html: ${response.status}`);
    await cacheShell(response, await response.clone().text());
    // The small research exports too (120 KB); links.csv (1.6 MB) only once it is fetched.
    const data = await caches.open(DATA);
    await data.addAll(SAVED_AT_INSTALL)
      .catch((e) => console.warn('exports not cached:', e));
    await self.skipWaiting();
  })());
});

/// Caches index.html (`response`, whose text is `html`) and every asset it names, in a
/// cache named after the assets' hashes, and makes it the current shell.
async function cacheShell(response, html) {
  const assets = [...html.matchAll(/(?:href|src)="([^"?#]+)"/g)]
    .map((m) => m[1])
    .filter((u) => !/^[a-z]+:|^\/\//i.test(u));
  const [, engine = '', files = ''] = html.match(ENGINE_META) || [];
  const name = SHELL_PREFIX + (assets.filter((u) => /-[0-9a-f]{8,}/.test(u)).join('|') || 'v1') + '|' + engine;
  const cache = await caches.open(name);
  // A file without a hash in its name (boot.js, the engine's) may have changed under
  // the same name: past the HTTP cache for it.
  await cache.addAll([...assets, ...files.split(' ').filter(Boolean)].map((u) => (/-[0-9a-f]{8,}/.test(u) ? u : new Request(u, { cache: 'no-cache' }))));
  await cache.put('./', response);
  shellName = name;
  return name;
}

/// Looks for a new index.html; when there is one, caches it with its assets and frees
/// the older shells. Offline or on any failure the current shell stays.
let refreshing = null;
function refreshShell() {
  refreshing ??= (async () => {
    const response = await fetch('./', { cache: 'no-cache' });
    if (!response.ok) return;
    const html = await response.clone().text();
    const current = await currentShell();
    const saved = current && await (await caches.open(current)).match('./');
    if (saved && (await saved.text()) === html) return;
    const name = await cacheShell(response, html);
    const shells = (await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX) && k !== name);
    await Promise.all(shells.map((k) => caches.delete(k)));
  })().catch((e) => console.warn('the app could not be updated:', e)).finally(() => { refreshing = null; });
  return refreshing;
}

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Keep only the newest shell (the one just installed is the last opened).
    const shells = (await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX));
    const current = await currentShell();
    await Promise.all(shells.filter((k) => k !== current).map((k) => caches.delete(k)));
    await self.clients.claim();
  })());
});

let shellName = null;
async function currentShell() {
  if (shellName) return shellName;
  const shells = (await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX));
  shellName = shells[shells.length - 1] || null;
  return shellName;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!url.pathname.startsWith(new URL(self.registration.scope).pathname)) return;
  const path = url.pathname.slice(new URL(self.registration.scope).pathname.length);
  if (request.mode === 'navigate' || path === '' || path === 'index.html') {
    event.respondWith(shellFirst(request));
  } else if (path === MANIFEST) {
    event.respondWith(networkFirst(request, MANIFEST));
    event.waitUntil(refreshShell());
  } else if (SEGMENT.test(path)) {
    event.respondWith(fromDataCache(request));
  } else {
    event.respondWith(cacheFirst(request, path.startsWith(DATA_DIR)));
  }
});

async function shellFirst(request) {
  const current = await currentShell();
  const cached = current && await (await caches.open(current)).match('./');
  return cached || fetch(request);
}

async function networkFirst(request, key) {
  try {
    // The manifest is cached by the app, once its segments are verified.
    return await fetch(request, { cache: 'no-cache' });
  } catch (offline) {
    const cached = await caches.match(key, { ignoreSearch: true });
    if (cached) return cached;
    throw offline;
  }
}

async function fromDataCache(request) {
  const cache = await caches.open(DATA);
  return (await cache.match(request)) || fetch(request);
}

// Only data files are kept here: an app file belongs to its shell, and a copy kept
// apart would outlive a new version of it.
async function cacheFirst(request, keep) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (keep && response.ok) {
    const cache = await caches.open(DATA);
    await cache.put(request, response.clone());
  }
  return response;
}
