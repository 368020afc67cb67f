//! Downloading the index: `manifest.json` first (always fresh), then its segments in
//! the manifest's order. The first segment answers alone; the engine is opened again
//! as each further one arrives, so what was typed is answered from what is loaded.

use gloo_net::http::{Request, Response};
use twir_engine::{Engine, Manifest, Segment};

/// Where the data folder is, relative to the page.
const DATA: &str = "data";

/// After the first segment, the engine is opened again for a newly arrived segment only
/// when the one before took longer than this to arrive.
const REOPEN_AFTER_MS: f64 = 400.0;

/// What the page shows while and after loading.
#[derive(Clone)]
pub enum LoadState {
    /// Nothing answers yet: the manifest or the first segment is on its way.
    Loading,
    /// Answers from the segments loaded so far, or from all of them.
    Ready(std::sync::Arc<Engine>),
    Failed(String),
}

/// Bytes of the index received so far, of all its segments' bytes (0 while the
/// manifest is fetched).
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub received: u64,
    pub total: u64,
}

/// What the loader tells the page besides progress.
pub enum Event {
    /// An index is open and answers queries: the first segment, more of them, all of
    /// them, or a newer index.
    Ready(Box<Engine>),
    /// A sentence for the reader: "Issue 645 added", or why a newer index is not used.
    Notice(String),
}

/// Opens the index and keeps it current.
///
/// The manifest comes from the network when online (the service worker falls back to
/// the cached one offline). When the last complete verified index (in Cache Storage)
/// differs from the manifest's, the saved one opens at once and the new one downloads
/// in the background: only the segments it does not have cross the network (the
/// service worker serves the others from Cache Storage). The page switches only once
/// every segment is verified, and keeps the old index if a download breaks. Errors are
/// sentences for the reader.
pub async fn load(on_progress: impl Fn(Progress), on_event: impl Fn(Event)) -> Result<(), String> {
    let manifest_url = format!("{DATA}/manifest.json");
    let good = crate::offline::good_manifest(&manifest_url)
        .await
        .and_then(|text| Manifest::from_json(&text).ok().map(|m| (m, text)));
    let fetched = fetch_manifest(&manifest_url).await;
    let (manifest, text) = match (fetched, &good) {
        (Ok(fresh), Some((old, old_text))) if names(&fresh.0) != names(old) => {
            // A new index was published: answer from the one we have meanwhile.
            let had_old = match open_all(old, old_text, &|_| {}, &|_| {}).await {
                Ok((engine, _)) => {
                    on_event(Event::Ready(Box::new(engine)));
                    true
                }
                Err(_) => false,
            };
            let progress = |p: Progress| {
                if !had_old {
                    on_progress(p)
                }
            };
            let partial = |engine: Engine| {
                if !had_old {
                    on_event(Event::Ready(Box::new(engine)))
                }
            };
            match open_all(&fresh.0, &fresh.1, &progress, &partial).await {
                Ok((engine, not_saved)) => {
                    if let Some(text) = not_saved {
                        on_event(Event::Notice(text));
                    }
                    if had_old {
                        let added = engine.manifest().last_issue;
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
    let partial = |engine: Engine| on_event(Event::Ready(Box::new(engine)));
    let (engine, not_saved) = open_all(&manifest, &text, &on_progress, &partial).await?;
    if let Some(text) = not_saved {
        on_event(Event::Notice(text));
    }
    on_event(Event::Ready(Box::new(engine)));
    Ok(())
}

/// The segment files a manifest names.
fn names(m: &Manifest) -> Vec<&str> {
    m.segments.iter().map(|s| s.name.as_str()).collect()
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

/// Downloads (or takes from the cache) every segment of `manifest` in its order,
/// verifies each and keeps it in Cache Storage; after each one but the last, hands
/// `partial` an engine over what has arrived. Returns the complete engine, once the
/// manifest is saved as the last good one, and a sentence if saving it failed.
async fn open_all(
    manifest: &Manifest,
    text: &str,
    on_progress: &impl Fn(Progress),
    partial: &impl Fn(Engine),
) -> Result<(Engine, Option<String>), String> {
    let total: u64 = manifest.segments.iter().map(|s| s.size).sum();
    let mut done = 0u64;
    on_progress(Progress { received: 0, total });
    let mut segments: Vec<Segment> = Vec::new();
    let mut urls = Vec::new();
    let mut not_saved = None;
    let mut last_open = js_sys::Date::now();
    for (i, file) in manifest.segments.iter().enumerate() {
        let url = format!("{DATA}/{}", file.name);
        let response = fetch(&url).await?;
        let bytes = read_body(response, |received| {
            on_progress(Progress {
                received: done + received,
                total,
            })
        })
        .await
        .map_err(|e| format!("The index download broke off ({e})."))?;
        done += file.size;
        let segment = Segment::parse(manifest, &file.name, &bytes)
            .map_err(|e| format!("The index cannot be used: {e}"))?;
        if let Err(e) = crate::offline::keep_segment(&url, &bytes).await {
            not_saved.get_or_insert(e);
        }
        segments.push(segment);
        urls.push(url);
        // Open what has arrived after the first segment, then again only when the next
        // one took a while: segments that come from the cache on a repeat visit arrive
        // together, and opening after each would only repeat the work.
        let slow = js_sys::Date::now() - last_open > REOPEN_AFTER_MS;
        if i + 1 < manifest.segments.len() && (i == 0 || slow) {
            let loaded: Vec<&Segment> = segments.iter().collect();
            let engine = Engine::from_segments(manifest.clone(), &loaded)
                .map_err(|e| format!("The index cannot be used: {e}"))?;
            partial(engine);
            last_open = js_sys::Date::now();
        }
    }
    let loaded: Vec<&Segment> = segments.iter().collect();
    let engine = Engine::from_segments(manifest.clone(), &loaded)
        .map_err(|e| format!("The index cannot be used: {e}"))?;
    if not_saved.is_none() {
        if let Err(e) =
            crate::offline::keep_manifest(&format!("{DATA}/manifest.json"), text, &urls).await
        {
            not_saved = Some(e);
        }
    }
    let not_saved = not_saved.map(|e| {
        format!("This device could not save the index for use offline ({e}); search works while online.")
    });
    Ok((engine, not_saved))
}

/// The whole body, read chunk by chunk so the page can show how far it got. The
/// counts are of decoded bytes, as the manifest's sizes are.
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
