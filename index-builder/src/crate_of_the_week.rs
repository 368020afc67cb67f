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
    for b in sentence_blocks(body, &roots) {
        let block = &body.blocks[b];
        let links = links_in(body, b);
        // "… [crate](url), a thing. Thanks to [someone](url) for the suggestion!": the
        // links after the thanks are suggesters, the ones before may be the crate.
        let thanks = Thanks::read(&block.text, &links);
        suggested_by.extend(thanks.suggesters);
        self_suggested |= thanks.self_suggested;
        let text = &block.text[..thanks.at];
        let links: Vec<&RawLink> = links
            .into_iter()
            .filter(|l| l.span.start < thanks.at)
            .collect();
        if thanks.at < block.text.len() && links.is_empty() {
            continue;
        }
        says_none |= crates.is_empty() && NONE_THIS_WEEK.is_match(text);
        plural |= PLURAL.is_match(text);
        let only_the_call =
            CALL.is_match(text) && links.iter().all(|l| l.url.contains("users.rust-lang.org"));
        // A list, or a sentence that announced several crates, names them all; after
        // the first crate, other sentences only describe it.
        let take_all = block.in_list || plural && crates.is_empty();
        if links.is_empty() || only_the_call || !(crates.is_empty() || take_all) {
            continue;
        }
        for (link, description) in pick_crates(text, &links, take_all) {
            crates.push(CrateOfTheWeek {
                issue,
                name: crate_name(&link.text, &link.url),
                url: link.url.clone(),
                description,
                suggested_by: Vec::new(),
                self_suggested: false,
            });
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

/// The blocks of prose that stand in the Crate of the Week sections: not code, not
/// headings, not block quotes, not under a nested heading of another subject.
fn sentence_blocks(body: &Body, roots: &[usize]) -> Vec<usize> {
    roots
        .iter()
        .flat_map(|&root| {
            blocks_under(body, root).into_iter().filter(move |&b| {
                let block = &body.blocks[b];
                under_crate_headings_only(body, block.heading, root)
                    && !matches!(block.kind, BlockKind::Code | BlockKind::Heading)
                    && block.blockquote.is_none()
            })
        })
        .collect()
}

/// The thanks in a block: where it starts (the block's length when there is none),
/// the suggesters it names, and whether it says "self-suggested".
struct Thanks {
    at: usize,
    suggesters: Vec<String>,
    self_suggested: bool,
}

impl Thanks {
    fn read(text: &str, links: &[&RawLink]) -> Thanks {
        let Some(at) = THANKS.find(text).map(|m| m.start()) else {
            return Thanks {
                at: text.len(),
                suggesters: Vec::new(),
                self_suggested: false,
            };
        };
        // Not a suggester: a crate's own link further on ("for thanks to the
        // [lazy_static] crate"), or a link on a word ("who had [this] to say").
        let after: Vec<&&RawLink> = links
            .iter()
            .filter(|l| l.span.start >= at)
            .filter(|l| !name_in_url(&l.url).is_some_and(|(_, registry)| registry))
            .filter(|l| {
                !["this", "here", "suggestion", "nomination"]
                    .contains(&l.text.to_lowercase().as_str())
            })
            .collect();
        let suggesters = if after.is_empty() {
            thanked_names(&text[at..])
        } else {
            after
                .iter()
                .filter(|l| !is_call_to_submit(&l.text))
                .map(|l| l.text.trim_start_matches('@').to_string())
                .collect()
        };
        Thanks {
            at,
            suggesters,
            self_suggested: text.to_lowercase().contains("self-"),
        }
    }
}

/// The crate links of a sentence and each one's description, the text up to the next
/// crate link. Without `take_all`, only the first crate.
fn pick_crates<'l>(
    text: &str,
    links: &[&'l RawLink],
    take_all: bool,
) -> Vec<(&'l RawLink, String)> {
    let mut picked: Vec<&RawLink> = Vec::new();
    // `[]()` names nothing (`make fuzz` found a crate with neither name nor URL).
    let names_something = |l: &RawLink| !l.url.trim().is_empty() || !l.text.trim().is_empty();
    for &l in links
        .iter()
        .filter(|l| names_something(l) && !is_never_a_crate(&l.url))
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
    picked
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let end = picked.get(i + 1).map_or(text.len(), |n| n.span.start);
            let description = describe(&l.text, text.get(l.span.end.min(end)..end).unwrap_or(""));
            (*l, description)
        })
        .collect()
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
        || between.ends_with(',')
        || between.ends_with(" and")
        || between.ends_with(" while")
}

/// Whether a block under the Crate of the Week heading `root` stands in it, rather
/// than under a sub-heading of another subject (2024: `#### Call for Testing`, with
/// its RFC links, nested under `## Crate of the Week`).
fn under_crate_headings_only(body: &Body, heading: Option<usize>, root: usize) -> bool {
    let mut at = heading;
    while let Some(h) = at {
        if h == root {
            return true;
        }
        if !is_heading(&body.headings[h].text.to_lowercase()) {
            return false;
        }
        at = body.headings[h].parent;
    }
    false
}

/// Links a Crate of the Week sentence holds that never name the crate: the
/// suggester's profile, an RFC, a discussion thread.
fn is_never_a_crate(url: &str) -> bool {
    let Some((host, path)) = host_and_path(url) else {
        return false;
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match host {
        "users.rust-lang.org"
        | "internals.rust-lang.org"
        | "reddit.com"
        | "old.reddit.com"
        | "twitter.com"
        | "x.com" => true,
        "github.com" => {
            segments.len() == 1
                || segments.first() == Some(&"rust-lang") && segments.get(1) == Some(&"rfcs")
        }
        _ => false,
    }
}

/// The crate's name: the link text, unless the URL spells it and the text is not
/// that name (`[Watt]` for `github.com/dtolnay/watt` is `watt`; `[cargo cat]`, with
/// a space, is the repository's name). A registry (crates.io, docs.rs, lib.rs) spells
/// the crate exactly; a repository's name can differ from its crate's by `-`/`_`,
/// so there only the case follows the URL.
fn crate_name(text: &str, url: &str) -> String {
    let text = text.trim_matches('`').trim();
    let Some((from_url, registry)) = name_in_url(url) else {
        return text.to_string();
    };
    let fold = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    let same = if registry {
        fold(text) == fold(&from_url)
    } else {
        text.eq_ignore_ascii_case(&from_url)
    };
    let identifier = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c));
    if same || !identifier {
        from_url
    } else {
        text.to_string()
    }
}

/// The crate or repository name a URL spells, and whether it is a registry's:
/// `crates.io/crates/NAME`, `docs.rs/NAME`, `lib.rs/crates/NAME`, `github.com/OWNER/NAME`.
fn name_in_url(url: &str) -> Option<(String, bool)> {
    let (host, path) = host_and_path(url)?;
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (name, registry) = match host {
        "crates.io" | "lib.rs" => match segments.as_slice() {
            ["crates", name, ..] => (*name, true),
            _ => return None,
        },
        "docs.rs" => (*segments.first()?, true),
        "github.com" | "gitlab.com" | "codeberg.org" | "git.sr.ht" => (*segments.get(1)?, false),
        _ => return None,
    };
    let name = name.trim_end_matches(".git");
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_".contains(c)))
    .then(|| (name.to_string(), registry))
}

/// The host without `www.` and the path without query or fragment.
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = url.split_once("://")?.1;
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    Some((host.strip_prefix("www.").unwrap_or(host), path))
}

/// The description after the crate's link: ", a QUIC implementation." -> "a QUIC implementation".
/// Stops at the "Thanks to …" and "Submit your suggestions" sentences.
fn describe(name: &str, rest: &str) -> String {
    let rest = match THANKS.find(rest).or_else(|| CALL.find(rest)) {
        Some(m) => &rest[..m.start()],
        None => rest,
    };
    // "[ramp](url). Ramp supplies …": when the sentence ends at the name, the next one
    // describes the crate if it names it or says "This is"; "Despite many of you
    // knowing it, …" does not.
    if let Some(next) = rest.trim_start().strip_prefix('.') {
        let next = next.trim_start();
        let sentence = next.split_inclusive(". ").next().unwrap_or(next);
        let lower = sentence.to_lowercase();
        let describes = lower.starts_with("this is ")
            || lower.starts_with("it ")
            || lower.contains(&name.trim_matches('`').to_lowercase());
        if !describes {
            return String::new();
        }
        return sentence
            .trim()
            .trim_end_matches(['.', '!'])
            .trim()
            .to_string();
    }
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
                .filter(|s| {
                    !s.is_empty()
                        && s.len() < 40
                        && s.split_whitespace().count() <= 3
                        && !s.ends_with(':')
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The crates of a Crate of the Week section written in Markdown.
    fn crates(section: &str) -> Vec<(String, String)> {
        let md = format!("## Crate of the Week\n\n{section}\n\n## Call for Participation\n");
        let body = crate::markdown::parse(&md, 1);
        let e = extract(&body, 1);
        assert_eq!(e.presence, Presence::Present, "{section}");
        e.crates.into_iter().map(|c| (c.name, c.url)).collect()
    }

    fn names(section: &str) -> Vec<String> {
        crates(section).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn this_weeks_crate_is() {
        let c = crates("This week's crate is [kind](https://github.com/wingbackapp/kind/), a helper crate for typed UUIDs.\n\nThanks to [Denys Séguret](https://users.rust-lang.org/t/crate-of-the-week/2704/1290) for the self-suggestion!");
        assert_eq!(
            c,
            [(
                "kind".to_string(),
                "https://github.com/wingbackapp/kind/".to_string()
            )]
        );
    }

    #[test]
    fn the_suggesters_profile_before_the_crate_is_not_the_crate() {
        // 136 and 140.
        assert_eq!(
            names("User [jkcclemens](https://users.rust-lang.org/users/jkcclemens) suggested his own [bins](https://crates.io/crates/bins) crate that lets us programmatically create pastebins and is now our Crate of the Week! Thanks, jkcclemens!"),
            ["bins"]
        );
        assert_eq!(
            names("In what seems to become a kind of tradition, User [gsingh93](https://users.rust-lang.org/users/gsingh93) suggested his [trace](https://crates.io/crates/trace) crate, a syntax extension."),
            ["trace"]
        );
    }

    #[test]
    fn three_crates_after_commas() {
        // 308.
        assert_eq!(
            names("This week, we don't have one, nor two, but *three* crates of the week! There's [Watt](https://github.com/dtolnay/watt), a fast WASM-based proc-macro runtime, [Anyhow](https://github.com/dtolnay/anyhow), yet another error handling crate and [spotify-tui](https://github.com/Rigellute/spotify-tui), a console user interface for Spotify."),
            ["watt", "anyhow", "spotify-tui"]
        );
    }

    #[test]
    fn two_crates_joined_by_while() {
        // 395.
        assert_eq!(
            names("This week has two crates: [nativeshell](https://github.com/nativeshell/nativeshell) gets you a Flutter app in Rust, while [static-rc](https://github.com/matthieu-m/static-rc) is a compile-time reference-counted smart pointer."),
            ["nativeshell", "static-rc"]
        );
    }

    #[test]
    fn links_under_a_nested_heading_of_another_subject_are_not_crates() {
        // 535: `#### Call for Testing` nested under `## Crate of the Week`.
        assert_eq!(
            names("This week's crate is [kind](https://github.com/wingbackapp/kind/), a helper crate for typed UUIDs.\n\n#### [Call for Testing](https://github.com/rust-lang/rfcs/issues)\n\n* [RFC: Checking conditional compilation at compile time](https://github.com/rust-lang/rfcs/pull/3013)\n    * [Testing steps](https://github.com/rust-lang/rfcs/pull/3013#issuecomment-1)"),
            ["kind"]
        );
    }

    #[test]
    fn the_name_follows_the_url_where_the_text_is_not_the_name() {
        assert_eq!(
            crate_name("Serde", "https://crates.io/crates/serde"),
            "serde"
        );
        assert_eq!(
            crate_name("cargo cat", "https://github.com/x/cat-ascii-faces"),
            "cat-ascii-faces"
        );
        assert_eq!(
            crate_name("derive_deftly", "https://docs.rs/derive-deftly"),
            "derive-deftly"
        );
        // A repository's name is not the crate's spelling of `-`/`_`.
        assert_eq!(
            crate_name("rs-pbrt", "https://github.com/wahn/rs_pbrt"),
            "rs-pbrt"
        );
        // Another name in the text stays: the repository is named otherwise.
        assert_eq!(
            crate_name("winapi", "https://github.com/retep998/winapi-rs"),
            "winapi"
        );
        assert_eq!(crate_name("`yew`", "https://example.com/yew"), "yew");
    }

    #[test]
    fn suggesters_are_names_not_the_crate_nor_a_word() {
        // 97 and 98.
        let md = "## Crate of the Week\n\nThis week, Crate of the Week is **[lazy_static](https://crates.io/crates/lazy_static)**. Thanks go to [stebalien](https://users.rust-lang.org/users/stebalien) for the suggestion.\n\nNot in Rust, for thanks to the [lazy_static](https://crates.io/crates/lazy_static) crate you just put your values in a block.\n\n## Next\n";
        let e = extract(&crate::markdown::parse(md, 1), 1);
        assert_eq!(e.crates[0].suggested_by, ["stebalien"]);
        assert_eq!(e.crates[0].description, "");
        let md = "## Crate of the Week\n\nThis Week, Crate of the Week is BurntSushi's [quickcheck](https://github.com/BurntSushi/quickcheck), a property tester. Thanks to DanielKeep, who had [this](https://users.rust-lang.org/t/crate-of-the-week/2704/40) to say:\n\n## Next\n";
        let e = extract(&crate::markdown::parse(md, 1), 1);
        assert_eq!(e.crates[0].suggested_by, ["DanielKeep"]);
        assert_eq!(e.crates[0].description, "a property tester");
    }

    #[test]
    fn profiles_rfcs_and_threads_are_never_crates() {
        for url in [
            "https://users.rust-lang.org/users/jkcclemens",
            "https://users.rust-lang.org/t/crate-of-the-week/2704/1",
            "https://github.com/rust-lang/rfcs/pull/3013",
            "https://github.com/dtolnay",
            "https://www.reddit.com/r/rust/comments/x",
        ] {
            assert!(is_never_a_crate(url), "{url}");
        }
        assert!(!is_never_a_crate("https://github.com/dtolnay/anyhow"));
        assert!(!is_never_a_crate("https://crates.io/crates/bins"));
    }
}
