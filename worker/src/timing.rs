//! User Timing marks in the worker's own timeline (`performance.mark`): where the first
//! answer's time goes on a cold start. `tools/cold_start_timeline.mjs` reads them, with
//! every file's timing, per cold start.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    /// The names marked so far: each is marked once, and a name marked already costs
    /// one look in this list, no call into JavaScript (the search path calls this on
    /// every search).
    static MARKED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Marks `name` now, the first time only: a cold start's first of each.
pub fn mark_once(name: &'static str) {
    if MARKED.with_borrow(|m| m.contains(&name)) {
        return;
    }
    MARKED.with_borrow_mut(|m| m.push(name));
    let global = js_sys::global();
    let Ok(performance) = js_sys::Reflect::get(&global, &"performance".into()) else {
        return;
    };
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = mark.call1(&performance, &name.into());
    }
}
