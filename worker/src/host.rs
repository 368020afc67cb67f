//! The worker's side of the conversation with the page (`twir_engine::messages`):
//! requests in, answers and loading news out, each message one JSON text.

use std::cell::{Cell, RefCell};

use twir_engine::messages::{Answer, Browse, IndexStatus, IssueRecords, Message, Request};
use twir_engine::{author_key, Engine, Record, SearchRequest};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::loader::{self, Event};

thread_local! {
    /// The open index: what has arrived of it, or all of it.
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    /// How many times an index was opened, for [`IndexStatus::opened`].
    static OPENED: Cell<u32> = const { Cell::new(0) };
    /// The newest search not answered yet. A search that a newer one replaces before it
    /// runs is dropped unanswered: the page paints only the newest answer anyway, and
    /// typing faster than the engine answers must not queue up work.
    static WAITING: RefCell<Option<(u32, SearchRequest)>> = const { RefCell::new(None) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// The search path has run once: a search with words was answered, or the warm-up
    /// ([`warm_up_later`]) ran.
    static WARM: Cell<bool> = const { Cell::new(false) };
}

/// What the warm-up searches for: a common word and the start of a word not in the
/// index, so that one search runs every step a first question can take (a prefix that
/// forgives typos, ranking, snippets, facets) and finds something to rank.
const WARM_UP_QUERY: &str = "rust cra";

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(message: &Message) {
    // Posting a string to our own page cannot fail.
    let _ = scope().post_message(&JsValue::from_str(&message.to_json()));
}

/// Listens to the page, takes what it asked before (`worker.js` kept it), then opens
/// the index. A search asked before the index is open waits for it.
pub fn start() {
    crate::timing::mark_once("engine started");
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        receive(&event.data());
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let asked = js_sys::Reflect::get(&scope(), &"twirAsked".into())
        .ok()
        .and_then(|a| a.dyn_into::<js_sys::Array>().ok());
    if let Some(asked) = asked {
        asked.iter().for_each(|message| receive(&message));
        let _ = js_sys::Reflect::delete_property(&scope(), &"twirAsked".into());
    }
    wasm_bindgen_futures::spawn_local(async {
        let progress = |p| post(&Message::Progress(p));
        if let Err(why) = loader::load(progress, opened, answer_waiting).await {
            // The segments opened before the failure still answer.
            let open = ENGINE.with_borrow(Option::is_some);
            post(&if open {
                Message::Stopped(why)
            } else {
                Message::Failed(why)
            });
        }
    });
}

/// One message from the page: a request, in JSON.
fn receive(message: &JsValue) {
    let Some(text) = message.as_string() else {
        return;
    };
    match Request::from_json(&text) {
        Ok(request) => take(request),
        Err(e) => post(&Message::Notice(format!(
            "The search engine was asked {e}."
        ))),
    }
}

/// The loader's news: an index to answer from, or a sentence for the reader.
fn opened(event: Event) {
    match event {
        Event::Notice(text) => post(&Message::Notice(text)),
        Event::Ready(engine) => {
            let opened = OPENED.get() + 1;
            OPENED.set(opened);
            post(&Message::Ready(status(&engine, opened)));
            crate::timing::mark_once("ready");
            ENGINE.set(Some(*engine));
            // A search that came while nothing was open.
            schedule();
            if opened == 1 {
                warm_up_later();
            }
        }
    }
}

fn status(engine: &Engine, opened: u32) -> IndexStatus {
    let m = engine.manifest();
    IndexStatus {
        opened,
        missing: engine.missing().iter().map(|s| s.label.clone()).collect(),
        first_date: m.first_date.clone(),
        last_date: m.last_date.clone(),
        last_issue: m.last_issue,
    }
}

fn take(request: Request) {
    match request {
        Request::Search { id, request } => {
            WAITING.set(Some((id, request)));
            schedule();
        }
        Request::Browse { id } => {
            let answer = ENGINE.with_borrow(|engine| engine.as_ref().map(browse));
            post(&Message::Answer {
                id,
                answer: Answer::Browse(answer.unwrap_or_default()),
            });
        }
        Request::Issue { id, number } => {
            let answer =
                ENGINE.with_borrow(|engine| engine.as_ref().and_then(|e| issue(e, number)));
            post(&Message::Answer {
                id,
                answer: Answer::Issue(answer),
            });
        }
    }
}

/// Runs the waiting search at the next task, after the messages already queued: of a
/// burst of keystrokes only the last is searched.
fn schedule() {
    if SCHEDULED.get() || WAITING.with_borrow(Option::is_none) {
        return;
    }
    SCHEDULED.set(true);
    let run = Closure::once_into_js(|| {
        SCHEDULED.set(false);
        answer_waiting();
    });
    let _ = scope().set_timeout_with_callback(run.unchecked_ref());
}

/// Answers the waiting search, if there is one and an index is open (else it is
/// answered once one is).
fn answer_waiting() {
    ENGINE.with_borrow(|engine| {
        let Some(engine) = engine else {
            return;
        };
        if let Some((id, request)) = WAITING.take() {
            let asked = has_words(&request);
            if asked {
                crate::timing::mark_once("first search");
                WARM.set(true);
            }
            let answer = engine.search(&request).map_err(|e| e.to_string());
            post(&Message::Answer {
                id,
                answer: Answer::Search(answer),
            });
            if asked {
                crate::timing::mark_once("first answer sent");
            }
        }
    });
}

/// The page asks for its blank box too: the reader's first question is the first one
/// with words.
fn has_words(request: &SearchRequest) -> bool {
    !request.query.trim().is_empty()
}

/// V8 compiles a wasm function only when it is first called, on the calling thread: the
/// first search of a cold start compiled most of the search path, 31 of its 37 ms in a
/// traced cold load. When the index opens before the reader has asked anything, a
/// throwaway search compiles it then, and the reader's first question does not pay for
/// it (README, 2026-12-04: the first keystroke after the index opened 62.6 -> 56.0 ms).
/// It runs at the next task, after a search already on its way: that one compiles the
/// path itself, and is not kept waiting for a warm-up.
fn warm_up_later() {
    let run = Closure::once_into_js(|| {
        let asked = WAITING.with_borrow(|w| w.as_ref().is_some_and(|(_, r)| has_words(r)));
        if asked || WARM.replace(true) {
            return;
        }
        ENGINE.with_borrow(|engine| {
            let Some(engine) = engine else {
                return;
            };
            let answer = engine
                .search(&SearchRequest::new(WARM_UP_QUERY))
                .map_err(|e| e.to_string());
            // Written as an answer is, and not sent: writing it is on the path too.
            let _ = Message::Answer {
                id: 0,
                answer: Answer::Search(answer),
            }
            .to_json();
            crate::timing::mark_once("warmed up");
        });
    });
    let _ = scope().set_timeout_with_callback(run.unchecked_ref());
}

fn browse(engine: &Engine) -> Browse {
    let summaries = engine.issue_summaries();
    Browse {
        issues: engine.issues().to_vec(),
        summaries: engine
            .issues()
            .iter()
            .map(|i| summaries.get(&i.number).cloned().unwrap_or_default())
            .collect(),
        crates: engine.crates().cloned().collect(),
        quotes: engine.quotes().cloned().collect(),
        people: engine.quotes().map(|q| author_key(&q.author)).collect(),
    }
}

fn issue(engine: &Engine, number: u32) -> Option<IssueRecords> {
    let mut found = IssueRecords {
        issue: engine.issue(number)?.clone(),
        links: Vec::new(),
        crates: Vec::new(),
        quotes: Vec::new(),
    };
    for record in engine.issue_records(number) {
        match record {
            Record::Issue(i) => found.issue = i.clone(),
            Record::Link(l) => found.links.push(l.clone()),
            Record::Crate(c) => found.crates.push(c.clone()),
            Record::Quote(q) => found.quotes.push(q.clone()),
        }
    }
    Some(found)
}
