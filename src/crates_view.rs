//! Every Crate of the Week in a table that sorts by any column and filters as you type,
//! with the research exports to download.

use std::sync::Arc;

use leptos::prelude::*;
use twir_engine::files::Export;
use twir_engine::messages::Browse;

use crate::fold;
use crate::nav::ViewLink;
use crate::safe_url::external_link;
use crate::url_state::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Issue,
    Description,
    SuggestedBy,
}

impl Column {
    const ALL: [Column; 4] = [
        Column::Name,
        Column::Issue,
        Column::Description,
        Column::SuggestedBy,
    ];

    /// The column's name in the URL's `by=` (`-` in front for descending).
    fn as_str(self) -> &'static str {
        match self {
            Column::Name => "crate",
            Column::Issue => "issue",
            Column::Description => "description",
            Column::SuggestedBy => "suggested-by",
        }
    }
}

/// Newest issue first, until the reader picks another order.
const DEFAULT_SORT: (Column, bool) = (Column::Issue, false);

/// The sort a `by=` value names: `crate` (ascending), `-issue` (descending).
fn sort_from(by: &str) -> Option<(Column, bool)> {
    let (name, ascending) = match by.strip_prefix('-') {
        Some(name) => (name, false),
        None => (by, true),
    };
    Column::ALL
        .into_iter()
        .find(|c| c.as_str() == name)
        .map(|c| (c, ascending))
}

/// The `by=` value of a sort; `None` for the default.
fn sort_param((column, ascending): (Column, bool)) -> Option<String> {
    ((column, ascending) != DEFAULT_SORT)
        .then(|| format!("{}{}", if ascending { "" } else { "-" }, column.as_str()))
}

/// One row, with the issue's date looked up once.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    url: String,
    issue: u32,
    date: String,
    description: String,
    suggested_by: String,
    /// The name lowercased, the name column's sort key.
    name_key: String,
    /// What the filter matches in (`fold::haystack`): worked out once, not per keystroke.
    folded: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sort_goes_through_the_url_and_back() {
        for column in Column::ALL {
            for ascending in [true, false] {
                let by = sort_param((column, ascending));
                let back = by.as_deref().map_or(Some(DEFAULT_SORT), sort_from);
                assert_eq!(back, Some((column, ascending)), "{by:?}");
            }
        }
        assert_eq!(sort_param(DEFAULT_SORT), None);
        assert_eq!(sort_from("crate"), Some((Column::Name, true)));
        assert_eq!(sort_from("nonsense"), None);
    }
}

#[component]
pub fn CratesView(browse: Arc<Browse>, view: RwSignal<View>) -> impl IntoView {
    let rows: Vec<Row> = browse
        .crates
        .iter()
        .map(|c| {
            let date = browse.date_of(c.issue).to_string();
            let suggested_by = c.suggested_by.join(", ");
            Row {
                name_key: fold::lowercase(&c.name),
                folded: fold::haystack(&[&c.name, &c.description, &suggested_by, &date]),
                name: c.name.clone(),
                url: c.url.clone(),
                issue: c.issue,
                date,
                description: c.description.clone(),
                suggested_by,
            }
        })
        .collect();
    let total = rows.len();
    // Sort and filter live in the URL, so a reload or a shared link keeps them.
    let sort = RwSignal::new(
        crate::url_state::param("by")
            .and_then(|by| sort_from(&by))
            .unwrap_or(DEFAULT_SORT),
    );
    let filter = RwSignal::new(crate::url_state::param("filter").unwrap_or_default());
    Effect::new(move |_| {
        let by = sort_param(sort.get());
        let needle = filter.get();
        crate::url_state::replace_params(&[("by", by.as_deref()), ("filter", Some(needle.trim()))]);
    });
    let shown = Memo::new(move |_| {
        let needle = fold::lowercase(&filter.get());
        let (column, ascending) = sort.get();
        let mut v: Vec<Row> = rows
            .iter()
            .filter(|r| r.folded.contains(&needle))
            .cloned()
            .collect();
        v.sort_by(|a, b| {
            let o = match column {
                Column::Name => a.name_key.cmp(&b.name_key),
                Column::Issue => a.issue.cmp(&b.issue),
                Column::Description => a.description.cmp(&b.description),
                Column::SuggestedBy => a.suggested_by.cmp(&b.suggested_by),
            };
            let o = o.then(a.issue.cmp(&b.issue));
            if ascending {
                o
            } else {
                o.reverse()
            }
        });
        v
    });
    let header = move |column: Column, label: &'static str| {
        let state = move || {
            let (c, ascending) = sort.get();
            match (c == column, ascending) {
                (false, _) => "none",
                (true, true) => "ascending",
                (true, false) => "descending",
            }
        };
        view! {
            <th scope="col" aria-sort=state>
                <button
                    class="sort"
                    on:click=move |_| sort.update(|(c, ascending)| {
                        if *c == column {
                            *ascending = !*ascending;
                        } else {
                            // Names read A to Z first; issues newest first.
                            *c = column;
                            *ascending = column != Column::Issue;
                        }
                    })
                >
                    {label}
                </button>
            </th>
        }
    };
    let body = move || {
        shown
            .get()
            .into_iter()
            .map(|r| {
                let name = external_link(&r.url, r.name);
                view! {
                    <tr>
                        <td class="name">{name}</td>
                        <td class="issue">
                            <ViewLink view=view to=View::Issue(r.issue)>{r.issue.to_string()}</ViewLink>
                            " "<time datetime=r.date.clone()>{r.date.clone()}</time>
                        </td>
                        <td>{r.description}</td>
                        <td>{r.suggested_by}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let count = move || {
        let n = shown.with(|v| v.len());
        if n == total {
            format!("{total} crates of the week")
        } else {
            format!("{n} of {total} crates of the week")
        }
    };
    view! {
        <section class="browse" aria-labelledby="crates-title">
            <h1 id="crates-title">"Crates of the Week"</h1>
            <div class="browse-tools">
                <label for="crate-filter">"Filter"</label>
                <input
                    id="crate-filter"
                    type="search"
                    placeholder="name, description, who suggested it"
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
                <span class="downloads">
                    "Download: "<a href=Export::CratesCsv.path() download>"CSV"</a>" · "
                    <a href=Export::CratesJson.path() download>"JSON"</a>
                </span>
            </div>
            <p class="summary" role="status">{count}</p>
            <div class="table-scroll">
                <table class="crates">
                    <thead>
                        <tr>
                            {header(Column::Name, "Crate")}
                            {header(Column::Issue, "Issue")}
                            {header(Column::Description, "Description")}
                            {header(Column::SuggestedBy, "Suggested by")}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}
