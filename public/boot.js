// Runs before the app (a plain script, no inline code): a browser that cannot run
// WebAssembly gets a clear sentence instead of an empty page.
(function () {
  if (typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function') return;
  var p = document.getElementById('no-wasm');
  if (p) p.hidden = false;
})();

// Offline use: the service worker (sw.js, beside this file) caches the app and the index.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('sw.js').catch(function (e) {
      console.warn('offline use is not available:', e);
    });
  });
}

// A first visit (no service worker controls the page yet) asks for the index at once,
// while the wasm is still on its way: the manifest, then its first segment, alone so
// that it comes at the network's full speed; then, once that segment and the wasm are
// both in, every other segment, so that the network is not idle while the wasm starts.
// The app (src/loader.rs) takes these answers with `take(name)` instead of asking
// again; a segment it has taken before they were begun is left to it. A repeat visit
// does none of this: the app answers from the index saved on the device and asks the
// network only after.
(function () {
  if ((navigator.serviceWorker && navigator.serviceWorker.controller) || !window.fetch) return;
  var begun = {};
  var taken = {};
  var get = function (name) {
    var response = fetch('data/' + name);
    response.catch(function () {});  // reported by the app when it takes it
    begun[name] = response;
  };
  var manifest = fetch('data/manifest.json').then(function (response) {
    if (!response.ok) throw new Error('manifest.json: ' + response.status);
    return response.text();
  });
  manifest.then(function (text) {
    var names = (JSON.parse(text).segments || []).map(function (s) { return s.name; });
    if (!names.length) return;
    get(names[0]);
    // Resource timing lists a file once all its bytes are in.
    var rest = function () {
      names.slice(1).forEach(function (name) { if (!taken[name]) get(name); });
    };
    if (!window.PerformanceObserver) return rest();
    var waiting = [/\.wasm$/, new RegExp('/data/' + names[0].replace(/\./g, '\\.') + '$')];
    var observer = new PerformanceObserver(function (list) {
      list.getEntries().forEach(function (e) {
        waiting = waiting.filter(function (pattern) { return !pattern.test(e.name); });
      });
      if (!waiting.length) {
        observer.disconnect();
        rest();
      }
    });
    observer.observe({ type: 'resource', buffered: true });
  }, function () {});
  window.twirEarlyIndex = {
    manifest: manifest,
    take: function (name) {
      taken[name] = true;
      var response = begun[name] || null;
      delete begun[name];
      return response;
    },
  };
})();
