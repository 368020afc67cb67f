//! The app's pages, as links that change only the query string (static hosting), and the
//! one function that moves between them.

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

#[component]
pub fn Nav(view: RwSignal<View>) -> impl IntoView {
    let item = move |to: View, label: &'static str| {
        let current = {
            let to = to.clone();
            move || {
                let now = view.get();
                (now == to || matches!((&now, &to), (View::Issue(_), View::Issues)))
                    .then_some("page")
            }
        };
        view! {
            <li aria-current=current>
                <ViewLink view=view to=to>{label}</ViewLink>
            </li>
        }
    };
    view! {
        <nav class="views" aria-label="Pages">
            <ul>
                {item(View::Search, "Search")}
                {item(View::Issues, "Issues")}
                {item(View::Crates, "Crates of the Week")}
                {item(View::Quotes, "Quotes of the Week")}
            </ul>
        </nav>
    }
}
