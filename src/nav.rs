//! The app's pages, as links that change only the query string (static hosting), and the
//! one function that moves between them. The header's links are `index.html`'s own
//! (`shell::take_nav`).

use leptos::prelude::*;

use crate::url_state::View;

/// Shows `to`: the URL effect in `app.rs` records it as a new history entry.
pub fn go(view: RwSignal<View>, to: View) {
    view.set(to);
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// A link to another view of the app; a plain link when opened in a new tab.
#[component]
pub fn ViewLink(view: RwSignal<View>, to: View, children: Children) -> impl IntoView {
    let href = to.href();
    view! {
        <a
            href=href
            on:click=move |ev: leptos::ev::MouseEvent| {
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                go(view, to.clone());
            }
        >
            {children()}
        </a>
    }
}
