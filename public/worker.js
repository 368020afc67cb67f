// The engine's Web Worker: loads its wasm (built by Trunk from worker/), which then
// downloads, verifies, caches and opens the index and answers the page's messages.
// A wasm that will not load is said to the page in the engine's own message format
// (`twir_engine::messages::Message::Failed`), so the page offers to start again.
importScripts('engine.js');
wasm_bindgen({ module_or_path: 'engine_bg.wasm' }).catch((e) => {
  postMessage(JSON.stringify({ Failed: `The search engine could not start (${(e && e.message) || e}).` }));
});
