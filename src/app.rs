//! The page: the search box (`index.html`'s own, taken over in `shell.rs`) answers as
//! the reader types, from the engine in its Web Worker (`worker.rs`).

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use twir_engine::messages::{
    Answer, Browse, Failure, IndexStatus, IssueRecords, Message, Progress, Request,
};
use twir_engine::{
    Facet, ParsedQuery, SearchRequest, SearchResults, Sort, MAX_TYPO_WORDS, MAX_WORDS,
};

use crate::crates_view::CratesView;
use crate::facet_panel::FacetPanel;
use crate::filters;
use crate::issue_page::IssuePage;
use crate::issues_view::IssuesView;
use crate::keys;
use crate::quotes_view::QuotesView;
use crate::results::HitView;
use crate::shell;
use crate::timeline::Timeline;
use crate::url_state::{self, View};
use crate::worker;

const PAGE_SIZE: usize = 20;

/// What the page shows while and after loading.
#[derive(Clone, PartialEq)]
enum LoadState {
    /// Nothing answers yet: the manifest or the first segment is on its way.
    Loading,
    /// The worker answers from the segments loaded so far, or from all of them.
    Ready(IndexStatus),
    /// The rest of the index could not be loaded: the worker goes on answering from
    /// the segments opened before (`IndexStatus::missing` says which did not come).
    Stopped(IndexStatus, Failure),
    Failed(Failure),
}

/// A search's answer, and how long the worker took to give it (ms, round trip).
type Answered = (Result<SearchResults, String>, u64);

#[component]
pub fn App() -> impl IntoView {
    let Some(search_box) = shell::search_box() else {
        return view! { <p class="status error" role="alert">"This page has lost its search box."</p> }
            .into_any();
    };
    let view = RwSignal::new(View::from_url());
    // What was typed before the app arrived is kept; else the URL's query.
    let typed = search_box.value();
    let query = RwSignal::new(if typed.is_empty() {
        url_state::param("q").unwrap_or_default()
    } else {
        typed
    });
    let sort = RwSignal::new(
        url_state::param("sort")
            .or_else(|| shell::sort_menu().map(|m| m.value()))
            .and_then(|s: String| Sort::parse(&s))
            .unwrap_or_default(),
    );
    let shown = RwSignal::new(PAGE_SIZE);
    let state = RwSignal::new(LoadState::Loading);
    let progress = RwSignal::new(Progress::default());
    let notice: RwSignal<Option<String>> = RwSignal::new(None);

    worker::start(move |message| match message {
        Message::Progress(p) => progress.set(p),
        Message::Ready(status) => state.set(LoadState::Ready(status)),
        Message::Notice(text) => notice.set(Some(text)),
        Message::Failed(why) => state.set(LoadState::Failed(why)),
        Message::Stopped(why) => state.set(match state.get_untracked() {
            LoadState::Ready(status) | LoadState::Stopped(status, _) => {
                LoadState::Stopped(status, why)
            }
            _ => LoadState::Failed(why),
        }),
        Message::Answer { .. } => {}
    });
    let status = Memo::new(move |_| match state.get() {
        LoadState::Ready(status) | LoadState::Stopped(status, _) => Some(status),
        _ => None,
    });

    // A new search starts at the first page.
    Effect::new(move |_| {
        query.track();
        sort.track();
        shown.set(PAGE_SIZE);
    });
    // Effects run in the order they were made: a keystroke's search goes to the worker
    // first, and the URL and the rest of the page follow while the worker searches.
    let answer = answers(query, sort, shown, view, status);

    // The page's own search box, sort menu and links, from `index.html`.
    shell::keep_form();
    shell::take_nav(view);
    shell::take_search_box(&search_box, query, view);
    shell::take_sort_menu(sort);

    // Offline or not, as the browser sees it.
    let offline = RwSignal::new(is_offline());
    let _online = window_event_listener(ev::online, move |_| offline.set(false));
    let _offline = window_event_listener(ev::offline, move |_| offline.set(true));
    url_state::keep_in_step(view, query, sort);

    keys::listen(search_box, query);
    let blank = Memo::new(move |_| {
        query.with(|q| q.trim().is_empty())
            || answer.with(|a| matches!(a, Some((Ok(r), _)) if r.understood.is_empty()))
    });
    shell::first_view_while(move || view.get() == View::Search && blank.get());
    let browse = browse_data(view, status);
    let issue = issue_data(view, status);

    // The views are drawn a task after the mount: mounting and drawing in one task took
    // 50 to 86 ms in about half of the cold loads on the bench's slower machine, long
    // enough to hold up typing. `index.html`'s own loading line stays until then, and
    // gives way to the app's in the same task, so nothing flashes.
    let drawn = RwSignal::new(false);
    let loading_line = shell::app_root()
        .map(|root| shell::children_now(&root))
        .unwrap_or_default();
    shell::at_next_task(move || {
        shell::remove_all(&loading_line);
        drawn.set(true);
    });

    let views = move || {
        view! {
            {move || status_view(state.get(), progress.get(), progress, state, offline.get())}
            {move || notice.get().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            {move || match view.get() {
                View::Search => view! {
                    <ActiveFilters query=query />
                    {move || (!blank.get()).then(|| answer.get().map(|(r, ms)| {
                        let status = status.get();
                        let stopped = matches!(state.get(), LoadState::Stopped(..));
                        results_view(r, ms, query, shown, view, status.as_ref(), stopped)
                    }))}
                }
                .into_any(),
                // The browse pages list everything: they wait for every segment (the
                // status above shows how far the download is), rather than show a
                // partial table that changes under the reader.
                View::Issue(number) => issue
                    .get()
                    .filter(|(n, _)| *n == number)
                    .map(|(_, found)| view! { <IssuePage found=found number=number /> })
                    .into_any(),
                other => browse
                    .get()
                    .map(|browse| browse_view(browse, other, view))
                    .into_any(),
            }}
        }
    };
    view! { {move || drawn.get().then(views)} }.into_any()
}

/// The answer to the question the search box, the sort and "More results" ask, with the
/// time it took to come. Each change of the question or the index asks the worker; only
/// the newest question's answer is painted (`worker::search`). The question is a memo:
/// a keystroke that also resets the page to the first (the same `shown`) asks once.
fn answers(
    query: RwSignal<String>,
    sort: RwSignal<Sort>,
    shown: RwSignal<usize>,
    view: RwSignal<View>,
    status: Memo<Option<IndexStatus>>,
) -> RwSignal<Option<Answered>> {
    let answer = RwSignal::new(None);
    let question = Memo::new(move |_| SearchRequest {
        sort: sort.get(),
        limit: shown.get(),
        ..SearchRequest::new(query.get())
    });
    Effect::new(move |_| {
        let request = question.get();
        // Asked at once, before the index is open: the worker answers it as soon as it
        // opens, without waiting for this page to hear so and ask. Asked again as each
        // further part of the index opens, once answered (`worker::search`).
        status.track();
        if view.get() != View::Search {
            return;
        }
        let start = now_ms();
        // Whole milliseconds, rounded: the summary says them.
        worker::search(request, move |r| {
            answer.set(Some((r, (now_ms() - start + 0.5) as u64)))
        });
    });
    answer
}

/// Every issue, crate and quote, asked of the worker once the whole index is open and a
/// browse page is shown (again after a newer index opened).
fn browse_data(
    view: RwSignal<View>,
    status: Memo<Option<IndexStatus>>,
) -> RwSignal<Option<Arc<Browse>>> {
    let browse = RwSignal::new(None);
    let asked_at = StoredValue::new(0u32);
    Effect::new(move |_| {
        let Some(status) = status.get().filter(IndexStatus::is_complete) else {
            return;
        };
        if !matches!(view.get(), View::Issues | View::Crates | View::Quotes)
            || asked_at.get_value() == status.opened
        {
            return;
        }
        asked_at.set_value(status.opened);
        worker::request(
            |id| Request::Browse { id },
            move |answer| {
                if let Answer::Browse(b) = answer {
                    browse.set(Some(Arc::new(b)));
                }
            },
        );
    });
    browse
}

/// The issue an issue page shows (its number, and what the index holds of it), asked
/// of the worker once the whole index is open.
fn issue_data(
    view: RwSignal<View>,
    status: Memo<Option<IndexStatus>>,
) -> RwSignal<Option<(u32, Option<IssueRecords>)>> {
    let issue = RwSignal::new(None);
    Effect::new(move |_| {
        let (View::Issue(number), Some(_)) =
            (view.get(), status.get().filter(IndexStatus::is_complete))
        else {
            return;
        };
        worker::request(
            |id| Request::Issue { id, number },
            move |answer| {
                if let Answer::Issue(found) = answer {
                    issue.set(Some((number, found)));
                }
            },
        );
    });
    issue
}

/// The filters in the query, as chips that remove themselves.
#[component]
fn ActiveFilters(query: RwSignal<String>) -> impl IntoView {
    move || {
        let chips = filters::filter_parts(&query.get());
        (!chips.is_empty()).then(|| {
            let chips = chips
                .into_iter()
                .map(|part| {
                    let label = format!("Remove filter {part}");
                    let shown = format!("{part} ×");
                    view! {
                        <li>
                            <button
                                class="chip"
                                aria-label=label
                                on:click=move |_| query.update(|q| *q = filters::toggle(q, &part))
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
    now: LoadState,
    shown: Progress,
    progress: RwSignal<Progress>,
    state: RwSignal<LoadState>,
    offline: bool,
) -> AnyView {
    let bar = move |text: String| {
        // In thousandths, as integers: formatting an f64 would cost the page's wasm the
        // float printing code (10 KB), for one progress bar.
        let value = (shown.total > 0)
            .then(|| (shown.received.min(shown.total) * 1000 / shown.total).to_string());
        view! {
            <div class="status" role="status" aria-live="polite">
                <p>{text}</p>
                <progress aria-label="Index download" max="1000" value=value></progress>
            </div>
        }
        .into_any()
    };
    match now {
        LoadState::Loading => bar(if shown.total > 0 {
            format!(
                "Loading the index: {} of {} MB… you can type already.",
                megabytes(shown.received),
                megabytes(shown.total)
            )
        } else {
            "Loading the index… you can type already.".to_string()
        }),
        LoadState::Failed(failure) => failure_view(failure, None, progress, state),
        LoadState::Stopped(status, failure) => {
            let still = format!(
                "Answering from what has arrived; not loaded: {}.",
                status.missing.join(", ")
            );
            failure_view(failure, Some(still), progress, state)
        }
        LoadState::Ready(status) if !status.is_complete() => bar(format!(
            "Answering from what has arrived; still loading {} ({} of {} MB).",
            status.missing.join(", "),
            megabytes(shown.received),
            megabytes(shown.total)
        )),
        LoadState::Ready(status) => {
            let text = if offline {
                format!(
                    "Offline: searching the index saved on this device, issues up to {} ({}).",
                    status.last_issue, status.last_date
                )
            } else {
                format!(
                    "Index of issues up to {} ({}).",
                    status.last_issue, status.last_date
                )
            };
            view! { <p class="status ready" class:offline=offline>{text}</p> }.into_any()
        }
    }
}

fn browse_view(browse: Arc<Browse>, page: View, view: RwSignal<View>) -> AnyView {
    match page {
        View::Issues => view! { <IssuesView browse=browse view=view /> }.into_any(),
        View::Crates => view! { <CratesView browse=browse view=view /> }.into_any(),
        View::Quotes => view! { <QuotesView browse=browse view=view /> }.into_any(),
        View::Issue(_) | View::Search => ().into_any(),
    }
}

/// Is the browser offline?
fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Why the index did not (all) load, and a button to start again; `still` says what
/// answers meanwhile.
fn failure_view(
    failure: Failure,
    still: Option<String>,
    progress: RwSignal<Progress>,
    state: RwSignal<LoadState>,
) -> AnyView {
    // Another version's index: starting again would fail the same way, and only the
    // page of the site's current version reads it.
    let reload = failure.needs_reload();
    view! {
        <div class="status error" role="alert">
            <p>{failure.why}</p>
            {still.map(|text| view! { <p>{text}</p> })}
            {reload.then_some(view! {
                <p>"The site now publishes a search of another version: reload to use it."</p>
            })}
            <button on:click=move |_| {
                if reload {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                } else {
                    state.set(LoadState::Loading);
                    progress.set(Progress::default());
                    worker::restart();
                }
            }>{if reload { "Reload" } else { "Retry" }}</button>
        </div>
    }
    .into_any()
}

fn results_view(
    r: Result<SearchResults, String>,
    ms: u64,
    query: RwSignal<String>,
    shown: RwSignal<usize>,
    view: RwSignal<View>,
    status: Option<&IndexStatus>,
    stopped: bool,
) -> AnyView {
    let partial = status.is_some_and(|s| !s.is_complete());
    let span = status.map_or((2013, 2013), IndexStatus::years);
    // What a count is of when not every segment is in: still coming, or not coming.
    let missing = status.map(|s| s.missing.join(", ")).unwrap_or_default();
    let summary = |n: usize, query: &str, bounds: &str, ms: Option<u64>| {
        let count = match n {
            0 => "No results".to_string(),
            1 => "1 result".to_string(),
            n => format!("{n} results"),
        };
        let ms = ms.map(|ms| format!(" ({ms} ms)")).unwrap_or_default();
        match (partial, stopped) {
            (false, _) if n == 0 => {
                format!("{count} for {query}{bounds}. Try fewer words or another spelling.")
            }
            (false, _) => format!("{count} for {query}{bounds}{ms}"),
            (true, false) => {
                format!("{count} so far for {query}{bounds}{ms}; more years are still loading")
            }
            (true, true) => format!(
                "{count} for {query}{bounds} in the years that loaded{ms}; not loaded: {missing}"
            ),
        }
    };
    match r {
        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        // The help and the latest issue (`#first-view`) stand in for results.
        Ok(r) if r.understood.is_empty() => ().into_any(),
        Ok(r) if r.total == 0 => {
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
                    {summary(0, &r.understood, &bounds(&r), None)}
                </p>
                {fewer}
            }
            .into_any()
        }
        Ok(r) => {
            let summary = summary(r.total, &r.understood, &bounds(&r), Some(ms));
            let more = (r.hits.len() < r.total).then(|| {
                view! {
                    <button class="more" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                        "More results"
                    </button>
                }
            });
            let hits = r.hits;
            let years = r.facets.of(Facet::Year).to_vec();
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

/// Bytes as megabytes with one decimal (`1.2`), in integers (see the progress bar).
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
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
