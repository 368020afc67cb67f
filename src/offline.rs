//! The verified index in Cache Storage, shared with the service worker (`public/sw.js`):
//! the app writes a bundle there only after checking it against its manifest, and
//! removes the bundles the new manifest no longer names, so the worker can serve the
//! last good index offline and a broken download never replaces it.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, Request, Response};

const CACHE: &str = "twir-data";

async fn open() -> Option<Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(CACHE))
        .await
        .ok()?
        .dyn_into()
        .ok()
}

/// The manifest of the last verified index, if one is cached.
pub async fn good_manifest(url: &str) -> Option<String> {
    let cache = open().await?;
    let found = JsFuture::from(cache.match_with_str(url)).await.ok()?;
    let response: Response = found.dyn_into().ok()?;
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Stores a verified index (its manifest and bundle, unless already there) and frees
/// every other bundle.
pub async fn keep(manifest_url: &str, manifest_text: &str, bundle_url: &str, bytes: &[u8]) {
    let _ = store(manifest_url, manifest_text, bundle_url, bytes).await;
}

async fn store(
    manifest_url: &str,
    manifest_text: &str,
    bundle_url: &str,
    bytes: &[u8],
) -> Result<(), JsValue> {
    let cache = open().await.ok_or(JsValue::NULL)?;
    // Already saved on an earlier visit: do not write 11 MB again on every page load.
    let saved = JsFuture::from(cache.match_with_str(bundle_url)).await?;
    if saved.is_undefined() {
        let body = Uint8Array::from(bytes);
        let bundle = Response::new_with_opt_buffer_source(Some(&body))?;
        JsFuture::from(cache.put_with_str(bundle_url, &bundle)).await?;
    }
    let manifest = Response::new_with_opt_str(Some(manifest_text))?;
    JsFuture::from(cache.put_with_str(manifest_url, &manifest)).await?;
    let keys: Array = JsFuture::from(cache.keys()).await?.dyn_into()?;
    let keep = web_sys::Url::new_with_base(
        bundle_url,
        &web_sys::window().ok_or(JsValue::NULL)?.location().href()?,
    )?
    .href();
    for key in keys.iter() {
        let request: Request = key.dyn_into()?;
        let url = request.url();
        if url.contains("/index.") && url.ends_with(".bin") && url != keep {
            JsFuture::from(cache.delete_with_request(&request)).await?;
        }
    }
    Ok(())
}

/// Is the browser offline?
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}
