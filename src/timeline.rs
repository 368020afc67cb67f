//! Matches per year as bars above the results: when a topic was discussed. A bar is a
//! button that toggles the `year:` filter.

use leptos::prelude::*;

use crate::filters;

#[component]
pub fn Timeline(
    /// Matches per year (years without matches may be missing).
    years: Vec<(String, usize)>,
    /// The archive's first and last year: every year gets a place, even an empty one.
    span: (u32, u32),
    query: RwSignal<String>,
    /// Counts of the segments loaded so far.
    partial: bool,
) -> impl IntoView {
    let so_far = if partial { " so far" } else { "" };
    let active = Memo::new(move |_| filters::filter_parts(&query.get()));
    let count = |y: u32| {
        years
            .iter()
            .find(|(name, _)| name.parse() == Ok(y))
            .map_or(0, |(_, n)| *n)
    };
    let max = years.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let bars = (span.0..=span.1)
        .map(|year| {
            let n = count(year);
            let token = filters::token("year", &year.to_string());
            let part = filters::part_of(&token);
            let pressed = move || {
                part.as_ref()
                    .is_some_and(|p| active.with(|a| a.contains(p)))
                    .to_string()
            };
            // At least a sliver, so an empty year still shows where it is.
            // Set through the CSSOM (`style:`), which the strict CSP allows, not as an
            // inline style attribute, which it refuses.
            let height = format!("{:.0}%", (n as f64 / max as f64 * 100.0).max(2.0));
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
                        on:click=move |_| query.update(|q| *q = filters::toggle(q, &token))
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
