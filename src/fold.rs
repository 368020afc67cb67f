//! Case-insensitive matching for the browse pages' filters, by the browser's own
//! `toLowerCase`: Rust's `to_lowercase` would bring its Unicode case tables into the
//! page's wasm (7 KB of its 152 brotli), for what the browser already knows.

/// `text` in lower case, as the browser lowercases it.
pub fn lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

/// What a filter matches in: `fields` lowercased, one per line, so that a needle typed
/// into a one-line box never matches across two of them.
pub fn haystack(fields: &[&str]) -> String {
    lowercase(&fields.join("\n"))
}
