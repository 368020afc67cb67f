//! Extracting Crates of the Week from their section.
//!
//! The sentence drifted from "This week's Crate of the Week is [x](url), …" to
//! "This week's crate is [x](url), …", with plural "crates", bullet lists, and a
//! "Thanks to [someone](url) for the suggestion!" line naming who suggested it.

use std::sync::LazyLock;

use regex::Regex;
use twir_engine::{CrateOfTheWeek, Presence};

use crate::markdown::{BlockKind, Body};
use crate::section_blocks::{blocks_under, headings_matching, links_in};

static NONE_THIS_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(no crate|no suggestions|none this week|nobody|did not receive|didn't receive|got no|had no|no submissions|skipping|no votes|sadly,? (?:there|we)|without a crate|no (?:crate|cotw))").unwrap()
});
static THANKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(thanks? (?:you )?(?:go(?:es)? )?(?:out )?to|suggested by|submitted by|nominated by|for the (?:suggestion|nomination)|self-suggest|self-nominat)").unwrap()
});
static CALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(submit your suggestions|suggestions and votes|vote for next week|cast your votes|please submit|nominate|submit your|votes?(?: for)? next week)").unwrap()
});
static PLURAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bcrates\b|\bweek'?s? crates\b|\btwo\b|\bdouble\b").unwrap());

/// What the section holds.
pub struct Extracted {
    pub presence: Presence,
    pub crates: Vec<CrateOfTheWeek>,
}

/// True for a Crate of the Week heading in any of its spellings.
pub fn is_heading(h: &str) -> bool {
    (h.contains("crate") || h.contains("create")) && h.contains("of the week")
}

pub fn extract(body: &Body, issue: u32) -> Extracted {
    let roots = headings_matching(body, is_heading);
    if roots.is_empty() {
        return Extracted {
            presence: Presence::Absent,
            crates: Vec::new(),
        };
    }
    let mut crates: Vec<CrateOfTheWeek> = Vec::new();
    let mut suggested_by: Vec<String> = Vec::new();
    let mut self_suggested = false;
    let mut says_none = false;
    let mut plural = false;
    for root in roots {
        for b in blocks_under(body, root) {
            let block = &body.blocks[b];
            if matches!(block.kind, BlockKind::Code | BlockKind::Heading)
                || block.blockquote.is_some()
            {
                continue;
            }
            let text = &block.text;
            let links = links_in(body, b);
            if THANKS.is_match(text) {
                self_suggested |= text.to_lowercase().contains("self-");
                let names: Vec<String> = if links.is_empty() {
                    thanked_names(text)
                } else {
                    links
                        .iter()
                        .filter(|l| !l.url.contains("users.rust-lang.org/t/"))
                        .map(|l| l.text.trim_start_matches('@').to_string())
                        .collect()
                };
                // A "Thanks to" line may also be the crate's own sentence; then its first
                // link is the crate, not a suggester.
                if !crates.is_empty() || !mentions_crate(text) {
                    suggested_by.extend(names);
                    continue;
                }
            }
            if CALL.is_match(text) && links.iter().all(|l| l.url.contains("users.rust-lang.org")) {
                continue;
            }
            if links.is_empty() {
                if NONE_THIS_WEEK.is_match(text) && crates.is_empty() {
                    says_none = true;
                }
                plural |= PLURAL.is_match(text);
                continue;
            }
            plural |= PLURAL.is_match(text);
            let take_all = block.in_list || plural && crates.is_empty();
            let mut picked = Vec::new();
            for (i, l) in links.iter().enumerate() {
                if l.url.contains("users.rust-lang.org/t/") {
                    continue;
                }
                if i == 0 || (take_all && joined_by_and(text, &links[i - 1].span, &l.span)) {
                    picked.push(*l);
                } else {
                    break;
                }
            }
            if block.in_list && !crates.is_empty() || crates.is_empty() || take_all {
                let last = picked.last().map(|l| l.span.end).unwrap_or(0);
                let description = describe(&text[last.min(text.len())..]);
                for l in picked {
                    crates.push(CrateOfTheWeek {
                        issue,
                        name: l.text.trim_matches('`').trim().to_string(),
                        url: l.url.clone(),
                        description: description.clone(),
                        suggested_by: Vec::new(),
                        self_suggested: false,
                    });
                }
            }
        }
    }
    suggested_by.dedup();
    for c in &mut crates {
        c.suggested_by = suggested_by.clone();
        c.self_suggested = self_suggested;
    }
    let presence = if !crates.is_empty() {
        Presence::Present
    } else if says_none {
        Presence::NoneThisWeek
    } else {
        Presence::Unrecognised
    };
    Extracted { presence, crates }
}

fn mentions_crate(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("crate of the week is") || t.contains("week's crate") || t.contains("crate is")
}

fn joined_by_and(text: &str, prev: &std::ops::Range<usize>, next: &std::ops::Range<usize>) -> bool {
    let between = text
        .get(prev.end..next.start)
        .unwrap_or("")
        .trim()
        .to_lowercase();
    matches!(
        between.as_str(),
        "" | "," | "and" | ", and" | "&" | "/" | "+" | "as well as"
    )
}

/// The description after the crate's link: ", a QUIC implementation." -> "a QUIC implementation".
fn describe(rest: &str) -> String {
    let rest = rest.trim_start_matches(|c: char| {
        c == ',' || c == ':' || c == '-' || c == '–' || c == '—' || c.is_whitespace()
    });
    let rest = rest.strip_prefix("which is ").unwrap_or(rest);
    rest.trim().trim_end_matches(['.', '!']).trim().to_string()
}

/// Names in "Thanks to Jane Doe for the suggestion" written without links.
fn thanked_names(text: &str) -> Vec<String> {
    static NAMES: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)thanks? to (.+?)(?: for\b|[.!]|$)").unwrap());
    NAMES
        .captures(text)
        .map(|c| {
            c[1].split([',', '&'])
                .flat_map(|s| s.split(" and "))
                .map(|s| s.trim().trim_start_matches('@').to_string())
                .filter(|s| !s.is_empty() && s.len() < 40)
                .collect()
        })
        .unwrap_or_default()
}
