//! The facet panel: live counts per kind, section, year, site and tag; a click
//! toggles the filter in the query.

use leptos::prelude::*;
use twir_engine::{FacetValue, Facets};

use crate::filters;

#[component]
pub fn FacetPanel(
    facets: Facets,
    query: RwSignal<String>,
    /// Counts of the segments loaded so far: said in every heading.
    partial: bool,
) -> impl IntoView {
    let active = Memo::new(move |_| filters::filter_parts(&query.get()));
    let groups = facets
        .iter()
        // A facet whose only value is "none" (no result has a tag) says nothing.
        .filter(|(_, counts)| counts.iter().any(|c| c.value != FacetValue::None))
        .map(|(facet, counts)| {
            let buttons = counts
                .iter()
                // Counted so the facet adds up, but no filter selects them.
                .filter_map(|c| Some((c.value.filter()?, &c.value, c.count)))
                .map(|(part, value, count)| {
                    let text = format!("{} ({count})", value.label());
                    let pressed = {
                        let part = part.clone();
                        move || active.with(|a| a.contains(&part)).to_string()
                    };
                    view! {
                        <li>
                            <button
                                class="facet"
                                aria-pressed=pressed
                                on:click=move |_| query.update(|q| *q = filters::toggle(q, &part))
                            >
                                {text}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            let title = facet.title();
            view! {
                <section class="facet-group" aria-label=title>
                    <h2>{title}{partial.then_some(" (so far)")}</h2>
                    <ul>{buttons}</ul>
                </section>
            }
        })
        .collect_view();
    view! { <nav class="facets" aria-label="Filters">{groups}</nav> }
}
