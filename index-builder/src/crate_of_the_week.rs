//! Extracting Crates of the Week from their section.
//!
//! The sentence drifted from "This week's Crate of the Week is [x](url), …" to
//! "This week's crate is [x](url), …", with plural "crates", bullet lists, and a
//! "Thanks to [someone](url) for the suggestion!" line naming who suggested it.

use std::sync::LazyLock;

use regex::Regex;
use twir_engine::{CrateOfTheWeek, Presence};

use crate::markdown::{BlockKind, Body, RawLink};
use crate::section_blocks::{blocks_under, headings_matching, is_call_to_submit, links_in};

static NONE_THIS_WEEK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(\bno (?:one|crates?|cotw|nominations?|suggestions?|submissions?|votes?)\b",
        r"|lack(?:ing)? (?:of )?(?:nominations|suggestions|votes)|none this week|nobody",
        r"|did not receive|didn't receive|got no|had no|skipping|without a crate",
        r"|(?:don't|do not|didn't) have a crate|crateless|go without|lack of a crate)"
    ))
    .unwrap()
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
            // "… [crate](url), a thing. Thanks to [someone](url) for the suggestion!": the
            // links after the thanks are suggesters, the ones before may be the crate.
            let thanks_at = THANKS.find(text).map(|m| m.start());
            let (links, text) = match thanks_at {
                Some(at) => {
                    self_suggested |= text.to_lowercase().contains("self-");
                    let after: Vec<_> = links.iter().filter(|l| l.span.start >= at).collect();
                    if after.is_empty() {
                        suggested_by.extend(thanked_names(&text[at..]));
                    }
                    suggested_by.extend(
                        after
                            .iter()
                            .filter(|l| !is_call_to_submit(&l.text))
                            .map(|l| l.text.trim_start_matches('@').to_string()),
                    );
                    let before: Vec<_> = links.into_iter().filter(|l| l.span.start < at).collect();
                    if before.is_empty() {
                        continue;
                    }
                    (before, &text[..at])
                }
                None => (links, text.as_str()),
            };
            if crates.is_empty() && NONE_THIS_WEEK.is_match(text) {
                says_none = true;
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
            if !(crates.is_empty() || take_all) {
                continue;
            }
            // Each crate link is followed by its description, up to the next crate link.
            let mut picked: Vec<&RawLink> = Vec::new();
            for l in links
                .iter()
                .filter(|l| !l.url.contains("users.rust-lang.org/t/"))
            {
                let starts_item = match picked.last() {
                    None => true,
                    Some(prev) => take_all && starts_new_crate(text, prev.span.end, l.span.start),
                };
                if starts_item {
                    picked.push(l);
                } else if !take_all {
                    break;
                }
            }
            for (i, l) in picked.iter().enumerate() {
                let end = picked.get(i + 1).map_or(text.len(), |n| n.span.start);
                let description = describe(text.get(l.span.end.min(end)..end).unwrap_or(""));
                crates.push(CrateOfTheWeek {
                    issue,
                    name: l.text.trim_matches('`').trim().to_string(),
                    url: l.url.clone(),
                    description,
                    suggested_by: Vec::new(),
                    self_suggested: false,
                });
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

/// Whether a link after another one names a further crate: it follows a list separator
/// ("[a] and [b]", "[a], [b]") or starts a sentence ("… box. [momo] is …"), rather
/// than standing inside the previous crate's description.
fn starts_new_crate(text: &str, prev_end: usize, start: usize) -> bool {
    let between = text
        .get(prev_end..start)
        .unwrap_or("")
        .trim()
        .to_lowercase();
    matches!(
        between.as_str(),
        "" | "," | "and" | ", and" | "&" | "/" | "+" | "as well as"
    ) || between.ends_with('.')
        || between.ends_with(':')
        || between.ends_with(" and")
}

/// The description after the crate's link: ", a QUIC implementation." -> "a QUIC implementation".
/// Stops at the "Thanks to …" and "Submit your suggestions" sentences.
fn describe(rest: &str) -> String {
    let rest = match THANKS.find(rest).or_else(|| CALL.find(rest)) {
        Some(m) => &rest[..m.start()],
        None => rest,
    };
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
