//! The first view is HTML (`index.html`): the header, the pages' links, the search box,
//! the sort, the help and the latest issue's highlights paint before any script runs,
//! and the box takes typing at once. The app takes these elements over here instead of
//! drawing its own, so what was typed, the caret and the focus stay as they are.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

use twir_engine::Sort;

use crate::nav::go;
use crate::url_state::View;

fn element<T: JsCast>(id: &str) -> Option<T> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// The search box, `#q`.
pub fn search_box() -> Option<HtmlInputElement> {
    element("q")
}

/// The sort menu, `#sort`.
pub fn sort_menu() -> Option<HtmlSelectElement> {
    element("sort")
}

/// Takes over the search box: what is typed is the query (and leaves a browse page
/// for the search), and a query set otherwise (a chip, Esc, Back) is shown in it.
pub fn take_search_box(
    search_box: &HtmlInputElement,
    query: RwSignal<String>,
    view: RwSignal<View>,
) {
    let typed = search_box.clone();
    on(&search_box.clone(), "input", move |_: web_sys::Event| {
        query.set(typed.value());
        if view.get_untracked() != View::Search {
            go(view, View::Search);
        }
    });
    let shown = search_box.clone();
    Effect::new(move |_| {
        let q = query.get();
        // Only when it differs: writing the same text would move the caret.
        if shown.value() != q {
            shown.set_value(&q);
        }
    });
}

/// Takes over the sort menu, both ways.
pub fn take_sort_menu(sort: RwSignal<Sort>) {
    let Some(menu) = sort_menu() else {
        return;
    };
    let chosen = menu.clone();
    on(&menu.clone(), "change", move |_: web_sys::Event| {
        sort.set(Sort::parse(&chosen.value()).unwrap_or_default())
    });
    Effect::new(move |_| menu.set_value(sort.get().as_str()));
}

/// Where the app draws the status, the results and the browse pages: `#app`.
pub fn app_root() -> Option<HtmlElement> {
    element("app")
}

/// Calls `f` once, at the next task.
pub fn at_next_task(f: impl FnOnce() + 'static) {
    let later = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback(later.unchecked_ref());
    }
}

/// What `element` holds now (not a live list, which would take in what is added later).
pub fn children_now(element: &Element) -> Vec<web_sys::Node> {
    let nodes = element.child_nodes();
    (0..nodes.length()).filter_map(|i| nodes.get(i)).collect()
}

/// Takes each of `nodes` out of the page.
pub fn remove_all(nodes: &[web_sys::Node]) {
    for node in nodes {
        if let Some(parent) = node.parent_node() {
            let _ = parent.remove_child(node);
        }
    }
}

/// Calls `f` on each `event` at `target`, for the life of the page.
pub fn on<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &str,
    f: impl Fn(E) + 'static,
) {
    let f = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            f(e);
        }
    });
    let _ = target.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    f.forget();
}

/// The search form submits nothing: the app answers as the reader types. (Without
/// scripts it submits `?q=…` to the page itself.)
pub fn keep_form() {
    if let Some(form) = document()
        .query_selector("form[role=search]")
        .ok()
        .flatten()
    {
        on(&form, "submit", |e: web_sys::Event| e.prevent_default());
    }
}

/// The pages' links (`nav.views a`) move between views without a page load, and mark
/// the one shown with `aria-current` on its list item.
pub fn take_nav(view: RwSignal<View>) {
    // Each link's list item (which the style sheet marks) and the view it names.
    let links: Vec<(Element, Element, View)> = document()
        .query_selector_all("nav.views a")
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
                .filter_map(|link| {
                    let to = View::from_query(&link.get_attribute("href").unwrap_or_default());
                    Some((link.parent_element()?, link, to))
                })
                .collect()
        })
        .unwrap_or_default();
    for (_, link, to) in &links {
        let to = to.clone();
        on(link, "click", move |ev: web_sys::MouseEvent| {
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                return;
            }
            ev.prevent_default();
            go(view, to.clone());
        });
    }
    Effect::new(move |_| {
        let now = view.get();
        for (item, _, to) in &links {
            let current = now == *to || matches!((&now, to), (View::Issue(_), View::Issues));
            let _ = if current {
                item.set_attribute("aria-current", "page")
            } else {
                item.remove_attribute("aria-current")
            };
        }
    });
}

/// Shows the help and the latest issue (`#first-view`) only while `shown` is true.
pub fn first_view_while(shown: impl Fn() -> bool + 'static) {
    let Some(first) = element::<HtmlElement>("first-view") else {
        return;
    };
    Effect::new(move |_| first.set_hidden(!shown()));
}
