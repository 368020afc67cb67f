// The engine's Web Worker: loads its wasm (built by Trunk from worker/), which then
// downloads, verifies, caches and opens the index and answers the page's messages.
//
// DATA, DATA_DIR and MANIFEST are the names of engine/src/files.rs, which
// `index-builder finish-site` writes at the top of the worker.js it publishes.

// The page asks as soon as it has a question, before the engine listens: what it asks
// meanwhile is kept here for the engine (worker/src/host.rs takes `twirAsked`), which
// answers it as soon as the index opens.
self.twirAsked = [];
self.onmessage = function (e) { self.twirAsked.push(e.data); };

// On a first visit (`#first-visit`, from boot.js: no service worker controls the page
// yet) the index download begins at once, while the wasm is fetched and compiled: the
// manifest, then the first segment it names. The engine (worker/src/loader.rs) takes
// these with `take(name)` instead of asking again. A repeat visit opens the index saved
// on the device and asks the network only after.
if (self.location.hash === '#first-visit') {
  self.twirEarlyIndex = (function () {
    var begun = {};
    var manifest = fetch(MANIFEST).then(function (response) {
      if (!response.ok) throw new Error(MANIFEST + ': ' + response.status);
      return response.text();
    });
    manifest.then(function (text) {
      var segments = JSON.parse(text).segments || [];
      if (!segments.length) return;
      var response = fetch(DATA_DIR + segments[0].name);
      response.catch(function () {});  // reported by the engine when it takes it
      begun[segments[0].name] = response;
    }, function () {});
    return {
      manifest: manifest,
      take: function (name) {
        var response = begun[name] || null;
        delete begun[name];
        return response;
      },
    };
  })();
} else {
  // A repeat visit: the index saved on this device is looked for at once, while the
  // wasm is fetched and compiled (Cache Storage takes tens of milliseconds to answer
  // the first time). The engine (worker/src/offline.rs) takes the text of its
  // manifest, or null, from `twirSaved`.
  self.twirSaved = (self.caches
    ? caches.open(DATA)
      .then(function (cache) { return cache.match(MANIFEST); })
      .then(function (response) { return response ? response.text() : null; })
    : Promise.resolve(null)
  ).catch(function () { return null; });
}

// The engine's wasm is asked for before its JS glue is read (importScripts waits), so
// both are on their way together. A wasm that will not load is said to the page in the
// engine's own message format (`twir_engine::messages::Message::Failed`), so the page
// offers to start again.
var engineWasm = fetch('engine_bg.wasm');
engineWasm.catch(function () {});  // reported below, once wasm_bindgen takes it
importScripts('engine.js');
wasm_bindgen({ module_or_path: engineWasm }).catch((e) => {
  postMessage(JSON.stringify({ Failed: { why: `The search engine could not start (${(e && e.message) || e}).` } }));
});
