//! The page: a search box that works at once, and results once the index is in.

use std::sync::Arc;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use twir_engine::{ParsedQuery, SearchRequest, SearchResults, Sort, MAX_TYPO_WORDS, MAX_WORDS};

use crate::crates_view::CratesView;
use crate::facet_panel::FacetPanel;
use crate::filters;
use crate::issue_page::{IssuePage, LatestIssue};
use crate::issues_view::IssuesView;
use crate::loader::{self, LoadState};
use crate::nav::{go, Nav};
use crate::quotes_view::QuotesView;
use crate::results::HitView;
use crate::timeline::Timeline;
use crate::url_state::{self, View};

const PAGE_SIZE: usize = 20;

#[component]
pub fn App() -> impl IntoView {
    let view = RwSignal::new(View::from_url());
    let query = RwSignal::new(url_state::param("q").unwrap_or_default());
    let sort = RwSignal::new(
        url_state::param("sort")
            .and_then(|s: String| Sort::parse(&s))
            .unwrap_or_default(),
    );
    let shown = RwSignal::new(PAGE_SIZE);
    let state = RwSignal::new(LoadState::Loading);
    let progress = RwSignal::new(loader::Progress::default());
    let attempt = RwSignal::new(0u32);
    let notice: RwSignal<Option<String>> = RwSignal::new(None);
    let input: NodeRef<html::Input> = NodeRef::new();

    // Load after first paint; again on every retry.
    Effect::new(move |_| {
        attempt.track();
        state.set(LoadState::Loading);
        spawn_local(async move {
            let on_progress = move |p: loader::Progress| progress.set(p);
            let event = |e: loader::Event| match e {
                loader::Event::Ready(engine) => state.set(LoadState::Ready(Arc::from(engine))),
                loader::Event::Notice(text) => notice.set(Some(text)),
            };
            if let Err(message) = loader::load(on_progress, event).await {
                state.set(LoadState::Failed(message));
            }
        });
    });
    // Offline or not, as the browser sees it.
    let offline = RwSignal::new(crate::offline::is_offline());
    let _online = window_event_listener(ev::online, move |_| offline.set(false));
    let _offline = window_event_listener(ev::offline, move |_| offline.set(true));
    // The URL follows the state: a history entry per page, none per keystroke.
    let last_view = StoredValue::new(view.get_untracked());
    Effect::new(move |_| {
        let v = view.get();
        let new_entry = last_view.get_value() != v;
        last_view.set_value(v.clone());
        url_state::write_to_url(&v, &query.get(), sort.get().as_str(), new_entry);
    });
    // Back and forward restore the page and the search from the URL.
    let _history = window_event_listener(ev::popstate, move |_| {
        let v = View::from_url();
        last_view.set_value(v.clone());
        view.set(v);
        query.set(url_state::param("q").unwrap_or_default());
        sort.set(
            url_state::param("sort")
                .and_then(|s: String| Sort::parse(&s))
                .unwrap_or_default(),
        );
    });
    // A new search starts at the first page.
    Effect::new(move |_| {
        query.track();
        sort.track();
        shown.set(PAGE_SIZE);
    });

    // `/` or Ctrl-K focuses the search box; Esc clears it; arrow keys walk the results
    // (Enter opens the one in focus, as any link).
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
        } else if (e.key() == "ArrowDown" || e.key() == "ArrowUp")
            && move_through_results(e.key() == "ArrowDown", in_box, &el)
        {
            e.prevent_default();
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
            <p class="site-title"><a href="?">"This Week in Rust"</a>" — search"</p>
            <p class="tagline">"Every link, crate and quote of the week since 2013."</p>
            <Nav view=view />
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
                    on:input=move |ev| {
                        query.set(event_target_value(&ev));
                        if view.get_untracked() != View::Search {
                            go(view, View::Search);
                        }
                    }
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
            {move || status_view(&state, progress.get(), attempt, offline.get())}
            {move || notice.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || match view.get() {
                View::Search => view! {
                    <ActiveFilters query=query />
                    {move || results.get().map(|r| results_view(r, query, shown, span(&state), view, ready(&state)))}
                }
                .into_any(),
                // The browse pages list everything: they wait for every segment (the
                // status above shows how far the download is), rather than show a
                // partial table that changes under the reader.
                other => ready(&state)
                    .filter(|engine| engine.is_complete())
                    .map(|engine| browse_view(engine, other, view))
                    .into_any(),
            }}
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

fn status_view(
    state: &RwSignal<LoadState>,
    progress: loader::Progress,
    attempt: RwSignal<u32>,
    offline: bool,
) -> AnyView {
    let mb = |b: u64| b as f64 / 1e6;
    let bar = move |text: String| {
        let value = (progress.total > 0)
            .then(|| progress.received.min(progress.total) as f64 / progress.total as f64);
        view! {
            <div class="status" role="status" aria-live="polite">
                <p>{text}</p>
                <progress aria-label="Index download" max="1" value=value></progress>
            </div>
        }
        .into_any()
    };
    state.with(|s| match s {
        LoadState::Loading => bar(if progress.total > 0 {
            format!(
                "Loading the index: {:.1} of {:.1} MB… you can type already.",
                mb(progress.received),
                mb(progress.total)
            )
        } else {
            "Loading the index… you can type already.".to_string()
        }),
        LoadState::Failed(message) => view! {
            <div class="status error" role="alert">
                <p>{message.clone()}</p>
                <button on:click=move |_| attempt.update(|n| *n += 1)>"Retry"</button>
            </div>
        }
        .into_any(),
        LoadState::Ready(engine) if !engine.is_complete() => {
            let coming: Vec<&str> = engine.missing().iter().map(|s| s.label.as_str()).collect();
            bar(format!(
                "Answering from what has arrived; still loading {} ({:.1} of {:.1} MB).",
                coming.join(", "),
                mb(progress.received),
                mb(progress.total)
            ))
        }
        LoadState::Ready(engine) => {
            let m = engine.manifest();
            let text = if offline {
                format!(
                    "Offline: searching the index saved on this device, issues up to {} ({}).",
                    m.last_issue, m.last_date
                )
            } else {
                format!("Index of issues up to {} ({}).", m.last_issue, m.last_date)
            };
            view! { <p class="status ready" class:offline=offline>{text}</p> }.into_any()
        }
    })
}

/// The engine, once loaded.
fn ready(state: &RwSignal<LoadState>) -> Option<Arc<twir_engine::Engine>> {
    state.with(|s| match s {
        LoadState::Ready(engine) => Some(engine.clone()),
        _ => None,
    })
}

/// The archive's first and last year, for the timeline.
fn span(state: &RwSignal<LoadState>) -> (u32, u32) {
    ready(state).map_or((2013, 2013), |e| {
        let year = |d: &str| d.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2013);
        let m = e.manifest();
        (year(&m.first_date), year(&m.last_date))
    })
}

fn browse_view(engine: Arc<twir_engine::Engine>, page: View, view: RwSignal<View>) -> AnyView {
    match page {
        View::Issues => view! { <IssuesView engine=engine view=view /> }.into_any(),
        View::Crates => view! { <CratesView engine=engine view=view /> }.into_any(),
        View::Quotes => view! { <QuotesView engine=engine view=view /> }.into_any(),
        View::Issue(n) => view! { <IssuePage engine=engine number=n /> }.into_any(),
        View::Search => ().into_any(),
    }
}

/// Moves focus to the next or previous result title (from the search box, to the
/// first). Returns whether it moved.
fn move_through_results(down: bool, in_box: bool, search_box: &web_sys::HtmlInputElement) -> bool {
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

fn results_view(
    r: Result<(SearchResults, f64), String>,
    query: RwSignal<String>,
    shown: RwSignal<usize>,
    span: (u32, u32),
    view: RwSignal<View>,
    engine: Option<Arc<twir_engine::Engine>>,
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
                    <code>"a OR b"</code>". Press "<kbd>"/"</kbd>" to search, "<kbd>"↓"</kbd>" "<kbd>"↑"</kbd>
                    " to move through the results, "<kbd>"Esc"</kbd>" to clear."</p>
            </section>
            {engine.map(|engine| view! { <LatestIssue engine=engine view=view /> })}
        }
        .into_any(),
        Ok((r, _)) if r.total == 0 => {
            // Typos are forgiven already; what is left to offer is fewer words: the
            // last word or phrase goes, whole, and the filters stay.
            let understood = ParsedQuery::parse(&r.understood);
            let texts: Vec<usize> = (0..understood.parts.len())
                .filter(|&i| !understood.parts[i].is_filter())
                .collect();
            let fewer = (texts.len() > 1).then(|| {
                let last = texts[texts.len() - 1];
                let shorter = understood.retain(|i, _| i != last);
                let label = format!("Search for {shorter} instead");
                view! {
                    <button class="more" on:click=move |_| query.set(format!("{shorter} "))>{label}</button>
                }
            });
            view! {
                <p class="summary" role="status">
                    {format!("No results for {}{}. Try fewer words or another spelling.", r.understood, bounds(&r))}
                </p>
                {fewer}
            }
            .into_any()
        }
        Ok((r, ms)) => {
            let partial = engine.as_ref().is_some_and(|e| !e.is_complete());
            let summary = if partial {
                format!(
                    "{} results so far for {}{} ({ms:.0} ms); more years are still loading",
                    r.total,
                    r.understood,
                    bounds(&r)
                )
            } else {
                format!(
                    "{} results for {}{} ({ms:.0} ms)",
                    r.total,
                    r.understood,
                    bounds(&r)
                )
            };
            let more = (r.hits.len() < r.total).then(|| {
                view! {
                    <button class="more" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                        "More results"
                    </button>
                }
            });
            let hits = r.hits;
            let years = r.facets.year.clone();
            view! {
                <div class="layout">
                    <FacetPanel facets=r.facets query=query partial=partial />
                    <div class="results">
                        <Timeline years=years span=span query=query partial=partial />
                        <p class="summary" role="status">{summary}</p>
                        <ol class="hits">
                            {hits.into_iter().map(|hit| view! { <HitView hit=hit view=view /> }).collect_view()}
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

/// What the summary says of the work a long query was spared: the words left out
/// (`MAX_WORDS`) and the words searched without typo tolerance (`MAX_TYPO_WORDS`).
fn bounds(r: &SearchResults) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut said = Vec::new();
    if r.left_out > 0 {
        let n = r.left_out;
        said.push(format!(
            "{n} more word{} left out: a search reads the first {MAX_WORDS}",
            plural(n)
        ));
    }
    if r.exact_only > 0 {
        let n = r.exact_only;
        said.push(format!(
            "{n} word{} spelled exactly: typos are forgiven in the first {MAX_TYPO_WORDS}",
            plural(n)
        ));
    }
    if said.is_empty() {
        String::new()
    } else {
        format!(" ({})", said.join("; "))
    }
}
