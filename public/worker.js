// The engine's Web Worker: loads its wasm (built by Trunk from worker/), which then
// downloads, verifies, caches and opens the index and answers the page's messages.
//
// DATA, DATA_DIR and MANIFEST are the names of engine/src/files.rs, and FIRST_SEGMENT
// the first segment of this build's manifest, which `index-builder finish-site` writes
// at the top of the worker.js it publishes.

// When this script began, for the cold-start timeline (tools/cold_start_timeline.mjs).
if (self.performance && performance.mark) performance.mark('worker script');

// The page asks as soon as it has a question, before the engine listens: what it asks
// meanwhile is kept here for the engine (worker/src/host.rs takes `twirAsked`), which
// answers it as soon as the index opens.
self.twirAsked = [];
self.onmessage = function (e) { self.twirAsked.push(e.data); };

// On a first visit (`#first-visit`: no service worker controls the page yet) the index
// download begins at once, while the wasm is fetched and compiled: the manifest, and
// with it the first segment this build's manifest names (FIRST_SEGMENT), so that it
// waits neither for the manifest's round trip nor for `importScripts` below, which
// holds this worker until engine.js has arrived. Should the manifest name another first
// segment (a new index published in between), that one is begun and the other
// stopped. The engine (worker/src/loader.rs) takes these with `take(name)` instead of
// asking again. A repeat visit opens the index saved on the device and asks the network
// only after.
if (self.location.hash === '#first-visit') {
  self.twirEarlyIndex = (function () {
    var begun = {};
    var begin = function (path) {
      var stop = self.AbortController ? new AbortController() : null;
      var response = fetch(path, stop ? { signal: stop.signal } : {});
      response.catch(function () {});  // reported by the engine when it takes it
      begun[path.slice(DATA_DIR.length)] = { response: response, stop: stop };
    };
    begin(FIRST_SEGMENT);
    var manifest = fetch(MANIFEST).then(function (response) {
      if (!response.ok) throw new Error(MANIFEST + ': ' + response.status);
      return response.text();
    });
    manifest.then(function (text) {
      var segments = JSON.parse(text).segments || [];
      if (!segments.length || begun[segments[0].name]) return;
      Object.keys(begun).forEach(function (name) {
        if (begun[name].stop) begun[name].stop.abort();
        delete begun[name];
      });
      begin(DATA_DIR + segments[0].name);
    }, function () {});
    return {
      manifest: manifest,
      take: function (name) {
        var early = begun[name];
        delete begun[name];
        return early ? early.response : null;
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

// A download that brings nothing for 20 seconds has stalled: the engine's own
// downloads have the same limit (STALL_MS, worker/src/loader.rs). A fetch would wait
// for minutes, and the page say "Loading" all that time. A copy of the wasm's body is
// watched; the response itself goes to the compiler as it is, so that the browser can
// keep the compiled code by its URL. Resolves with why, or never.
var STALL_SECONDS = 20;
var engineStalled = engineWasm.then(function (response) {
  var reader;
  try {
    reader = response.clone().body.getReader();
  } catch (e) {
    return new Promise(function () {});  // no body to watch: the compiler says what fails
  }
  return new Promise(function (stalled) {
    var timer = null;
    var watch = function () {
      timer = setTimeout(function () {
        reader.cancel();
        stalled('its download broke off: nothing arrived for ' + STALL_SECONDS + ' seconds');
      }, STALL_SECONDS * 1000);
      reader.read().then(function (chunk) {
        clearTimeout(timer);
        if (!chunk.done) watch();
      }, function () { clearTimeout(timer); });
    };
    watch();
  });
}, function () { return new Promise(function () {}); });

importScripts('engine.js');
var cannotStart = function (why) {
  postMessage(JSON.stringify({ Failed: { why: 'The search engine could not start (' + why + ').' } }));
};
wasm_bindgen({ module_or_path: engineWasm }).catch(function (e) { cannotStart((e && e.message) || e); });
engineStalled.then(function (why) {
  cannotStart(why);
  // Nothing this worker does later can be trusted to come: the page's Retry starts anew.
  close();
});
