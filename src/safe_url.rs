//! The archive's text is untrusted: only web and mail links become clickable.

/// `Some(url)` when the URL may be an `href`: http, https or mailto, or a path from the
/// site's root (`/blog/…`, the issue pages when the search is part of the newsletter's
/// site). Everything else (`javascript:`, `data:`, `//other.host`, relative oddities) is
/// shown as text only.
pub fn safe_href(url: &str) -> Option<String> {
    let trimmed = url.trim();
    let lower = trimmed.to_ascii_lowercase();
    let root_path =
        trimmed.starts_with('/') && !trimmed.starts_with("//") && !trimmed.contains('\\');
    (lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || root_path)
        .then(|| trimmed.to_string())
}

/// `text` as a link to `url` when the URL is safe to follow, as plain text otherwise.
pub fn external_link(url: &str, text: String) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    match safe_href(url) {
        Some(href) => view! { <a href=href rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span>{text}</span> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_href;

    #[test]
    fn only_web_and_mail_links_are_clickable() {
        assert!(safe_href("https://blog.rust-lang.org/").is_some());
        assert!(safe_href("mailto:a@b.c").is_some());
        assert!(safe_href("javascript:alert(1)").is_none());
        assert!(safe_href(" JavaScript:alert(1)").is_none());
        assert_eq!(
            safe_href("/blog/2018/01/02/this-week-in-rust-215/").as_deref(),
            Some("/blog/2018/01/02/this-week-in-rust-215/")
        );
        assert!(safe_href("//evil.example/x").is_none());
        assert!(safe_href("/\\evil.example").is_none());
        assert!(safe_href("data:text/html,<script>").is_none());
        assert!(safe_href("").is_none());
    }
}
