//! The state worth sharing lives in the URL (`?q=...&sort=newest`, `?view=issue&n=215`,
//! `?view=crates&by=crate&filter=async`) so it can be shared and bookmarked, and works on
//! a static host: only the query string changes, never the path. Not in the URL: the
//! quotes page's filters and how many results "More results" has shown.

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

/// The crates table's sort (`by=crate`, `by=-issue`) and filter, beside `view=crates`.
const CRATES_TABLE_PARAMS: [&str; 2] = ["by", "filter"];

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
        View::Crates => {
            params.set("view", "crates");
            // The table's own state, kept by `replace_params` while the table is shown.
            if View::from_url() == View::Crates {
                for name in CRATES_TABLE_PARAMS {
                    if let Some(value) = param(name) {
                        params.set(name, &value);
                    }
                }
            }
        }
        other => {
            let href = other.href();
            params.set("view", href.trim_start_matches("?view="));
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
