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

/// What the loader tells the page besides progress.
pub enum Event {
    /// An index is open and answers queries (the first one, or a newer one).
    Ready(Box<Engine>),
    /// A sentence for the reader: "Issue 645 added", or why a newer index is not used.
    Notice(String),
}

/// Opens the index and keeps it current.
///
/// The manifest comes from the network when online (the service worker falls back to
/// the cached one offline). When the last verified index (in Cache Storage) differs from
/// the manifest's, the cached one opens at once and the new one downloads in the
/// background; the page switches to it only once it is verified, and keeps the old one
/// if the download breaks. Errors are sentences for the reader.
pub async fn load(on_progress: impl Fn(u64, u64), on_event: impl Fn(Event)) -> Result<(), String> {
    let manifest_url = format!("{DATA}/manifest.json");
    let good = crate::offline::good_manifest(&manifest_url)
        .await
        .and_then(|text| Manifest::from_json(&text).ok().map(|m| (m, text)));
    let fetched = fetch_manifest(&manifest_url).await;
    let (manifest, text) = match (fetched, &good) {
        (Ok(fresh), Some((old, old_text))) if bundle_name(&fresh.0) != bundle_name(old) => {
            // A new index was published: answer from the one we have meanwhile.
            let old_engine = open(old.clone(), old_text, &on_progress).await;
            let had_old = old_engine.is_ok();
            if let Ok(engine) = old_engine {
                on_event(Event::Ready(Box::new(engine)));
            }
            match open(fresh.0.clone(), &fresh.1, &on_progress).await {
                Ok(engine) => {
                    let added = engine.manifest().last_issue;
                    if had_old {
                        on_event(Event::Notice(if added > old.last_issue {
                            format!("Issue {added} added: the index is up to date.")
                        } else {
                            "The index was updated.".to_string()
                        }));
                    }
                    on_event(Event::Ready(Box::new(engine)));
                    return Ok(());
                }
                Err(e) if had_old => {
                    on_event(Event::Notice(format!(
                        "A newer index could not be loaded ({e}); still searching issues up to {}.",
                        old.last_issue
                    )));
                    return Ok(());
                }
                Err(e) => return Err(e),
            }
        }
        (Ok(fresh), _) => fresh,
        (Err(_), Some((old, old_text))) => (old.clone(), old_text.clone()),
        (Err(e), None) => return Err(e),
    };
    on_event(Event::Ready(Box::new(
        open(manifest, &text, &on_progress).await?,
    )));
    Ok(())
}

fn bundle_name(m: &Manifest) -> Option<String> {
    m.bundle_file().ok().map(|f| f.name.clone())
}

async fn fetch_manifest(url: &str) -> Result<(Manifest, String), String> {
    let text = fetch(url)
        .await?
        .text()
        .await
        .map_err(|e| format!("Could not read {url} ({e})."))?;
    let manifest = Manifest::from_json(&text).map_err(|e| e.to_string())?;
    Ok((manifest, text))
}

/// Downloads (or takes from the cache) the manifest's bundle, verifies and opens it, and
/// keeps it in Cache Storage as the last good index.
async fn open(
    manifest: Manifest,
    text: &str,
    on_progress: &impl Fn(u64, u64),
) -> Result<Engine, String> {
    let file = manifest.bundle_file().map_err(|e| e.to_string())?.clone();
    on_progress(0, file.size);
    let url = format!("{DATA}/{}", file.name);
    let response = fetch(&url).await?;
    let bytes = read_body(response, |received| on_progress(received, file.size))
        .await
        .map_err(|e| format!("The index download broke off ({e})."))?;
    let engine =
        Engine::open(manifest, &bytes).map_err(|e| format!("The index cannot be used: {e}"))?;
    crate::offline::keep(&format!("{DATA}/manifest.json"), text, &url, &bytes).await;
    Ok(engine)
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
