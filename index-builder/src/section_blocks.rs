//! Finding the blocks and links that stand under a given heading (and its sub-headings).

use crate::markdown::{Body, RawLink};

/// Indices of the headings whose text matches `pred`.
pub fn headings_matching(body: &Body, pred: impl Fn(&str) -> bool) -> Vec<usize> {
    body.headings
        .iter()
        .enumerate()
        .filter(|(_, h)| pred(&h.text.to_lowercase()))
        .map(|(i, _)| i)
        .collect()
}

/// True when the heading at `h` is `root` or nested under it.
pub fn is_under(body: &Body, h: Option<usize>, root: usize) -> bool {
    let mut at = h;
    while let Some(i) = at {
        if i == root {
            return true;
        }
        at = body.headings[i].parent;
    }
    false
}

/// The blocks under heading `root`, in page order (the heading's own block excluded).
pub fn blocks_under(body: &Body, root: usize) -> Vec<usize> {
    let root_line = body.headings[root].line;
    body.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| is_under(body, b.heading, root) && b.line > root_line)
        .map(|(i, _)| i)
        .collect()
}

/// The links of block `b`, in order.
pub fn links_in(body: &Body, b: usize) -> Vec<&RawLink> {
    body.links.iter().filter(|l| l.block == b).collect()
}

/// "Submit your suggestions and votes for next week", "Please submit quotes": the
/// standing call at the end of a section, not a suggester's name.
pub fn is_call_to_submit(link_text: &str) -> bool {
    let t = link_text.to_lowercase();
    t.contains("submit") || t.contains("vote") || t.contains("nominate")
}
