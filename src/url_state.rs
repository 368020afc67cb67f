//! The search state lives in the URL (`?q=...&sort=newest`) so it can be shared and
//! bookmarked.

use wasm_bindgen::JsValue;

/// A parameter of the page's URL (`q`, `sort`).
pub fn param(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get(name))
}

/// Replaces the URL's parameters without adding a history entry per keystroke.
pub fn write_to_url(query: &str, sort: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str("") else {
        return;
    };
    if !query.is_empty() {
        params.set("q", query);
    }
    if sort != "relevance" {
        params.set("sort", sort);
    }
    let search: String = params.to_string().into();
    let path = window.location().pathname().unwrap_or_default();
    let url = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
