//! The engine's Web Worker, as the page talks to it (`twir_engine::messages`): one
//! request and one answer per query. The script at the top of `index.html` starts the
//! worker as the page is parsed, before this wasm has arrived, so the index downloads
//! while the page's own code is on its way, and keeps what the worker said meanwhile
//! for [`start`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use twir_engine::messages::{Answer, Failure, Message, Request};
use twir_engine::{ErrorKind, SearchRequest, SearchResults};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's script, beside the page (`public/worker.js`), when the page's starter
/// script did not say where it is.
const SCRIPT: &str = "worker.js";

type OnAnswer = Box<dyn FnOnce(Answer)>;
type OnMessage = Rc<dyn Fn(Message)>;

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    static ON_MESSAGE: RefCell<Option<OnMessage>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
    /// Answers awaited, by request id.
    static WAITING: RefCell<HashMap<u32, OnAnswer>> = RefCell::new(HashMap::new());
    /// The newest search, its id and question: an older search's answer is never
    /// painted, and the same question is not asked again while its answer is awaited.
    static NEWEST: RefCell<Option<(u32, SearchRequest)>> = const { RefCell::new(None) };
}

/// Takes over the worker the page's starter script started (or starts one) and hands
/// `on_message` every message that is not an answer: first those sent before the app
/// ran.
pub fn start(on_message: impl Fn(Message) + 'static) {
    ON_MESSAGE.set(Some(Rc::new(on_message)));
    match from_boot() {
        Some((worker, earlier)) => {
            WORKER.set(Some(worker.clone()));
            // At the next task, so that mounting the app and catching up are two short
            // tasks rather than one long one. Until then the starter keeps listening, so
            // no message is lost or told out of order.
            crate::shell::at_next_task(move || {
                let earlier: Vec<String> = earlier.iter().filter_map(|m| m.as_string()).collect();
                listen(&worker);
                replay(earlier);
            });
        }
        None => match spawn(&script_url()) {
            Ok(worker) => {
                listen(&worker);
                WORKER.set(Some(worker));
            }
            Err(why) => tell(Message::Failed(Failure::new(why))),
        },
    }
}

/// Tells what the worker said before the app listened, in order; of the progress
/// reports only the last counts.
fn replay(earlier: Vec<String>) {
    let messages: Vec<Message> = earlier
        .iter()
        .filter_map(|text| Message::from_json(text).ok())
        .collect();
    let last_progress = messages
        .iter()
        .rposition(|m| matches!(m, Message::Progress(_)));
    for (at, message) in messages.into_iter().enumerate() {
        if !matches!(message, Message::Progress(_)) || Some(at) == last_progress {
            tell(message);
        }
    }
}

/// Stops the worker and starts a new one, which begins loading again (Retry).
pub fn restart() {
    if let Some(old) = WORKER.take() {
        old.terminate();
    }
    WAITING.with_borrow_mut(HashMap::clear);
    NEWEST.set(None);
    match spawn(&script_url()) {
        Ok(worker) => {
            listen(&worker);
            WORKER.set(Some(worker));
        }
        Err(why) => tell(Message::Failed(Failure::new(why))),
    }
}

/// Asks for `request`; `on_answer` gets the results, or never if a newer search was
/// asked before they came.
///
/// The same question as the newest one, still unanswered, is not asked again (and
/// `on_answer` is dropped): the page asks before the index is open and again when it
/// opens, and the worker answers with the index open when the search runs, which is
/// never older than the one this page last heard of (the worker's messages keep their
/// order).
pub fn search(
    request: SearchRequest,
    on_answer: impl FnOnce(Result<SearchResults, String>) + 'static,
) {
    // Awaited: sent and not answered (an answer, or a failure to send, leaves WAITING).
    let awaited = NEWEST.with_borrow(|newest| {
        newest.as_ref().is_some_and(|(id, asked)| {
            *asked == request && WAITING.with_borrow(|w| w.contains_key(id))
        })
    });
    if awaited {
        return;
    }
    let id = next_id();
    if let Some((older, _)) = NEWEST.replace(Some((id, request.clone()))) {
        WAITING.with_borrow_mut(|w| w.remove(&older));
    }
    ask(Request::Search { id, request }, id, move |answer| {
        if let Answer::Search(results) = answer {
            on_answer(results);
        }
    });
}

/// Asks the worker `make(id)`; `on_answer` gets its answer.
pub fn request(make: impl FnOnce(u32) -> Request, on_answer: impl FnOnce(Answer) + 'static) {
    let id = next_id();
    ask(make(id), id, on_answer);
}

fn next_id() -> u32 {
    let id = NEXT_ID.get();
    NEXT_ID.set(id.wrapping_add(1));
    id
}

fn ask(request: Request, id: u32, on_answer: impl FnOnce(Answer) + 'static) {
    WAITING.with_borrow_mut(|w| w.insert(id, Box::new(on_answer)));
    let sent = WORKER.with_borrow(|worker| {
        worker
            .as_ref()
            .map(|w| w.post_message(&JsValue::from_str(&request.to_json())))
    });
    if !matches!(sent, Some(Ok(()))) {
        WAITING.with_borrow_mut(|w| w.remove(&id));
    }
}

fn receive(text: &str) {
    match Message::from_json(text) {
        Ok(Message::Answer { id, answer }) => {
            if let Some(on_answer) = WAITING.with_borrow_mut(|w| w.remove(&id)) {
                on_answer(answer);
            }
        }
        Ok(message) => tell(message),
        // A worker of another version than this page (one came from a cache, one
        // from the site): only a reload brings the two together again.
        Err(e) => tell(Message::Failed(Failure {
            why: format!("The search engine said something this page does not understand ({e})."),
            kind: Some(ErrorKind::FormatVersion),
        })),
    }
}

fn tell(message: Message) {
    if let Some(on_message) = ON_MESSAGE.with_borrow(Clone::clone) {
        on_message(message);
    }
}

fn listen(worker: &Worker) {
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| {
        if let Some(text) = e.data().as_string() {
            receive(&text);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A script that would not load, or a crash: nothing will answer any more.
    let on_error = Closure::<dyn Fn(ErrorEvent)>::new(|e: ErrorEvent| {
        tell(Message::Failed(Failure::new(stopped(&e.message()))));
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
}

/// What the reader is told when the worker stopped.
fn stopped(why: &str) -> String {
    if why.is_empty() {
        "The search engine stopped.".to_string()
    } else {
        format!("The search engine stopped ({why}).")
    }
}

fn spawn(url: &str) -> Result<Worker, String> {
    Worker::new(url).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default();
        format!("This browser could not start the search engine ({why}).")
    })
}

/// `window.twirEngine`, as the starter script in `index.html` left it: the worker's
/// script URL, the worker, and the messages it sent before the app ran.
fn boot() -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &"twirEngine".into())
        .ok()
        .filter(|v| v.is_object())
}

fn script_url() -> String {
    boot()
        .and_then(|b| js_sys::Reflect::get(&b, &"url".into()).ok())
        .and_then(|u| u.as_string())
        .unwrap_or_else(|| SCRIPT.to_string())
}

/// The worker the starter script started, and the list its messages go to until the
/// app listens itself.
fn from_boot() -> Option<(Worker, js_sys::Array)> {
    let boot = boot()?;
    let worker: Worker = js_sys::Reflect::get(&boot, &"worker".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let earlier: js_sys::Array = js_sys::Reflect::get(&boot, &"messages".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let _ = js_sys::Reflect::set(&boot, &"worker".into(), &JsValue::NULL);
    Some((worker, earlier))
}
