//! The facet panel: live counts per kind, section, year, domain and tag; a click
//! toggles the filter in the query.

use leptos::prelude::*;
use twir_engine::{Facets, RecordKind, SectionGroup};

use crate::filters;

/// How a facet value is shown.
fn label(facet: &str, value: &str) -> String {
    match facet {
        "kind" => RecordKind::parse(value).map_or(value.to_string(), |k| k.label().to_string()),
        "section" => {
            SectionGroup::parse(value).map_or(value.to_string(), |g| g.label().to_string())
        }
        _ => value.to_string(),
    }
}

/// The values the engine counts that no filter can select: links without a tag or a
/// domain (`none`), the sites past the top 20 (`other`), a record without a date
/// (`unknown`). Per facet: the section group `other` is a real one, and filters.
fn counts_only(facet: &str, value: &str) -> bool {
    matches!(
        (facet, value),
        ("domain", "none" | "other") | ("tag", "none") | ("year", "unknown")
    )
}

#[component]
pub fn FacetPanel(
    facets: Facets,
    query: RwSignal<String>,
    /// Counts of the segments loaded so far: said in every heading.
    partial: bool,
) -> impl IntoView {
    let active = Memo::new(move |_| filters::filter_parts(&query.get()));
    let groups = [
        ("kind", "Kind", facets.kind),
        ("section", "Section", facets.section),
        ("year", "Year", facets.year),
        ("domain", "Site", facets.domain),
        ("tag", "Tag", facets.tag),
    ];
    let groups = groups
        .into_iter()
        .filter(|(_, _, values)| values.len() > 1 || values.iter().any(|(v, _)| v != "none"))
        .map(|(facet, title, values)| {
            let buttons = values
                .into_iter()
                .filter(|(v, _)| !counts_only(facet, v))
                .map(|(value, count)| {
                    let token = filters::token(facet, &value);
                    let part = filters::part_of(&token);
                    let pressed = move || {
                        part.as_ref()
                            .is_some_and(|p| active.with(|a| a.contains(p)))
                    };
                    let text = format!("{} ({count})", label(facet, &value));
                    view! {
                        <li>
                            <button
                                class="facet"
                                aria-pressed=move || pressed().to_string()
                                on:click=move |_| query.update(|q| *q = filters::toggle(q, &token))
                            >
                                {text}
                            </button>
                        </li>
                    }
                })
                .collect_view();
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

#[cfg(test)]
mod tests {
    use super::counts_only;

    #[test]
    fn the_section_group_other_filters_and_the_other_sites_do_not() {
        assert!(!counts_only("section", "other"));
        assert!(counts_only("domain", "other"));
        assert!(counts_only("domain", "none"));
        assert!(counts_only("tag", "none"));
        assert!(counts_only("year", "unknown"));
        assert!(!counts_only("year", "2019"));
        assert!(!counts_only("tag", "video"));
    }
}
