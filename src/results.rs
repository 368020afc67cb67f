//! One search result, rendered from the engine's hit: text nodes only, never HTML.

use std::ops::Range;

use leptos::prelude::*;
use twir_engine::{Hit, RecordKind};

use crate::nav::ViewLink;
use crate::safe_url::safe_href;
use crate::url_state::View;

/// `text` with the byte ranges in `marks` wrapped in `<mark>`.
pub fn highlighted(text: &str, marks: &[Range<usize>]) -> Vec<AnyView> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in marks {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        if r.start > at {
            out.push(text[at..r.start].to_string().into_any());
        }
        out.push(view! { <mark>{text[r.clone()].to_string()}</mark> }.into_any());
        at = r.end;
    }
    if at < text.len() {
        out.push(text[at..].to_string().into_any());
    }
    out
}

#[component]
pub fn HitView(hit: Hit, view: RwSignal<View>) -> impl IntoView {
    let kind_class = format!("kind kind-{}", hit.kind.as_str());
    let title = highlighted(&hit.title, &hit.title_matches);
    let title = match safe_href(&hit.url) {
        Some(href) => {
            view! { <a class="hit-title" href=href rel="noopener noreferrer">{title}</a> }
                .into_any()
        }
        None => view! { <span class="hit-title">{title}</span> }.into_any(),
    };
    let body = (!hit.body.is_empty() && hit.body != hit.title).then(|| {
        let body = highlighted(&hit.body, &hit.body_matches);
        view! { <p class="hit-body">{body}</p> }
    });
    let issue_link = view! {
        <span class="hit-issue">
            <ViewLink view=view to=View::Issue(hit.issue)>{format!("Issue {}", hit.issue)}</ViewLink>
        </span>
    };
    let also = (hit.issues.len() > 1).then(|| {
        let others: Vec<String> = hit
            .issues
            .iter()
            .filter(|&&n| n != hit.issue)
            .map(|n| n.to_string())
            .collect();
        view! { <span class="hit-also">{format!("also in issues {}", others.join(", "))}</span> }
    });
    let by = match hit.kind {
        RecordKind::Crate if !hit.suggested_by.is_empty() => {
            Some(format!("suggested by {}", hit.suggested_by.join(", ")))
        }
        _ => None,
    };
    view! {
        <li class="hit">
            <span class=kind_class>{hit.kind.label()}</span>
            {title}
            {body}
            <div class="hit-meta">
                {issue_link}
                <time datetime=hit.date.clone()>{hit.date.clone()}</time>
                {(!hit.section.is_empty()).then(|| view! { <span class="hit-section">{hit.section.clone()}</span> })}
                {(!hit.domain.is_empty()).then(|| view! { <span class="hit-domain">{hit.domain.clone()}</span> })}
                {by.map(|b| view! { <span class="hit-by">{b}</span> })}
                {also}
            </div>
        </li>
    }
}
