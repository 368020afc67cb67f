//! Matches per year as bars above the results: when a topic was discussed. A bar is a
//! button that toggles the `year:` filter.

use leptos::prelude::*;
use twir_engine::{FacetCount, FacetValue, QueryPart};

use crate::filters;

#[component]
pub fn Timeline(
    /// The year facet's counts (years without matches are missing).
    years: Vec<FacetCount>,
    /// The archive's first and last year: every year gets a place, even an empty one.
    span: (u32, u32),
    query: RwSignal<String>,
    /// Counts of the segments loaded so far.
    partial: bool,
) -> impl IntoView {
    let so_far = if partial { " so far" } else { "" };
    let active = Memo::new(move |_| filters::filter_parts(&query.get()));
    let count = |year: u32| {
        years
            .iter()
            .find(|c| c.value == FacetValue::Year(year))
            .map_or(0, |c| c.count)
    };
    let max = years.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let bars = (span.0..=span.1)
        .map(|year| {
            let n = count(year);
            let part = QueryPart::Year(year..=year);
            let pressed = {
                let part = part.clone();
                move || active.with(|a| a.contains(&part)).to_string()
            };
            // At least a sliver, so an empty year still shows where it is.
            // Set through the CSSOM (`style:`), which the strict CSP allows, not as an
            // inline style attribute, which it refuses.
            let height = format!("{}%", (n * 100 / max).max(2));
            let label = format!("{year}: {n} matches{so_far}");
            let short = format!("’{:02}", year % 100);
            view! {
                <li>
                    <button
                        class="bar"
                        title=label.clone()
                        aria-label=label
                        aria-pressed=pressed
                        disabled=n == 0
                        on:click=move |_| query.update(|q| *q = filters::toggle(q, &part))
                    >
                        <span class="bar-fill" style:height=height></span>
                        <span class="bar-year">{short}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="timeline">
            <figcaption class="visually-hidden">"Matches per year; choose a year to filter"</figcaption>
            <ol>{bars}</ol>
        </figure>
    }
}
