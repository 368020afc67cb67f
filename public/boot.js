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

// The engine's Web Worker starts now, while the page's own wasm is on its way: it
// downloads (or takes from the device) the index and opens it on its own thread. The
// app (src/worker.rs) takes it over from `window.twirEngine`, with every message it
// sent before then.
(function () {
  if (!window.Worker) return;
  var script = document.currentScript;
  var url = new URL('worker.js', script ? script.src : location.href).href;
  // No service worker controls the page: a first visit (or a reload that went past
  // it), so the worker begins the index download at once instead of looking on the
  // device first. A browser without service workers looks every time: the worker may
  // have saved the index there on an earlier visit.
  var first = 'serviceWorker' in navigator && !navigator.serviceWorker.controller;
  var engine = { url: url, worker: null, messages: [] };
  try {
    engine.worker = new Worker(first ? url + '#first-visit' : url);
  } catch (e) {
    return;  // the app tries again and says why
  }
  engine.worker.onmessage = function (e) { engine.messages.push(e.data); };
  engine.worker.onerror = function (e) {
    var why = e && e.message ? ' (' + e.message + ')' : '';
    engine.messages.push(JSON.stringify({ Failed: { why: 'The search engine stopped' + why + '.' } }));
  };
  window.twirEngine = engine;
})();
