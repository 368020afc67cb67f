//! Every issue by year, newest first: date, how many links, its crates of the week.

use std::collections::BTreeMap;

use leptos::prelude::*;
use twir_engine::messages::Browse;
use twir_engine::{Issue, IssueSummary};

use crate::nav::ViewLink;
use crate::url_state::View;

#[component]
pub fn IssuesView(browse: std::sync::Arc<Browse>, view: RwSignal<View>) -> impl IntoView {
    let mut by_year: BTreeMap<String, Vec<(&Issue, &IssueSummary)>> = BTreeMap::new();
    for (issue, summary) in browse.issues.iter().zip(&browse.summaries) {
        let year = issue
            .year()
            .map_or("unknown".to_string(), |y| y.to_string());
        by_year.entry(year).or_default().push((issue, summary));
    }
    let years = by_year
        .into_iter()
        .rev()
        .map(|(year, issues)| {
            let items = issues
                .into_iter()
                .rev()
                .map(|(issue, s)| {
                    let mut facts = vec![format!("{} links", s.links)];
                    if !s.crates.is_empty() {
                        facts.push(format!("crate: {}", s.crates.join(", ")));
                    }
                    view! {
                        <li>
                            <ViewLink view=view to=View::Issue(issue.number)>
                                {format!("Issue {}", issue.number)}
                            </ViewLink>
                            " "
                            <time datetime=issue.date.clone()>{issue.date.clone()}</time>
                            <span class="facts">{facts.join(" · ")}</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="year" aria-label=year.clone()>
                    <h2>{year.clone()}</h2>
                    <ul class="issue-list">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <section class="browse" aria-labelledby="issues-title">
            <h1 id="issues-title">"Issues"</h1>
            {years}
        </section>
    }
}
