//! The search state lives in the URL (`?q=...`) so it can be shared and bookmarked.

use wasm_bindgen::JsValue;

/// The `q` parameter of the page's URL.
pub fn query_from_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("q"))
        .unwrap_or_default()
}

/// Replaces the URL's `q` parameter without adding a history entry per keystroke.
pub fn write_query_to_url(query: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str("") else {
        return;
    };
    if !query.is_empty() {
        params.set("q", query);
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
