//! All state lives in the URL (`?q=...&sort=newest`, `?view=crates`, `?view=issue&n=215`)
//! so it can be shared and bookmarked, and works on a static host: only the query
//! string changes, never the path.

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
        match param("view").as_deref() {
            Some("issues") => View::Issues,
            Some("crates") => View::Crates,
            Some("quotes") => View::Quotes,
            Some("issue") => param("n")
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
        }
    }
    let search: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    let url = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
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
