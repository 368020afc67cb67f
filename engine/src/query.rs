//! The query language: what people already type into search boxes.
//!
//! `words` (all must match), `"exact phrase"`, `-word` and `-"phrase"` to exclude,
//! `a OR b`, and filters `kind:` `section:` `site:` `year:` `issue:` `author:` `tag:`.
//! Parsing never fails: anything malformed degrades to plain words, and the parsed
//! query is rendered back ([`ParsedQuery::understood`]) so the UI can show how it
//! was read.

use std::fmt;
use std::ops::RangeInclusive;

use crate::{RecordKind, SectionGroup};

/// Inputs longer than this are cut (at a character boundary) before parsing: nobody
/// types more, and it bounds the work a pasted novel can cause.
const MAX_QUERY_BYTES: usize = 512;

/// A query searches at most this many words (a phrase counts its words, `a OR b` its
/// alternatives'); filters are not counted. It bounds the work of a pasted paragraph
/// or a thousand `OR`s: the words past it are left out, and said to be
/// ([`ParsedQuery::left_out`]), never dropped silently.
pub const MAX_WORDS: usize = 16;

/// At most this many words of one query forgive typos. Each such word walks the word
/// list of every field of every segment (about 5 ms natively for a long word), so a
/// pasted list of misspellings took 80 ms; the words past it must match exactly, and
/// the results say how many did ([`crate::SearchResults::exact_only`]).
pub const MAX_TYPO_WORDS: usize = 4;

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedQuery {
    pub parts: Vec<QueryPart>,
    /// True when the input did not end in white space: the last word is still being
    /// typed and also matches as a prefix.
    pub typing: bool,
    /// How many words past [`MAX_WORDS`] were left out of `parts`.
    pub left_out: usize,
}

/// One element of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryPart {
    Word {
        text: String,
        negated: bool,
    },
    Phrase {
        text: String,
        negated: bool,
    },
    /// Alternatives joined by `OR`: words or phrases.
    Or(Vec<QueryPart>),
    Kind(RecordKind),
    Section(SectionGroup),
    /// A section by the words of its heading, where no group is meant
    /// (`section:walkthroughs`, `section:"rust walkthroughs"`): any part of the path.
    SectionName(String),
    Site(String),
    Year(RangeInclusive<u32>),
    IssueNumber(RangeInclusive<u32>),
    Author(String),
    Tag(String),
}

#[derive(Debug, Clone, PartialEq)]
enum Lexeme {
    Word(String),
    Phrase(String),
    Neg(Box<Lexeme>),
    Filter(String, String),
    Or,
}

impl ParsedQuery {
    pub fn parse(input: &str) -> ParsedQuery {
        let mut cut = input.len().min(MAX_QUERY_BYTES);
        while !input.is_char_boundary(cut) {
            cut -= 1;
        }
        let input: String = input[..cut]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let typing = !input.is_empty() && !input.ends_with(char::is_whitespace);
        let lexemes = lex(&input);
        let mut parts: Vec<QueryPart> = Vec::new();
        let mut pending_or = false;
        for lexeme in lexemes {
            if lexeme == Lexeme::Or {
                // `OR` joins the previous and the next alternative; anywhere else it is a word.
                if matches!(parts.last(), Some(p) if p.is_alternative() || matches!(p, QueryPart::Or(_)))
                {
                    pending_or = true;
                } else {
                    parts.push(QueryPart::Word {
                        text: "or".into(),
                        negated: false,
                    });
                }
                continue;
            }
            let part = match to_part(lexeme) {
                Some(p) => p,
                None => continue,
            };
            if pending_or && part.is_alternative() {
                let prev = parts.pop().expect("checked when OR was read");
                let joined = match prev {
                    QueryPart::Or(mut alts) => {
                        alts.push(part);
                        alts
                    }
                    p => vec![p, part],
                };
                parts.push(QueryPart::Or(joined));
            } else {
                parts.extend(pending_or.then(|| QueryPart::Word {
                    text: "or".into(),
                    negated: false,
                }));
                parts.push(part);
            }
            pending_or = false;
        }
        if pending_or {
            parts.push(QueryPart::Word {
                text: "or".into(),
                negated: false,
            });
        }
        let (mut parts, mut left_out) = within_word_limit(parts);
        // What is shown must read back the same, and reading cuts at MAX_QUERY_BYTES: the
        // quotes a degraded filter gains may push it past (`make fuzz` found a 510-byte
        // `issue:…` shown as 512 bytes and more), so trailing parts are left out until
        // it fits, and counted.
        let mut lengths: Vec<usize> = parts.iter().map(|p| p.to_string().len()).collect();
        let mut shown = lengths
            .iter()
            .map(|n| n + 1)
            .sum::<usize>()
            .saturating_sub(1);
        while shown > MAX_QUERY_BYTES {
            let (Some(last), Some(length)) = (parts.pop(), lengths.pop()) else {
                break;
            };
            shown = shown.saturating_sub(length + 1);
            left_out += words_in(&last).max(1);
        }
        ParsedQuery {
            parts,
            // A word cut off is not the one being typed.
            typing: typing && left_out == 0,
            left_out,
        }
    }

    /// True when nothing would be searched for or filtered on.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The query without its parts that `keep` refuses, written back as text in the
    /// query language: how the app removes a chip or a word and keeps `author:"Ralf
    /// Jung"` or a phrase whole.
    pub fn retain(&self, keep: impl Fn(usize, &QueryPart) -> bool) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .enumerate()
            .filter(|(i, p)| keep(*i, p))
            .map(|(_, p)| p.to_string())
            .collect();
        parts.join(" ")
    }

    /// The query as understood, in the query language itself.
    pub fn understood(&self) -> String {
        self.to_string()
    }
}

impl QueryPart {
    /// Words and phrases (not negated) can be joined by `OR`.
    /// True for the parts that filter (`kind:`, `year:`, `author:`, …) rather than
    /// match words: the app's chips.
    pub fn is_filter(&self) -> bool {
        !matches!(
            self,
            QueryPart::Word { .. } | QueryPart::Phrase { .. } | QueryPart::Or(_)
        )
    }

    fn is_alternative(&self) -> bool {
        matches!(
            self,
            QueryPart::Word { negated: false, .. } | QueryPart::Phrase { negated: false, .. }
        )
    }
}

/// The words a part searches for: one per word, a phrase's words, the sum of an `OR`'s
/// alternatives; none for a filter.
fn words_in(part: &QueryPart) -> usize {
    match part {
        QueryPart::Word { .. } => 1,
        QueryPart::Phrase { text, .. } => text.split_whitespace().count().max(1),
        QueryPart::Or(alternatives) => alternatives.iter().map(words_in).sum(),
        _ => 0,
    }
}

/// `parts` with at most [`MAX_WORDS`] words, in the order typed (filters all kept, an
/// `OR` cut to the alternatives that fit), and how many words were left out.
fn within_word_limit(parts: Vec<QueryPart>) -> (Vec<QueryPart>, usize) {
    let mut room = MAX_WORDS;
    let mut left_out = 0;
    let mut kept = Vec::with_capacity(parts.len());
    for part in parts {
        let words = words_in(&part);
        if words <= room {
            room -= words;
            kept.push(part);
            continue;
        }
        let QueryPart::Or(alternatives) = part else {
            left_out += words;
            continue;
        };
        let mut fitting = Vec::new();
        for alternative in alternatives {
            let words = words_in(&alternative);
            if words <= room {
                room -= words;
                fitting.push(alternative);
            } else {
                left_out += words;
            }
        }
        match fitting.len() {
            0 => {}
            1 => kept.extend(fitting),
            _ => kept.push(QueryPart::Or(fitting)),
        }
    }
    (kept, left_out)
}

fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
            match chars.peek() {
                Some(&(_, n)) if !n.is_whitespace() => {}
                // A lone `-` means nothing.
                _ => continue,
            }
        }
        let (lexeme, end) = lex_one(input, if negated { start + 1 } else { start });
        while matches!(chars.peek(), Some(&(i, _)) if i < end) {
            chars.next();
        }
        out.push(if negated {
            Lexeme::Neg(Box::new(lexeme))
        } else {
            lexeme
        });
    }
    out
}

/// Reads one word, phrase or filter starting at `start`; returns it and where it ends.
fn lex_one(input: &str, start: usize) -> (Lexeme, usize) {
    let rest = &input[start..];
    if let Some(body) = rest.strip_prefix('"') {
        return match body.find('"') {
            Some(close) => (
                Lexeme::Phrase(body[..close].to_string()),
                start + 1 + close + 1,
            ),
            // Unbalanced quote: the quote is dropped and what follows is read as if it
            // were not there. (It was once one word holding spaces: searched as a phrase,
            // shown as words, read back as other words; found by `make fuzz`.)
            None => (Lexeme::Word(String::new()), start + 1),
        };
    }
    let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let word = &rest[..word_end];
    if let Some((key, value)) = word.split_once(':') {
        let key = key.to_ascii_lowercase();
        if FILTERS.contains(&key.as_str()) {
            if value.starts_with('"') {
                let after = &rest[key.len() + 2..];
                // The quoted value may hold spaces: its end is the next quote, past the
                // first white space (`author:"Jane Doe"`).
                if let Some(close) = after.find('"') {
                    let end = start + key.len() + 2 + close + 1;
                    return (Lexeme::Filter(key, after[..close].to_string()), end);
                }
            }
            return (Lexeme::Filter(key, value.to_string()), start + word_end);
        }
    }
    if word == "OR" {
        return (Lexeme::Or, start + word_end);
    }
    (Lexeme::Word(word.to_string()), start + word_end)
}

const FILTERS: [&str; 7] = ["kind", "section", "site", "year", "issue", "author", "tag"];

fn to_part(lexeme: Lexeme) -> Option<QueryPart> {
    Some(match lexeme {
        Lexeme::Word(w) => QueryPart::Word {
            text: clean_word(&w)?,
            negated: false,
        },
        Lexeme::Phrase(p) => phrase_or_word(&p, false)?,
        Lexeme::Neg(inner) => match *inner {
            Lexeme::Word(w) => QueryPart::Word {
                text: clean_word(&w)?,
                negated: true,
            },
            Lexeme::Phrase(p) => phrase_or_word(&p, true)?,
            // `-kind:crate` and `-OR` are not supported: `-kind:crate` excludes the
            // phrase "kind crate" (shown so, so that the query reads back the same).
            Lexeme::Filter(k, v) => phrase_or_word(&format!("{k} {v}"), true)?,
            Lexeme::Or | Lexeme::Neg(_) => return None,
        },
        // A filter we cannot read degrades to its words, as the phrase they make: a
        // word part holding a space was once searched as a phrase but shown as two
        // words, which read back as two separate words (found by `make fuzz`).
        Lexeme::Filter(key, value) => {
            filter(&key, &value).or_else(|| phrase_or_word(&format!("{key} {value}"), false))?
        }
        Lexeme::Or => return None,
    })
}

fn phrase_or_word(text: &str, negated: bool) -> Option<QueryPart> {
    // A quote cannot stand inside a phrase: `year:section:"2019` read back otherwise.
    let text = clean_word(&text.replace('"', " "))?;
    Some(if text.contains(' ') {
        QueryPart::Phrase { text, negated }
    } else {
        QueryPart::Word { text, negated }
    })
}

/// Collapses white space; `None` when nothing searchable is left.
fn clean_word(w: &str) -> Option<String> {
    // A quote inside a word (`-"bo`, `of:"x`) is not searchable, and shown it would
    // read back as the start of a phrase.
    let w = w.replace('"', "");
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    (w.chars().any(char::is_alphanumeric)).then_some(w)
}

fn filter(key: &str, value: &str) -> Option<QueryPart> {
    // A value's quotes only group its words (`author:"Ralf Jung"`); one left inside
    // (`section:"ru`, unclosed) was shown and read back as something else.
    let value = value.replace('"', "");
    let value = value.trim();
    // Only a section's or an author's name has several words: `tag:"with of"` is no tag.
    if value.is_empty()
        || !matches!(key, "section" | "author") && value.contains(char::is_whitespace)
    {
        return None;
    }
    Some(match key {
        "kind" => QueryPart::Kind(RecordKind::parse(value)?),
        "section" => match SectionGroup::parse(value) {
            Some(group) => QueryPart::Section(group),
            None => QueryPart::SectionName(clean_word(value)?),
        },
        "site" => {
            let host = value
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .split('/')
                .next()?
                .to_ascii_lowercase();
            if host.is_empty() {
                return None;
            }
            QueryPart::Site(host)
        }
        "year" => QueryPart::Year(range(value)?),
        "issue" => QueryPart::IssueNumber(range(value)?),
        "author" => QueryPart::Author(clean_word(value)?),
        "tag" => QueryPart::Tag(value.to_ascii_lowercase()),
        _ => return None,
    })
}

fn range(value: &str) -> Option<RangeInclusive<u32>> {
    match value.split_once("..") {
        Some((a, b)) => {
            let a: u32 = a.parse().ok()?;
            let b: u32 = b.parse().ok()?;
            Some(a.min(b)..=a.max(b))
        }
        None => {
            let n: u32 = value.parse().ok()?;
            Some(n..=n)
        }
    }
}

impl fmt::Display for QueryPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |s: &str| {
            if s.contains(' ') {
                format!("\"{s}\"")
            } else {
                s.to_string()
            }
        };
        let range = |r: &RangeInclusive<u32>| {
            if r.start() == r.end() {
                r.start().to_string()
            } else {
                format!("{}..{}", r.start(), r.end())
            }
        };
        match self {
            QueryPart::Word { text, negated } if reads_as_syntax(text) => {
                write!(f, "{}\"{text}\"", if *negated { "-" } else { "" })
            }
            QueryPart::Word { text, negated } => {
                write!(f, "{}{text}", if *negated { "-" } else { "" })
            }
            QueryPart::Phrase { text, negated } => {
                write!(f, "{}\"{text}\"", if *negated { "-" } else { "" })
            }
            QueryPart::Or(alts) => {
                let alts: Vec<String> = alts.iter().map(|a| a.to_string()).collect();
                write!(f, "{}", alts.join(" OR "))
            }
            QueryPart::Kind(k) => write!(f, "kind:{}", k.as_str()),
            QueryPart::Section(g) => write!(f, "section:{}", g.as_str()),
            QueryPart::SectionName(n) => write!(f, "section:{}", quoted(n)),
            QueryPart::Site(s) => write!(f, "site:{s}"),
            QueryPart::Year(r) => write!(f, "year:{}", range(r)),
            QueryPart::IssueNumber(r) => write!(f, "issue:{}", range(r)),
            QueryPart::Author(a) => write!(f, "author:{}", quoted(a)),
            QueryPart::Tag(t) => write!(f, "tag:{t}"),
        }
    }
}

/// True when `word`, written as it is, would be read back as syntax (a filter, `OR`, an
/// exclusion): a quoted word (`"section:"`, `"-x"`) is then written quoted, and a
/// one-word phrase reads back as the word (`make fuzz` found `"section:"` shown bare).
fn reads_as_syntax(word: &str) -> bool {
    word == "OR"
        || word.starts_with('-')
        || word
            .split_once(':')
            .is_some_and(|(key, _)| FILTERS.contains(&key.to_ascii_lowercase().as_str()))
}

impl fmt::Display for ParsedQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.parts.iter().map(|p| p.to_string()).collect();
        f.write_str(&parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_past_the_limit_are_left_out_and_counted() {
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let q = ParsedQuery::parse(&format!("kind:link {} year:2019", words.join(" ")));
        assert_eq!(q.left_out, 40 - MAX_WORDS);
        assert_eq!(q.parts.iter().map(words_in).sum::<usize>(), MAX_WORDS);
        // Filters are kept wherever they stand; the words kept are the first typed.
        assert!(q.parts.contains(&QueryPart::Year(2019..=2019)));
        assert!(q.parts.contains(&QueryPart::Kind(RecordKind::Link)));
        assert_eq!(q.parts[1].to_string(), "w0");
        assert!(!q.typing, "the cut-off last word is not being typed");

        let ored = ParsedQuery::parse(&words.join(" OR "));
        assert_eq!(ored.left_out, 40 - MAX_WORDS);
        match &ored.parts[..] {
            [QueryPart::Or(alternatives)] => assert_eq!(alternatives.len(), MAX_WORDS),
            other => panic!("{other:?}"),
        }
        // A phrase too long for the room left is left out whole, not cut.
        let phrase = ParsedQuery::parse(&format!("{} \"a b c\"", words[..15].join(" ")));
        assert_eq!((phrase.parts.len(), phrase.left_out), (15, 3));
        // Within the limit nothing changes.
        let short = ParsedQuery::parse("borrow checker \"non-lexical lifetimes\" -gc");
        assert_eq!((short.parts.len(), short.left_out), (4, 0));
    }

    #[test]
    fn removing_a_part_keeps_the_others_whole() {
        let q = ParsedQuery::parse(r#"unsafe author:"Ralf Jung" "stacked borrows" year:2019"#);
        let filters: Vec<String> = q
            .parts
            .iter()
            .filter(|p| p.is_filter())
            .map(|p| p.to_string())
            .collect();
        assert_eq!(filters, [r#"author:"Ralf Jung""#, "year:2019"]);
        assert_eq!(
            q.retain(|_, p| !matches!(p, QueryPart::Author(_))),
            r#"unsafe "stacked borrows" year:2019"#
        );
        assert_eq!(
            q.retain(|i, _| i != 2),
            r#"unsafe author:"Ralf Jung" year:2019"#
        );
        assert_eq!(
            q.retain(|_, p| p.is_filter()),
            r#"author:"Ralf Jung" year:2019"#
        );
    }

    fn understood(q: &str) -> String {
        ParsedQuery::parse(q).understood()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        assert_eq!(
            understood(r#"borrow "exact phrase" -unsafe -"old news" kind:crate year:2019..2021"#),
            r#"borrow "exact phrase" -unsafe -"old news" kind:crate year:2019..2021"#
        );
        assert_eq!(
            understood("site:https://www.Blog.rust-lang.org/x"),
            "site:blog.rust-lang.org"
        );
        assert_eq!(
            understood(r#"author:"Jane Doe" tag:Video"#),
            r#"author:"Jane Doe" tag:video"#
        );
        // One filter with a two-word value, not a filter on `"Jane` and a word `Doe"`
        // (which reads back as the same text).
        assert_eq!(
            ParsedQuery::parse(r#"author:"Jane Doe" rust"#).parts,
            [
                QueryPart::Author("Jane Doe".into()),
                QueryPart::Word {
                    text: "rust".into(),
                    negated: false
                }
            ]
        );
    }

    #[test]
    fn section_is_a_group_or_else_a_heading_name() {
        let q = ParsedQuery::parse(
            r#"section:events section:walkthroughs section:"Rust Walkthroughs""#,
        );
        assert_eq!(
            q.parts,
            [
                QueryPart::Section(SectionGroup::Events),
                QueryPart::SectionName("walkthroughs".into()),
                QueryPart::SectionName("Rust Walkthroughs".into()),
            ]
        );
        assert_eq!(
            q.understood(),
            r#"section:events section:walkthroughs section:"Rust Walkthroughs""#
        );
    }

    #[test]
    fn or_joins_alternatives() {
        let q = ParsedQuery::parse("tokio OR async-std OR smol runtime");
        assert_eq!(q.parts.len(), 2);
        assert!(matches!(&q.parts[0], QueryPart::Or(a) if a.len() == 3));
        assert_eq!(q.understood(), "tokio OR async-std OR smol runtime");
        // A dangling OR is a word.
        assert_eq!(understood("OR tokio OR"), "or tokio or");
    }

    #[test]
    fn malformed_input_degrades_to_words() {
        assert_eq!(
            understood(r#"unbalanced "quote here"#),
            "unbalanced quote here"
        );
        assert_eq!(understood("lone - dash"), "lone dash");
        assert_eq!(understood("colour:red"), "colour:red");
        // A filter that cannot be read is searched as the phrase of its words, and
        // shown so: it reads back the same (`make fuzz` found `year soon` shown for
        // what was searched as a phrase, which read back as two words).
        assert_eq!(
            understood("year:soon kind:nothing -kind:crate"),
            r#""year soon" "kind nothing" -"kind crate""#
        );
        for q in [
            "year:soon kind:nothing -kind:crate",
            "year:\u{fffd}\u{b}\0\u{fffd}20 26",
        ] {
            assert_eq!(understood(&understood(q)), understood(q), "{q:?}");
        }
        assert_eq!(understood("tab\there\u{0}nul"), "tab here nul");
        assert_eq!(understood(""), "");
        assert_eq!(understood("\" - -\"\""), "");
        let long = "ab ".repeat(10_000);
        assert!(ParsedQuery::parse(&long).understood().len() <= MAX_QUERY_BYTES);
        let multibyte = "é".repeat(10_000);
        assert!(!ParsedQuery::parse(&multibyte).is_empty());
    }

    #[test]
    fn typing_is_known_from_trailing_space() {
        assert!(ParsedQuery::parse("tok").typing);
        assert!(!ParsedQuery::parse("tokio ").typing);
    }
}
