// Runs before the app (a plain script, no inline code): a browser that cannot run
// WebAssembly gets a clear sentence instead of an empty page.
(function () {
  if (typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function') return;
  var p = document.getElementById('no-wasm');
  if (p) p.hidden = false;
})();
