//! The page: a search box that works at once, and results once the index is in.

use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use twir_engine::{SearchRequest, SearchResults, Sort};

use crate::facet_panel::FacetPanel;
use crate::filters;
use crate::loader::{self, LoadState};
use crate::results::HitView;
use crate::url_state;

const PAGE_SIZE: usize = 20;

#[component]
pub fn App() -> impl IntoView {
    let query = RwSignal::new(url_state::param("q").unwrap_or_default());
    let sort = RwSignal::new(
        url_state::param("sort")
            .and_then(|s: String| Sort::parse(&s))
            .unwrap_or_default(),
    );
    let shown = RwSignal::new(PAGE_SIZE);
    let state = RwSignal::new(LoadState::Loading { bytes: 0 });
    let attempt = RwSignal::new(0u32);
    let input: NodeRef<html::Input> = NodeRef::new();

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
    Effect::new(move |_| url_state::write_to_url(&query.get(), sort.get().as_str()));
    // A new search starts at the first page.
    Effect::new(move |_| {
        query.track();
        sort.track();
        shown.set(PAGE_SIZE);
    });

    // `/` or Ctrl-K focuses the search box; Esc clears it.
    let _keys = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        let Some(el) = input.get() else { return };
        let in_box = document().active_element().is_some_and(|a| a.id() == "q");
        let focus =
            (e.key() == "/" && !in_box) || (e.key() == "k" && (e.ctrl_key() || e.meta_key()));
        if focus {
            e.prevent_default();
            let _ = el.focus();
        } else if e.key() == "Escape" && in_box {
            query.set(String::new());
        }
    });

    let results = Memo::new(move |_| {
        let q = query.get();
        let (sort, limit) = (sort.get(), shown.get());
        state.with(|s| match s {
            LoadState::Ready(engine) => {
                let start = now_ms();
                let r = engine.search(&SearchRequest {
                    sort,
                    limit,
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
                    node_ref=input
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Search 13 years of This Week in Rust  ( / )"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <label for="sort" class="sort-label">"Sort"</label>
                <select
                    id="sort"
                    on:change=move |ev| sort.set(Sort::parse(&event_target_value(&ev)).unwrap_or_default())
                    prop:value=move || sort.get().as_str()
                >
                    <option value="relevance">"Relevance"</option>
                    <option value="newest">"Newest"</option>
                    <option value="oldest">"Oldest"</option>
                </select>
            </form>
            <ActiveFilters query=query />
            {move || status_view(&state, attempt)}
            {move || results.get().map(|r| results_view(r, query, shown))}
        </main>
    }
}

/// The filters in the query, as chips that remove themselves.
#[component]
fn ActiveFilters(query: RwSignal<String>) -> impl IntoView {
    move || {
        let chips = filters::active(&query.get());
        (!chips.is_empty()).then(|| {
            let chips = chips
                .into_iter()
                .map(|token| {
                    let label = format!("Remove filter {token}");
                    let shown = format!("{token} ×");
                    view! {
                        <li>
                            <button
                                class="chip"
                                aria-label=label
                                on:click=move |_| query.update(|q| *q = filters::toggle(q, &token))
                            >
                                {shown}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chips" aria-label="Active filters">{chips}</ul> }
        })
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

fn results_view(
    r: Result<(SearchResults, f64), String>,
    query: RwSignal<String>,
    shown: RwSignal<usize>,
) -> AnyView {
    match r {
        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        Ok((r, _)) if r.understood.is_empty() => view! {
            <section class="help" aria-label="How to search">
                <p>"Type words to find links, crates and quotes of the week. Try "
                    <code>"yew"</code>", "<code>"\"borrow checker\""</code>", "
                    <code>"kind:crate parser"</code>" or "<code>"author:llogiq"</code>"."</p>
                <p>"Filters: "<code>"kind:"</code>" "<code>"section:"</code>" "<code>"site:"</code>" "
                    <code>"year:2019..2021"</code>" "<code>"issue:"</code>" "<code>"author:"</code>" "
                    <code>"tag:video"</code>"; "<code>"\"exact phrase\""</code>", "<code>"-exclude"</code>", "
                    <code>"a OR b"</code>". Press "<kbd>"/"</kbd>" to search, "<kbd>"Esc"</kbd>" to clear."</p>
            </section>
        }
        .into_any(),
        Ok((r, _)) if r.total == 0 => view! {
            <p class="summary" role="status">
                {format!("No results for {}. Try fewer words or another spelling.", r.understood)}
            </p>
        }
        .into_any(),
        Ok((r, ms)) => {
            let summary = format!("{} results for {} ({ms:.0} ms)", r.total, r.understood);
            let more = (r.hits.len() < r.total).then(|| {
                view! {
                    <button class="more" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                        "More results"
                    </button>
                }
            });
            let hits = r.hits;
            view! {
                <div class="layout">
                    <FacetPanel facets=r.facets query=query />
                    <div class="results">
                        <p class="summary" role="status">{summary}</p>
                        <ol class="hits">
                            {hits.into_iter().map(|hit| view! { <HitView hit=hit /> }).collect_view()}
                        </ol>
                        {more}
                    </div>
                </div>
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
