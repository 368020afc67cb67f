// Runs before the app: a browser that cannot run WebAssembly gets a clear sentence
// instead of an empty page. (The engine's worker is started earlier, by the script at
// the top of index.html.)
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
