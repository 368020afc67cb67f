//! The Pelican metadata header at the top of each Markdown issue
//! (`Title:`, `Number:`, `Date:`, `Category:` lines, then a blank line).

/// The header fields and where the body starts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// Lower-cased key, value, 1-based line.
    pub fields: Vec<(String, String, usize)>,
    /// Byte offset of the body in the text.
    pub body_offset: usize,
    /// 1-based line the body starts on.
    pub body_line: usize,
}

impl Header {
    pub fn get(&self, key: &str) -> Option<(&str, usize)> {
        self.fields
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, l)| (v.as_str(), *l))
    }
}

/// Reads the header. A file without one gives an empty header and the whole text as body.
pub fn parse(text: &str) -> Header {
    let mut header = Header {
        body_line: 1,
        ..Header::default()
    };
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        let field = trimmed.split_once(':').filter(|(k, _)| {
            !k.is_empty()
                && k.len() <= 20
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
        match field {
            Some((k, v)) => {
                header
                    .fields
                    .push((k.to_ascii_lowercase(), v.trim().to_string(), i + 1));
                offset += line.len();
            }
            None => {
                if header.fields.is_empty() {
                    return header;
                }
                if trimmed.is_empty() {
                    offset += line.len();
                    header.body_offset = offset;
                    header.body_line = i + 2;
                } else {
                    header.body_offset = offset;
                    header.body_line = i + 1;
                }
                return header;
            }
        }
    }
    header.body_offset = text.len();
    header.body_line = text.lines().count() + 1;
    header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pelican_header() {
        let text = "Title: This Week in Rust 644\nNumber: 644\nDate: 2026-03-25\n\nHello\n";
        let h = parse(text);
        assert_eq!(h.get("number"), Some(("644", 2)));
        assert_eq!(h.get("date"), Some(("2026-03-25", 3)));
        assert_eq!(&text[h.body_offset..], "Hello\n");
        assert_eq!(h.body_line, 5);
    }

    #[test]
    fn no_header() {
        let h = parse("Hello: world is prose\nno header here");
        // A first line that looks like a field is read as one; the prose after it ends the header.
        assert_eq!(h.fields.len(), 1);
        let h = parse("# Heading\ntext");
        assert!(h.fields.is_empty());
        assert_eq!(h.body_offset, 0);
    }
}
