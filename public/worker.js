// The engine's Web Worker: loads its wasm (built by Trunk from worker/), which then
// downloads, verifies, caches and opens the index and answers the page's messages.

// On a first visit (`#first-visit`, from boot.js: no service worker has saved anything
// yet) the index download begins at once, while the wasm is fetched and compiled: the
// manifest and the first segment it names. The page names that segment too
// (`#first-visit=NAME`), so both downloads begin together; when the manifest names
// another (a page older than the index), that one begins once the manifest is read and
// the page's is stopped.
// The engine (worker/src/loader.rs) takes these with `take(name)` instead of asking
// again, and checks each against the manifest. A repeat visit opens the index saved on
// the device and asks the network only after.
var firstVisit = /^#first-visit(?:=(.*))?$/.exec(self.location.hash);
if (firstVisit) {
  self.twirEarlyIndex = (function () {
    var begun = {};
    var stop = {};
    var begin = function (name) {
      if (begun[name]) return;
      var controller = new AbortController();
      var response = fetch('data/' + name, { signal: controller.signal });
      response.catch(function () {});  // reported by the engine when it takes it
      begun[name] = response;
      stop[name] = function () { controller.abort(); delete begun[name]; };
    };
    var manifest = fetch('data/manifest.json').then(function (response) {
      if (!response.ok) throw new Error('manifest.json: ' + response.status);
      return response.text();
    });
    var hinted = firstVisit[1] && decodeURIComponent(firstVisit[1]);
    if (hinted) begin(hinted);
    manifest.then(function (text) {
      var segments = JSON.parse(text).segments || [];
      if (!segments.length) return;
      if (hinted && hinted !== segments[0].name) stop[hinted]();
      begin(segments[0].name);
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
