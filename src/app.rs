//! The page: a search box that works at once, and results once the index is in.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use twir_engine::{SearchRequest, SearchResults};

use crate::loader::{self, LoadState};
use crate::results::HitView;
use crate::url_state;

const PAGE_SIZE: usize = 20;

#[component]
pub fn App() -> impl IntoView {
    let query = RwSignal::new(url_state::query_from_url());
    let state = RwSignal::new(LoadState::Loading { bytes: 0 });
    let attempt = RwSignal::new(0u32);

    // Load after first paint; again on every retry.
    Effect::new(move |_| {
        attempt.track();
        state.set(LoadState::Loading { bytes: 0 });
        spawn_local(async move {
            match loader::load(|bytes| state.set(LoadState::Loading { bytes })).await {
                Ok(engine) => state.set(LoadState::Ready(Arc::new(engine))),
                Err(message) => state.set(LoadState::Failed(message)),
            }
        });
    });
    Effect::new(move |_| url_state::write_query_to_url(&query.get()));

    let results = Memo::new(move |_| {
        let q = query.get();
        state.with(|s| match s {
            LoadState::Ready(engine) => {
                let start = now_ms();
                let r = engine.search(&SearchRequest {
                    limit: PAGE_SIZE,
                    ..SearchRequest::new(q)
                });
                Some(r.map(|r| (r, now_ms() - start)).map_err(|e| e.to_string()))
            }
            _ => None,
        })
    });

    view! {
        <header class="site-header">
            <h1><a href=".">"This Week in Rust"</a>" — search"</h1>
            <p class="tagline">"Every link, crate and quote of the week since 2013."</p>
        </header>
        <main>
            <form role="search" on:submit=|ev| ev.prevent_default()>
                <label for="q" class="visually-hidden">"Search the archive"</label>
                <input
                    id="q"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Search 13 years of This Week in Rust"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </form>
            {move || status_view(&state, attempt)}
            {move || results.get().map(results_view)}
        </main>
    }
}

fn status_view(state: &RwSignal<LoadState>, attempt: RwSignal<u32>) -> AnyView {
    state.with(|s| match s {
        LoadState::Loading { bytes } => {
            let size = if *bytes > 0 {
                format!(" ({:.1} MB)", *bytes as f64 / 1e6)
            } else {
                String::new()
            };
            view! {
                <p class="status" role="status" aria-live="polite">
                    {format!("Loading the index{size}… you can type already.")}
                </p>
            }
            .into_any()
        }
        LoadState::Failed(message) => view! {
            <div class="status error" role="alert">
                <p>{message.clone()}</p>
                <button on:click=move |_| attempt.update(|n| *n += 1)>"Retry"</button>
            </div>
        }
        .into_any(),
        LoadState::Ready(engine) => {
            let m = engine.manifest();
            view! {
                <p class="status ready">
                    {format!("Index of issues up to {} ({}).", m.last_issue, m.last_date)}
                </p>
            }
            .into_any()
        }
    })
}

fn results_view(r: Result<(SearchResults, f64), String>) -> AnyView {
    match r {
        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Ok((r, _)) if r.understood.is_empty() => view! {
            <section class="help" aria-label="How to search">
                <p>"Type words to find links, crates and quotes of the week. Try "
                    <code>"yew"</code>", "<code>"\"borrow checker\""</code>", "
                    <code>"kind:crate parser"</code>" or "<code>"author:llogiq"</code>"."</p>
            </section>
        }
        .into_any(),
        Ok((r, ms)) => {
            let summary = format!("{} results for {} ({ms:.0} ms)", r.total, r.understood);
            let hits = r.hits;
            view! {
                <p class="summary" role="status">{summary}</p>
                <ol class="hits">
                    {hits.into_iter().map(|hit| view! { <HitView hit=hit /> }).collect_view()}
                </ol>
            }
            .into_any()
        }
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
