//! The keyboard, anywhere on the page: `/` or Ctrl-K focuses the search box, Esc clears
//! it, the arrow keys walk the results (Enter opens the one in focus, as any link).

use leptos::ev;
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// Listens for the page's life.
pub fn listen(search_box: HtmlInputElement, query: RwSignal<String>) {
    // Dropping the handle keeps the listener: it lasts the page's life.
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let in_box = document().active_element().is_some_and(|a| a.id() == "q");
        let focus =
            (e.key() == "/" && !in_box) || (e.key() == "k" && (e.ctrl_key() || e.meta_key()));
        if focus {
            e.prevent_default();
            let _ = search_box.focus();
        } else if e.key() == "Escape" && in_box {
            query.set(String::new());
        } else if (e.key() == "ArrowDown" || e.key() == "ArrowUp")
            && move_through_results(e.key() == "ArrowDown", in_box, &search_box)
        {
            e.prevent_default();
        }
    });
}

/// Moves focus to the next or previous result title (from the search box, to the
/// first). Returns whether it moved.
fn move_through_results(down: bool, in_box: bool, search_box: &HtmlInputElement) -> bool {
    use wasm_bindgen::JsCast;
    let Ok(list) = document().query_selector_all(".hits .hit-title") else {
        return false;
    };
    let titles: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let active = document().active_element();
    let at = titles.iter().position(|t| {
        active
            .as_ref()
            .is_some_and(|a| a == t.as_ref() as &web_sys::Element)
    });
    let target = match (in_box, at, down) {
        (true, _, true) => titles.first(),
        (_, Some(i), true) => titles.get(i + 1),
        (_, Some(0), false) => {
            let _ = search_box.focus();
            return true;
        }
        (_, Some(i), false) => titles.get(i - 1),
        _ => None,
    };
    target.is_some_and(|t| t.focus().is_ok())
}
