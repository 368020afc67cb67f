//! Opening the index: the one saved on the device first, if there is one, and then
//! `manifest.json` from the network, to notice a new one. Downloading one: the manifest,
//! the first segment alone, then every other segment together, taken in the manifest's
//! order. The first segment answers alone; the engine is opened again as further ones
//! arrive, so what was typed is answered from what is loaded.

use gloo_net::http::{Request, Response};
use twir_engine::files::{DATA_DIR as DATA, MANIFEST};
use twir_engine::messages::{Failure, Progress};
use twir_engine::{Arrived, Engine, Manifest, Segment};

/// After the first segment, the engine is opened again for a newly arrived segment only
/// when the last opening was longer ago than this.
const REOPEN_AFTER_MS: f64 = 400.0;

/// The page is told how far the download has come at most this often (and once it is
/// all in). Told at every chunk, it got 54 messages on loopback for this archive, each
/// a redraw of the progress bar, while the later segments arrived just as it had its
/// first answer to draw; now 5.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// A download that brings nothing for this long has stalled, and the reader is told so
/// and offered to start again. A browser's fetch has no such limit of its own: a phone
/// that lost its network mid-download showed the same progress for minutes.
const STALL_MS: i32 = 20_000;

/// A segment download that failed or stalled is tried once more, after this pause,
/// before the reader is told: a phone that changed networks mid-download has a dead
/// connection, and a new request gets a new one.
const RETRY_AFTER_MS: i32 = 2_000;

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
/// A saved index (the last complete verified one, in Cache Storage) opens first and
/// answers before anything is asked of the network: a repeat visit costs no bytes
/// before its first answer, and a phone on a poor network is not kept waiting. Then the
/// manifest is asked of the network (the service worker looks for a new app at the same
/// moment). When it names other segments than the saved one, they
/// download in the background: only the segments the cache does not have cross the
/// network. The page switches only once every segment is verified, and keeps the old
/// index if a download breaks. On a first visit nothing is saved yet, and `worker.js`
/// began the download while this wasm compiled: the manifest and its segments come
/// from it at once, the first segment answering alone. A failure is a sentence for the
/// reader, with the engine's kind of error when the engine refused the index.
/// `between` runs between two segments, so that what the page asked meanwhile is
/// answered before the next segment is read.
pub async fn load(
    on_progress: impl Fn(Progress),
    on_event: impl Fn(Event),
    between: impl Fn(),
) -> Result<(), Failure> {
    let manifest_url = format!("{DATA}/{MANIFEST}");
    // A first visit does not wait for Cache Storage (its first answer takes tens of
    // milliseconds): `worker.js` looked there only when it did not begin a download.
    let early = EarlyIndex::take().await;
    crate::timing::mark_once("manifest taken");
    let good = match early {
        Some(_) => None,
        None => crate::offline::saved_manifest()
            .await
            .and_then(|text| Manifest::from_json(&text).ok().map(|m| (m, text))),
    };
    // The first saved segment answers alone while the others are read, as on a download.
    let partial = |engine: Engine| on_event(Event::Ready(Box::new(engine)));
    let old = match &good {
        Some((old, old_text)) => {
            match open_all(old, old_text, None, &|_| {}, &partial, &between).await {
                Ok((engine, _)) => {
                    on_event(Event::Ready(Box::new(engine)));
                    Some(old)
                }
                Err(_) => None,
            }
        }
        None => None,
    };
    let Some(old) = old else {
        // Nothing saved (or it would not open): the reader waits for this download.
        let (manifest, text) = match &early {
            Some(early) => (early.manifest.clone(), early.text.clone()),
            None => fetch_manifest(&manifest_url).await?,
        };
        let (engine, not_saved) = open_all(
            &manifest,
            &text,
            early.as_ref(),
            &on_progress,
            &partial,
            &between,
        )
        .await?;
        if let Some(text) = not_saved {
            on_event(Event::Notice(text));
        }
        on_event(Event::Ready(Box::new(engine)));
        return Ok(());
    };
    let (manifest, text) = match fetch_manifest(&manifest_url).await {
        Ok(fresh) if names(&fresh.0) != names(old) => fresh,
        // The same index, or offline: the saved one answers, as it already does.
        _ => return Ok(()),
    };
    // A new index was published: the old one answers until every new segment is in.
    match open_all(&manifest, &text, None, &|_| {}, &|_| {}, &between).await {
        Ok((engine, not_saved)) => {
            if let Some(text) = not_saved {
                on_event(Event::Notice(text));
            }
            let added = engine.manifest().last_issue;
            on_event(Event::Notice(if added > old.last_issue {
                format!("Issue {added} added: the index is up to date.")
            } else {
                "The index was updated.".to_string()
            }));
            on_event(Event::Ready(Box::new(engine)));
        }
        Err(e) => on_event(Event::Notice(format!(
            "A newer index could not be loaded ({}); still searching issues up to {}.",
            e.why, old.last_issue
        ))),
    }
    Ok(())
}

/// What `worker.js` began on a first visit while this wasm compiled: the manifest, and
/// the download of the first segment it names.
struct EarlyIndex {
    manifest: Manifest,
    text: String,
    /// `worker.js`'s object, whose `take(name)` hands over a download it began.
    begun: wasm_bindgen::JsValue,
}

impl EarlyIndex {
    /// Takes what `worker.js` began (once). `None` when it began nothing or the
    /// manifest failed; the loader then asks itself and says why.
    async fn take() -> Option<EarlyIndex> {
        use wasm_bindgen::JsCast;
        let global: js_sys::Object = js_sys::global();
        let key = wasm_bindgen::JsValue::from_str("twirEarlyIndex");
        let begun = js_sys::Reflect::get(&global, &key).ok()?;
        if !begun.is_object() {
            return None;
        }
        let _ = js_sys::Reflect::delete_property(&global, &key);
        let promise: js_sys::Promise = js_sys::Reflect::get(&begun, &"manifest".into())
            .ok()?
            .dyn_into()
            .ok()?;
        // A stalled one is asked for again (`fetch_manifest`).
        let text = unless_stalled(wasm_bindgen_futures::JsFuture::from(promise))
            .await?
            .ok()?
            .as_string()?;
        let manifest = Manifest::from_json(&text).ok()?;
        Some(EarlyIndex {
            manifest,
            text,
            begun,
        })
    }

    /// The download of segment `name` if `worker.js` began it and it answered.
    async fn segment(&self, name: &str) -> Option<Response> {
        use wasm_bindgen::JsCast;
        let take: js_sys::Function = js_sys::Reflect::get(&self.begun, &"take".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let promise: js_sys::Promise = take
            .call1(&self.begun, &name.into())
            .ok()?
            .dyn_into()
            .ok()?;
        // A stalled one is asked for again (`fetch`).
        let response: web_sys::Response =
            unless_stalled(wasm_bindgen_futures::JsFuture::from(promise))
                .await?
                .ok()?
                .dyn_into()
                .ok()?;
        response.ok().then(|| Response::from(response))
    }
}

/// The segment files a manifest names.
fn names(m: &Manifest) -> Vec<&str> {
    m.segments.iter().map(|s| s.name.as_str()).collect()
}

async fn fetch_manifest(url: &str) -> Result<(Manifest, String), Failure> {
    let text = unless_stalled(fetch(url).await?.text())
        .await
        .ok_or_else(|| Failure::new(format!("Could not read {url}: {}.", stalled())))?
        .map_err(|e| Failure::new(format!("Could not read {url} ({e}).")))?;
    let manifest = Manifest::from_json(&text).map_err(|e| Failure::refused(&e))?;
    Ok((manifest, text))
}

/// Downloads (or takes from the cache) every segment of `manifest`, verifies each and
/// keeps it in Cache Storage; after the first and after slow ones, hands `partial` an
/// engine over what has arrived. Returns the complete engine, once the manifest is saved
/// as the last good one, and a sentence if saving it failed.
///
/// The first segment downloads alone, so a phone gets it at the network's full speed;
/// then all the others download together and are taken in the manifest's order, so
/// that the network is never idle while a segment is verified and opened. The worker
/// starts as the page is parsed (`index.html`), before the page's own wasm has arrived,
/// and on a first visit `worker.js` has begun the manifest and the first segment while
/// this wasm compiled (`early`).
async fn open_all(
    manifest: &Manifest,
    text: &str,
    early: Option<&EarlyIndex>,
    on_progress: &impl Fn(Progress),
    partial: &impl Fn(Engine),
    between: &impl Fn(),
) -> Result<(Engine, Option<String>), Failure> {
    use futures_util::stream::{FuturesOrdered, StreamExt};
    use std::cell::{Cell, RefCell};

    let total: u64 = manifest.segments.iter().map(|s| s.size).sum();
    // Bytes received of each segment, summed for the progress bar.
    let received = RefCell::new(vec![0u64; manifest.segments.len()]);
    let last_told = Cell::new(f64::NEG_INFINITY);
    let report = |at: usize, bytes: u64| {
        let mut received = received.borrow_mut();
        received[at] = bytes;
        let sum = received.iter().sum();
        let now = js_sys::Date::now();
        if sum == total || now - last_told.get() >= PROGRESS_EVERY_MS {
            last_told.set(now);
            on_progress(Progress {
                received: sum,
                total,
            });
        }
    };
    report(0, 0);
    let download = |at: usize| {
        let name = manifest.segments[at].name.as_str();
        let url = format!("{DATA}/{name}");
        let report = &report;
        async move {
            let attempt = |first: bool| {
                let url = &url;
                async move {
                    // What `worker.js` began is taken the first time only.
                    let begun = match early.filter(|_| first) {
                        Some(early) => early.segment(name).await,
                        None => None,
                    };
                    let response = match begun {
                        Some(response) => response,
                        None => fetch(url).await?,
                    };
                    read_body(response, |n| report(at, n)).await.map_err(|e| {
                        let label = &manifest.segments[at].label;
                        Failure::new(format!("The download of {label} ({url}) broke off ({e})."))
                    })
                }
            };
            let bytes = match attempt(true).await {
                Ok(bytes) => bytes,
                Err(_) => {
                    report(at, 0);
                    pause(RETRY_AFTER_MS).await;
                    attempt(false).await?
                }
            };
            Ok::<_, Failure>((url, bytes))
        }
    };
    if manifest.segments.is_empty() {
        return Err(Failure::new(
            "The index cannot be used: its manifest names no segment.",
        ));
    }
    let mut arriving = FuturesOrdered::new();
    arriving.push_back(download(0));
    let mut arrived = Arrived::new(manifest.clone());
    let mut urls = Vec::new();
    let mut not_saved = None;
    let mut last_open = js_sys::Date::now();
    while let Some(next) = arriving.next().await {
        let (url, bytes) = next?;
        crate::timing::mark_once("first segment read");
        if !arrived.is_empty() {
            // Reading a segment holds the worker for tens of milliseconds, and on a fast
            // network the next one has often arrived already: the page's search, asked
            // meanwhile, is answered first (by the engine opened so far) rather than after
            // every segment.
            next_task().await;
            between();
        }
        if arrived.is_empty() {
            (1..manifest.segments.len()).for_each(|at| arriving.push_back(download(at)));
        }
        let name = manifest.segments[arrived.len()].name.as_str();
        let segment = match crate::digest::sha256_hex(&bytes).await {
            Some(sha256) => Segment::parse_digested(manifest, name, &bytes, &sha256),
            None => Segment::parse(manifest, name, &bytes),
        }
        .map_err(|e| Failure::refused(&e))?;
        arrived.add(segment).map_err(|e| Failure::refused(&e))?;
        crate::timing::mark_once("first segment parsed");
        // Open what has arrived after the first segment, then again only when the next
        // one took a while: segments that come from the cache on a repeat visit arrive
        // together, and each opening has the page ask its search again.
        let slow = js_sys::Date::now() - last_open > REOPEN_AFTER_MS;
        if arrived.len() < manifest.segments.len() && (arrived.len() == 1 || slow) {
            partial(arrived.engine().map_err(|e| Failure::refused(&e))?);
            last_open = js_sys::Date::now();
        }
        // Saved for offline use once it is open, not before: the first answer does not
        // wait for the device's disk (the search asked meanwhile runs while it writes).
        if let Err(e) = crate::offline::keep_segment(&url, &bytes).await {
            not_saved.get_or_insert(e);
        }
        urls.push(url);
    }
    let engine = arrived.engine().map_err(|e| Failure::refused(&e))?;
    if not_saved.is_none() {
        if let Err(e) =
            crate::offline::keep_manifest(&format!("{DATA}/{MANIFEST}"), text, &urls).await
        {
            not_saved = Some(e);
        }
    }
    let not_saved = not_saved.map(|e| {
        format!("This device could not save the index for use offline ({e}); search works while online.")
    });
    Ok((engine, not_saved))
}

/// Resolves at the next task, once the messages that came meanwhile are taken.
async fn next_task() {
    pause(0).await;
}

/// Resolves after `ms`.
async fn pause(ms: i32) {
    use wasm_bindgen::JsCast;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
        let Some(chunk) = unless_stalled(wasm_bindgen_futures::JsFuture::from(reader.read())).await
        else {
            // Let the browser drop the connection rather than wait on it.
            let _ = reader.cancel();
            return Err(stalled());
        };
        let chunk = chunk.map_err(|e| format!("{e:?}"))?;
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
async fn fetch(url: &str) -> Result<Response, Failure> {
    let response = unless_stalled(Request::get(url).send())
        .await
        .ok_or_else(|| Failure::new(format!("Could not load {url}: {}.", stalled())))?
        .map_err(|e| Failure::new(format!("Could not load {url} ({e}). Are you offline?")))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(Failure::new(format!(
            "Could not load {url}: the server answered {} {}.",
            response.status(),
            response.status_text()
        )))
    }
}

/// What a stalled download is called in the reader's sentence.
fn stalled() -> String {
    format!("nothing arrived for {} seconds", STALL_MS / 1000)
}

/// `future`'s output, or `None` when it has not come within [`STALL_MS`].
async fn unless_stalled<F: std::future::Future>(future: F) -> Option<F::Output> {
    use futures_util::future::{select, Either};
    use wasm_bindgen::JsCast;
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let mut timer = None;
    let elapsed = js_sys::Promise::new(&mut |resolve, _| {
        timer = scope
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, STALL_MS)
            .ok();
    });
    let out = match select(
        std::pin::pin!(future),
        wasm_bindgen_futures::JsFuture::from(elapsed),
    )
    .await
    {
        Either::Left((out, _)) => Some(out),
        Either::Right(_) => None,
    };
    if let Some(timer) = timer {
        scope.clear_timeout_with_handle(timer);
    }
    out
}
