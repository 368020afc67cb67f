//! The verified index in Cache Storage, shared with the service worker (`public/sw.js`):
//! the engine's worker writes a segment file there only after checking it against its manifest,
//! saves the manifest once all its segments are in, and removes the segment files that
//! manifest no longer names, so the worker can serve the last good index offline and a
//! broken download never replaces a good segment.

use js_sys::{Array, Uint8Array};
use twir_engine::files::{is_segment_file_name, DATA_CACHE};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Request, Response, WorkerGlobalScope};

fn scope() -> Option<WorkerGlobalScope> {
    js_sys::global().dyn_into().ok()
}

async fn open() -> Option<Cache> {
    let caches = scope()?.caches().ok()?;
    JsFuture::from(caches.open(DATA_CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// The manifest of the last verified index, if one is saved: `worker.js` began looking
/// for it (`twirSaved`) while this wasm was fetched and compiled.
pub async fn saved_manifest() -> Option<String> {
    let looked: js_sys::Promise = js_sys::Reflect::get(&js_sys::global(), &"twirSaved".into())
        .ok()?
        .dyn_into()
        .ok()?;
    JsFuture::from(looked).await.ok()?.as_string()
}

/// Stores one verified segment file, unless an earlier visit saved it already.
pub async fn keep_segment(url: &str, bytes: &[u8]) -> Result<(), String> {
    store_segment(url, bytes).await.map_err(describe)
}

/// Stores the manifest of a complete verified index as the last good one and frees
/// every segment file it does not name (`urls`, relative to the page).
pub async fn keep_manifest(url: &str, text: &str, urls: &[String]) -> Result<(), String> {
    store_manifest(url, text, urls).await.map_err(describe)
}

async fn store_segment(url: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let cache = open()
        .await
        .ok_or(JsValue::from_str("Cache Storage is not available"))?;
    // Already saved on an earlier visit: do not write it again on every page load.
    let saved = JsFuture::from(cache.match_with_str(url)).await?;
    if saved.is_undefined() {
        let body = Uint8Array::from(bytes);
        let response = Response::new_with_opt_buffer_source(Some(&body))?;
        JsFuture::from(cache.put_with_str(url, &response)).await?;
    }
    Ok(())
}

async fn store_manifest(url: &str, text: &str, urls: &[String]) -> Result<(), JsValue> {
    let cache = open()
        .await
        .ok_or(JsValue::from_str("Cache Storage is not available"))?;
    let manifest = Response::new_with_opt_str(Some(text))?;
    JsFuture::from(cache.put_with_str(url, &manifest)).await?;
    // The worker's script sits beside the page: the same base for `data/…`.
    let page = scope().ok_or(JsValue::NULL)?.location().href();
    let keep: Vec<String> = urls
        .iter()
        .map(|u| web_sys::Url::new_with_base(u, &page).map(|u| u.href()))
        .collect::<Result<_, _>>()?;
    let keys: Array = JsFuture::from(cache.keys()).await?.dyn_into()?;
    for key in keys.iter() {
        let request: Request = key.dyn_into()?;
        let url = request.url();
        let name = url.rsplit('/').next().unwrap_or("");
        if is_segment_file_name(name) && !keep.contains(&url) {
            JsFuture::from(cache.delete_with_request(&request)).await?;
        }
    }
    Ok(())
}

/// A JavaScript error as a sentence (a quota error says so, for instance).
fn describe(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
