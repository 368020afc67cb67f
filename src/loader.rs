//! Downloading the index: `manifest.json` first (always fresh), then the bundle it names.

use gloo_net::http::{Request, Response};
use twir_engine::{Engine, Manifest};

/// Where the data folder is, relative to the page.
const DATA: &str = "data";

/// What the page shows while and after loading.
#[derive(Clone)]
pub enum LoadState {
    /// Downloading: `received` of `total` bytes of the bundle (`total` is 0 while the
    /// manifest is fetched).
    Loading {
        received: u64,
        total: u64,
    },
    Ready(std::sync::Arc<Engine>),
    Failed(String),
}

/// Fetches and opens the index, telling `on_progress` (received, total) as the bundle
/// arrives. Errors are sentences for the reader.
pub async fn load(on_progress: impl Fn(u64, u64)) -> Result<Engine, String> {
    let manifest_url = format!("{DATA}/manifest.json");
    let manifest_text = fetch(&manifest_url)
        .await?
        .text()
        .await
        .map_err(|e| format!("Could not read {manifest_url} ({e})."))?;
    let manifest = Manifest::from_json(&manifest_text).map_err(|e| e.to_string())?;
    let file = manifest.bundle_file().map_err(|e| e.to_string())?.clone();
    on_progress(0, file.size);
    let response = fetch(&format!("{DATA}/{}", file.name)).await?;
    let bytes = read_body(response, |received| on_progress(received, file.size))
        .await
        .map_err(|e| format!("The index download broke off ({e})."))?;
    Engine::open(manifest, &bytes).map_err(|e| format!("The index cannot be used: {e}"))
}

/// The whole body, read chunk by chunk so the page can show how far it got. The
/// counts are of decoded bytes, as the manifest's size is.
async fn read_body(response: Response, on_chunk: impl Fn(u64)) -> Result<Vec<u8>, String> {
    use wasm_bindgen::JsCast;
    let Some(stream) = response.body() else {
        return response.binary().await.map_err(|e| e.to_string());
    };
    let reader: web_sys::ReadableStreamDefaultReader = stream
        .get_reader()
        .dyn_into()
        .map_err(|_| "no stream reader".to_string())?;
    let mut bytes = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("{e:?}"))?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        if let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) {
            let array = js_sys::Uint8Array::new(&value);
            let start = bytes.len();
            bytes.resize(start + array.length() as usize, 0);
            array.copy_to(&mut bytes[start..]);
            on_chunk(bytes.len() as u64);
        }
    }
}

/// A successful response for `url`, or why there is none.
async fn fetch(url: &str) -> Result<Response, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("Could not load {url} ({e}). Are you offline?"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!(
            "Could not load {url}: the server answered {} {}.",
            response.status(),
            response.status_text()
        ))
    }
}
