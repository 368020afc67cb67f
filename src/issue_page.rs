//! One issue, readable without leaving the app: its prose, crates and quotes of the
//! week, and its links grouped by section, with a link to the original page.

use leptos::prelude::*;
use twir_engine::messages::IssueRecords;
use twir_engine::SectionGroup;

use crate::safe_url::{external_link, safe_href};

#[component]
pub fn IssuePage(found: Option<IssueRecords>, number: u32) -> impl IntoView {
    let Some(IssueRecords {
        issue,
        links,
        crates,
        quotes,
    }) = found
    else {
        return view! {
            <section class="browse"><h1>{format!("There is no issue {number} in the index.")}</h1></section>
        }
        .into_any();
    };
    let prose = (!issue.text.is_empty()).then(|| issue.text.clone());
    // Sections in the order the issue first reached them.
    let mut sections: Vec<(String, Vec<twir_engine::Link>)> = Vec::new();
    let (has_crate, has_quote) = (!crates.is_empty(), !quotes.is_empty());
    for l in links {
        // The crate and the quote are shown as such, not again as their section's links.
        if (l.group == SectionGroup::CrateOfTheWeek && has_crate)
            || (l.group == SectionGroup::QuoteOfTheWeek && has_quote)
            || l.boilerplate
        {
            continue;
        }
        match sections.iter_mut().find(|(s, _)| *s == l.section) {
            Some((_, links)) => links.push(l),
            None => sections.push((l.section.clone(), vec![l])),
        }
    }
    // On the newsletter's own site the page is a path from its root: "on the site".
    let on = if issue.url.starts_with('/') {
        "the site"
    } else {
        "this-week-in-rust.org"
    };
    let original = safe_href(&issue.url)
        .map(|href| view! { <a class="original" href=href>{format!("Read it on {on}")}</a> });
    let prose = prose.map(|text| {
        text.split("\n\n")
            .map(|p| view! { <p>{p.to_string()}</p> })
            .collect_view()
    });
    let crates = (!crates.is_empty()).then(|| {
        let items = crates
            .into_iter()
            .map(|c| {
                let name = external_link(&c.url, c.name);
                let by = (!c.suggested_by.is_empty())
                    .then(|| format!(" (suggested by {})", c.suggested_by.join(", ")));
                view! { <li>{name}": "{c.description}{by}</li> }
            })
            .collect_view();
        view! { <section><h2>"Crate of the Week"</h2><ul>{items}</ul></section> }
    });
    let quotes = (!quotes.is_empty()).then(|| {
        let items = quotes
            .into_iter()
            .map(|q| {
                let paragraphs = q.text.split("\n\n").map(|p| view! { <p>{p.to_string()}</p> }).collect_view();
                let who = if q.author.is_empty() { "unattributed".to_string() } else { q.author };
                let venue = (!q.venue.is_empty()).then(|| view! { " "<span class="quote-venue">{q.venue}</span> });
                let source = external_link(&q.url, who);
                view! {
                    <li class="quote">
                        <blockquote>{paragraphs}</blockquote>
                        <p class="quote-meta">"— "<span class="quote-author">{source}</span>{venue}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <section><h2>"Quote of the Week"</h2><ul class="quotes">{items}</ul></section> }
    });
    let sections = sections
        .into_iter()
        .map(|(section, links)| {
            let items = links
                .into_iter()
                .map(|l| {
                    let text = external_link(&l.url, l.text.clone());
                    let context = (!l.context.is_empty() && l.context != l.text)
                        .then(|| view! { <span class="context">{l.context}</span> });
                    view! { <li>{text}{context}</li> }
                })
                .collect_view();
            let heading = if section.is_empty() {
                "Links".to_string()
            } else {
                section
            };
            view! { <section><h2>{heading}</h2><ul class="issue-links">{items}</ul></section> }
        })
        .collect_view();
    view! {
        <article class="browse issue-page" aria-labelledby="issue-title">
            <h1 id="issue-title">{issue.title.clone()}</h1>
            <p class="issue-meta"><time datetime=issue.date.clone()>{issue.date.clone()}</time>" · "{original}</p>
            {prose.map(|p| view! { <section class="prose">{p}</section> })}
            {crates}
            {quotes}
            {sections}
        </article>
    }
    .into_any()
}
