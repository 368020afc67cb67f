//! User Timing marks in the worker's own timeline (`performance.mark`): where the first
//! answer's time goes on a cold start. They cost a few microseconds each;
//! `tools/cold_start_timeline.mjs` reads them, with every file's timing, per cold start.

use wasm_bindgen::JsCast;

/// Marks `name` now, once per worker: only the first time counts for a cold start.
pub fn mark_once(name: &str) {
    let global = js_sys::global();
    let Ok(performance) = js_sys::Reflect::get(&global, &"performance".into()) else {
        return;
    };
    let Ok(marks) = js_sys::Reflect::get(&performance, &"getEntriesByName".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
        .and_then(|f| f.call1(&performance, &name.into()))
    else {
        return;
    };
    if js_sys::Array::from(&marks).length() > 0 {
        return;
    }
    if let Ok(mark) = js_sys::Reflect::get(&performance, &"mark".into())
        .and_then(|f| f.dyn_into::<js_sys::Function>())
    {
        let _ = mark.call1(&performance, &name.into());
    }
}
