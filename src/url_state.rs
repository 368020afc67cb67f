//! The state worth sharing lives in the URL (`?q=...&sort=newest`, `?view=issue&n=215`,
//! `?view=crates&by=crate&filter=async`, `?view=quotes&author=llogiq&year=2019`) so it can
//! be shared and bookmarked, and works on a static host: only the query string changes,
//! never the path. Not in the URL: how many results "More results" has shown.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use twir_engine::Sort;
use wasm_bindgen::JsValue;

/// Which page of the app is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    Search,
    Issues,
    Crates,
    Quotes,
    Issue(u32),
}

impl View {
    /// The view named in the page's URL.
    pub fn from_url() -> View {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        View::from_query(&search)
    }

    /// The view a query string (`?view=issue&n=215`) names, as [`View::href`] writes it.
    pub fn from_query(search: &str) -> View {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
            return View::Search;
        };
        match params.get("view").as_deref() {
            Some("issues") => View::Issues,
            Some("crates") => View::Crates,
            Some("quotes") => View::Quotes,
            Some("issue") => params
                .get("n")
                .and_then(|n| n.parse().ok())
                .map_or(View::Issues, View::Issue),
            _ => View::Search,
        }
    }

    /// The query string that shows this view.
    pub fn href(&self) -> String {
        match self {
            View::Search => "?".into(),
            View::Issues => "?view=issues".into(),
            View::Crates => "?view=crates".into(),
            View::Quotes => "?view=quotes".into(),
            View::Issue(n) => format!("?view=issue&n={n}"),
        }
    }
}

/// A browse page's own parameters beside its `view=`, which the page keeps with
/// [`replace_params`]: the crates table's sort (`by=crate`, `by=-issue`) and filter; the
/// quotes page's author (what is typed), person (a chosen one) and year. No name in
/// both, so that one page's never reaches the other.
fn page_params(view: &View) -> &'static [&'static str] {
    match view {
        View::Crates => &["by", "filter"],
        View::Quotes => &["author", "person", "year"],
        _ => &[],
    }
}

/// Sets (`Some`) or removes (`None`) parameters of the current URL, keeping the others,
/// in place (no history entry): a page's own state as it changes.
pub fn replace_params(pairs: &[(&str, Option<&str>)]) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    for (name, value) in pairs {
        match value {
            Some(v) if !v.is_empty() => params.set(name, v),
            _ => params.delete(name),
        }
    }
    let url = page_url(&window, &params);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// This page's path with `params` as its query string (none when empty).
fn page_url(window: &web_sys::Window, params: &web_sys::UrlSearchParams) -> String {
    let search: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    }
}

/// A parameter of the page's URL.
pub fn param(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(name))
}

/// Writes the state into the URL: a new history entry when the view changes (so Back
/// returns to the previous page), a replaced one while typing.
pub fn write_to_url(view: &View, query: &str, sort: &str, new_entry: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str("") else {
        return;
    };
    match view {
        View::Search => {
            if !query.is_empty() {
                params.set("q", query);
            }
            if sort != "relevance" {
                params.set("sort", sort);
            }
        }
        View::Issue(n) => {
            params.set("view", "issue");
            params.set("n", &n.to_string());
        }
        other => {
            let href = other.href();
            params.set("view", href.trim_start_matches("?view="));
            // The page's own filters, kept by `replace_params` while the page is shown.
            if View::from_url() == *other {
                for name in page_params(other) {
                    if let Some(value) = param(name) {
                        params.set(name, &value);
                    }
                }
            }
        }
    }
    let url = page_url(&window, &params);
    let current = format!(
        "{}{}",
        window.location().pathname().unwrap_or_default(),
        window.location().search().unwrap_or_default()
    );
    if url == current {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = if new_entry {
            history.push_state_with_url(&JsValue::NULL, "", Some(&url))
        } else {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        };
    }
}

/// How long the URL waits for typing to pause. `history.replaceState` is slow in
/// Chromium: written on every keystroke, it kept the page busy 1.1 ms longer after each
/// search was sent, and the worker's answer arrived 2.8 ms later (medians of the typing
/// run's keystrokes), a quarter of the time from keystroke to paint.
const URL_PAUSE: Duration = Duration::from_millis(300);

/// The URL follows the state, a history entry per page and none per keystroke; Back and
/// Forward restore the page and the search from the URL. A new page is written at once;
/// the query and the sort once the reader pauses (`URL_PAUSE`), or before the page is
/// left or another page is opened, so that its history entry keeps what was typed.
pub fn keep_in_step(view: RwSignal<View>, query: RwSignal<String>, sort: RwSignal<Sort>) {
    let last_view = StoredValue::new(view.get_untracked());
    let waiting: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Cancels the write that waits for a pause; says whether there was one.
    let cancel = move || {
        waiting
            .try_update_value(Option::take)
            .flatten()
            .inspect(TimeoutHandle::clear)
            .is_some()
    };
    // Writes now what was waiting for a pause, into the entry of `into`.
    let write_waiting = move |into: &View| {
        if cancel() {
            let (q, s) = (query.get_untracked(), sort.get_untracked());
            write_to_url(into, &q, s.as_str(), false);
        }
    };
    Effect::new(move |_| {
        let (v, q, s) = (view.get(), query.get(), sort.get());
        let was = last_view.get_value();
        if was != v {
            // The entry being left gets what was typed into it, then the new one is pushed.
            write_waiting(&was);
            last_view.set_value(v.clone());
            write_to_url(&v, &q, s.as_str(), true);
            return;
        }
        cancel();
        let write = move || {
            waiting.set_value(None);
            write_to_url(&v, &q, s.as_str(), false);
        };
        waiting.set_value(set_timeout_with_handle(write, URL_PAUSE).ok());
    });
    // Dropping the handles keeps the listeners: they last the page's life.
    let _ = window_event_listener(ev::pagehide, move |_| write_waiting(&last_view.get_value()));
    let _ = window_event_listener(ev::popstate, move |_| {
        let v = View::from_url();
        last_view.set_value(v.clone());
        view.set(v);
        query.set(param("q").unwrap_or_default());
        sort.set(
            param("sort")
                .and_then(|s| Sort::parse(&s))
                .unwrap_or_default(),
        );
    });
}
