//! Every Quote of the Week with its author and venue apart, an author facet that
//! counts a person once whatever the spelling (`Kornel`, `kornel`, `u/…`), and filters
//! by author and year.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use twir_engine::files::Export;
use twir_engine::messages::Browse;
use twir_engine::{year_of, NoAuthor};

use crate::fold;
use crate::nav::ViewLink;
use crate::safe_url::external_link;
use crate::url_state::View;

/// How many people the author facet lists before "more".
const FACET_PEOPLE: usize = 24;

#[derive(Clone, PartialEq)]
struct Row {
    text: String,
    author: String,
    /// The person's identity (`twir_engine::author_key`, from the worker: `Browse::people`);
    /// empty without an author.
    person: String,
    /// What the author filter matches in: author and venue (`fold::haystack`).
    folded: String,
    venue: String,
    no_author: Option<NoAuthor>,
    url: String,
    issue: u32,
    date: String,
}

/// One person of the author facet: the spelling used most, and the quote count.
#[derive(Clone, PartialEq)]
struct Person {
    key: String,
    name: String,
    quotes: usize,
}

/// The people quoted, most quoted first. A person's name is the spelling the issues
/// used most; on a tie, the one with capitals (`Kornel` over `kornel`).
fn people(rows: &[Row]) -> Vec<Person> {
    let mut spellings: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for r in rows.iter().filter(|r| !r.person.is_empty()) {
        *spellings
            .entry(&r.person)
            .or_default()
            .entry(&r.author)
            .or_default() += 1;
    }
    let mut out: Vec<Person> = spellings
        .into_iter()
        .map(|(key, names)| {
            let quotes = names.values().sum();
            let name = names
                .into_iter()
                .max_by_key(|(n, c)| (*c, n.chars().any(char::is_uppercase), std::cmp::Reverse(*n)))
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            Person {
                key: key.to_string(),
                name,
                quotes,
            }
        })
        .collect();
    out.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.name.cmp(&b.name)));
    out
}

/// What stands in the author's place when there is none.
fn no_author_label(reason: NoAuthor) -> &'static str {
    match reason {
        NoAuthor::Unattributed => "unattributed",
        NoAuthor::NoPerson => "no person named",
        NoAuthor::Conversation => "a conversation",
    }
}

#[component]
pub fn QuotesView(browse: Arc<Browse>, view: RwSignal<View>) -> impl IntoView {
    let mut rows: Vec<Row> = browse
        .quotes
        .iter()
        .zip(&browse.people)
        .map(|(q, person)| Row {
            text: q.text.clone(),
            author: q.author.clone(),
            person: person.clone(),
            folded: fold::haystack(&[&q.author, &q.venue]),
            venue: q.venue.clone(),
            no_author: q.no_author,
            url: q.url.clone(),
            issue: q.issue,
            date: browse.date_of(q.issue).to_string(),
        })
        .collect();
    // Newest first.
    rows.reverse();
    let mut years: Vec<String> = rows
        .iter()
        .filter_map(|r| year_of(&r.date).map(|y| y.to_string()))
        .collect();
    years.sort();
    years.dedup();
    years.reverse();
    let total = rows.len();
    let everyone = people(&rows);
    let people_count = everyone.len();
    let without_author = rows.iter().filter(|r| r.person.is_empty()).count();
    // The filters live in the URL, as the crates table's do: a reload or a shared link
    // (a researcher citing "every quote of this person in 2019") keeps them.
    let param = |name: &str| crate::url_state::param(name).unwrap_or_default();
    let author = RwSignal::new(param("author"));
    let person = RwSignal::new(crate::url_state::param("person"));
    let year = RwSignal::new(param("year"));
    Effect::new(move |_| {
        let (who, person, year) = (author.get(), person.get(), year.get());
        crate::url_state::replace_params(&[
            ("author", Some(who.trim())),
            ("person", person.as_deref()),
            ("year", Some(year.as_str())),
        ]);
    });
    let show_all_people = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        let who = fold::lowercase(&author.get());
        let person = person.get();
        let year = year.get();
        rows.iter()
            .filter(|r| {
                r.folded.contains(&who)
                    && person.as_ref().is_none_or(|p| &r.person == p)
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
                let who = match r.no_author {
                    None => view! { <span class="quote-author">{external_link(&r.url, r.author.clone())}</span> }
                        .into_any(),
                    Some(reason) => view! {
                        <span class="quote-author no-author" title=reason.reason()>{no_author_label(reason)}</span>
                    }
                    .into_any(),
                };
                // Without an author the link goes on the venue, so the source stays one click away.
                let venue = match (r.venue.is_empty(), r.no_author.is_some() && !r.url.is_empty()) {
                    (true, _) => None,
                    (false, true) => Some(view! { " "<span class="quote-venue">{external_link(&r.url, r.venue.clone())}</span> }.into_any()),
                    (false, false) => Some(view! { " "<span class="quote-venue">{r.venue.clone()}</span> }.into_any()),
                };
                view! {
                    <li class="quote">
                        <blockquote>{paragraphs}</blockquote>
                        <p class="quote-meta">
                            "— "{who}{venue}" · "
                            <ViewLink view=view to=View::Issue(r.issue)>{format!("Issue {}", r.issue)}</ViewLink>
                            " "<time datetime=r.date.clone()>{r.date.clone()}</time>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    let facet = move || {
        let limit = if show_all_people.get() {
            usize::MAX
        } else {
            FACET_PEOPLE
        };
        everyone
            .iter()
            .take(limit)
            .map(|p| {
                let key = p.key.clone();
                let pressed_key = p.key.clone();
                let pressed = move || person.with(|s| s.as_deref() == Some(pressed_key.as_str()));
                view! {
                    <li>
                        <button
                            type="button"
                            class="facet"
                            aria-pressed=move || pressed().to_string()
                            on:click=move |_| person.update(|s| {
                                *s = if s.as_deref() == Some(key.as_str()) { None } else { Some(key.clone()) };
                            })
                        >
                            {format!("{} {}", p.name, p.quotes)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let year_options = years
        .into_iter()
        .map(|y| {
            // Chosen again after a reload: the year comes from the URL.
            let chosen = year.get_untracked() == y;
            view! { <option value=y.clone() selected=chosen>{y.clone()}</option> }
        })
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
                <span class="downloads">"Download: "<a href=Export::QuotesJson.path() download>"JSON"</a></span>
            </div>
            <div class="facet-group author-facet" role="group" aria-labelledby="quote-people">
                <h2 id="quote-people">
                    {format!("{people_count} people quoted · {without_author} quotes without an author")}
                </h2>
                <ul>{facet}</ul>
                <button
                    type="button"
                    class="more"
                    hidden=move || people_count <= FACET_PEOPLE
                    on:click=move |_| show_all_people.update(|v| *v = !*v)
                >
                    {move || if show_all_people.get() { "fewer people" } else { "every person" }}
                </button>
            </div>
            <p class="summary" role="status">
                {move || format!("{} of {total} quotes of the week", shown.with(|v| v.len()))}
            </p>
            <ol class="quotes">{list}</ol>
        </section>
    }
}
