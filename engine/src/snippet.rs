//! What a hit shows of its texts: where the query's words are in them (as the search
//! matched them: typos and a word still being typed included), and of a long text the
//! excerpt around the first match.

use std::ops::Range;

use crate::query::{ParsedQuery, QueryPart};

/// How much of a long text (an issue's prose) a hit shows.
pub(crate) const MAX_SNIPPET: usize = 320;

/// At most about `max` bytes of `text`, from a little before its first match, with `…`
/// where it was cut; `matches` moved along.
pub(crate) fn snippet(
    text: &str,
    matches: Vec<Range<usize>>,
    max: usize,
) -> (String, Vec<Range<usize>>) {
    if text.len() <= max {
        return (text.to_string(), matches);
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let first = matches.first().map_or(0, |m| m.start);
    let mut start = floor(first.saturating_sub(max / 4));
    // Start at a word.
    if start > 0 {
        start = text[start..first]
            .find(char::is_whitespace)
            .map_or(start, |i| start + i + 1);
    }
    let end = floor((start + max).min(text.len()));
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = lead.len();
    let shown = matches
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| m.start - start + shift..m.end - start + shift)
        .collect();
    (format!("{lead}{}{tail}", &text[start..end]), shown)
}

/// The analysed query terms, to mark matches in the text shown.
pub(crate) struct HighlightTerms {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl HighlightTerms {
    pub(crate) fn of(parsed: &ParsedQuery) -> HighlightTerms {
        let mut exact = Vec::new();
        let mut prefixes = Vec::new();
        let mut add = |text: &str, prefix: bool| {
            for (t, _) in crate::tokenizer::tokens(text) {
                if prefix {
                    prefixes.push(t);
                } else {
                    exact.push(t);
                }
            }
        };
        let n = parsed.parts.len();
        for (i, part) in parsed.parts.iter().enumerate() {
            match part {
                QueryPart::Word {
                    text,
                    negated: false,
                } => add(text, parsed.typing && i + 1 == n),
                QueryPart::Phrase {
                    text,
                    negated: false,
                } => add(text, false),
                QueryPart::Or(alts) => {
                    for a in alts {
                        if let QueryPart::Word { text, .. } | QueryPart::Phrase { text, .. } = a {
                            add(text, false);
                        }
                    }
                }
                QueryPart::Author(a) => add(a, false),
                _ => {}
            }
        }
        HighlightTerms { exact, prefixes }
    }

    pub(crate) fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        if text.is_empty() {
            return Vec::new();
        }
        crate::tokenizer::tokens(text)
            .into_iter()
            .filter(|(t, _)| {
                self.exact.iter().any(|e| e == t)
                    || self.prefixes.iter().any(|p| t.starts_with(p.as_str()))
                    || self
                        .exact
                        .iter()
                        .any(|e| e.len() >= 5 && within_one_edit(e, t))
            })
            .map(|(_, r)| r)
            .collect()
    }
}

/// True when `a` and `b` differ by at most one insertion, deletion, substitution or
/// transposition: the typo-tolerant matches are marked too.
fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if start == a.len() && start == b.len() {
        return true;
    }
    let tail_eq = |x: &[char], y: &[char]| x == y;
    (a.len() == b.len() && tail_eq(&a[start + 1..], &b[start + 1..]))
        || (a.len() > b.len() && tail_eq(&a[start + 1..], &b[start..]))
        || (b.len() > a.len() && tail_eq(&a[start..], &b[start + 1..]))
        || (a.len() == b.len()
            && start + 1 < a.len()
            && a[start] == b[start + 1]
            && a[start + 1] == b[start]
            && tail_eq(&a[start + 2..], &b[start + 2..]))
}

#[cfg(test)]
mod tests {
    use super::{snippet, within_one_edit};

    #[test]
    fn long_text_is_cut_around_its_first_match() {
        let text = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let at = text.find("needle").unwrap();
        let (shown, ranges) = snippet(&text, std::iter::once(at..at + 6).collect(), 120);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.len() <= 120 + 2 * '…'.len_utf8());
        assert_eq!(&shown[ranges[0].clone()], "needle");
        let needle: Vec<_> = std::iter::once(6..12).collect();
        let (short, r) = snippet("short needle", needle.clone(), 120);
        assert_eq!((short.as_str(), r), ("short needle", needle));
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("tokio", "tokoi"));
        assert!(within_one_edit("async", "asynk"));
        assert!(within_one_edit("async", "asyncs"));
        assert!(!within_one_edit("async", "tokio"));
    }
}
