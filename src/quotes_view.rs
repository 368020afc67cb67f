//! Every Quote of the Week with its author, filterable by author and year.

use std::sync::Arc;

use leptos::prelude::*;
use twir_engine::Engine;

use crate::nav::ViewLink;
use crate::safe_url::external_link;
use crate::url_state::View;

#[derive(Clone, PartialEq)]
struct Row {
    text: String,
    author: String,
    attribution: String,
    url: String,
    issue: u32,
    date: String,
}

#[component]
pub fn QuotesView(engine: Arc<Engine>, view: RwSignal<View>) -> impl IntoView {
    let mut rows: Vec<Row> = engine
        .quotes()
        .map(|q| Row {
            text: q.text.clone(),
            author: q.author.clone(),
            attribution: q.attribution.clone(),
            url: q.url.clone(),
            issue: q.issue,
            date: engine
                .issue(q.issue)
                .map(|i| i.date.clone())
                .unwrap_or_default(),
        })
        .collect();
    // Newest first.
    rows.reverse();
    let mut years: Vec<String> = rows
        .iter()
        .filter_map(|r| r.date.get(..4).map(str::to_string))
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    let total = rows.len();
    let author = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let who = author.get().to_lowercase();
        let year = year.get();
        rows.iter()
            .filter(|r| {
                (who.is_empty()
                    || r.author.to_lowercase().contains(&who)
                    || r.attribution.to_lowercase().contains(&who))
                    && (year.is_empty() || r.date.starts_with(&year))
            })
            .cloned()
            .collect::<Vec<_>>()
    });
    let list = move || {
        shown
            .get()
            .into_iter()
            .map(|r| {
                let paragraphs = r
                    .text
                    .split("\n\n")
                    .map(|p| view! { <p>{p.to_string()}</p> })
                    .collect_view();
                let who = if r.attribution.is_empty() { r.author.clone() } else { r.attribution.clone() };
                let source = external_link(&r.url, who);
                view! {
                    <li class="quote">
                        <blockquote>{paragraphs}</blockquote>
                        <p class="quote-meta">
                            "— "{source}" · "
                            <ViewLink view=view to=View::Issue(r.issue)>{format!("Issue {}", r.issue)}</ViewLink>
                            " "<time datetime=r.date.clone()>{r.date.clone()}</time>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    let year_options = years
        .into_iter()
        .map(|y| view! { <option value=y.clone()>{y.clone()}</option> })
        .collect_view();
    view! {
        <section class="browse" aria-labelledby="quotes-title">
            <h1 id="quotes-title">"Quotes of the Week"</h1>
            <div class="browse-tools">
                <label for="quote-author">"Author"</label>
                <input
                    id="quote-author"
                    type="search"
                    placeholder="e.g. llogiq"
                    prop:value=move || author.get()
                    on:input=move |ev| author.set(event_target_value(&ev))
                />
                <label for="quote-year">"Year"</label>
                <select id="quote-year" on:change=move |ev| year.set(event_target_value(&ev))>
                    <option value="">"all"</option>
                    {year_options}
                </select>
                <span class="downloads">"Download: "<a href="data/quotes.json" download>"JSON"</a></span>
            </div>
            <p class="summary" role="status">
                {move || format!("{} of {total} quotes of the week", shown.with(|v| v.len()))}
            </p>
            <ol class="quotes">{list}</ol>
        </section>
    }
}
