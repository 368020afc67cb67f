//! Reading a Quote of the Week's attribution: who said it, where, and the link.
//!
//! Thirteen years of editors wrote the same thing many ways: `– [allp on mastodon](url)`,
//! `— [kmc](profile) on [#rust](url)`, `Quxxy, from [/r/rust](url)`, `[Declared by
//! pcwalton on Hacker News](url)`, `From @Gankro's [Learning Rust …](url)`, `Manish
//! [explains](url) …`, `in #rust-offtopic`. Each form is one step below with its own
//! test; the next drift is one more step.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use twir_engine::NoAuthor;

/// What an attribution says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attribution {
    /// The person, as a name; empty when `no_author` says why.
    pub author: String,
    /// Where or when it was said (`on Hacker News`, `during his RustFest talk`).
    pub venue: String,
    /// The source: the attribution's last link.
    pub url: String,
    /// The attribution as written, without its leading dash and final stop.
    pub written: String,
    pub no_author: Option<NoAuthor>,
}

/// A link inside an attribution's text.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionLink {
    /// Byte range of the link text in the attribution's text.
    pub span: Range<usize>,
    pub text: String,
    pub url: String,
}

/// The dash that opens an attribution line: `–`, `—`, `--`, `-`, `~`.
pub static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*(?:--|[-–—―~])\s*").unwrap());

/// Reads one attribution, written as plain text with its links.
pub fn read(text: &str, links: &[AttributionLink]) -> Attribution {
    let written = strip_frame(text);
    let url = links.last().map(|l| l.url.clone()).unwrap_or_default();
    let (author, venue, no_author) = who_and_where(&written);
    Attribution {
        author,
        venue,
        url,
        written,
        no_author,
    }
}

/// An attribution that is nothing but a link's text, e.g. the `[Evan Miller's
/// evaluation of Rust](url)` an editor names before the quote ("here's one from …:").
pub fn read_link(link: &AttributionLink) -> Attribution {
    let span = 0..link.text.len();
    read(
        &link.text,
        &[AttributionLink {
            span,
            ..link.clone()
        }],
    )
}

/// Step 1: the frame around the words: the leading dash, `by`, and the final stop.
fn strip_frame(text: &str) -> String {
    let t = DASH.replace(text, "");
    let t = t.trim().trim_end_matches(['.', '!', ':']).trim();
    let t = ["by ", "By "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(t);
    t.trim().to_string()
}

/// Words that open an attribution but belong to neither name nor venue:
/// `Declared by pcwalton …`, `Insight from kballard …`, `From @Gankro's …`, and the
/// `and` of a second quote's attribution (`– and [ZiCog on rust-users](url)`).
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Declared|Said|Written|Posted|Quoted) by|Insight from|From|Via|and|&)\s+")
        .unwrap()
});

/// Attributions that name no person: a place (`in #rust-offtopic`, `On
/// /r/programming`, `#rust`), a context (`In reference to …`) or a group.
static NO_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:(?i:in|on|at|during|via|from|over)\s|#|(?i:someone|somebody|unnamed|",
        r"an? (?:anonymous|unnamed)|(?:a )?conversation|overheard)\b)"
    ))
    .unwrap()
});

static UNATTRIBUTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:unattributed|anonymous|unknown)\b").unwrap());

/// Step 2: the name and the venue.
fn who_and_where(written: &str) -> (String, String, Option<NoAuthor>) {
    if written.is_empty() {
        return (String::new(), String::new(), Some(NoAuthor::Unattributed));
    }
    if UNATTRIBUTED.is_match(written) {
        return (
            String::new(),
            written.to_string(),
            Some(NoAuthor::Unattributed),
        );
    }
    let t = LEAD.replace(written, "");
    if NO_PERSON.is_match(&t) {
        return (String::new(), written.to_string(), Some(NoAuthor::NoPerson));
    }
    let (author, venue) = by_someone(&t)
        .or_else(|| possessive(&t))
        .unwrap_or_else(|| name_then_venue(&t));
    let author = clean_name(&author);
    if author.is_empty() {
        return (String::new(), written.to_string(), Some(NoAuthor::NoPerson));
    }
    (author, venue, None)
}

/// `A tribute to #NickiMinaj and #rustlang by @boghison`, `Programming People by
/// David Marino`: the work first, its author after `by`. Not `Pete Cordell cited by
/// @blonk`, where `by` belongs to the venue.
fn by_someone(t: &str) -> Option<(String, String)> {
    let at = t.find(" by ")?;
    let before = &t[..at];
    let last_word = before.rsplit(' ').next().unwrap_or("");
    if last_word.ends_with("ed") || before.contains([',', '(']) {
        return None;
    }
    if starts_a_separator(before).is_some() {
        return None;
    }
    let (author, venue) = name_then_venue(&t[at + 4..]);
    let venue = if venue.is_empty() {
        before.to_string()
    } else {
        format!("{before}, {venue}")
    };
    Some((author, venue))
}

/// `@Gankro's Learning Rust With Entirely Too Many Linked Lists`, `/u/pacman82's
/// reddit post title`: a name of at most three capitalised words, then `'s` (not
/// `Quxxy discovers Rust's stance`).
fn possessive(t: &str) -> Option<(String, String)> {
    let at = t.find("'s ").or_else(|| t.find("’s "))?;
    let name = &t[..at];
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = words
        .iter()
        .all(|w| !w.starts_with(|c: char| c.is_lowercase()));
    if words.len() > 3 || (words.len() > 1 && !capitalised) || starts_a_separator(name).is_some() {
        return None;
    }
    let rest = &t[at..];
    let rest = rest.split_once(' ').map_or("", |(_, r)| r);
    Some((name.to_string(), rest.trim().to_string()))
}

/// Where the venue starts in a name-first attribution, if anywhere: the earliest of
/// the separators below, or a verb (`celebrating`, `interviewed`, `explains`) after
/// the first word.
fn starts_a_separator(t: &str) -> Option<usize> {
    const SEPARATORS: [&str; 17] = [
        " on ", ": ", " in ", " at ", " @ ", " @", " during ", " from ", ", ", " (", " via ",
        " about ", " a.k.a. ", " aka ", " is ", " - ", " – ",
    ];
    let by_word = SEPARATORS.iter().filter_map(|s| t.find(s)).min();
    let by_verb = verb_at(t);
    by_word.into_iter().chain(by_verb).min()
}

/// The byte offset of the space before the first verb-like word after the first:
/// lowercase words ending in `ing`/`ed`, and the reporting verbs editors used.
fn verb_at(t: &str) -> Option<usize> {
    const SAYS: [&str; 16] = [
        "explains",
        "says",
        "writes",
        "notes",
        "asks",
        "argues",
        "wonders",
        "replies",
        "discovers",
        "knows",
        "describes",
        "reflects",
        "muses",
        "quips",
        "observes",
        "tells",
    ];
    let mut at = 0;
    for (i, word) in t.split(' ').enumerate() {
        let bare = word.trim_end_matches([',', '.', ':', ';']);
        let lower = bare.starts_with(|c: char| c.is_lowercase());
        let verb = lower
            && bare.chars().all(|c| c.is_alphabetic() || c == '-')
            && ((bare.len() > 4 && (bare.ends_with("ing") || bare.ends_with("ed")))
                || SAYS.contains(&bare));
        if i > 0 && verb {
            return Some(at - 1);
        }
        at += word.len() + 1;
    }
    None
}

/// `Jane Doe on the Rust forum`: the name before the first separator, the venue after it.
fn name_then_venue(t: &str) -> (String, String) {
    match starts_a_separator(t) {
        Some(at) => {
            let venue = t[at..].trim_start_matches([',', ':', ' ']).trim();
            (t[..at].to_string(), venue.to_string())
        }
        None => (t.to_string(), String::new()),
    }
}

/// The name alone: without the handle's `@` and stray punctuation.
fn clean_name(name: &str) -> String {
    let n = name.trim().trim_matches(['*', '"', '“', '”']).trim();
    let n = n.trim_end_matches([',', ':', ';', '.']).trim();
    let n = n.strip_prefix('@').unwrap_or(n);
    if n.starts_with("and ") || n.starts_with("& ") {
        return String::new();
    }
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attribution written in Markdown-like shorthand: `[text](url)` marks a link.
    fn attribution(md: &str) -> Attribution {
        static LINK: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(([^)]*)\)").unwrap());
        let mut text = String::new();
        let mut links = Vec::new();
        let mut last = 0;
        for c in LINK.captures_iter(md) {
            let m = c.get(0).unwrap();
            text.push_str(&md[last..m.start()]);
            let start = text.len();
            text.push_str(&c[1]);
            links.push(AttributionLink {
                span: start..text.len(),
                text: c[1].to_string(),
                url: c[2].to_string(),
            });
            last = m.end();
        }
        text.push_str(&md[last..]);
        read(&text, &links)
    }

    fn who(md: &str) -> (String, String) {
        let a = attribution(md);
        (a.author, a.venue)
    }

    fn pair(a: &str, v: &str) -> (String, String) {
        (a.to_string(), v.to_string())
    }

    #[test]
    fn dash_and_link_with_author_on_venue() {
        // 571, and most issues since 2019.
        let a = attribution("– [Sean Baxter on circle-lang.org](https://circle-lang.org/x)");
        assert_eq!(a.author, "Sean Baxter");
        assert_eq!(a.venue, "on circle-lang.org");
        assert_eq!(a.url, "https://circle-lang.org/x");
        assert_eq!(a.written, "Sean Baxter on circle-lang.org");
        assert_eq!(a.no_author, None);
    }

    #[test]
    fn author_link_then_venue_link() {
        let a =
            attribution("— [kmc](https://github.com/kmcallister) on [#rust](https://botbot.me/x)");
        assert_eq!((a.author.as_str(), a.venue.as_str()), ("kmc", "on #rust"));
        assert_eq!(a.url, "https://botbot.me/x");
    }

    #[test]
    fn link_alone_on_its_line_with_an_exclamation_mark() {
        // 284: no dash, a `!` after the link.
        assert_eq!(
            who("[ReductRs on twitter](https://mobile.twitter.com/reduct_rs/status/1)!"),
            pair("ReductRs", "on twitter")
        );
    }

    #[test]
    fn declared_by_and_insight_from() {
        // 76 and 80.
        assert_eq!(
            who("[Declared by pcwalton on Hacker News](https://news.ycombinator.com/item?id=9330518)."),
            pair("pcwalton", "on Hacker News")
        );
        assert_eq!(
            who("[Insight from kballard on the safety of linking](https://github.com/x)."),
            pair("kballard", "on the safety of linking")
        );
    }

    #[test]
    fn name_comma_venue() {
        // 82, 73 and 274.
        assert_eq!(
            who("Quxxy, from [/r/rust](http://www.reddit.com/r/rust/x)."),
            pair("Quxxy", "from /r/rust")
        );
        assert_eq!(
            who("JakDrako, from the same thread."),
            pair("JakDrako", "from the same thread")
        );
        assert_eq!(
            who("[Andrew Hobden, on getting acquainted with mio](http://www.hoverbear.org/x)."),
            pair("Andrew Hobden", "on getting acquainted with mio")
        );
        assert_eq!(
            who("Ryan Ragona, [Learning Rust in 2019](https://www.ragona.com/x)"),
            pair("Ryan Ragona", "Learning Rust in 2019")
        );
    }

    #[test]
    fn possessive_names_the_author_of_a_work() {
        // 90, and the link an editor names before the quote in 81.
        assert_eq!(
            who("From @Gankro's [Learning Rust With Entirely Too Many Linked Lists](http://cglab.ca/x)."),
            pair("Gankro", "Learning Rust With Entirely Too Many Linked Lists")
        );
        let link = AttributionLink {
            span: 0..31,
            text: "Evan Miller's evaluation of Rust".into(),
            url: "http://www.evanmiller.org/a-taste-of-rust.html".into(),
        };
        let a = read_link(&link);
        assert_eq!(
            (a.author.as_str(), a.venue.as_str()),
            ("Evan Miller", "evaluation of Rust")
        );
        assert_eq!(a.url, link.url);
    }

    #[test]
    fn a_verb_after_the_name_starts_the_venue() {
        // 81, 72, and the authors that used to carry their context.
        assert_eq!(
            who("Manish [explains](http://www.reddit.com/x) Rust's roadmap for laundry-eating."),
            pair("Manish", "explains Rust's roadmap for laundry-eating")
        );
        assert_eq!(
            who("[kibwen is serious](https://www.reddit.com/x) about upholding community standards."),
            pair("kibwen", "is serious about upholding community standards")
        );
        assert_eq!(
            who("u/_ar7 celebrating this commendable achievement"),
            pair("u/_ar7", "celebrating this commendable achievement")
        );
        assert_eq!(
            who("Carter Schultz interviewed on the filtra blog"),
            pair("Carter Schultz", "interviewed on the filtra blog")
        );
        assert_eq!(
            who("Niko Matsakis quoted by Yoshua Wuyts on his blog"),
            pair("Niko Matsakis", "quoted by Yoshua Wuyts on his blog")
        );
    }

    #[test]
    fn venue_words_never_stay_in_the_name() {
        for (written, author, venue) in [
            (
                "- kmc on the limits of unsafety",
                "kmc",
                "on the limits of unsafety",
            ),
            (
                "llogiq on Twitter. Check out his Twitter feed",
                "llogiq",
                "on Twitter. Check out his Twitter feed",
            ),
            ("Catherine West @ Rustconf", "Catherine West", "@ Rustconf"),
            (
                "Élisabeth Henry @RustFest Zürich",
                "Élisabeth Henry",
                "@RustFest Zürich",
            ),
            (
                "Arthur Cohen during FOSDEM '23",
                "Arthur Cohen",
                "during FOSDEM '23",
            ),
            (
                "Massimiliano Mantione during his RustFest talk",
                "Massimiliano Mantione",
                "during his RustFest talk",
            ),
            (
                "James Munns (@bitshiftmask) on Twitter",
                "James Munns",
                "(@bitshiftmask) on Twitter",
            ),
            (
                "Andrew Gallant a.k.a. @BurntSushi on rust-users",
                "Andrew Gallant",
                "a.k.a. @BurntSushi on rust-users",
            ),
            ("Ms2ger in #rust", "Ms2ger", "in #rust"),
            (
                "@isislovecruft talking about elliptic curve cryptography",
                "isislovecruft",
                "talking about elliptic curve cryptography",
            ),
            (
                "/u/kibwen answering - What does Rust mean?",
                "/u/kibwen",
                "answering - What does Rust mean?",
            ),
            (
                "A tribute to #NickiMinaj and #rustlang by @boghison",
                "boghison",
                "A tribute to #NickiMinaj and #rustlang",
            ),
            (
                "Pete Cordell cited by @blonk on rust-users",
                "Pete Cordell",
                "cited by @blonk on rust-users",
            ),
            (
                "Quxxy discovers Rust's stance toward batteries",
                "Quxxy",
                "discovers Rust's stance toward batteries",
            ),
            (
                "Rust Blog: What is Rust 2018",
                "Rust Blog",
                "What is Rust 2018",
            ),
            ("/u/K900_ on reddit", "/u/K900_", "on reddit"),
            (
                "– and [ZiCog on rust-users](https://users.rust-lang.org/x)",
                "ZiCog",
                "on rust-users",
            ),
        ] {
            assert_eq!(who(written), pair(author, venue), "{written}");
        }
    }

    #[test]
    fn speakers_stay_together_for_the_dialogue_split() {
        assert_eq!(
            who("[Jake Goulding and Cuviper on the Rust Zulip](https://rust-lang.zulipchat.com/x)"),
            pair("Jake Goulding and Cuviper", "on the Rust Zulip")
        );
        assert_eq!(
            who("minno & llogiq on /r/rust"),
            pair("minno & llogiq", "on /r/rust")
        );
    }

    #[test]
    fn no_person_is_a_decision_with_a_reason() {
        for written in [
            "in #rust-offtopic",
            "On [/r/programming](https://www.reddit.com/r/programming/x).",
            "In reference to last week's [celebration](https://www.reddit.com/x) of Terry Pratchett on /r/rust.",
            "From #rust-beginners",
            "Someone from Antithesis on the shuttle blog",
            "Conversation between some long-time Firefox developers",
        ] {
            let a = attribution(written);
            assert_eq!(a.author, "", "{written}");
            assert_eq!(a.no_author, Some(NoAuthor::NoPerson), "{written}");
            assert!(!a.venue.is_empty(), "{written}");
        }
        let a = attribution("unattributed via Niko Matsakis' RustConf keynote");
        assert_eq!(a.no_author, Some(NoAuthor::Unattributed));
        assert_eq!(a.venue, "unattributed via Niko Matsakis' RustConf keynote");
        let a = attribution("- Unknown person answering the Rust survey");
        assert_eq!(
            (a.author.as_str(), a.no_author),
            ("", Some(NoAuthor::Unattributed))
        );
        assert_eq!(attribution("").no_author, Some(NoAuthor::Unattributed));
    }
}
