//! Turning a file's bytes into the text its author wrote.
//!
//! Thirteen years of hand edits left BOMs, CRLF line ends, the odd invalid byte, and
//! text that was mis-decoded once (UTF-8 read as Mac Roman or Windows-1252, so `🦀`
//! became `ü¶Ä` and `—` became `‚Äî` or `â€”`). Each repair is reported with its line.

use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};

use crate::warning::Warning;

/// Decoded text plus what had to be done to get it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<Warning>,
}

/// Why a file is not text at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    pub reason: String,
}

/// Decodes `bytes` read from `file`.
pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    if looks_binary(bytes) {
        return Err(NotText {
            reason: "it contains NUL bytes or mostly control bytes (not a text file)".into(),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            warnings.push(Warning::new(
                file,
                line,
                format!(
                    "invalid UTF-8 at byte offset {offset}: decoded lossily, bad bytes became U+FFFD"
                ),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    let text = strip_control_characters(file, text, &mut warnings);
    let (text, repairs) = repair_mojibake(&text);
    if let Some(first) = repairs.first() {
        warnings.push(Warning::new(
            file,
            first.line,
            format!(
                "text was mis-decoded once ({}): repaired {} run(s), e.g. `{}` -> `{}`",
                first.encoding,
                repairs.len(),
                first.before,
                first.after
            ),
        ));
    }
    Ok(Decoded { text, warnings })
}

/// Removes C0 control characters other than tab and line feed: invisible, and a stray
/// one inside a link's `(…)` makes it no link for CommonMark, while the site's renderer
/// (Python-Markdown drops them) showed the link.
fn strip_control_characters(file: &str, text: String, warnings: &mut Vec<Warning>) -> String {
    let is_stray = |c: char| c.is_ascii_control() && c != '\n' && c != '\t';
    let Some(at) = text.find(is_stray) else {
        return text;
    };
    let count = text.chars().filter(|&c| is_stray(c)).count();
    let line = 1 + text[..at].matches('\n').count();
    warnings.push(Warning::new(
        file,
        line,
        format!("removed {count} invisible control character(s)"),
    ));
    text.replace(is_stray, "")
}

fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    !sample.is_empty() && control * 10 > sample.len()
}

/// One repaired run of mis-decoded characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    pub line: usize,
    pub encoding: &'static str,
    pub before: String,
    pub after: String,
}

/// Finds runs of non-ASCII characters that are UTF-8 bytes shown through a single-byte
/// code page, and puts the intended characters back. A run is repaired only when
/// re-encoding it gives valid UTF-8 that is shorter: real accented text (`café`, `naïve`)
/// does not re-encode to valid UTF-8 and is left alone.
pub fn repair_mojibake(text: &str) -> (String, Vec<Repair>) {
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut line = 1;
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, repairs: &mut Vec<Repair>, line: usize| {
        if run.is_empty() {
            return;
        }
        match repair_run(run) {
            Some((fixed, encoding)) => {
                repairs.push(Repair {
                    line,
                    encoding,
                    before: run.clone(),
                    after: fixed.clone(),
                });
                out.push_str(&fixed);
            }
            None => out.push_str(run),
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii() {
            flush(&mut run, &mut out, &mut repairs, line);
            if c == '\n' {
                line += 1;
            }
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out, &mut repairs, line);
    (out, repairs)
}

fn repair_run(run: &str) -> Option<(String, &'static str)> {
    if run.chars().count() < 2 {
        return None;
    }
    for (encoding, name) in [
        (MACINTOSH, "UTF-8 read as Mac Roman"),
        (WINDOWS_1252, "UTF-8 read as Windows-1252"),
    ] {
        if let Some(fixed) = reencode(encoding, run) {
            return Some((fixed, name));
        }
    }
    None
}

fn reencode(encoding: &'static Encoding, run: &str) -> Option<String> {
    let (bytes, _, had_errors) = encoding.encode(run);
    if had_errors {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    (fixed.chars().count() < run.chars().count()).then(|| fixed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mac_roman_mojibake_is_repaired() {
        // U+F8FF is Mac Roman 0xF0, the first byte of 🦀 (F0 9F A6 80).
        let (fixed, repairs) = repair_mojibake("\u{F8FF}ü¶Ä Compile-Time Reflection ‚Äî finally");
        assert_eq!(fixed, "🦀 Compile-Time Reflection — finally");
        assert_eq!(repairs.len(), 2);
        assert_eq!(repairs[0].encoding, "UTF-8 read as Mac Roman");
    }

    #[test]
    fn windows_1252_mojibake_is_repaired() {
        let (fixed, _) = repair_mojibake("it’s a dash â€” here");
        assert_eq!(fixed, "it’s a dash — here");
    }

    #[test]
    fn real_accents_and_emoji_are_left_alone() {
        for s in [
            "café naïve résumé",
            "Zürich — 🦀 “quoted”",
            "日本語のテキスト",
            "Ä",
        ] {
            let (fixed, repairs) = repair_mojibake(s);
            assert_eq!(fixed, s);
            assert!(repairs.is_empty(), "{s}");
        }
    }

    #[test]
    fn a_control_character_is_removed_with_a_warning() {
        let d = decode("x.md", b"a\n\n* [t](\x02https://e.com/)\n").unwrap();
        assert_eq!(d.text, "a\n\n* [t](https://e.com/)\n");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].line, 3);
    }

    #[test]
    fn bom_crlf_and_invalid_bytes_are_accepted_with_warnings() {
        let d = decode(
            "x.md",
            b"\xEF\xBB\xBFTitle: a\r\nline two\r\nbad \xFF byte\n",
        )
        .unwrap();
        assert_eq!(d.text, "Title: a\nline two\nbad \u{FFFD} byte\n");
        assert_eq!(d.warnings.len(), 1);
        assert_eq!(d.warnings[0].line, 3);
        assert!(d.warnings[0].message.contains("byte offset"));
    }

    #[test]
    fn binary_is_not_text() {
        assert!(decode("x.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
    }
}
