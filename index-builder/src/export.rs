//! Data exports: records as JSON lines or CSV, for researchers.

use std::io::Write;

use serde::Serialize;
use twir_engine::{Record, RecordKind};

use crate::ingest::Ingest;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
    Json,
}

/// Writes the records of `kind` in `format`.
pub fn write(
    ingest: &Ingest,
    kind: RecordKind,
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let records: Vec<Record> = ingest
        .records()
        .into_iter()
        .filter(|r| r.kind() == kind)
        .collect();
    match format {
        Format::Jsonl => {
            for r in &records {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &records)?;
            out.write_all(b"\n")?;
        }
        Format::Csv => {
            let dates: std::collections::HashMap<u32, &str> = ingest
                .issues
                .iter()
                .map(|p| (p.issue.number, p.issue.date.as_str()))
                .collect();
            let mut w = csv_writer(out);
            w.row(csv_header(kind))?;
            for r in &records {
                let row = csv_row(r, dates.get(&r.issue()).copied().unwrap_or(""));
                w.row(&row.iter().map(String::as_str).collect::<Vec<_>>())?;
            }
        }
    }
    Ok(())
}

/// The columns of each kind's CSV export, in the order of [`csv_row`].
fn csv_header(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Issue => &[
            "issue",
            "date",
            "title",
            "url",
            "crate_of_the_week",
            "quote_of_the_week",
        ],
        RecordKind::Link => &[
            "issue",
            "date",
            "text",
            "url",
            "domain",
            "section",
            "group",
            "tags",
            "boilerplate",
        ],
        RecordKind::Crate => &[
            "issue",
            "date",
            "name",
            "url",
            "description",
            "suggested_by",
            "self_suggested",
        ],
        RecordKind::Quote => &[
            "issue",
            "date",
            "author",
            "venue",
            "no_author",
            "attribution",
            "url",
            "text",
            "suggested_by",
        ],
    }
}

/// `record` as a CSV row of its kind's export; `date` is its issue's.
fn csv_row(record: &Record, date: &str) -> Vec<String> {
    match record {
        Record::Issue(i) => vec![
            i.number.to_string(),
            i.date.clone(),
            i.title.clone(),
            i.url.clone(),
            json_str(&i.crate_of_the_week),
            json_str(&i.quote_of_the_week),
        ],
        Record::Link(l) => vec![
            l.issue.to_string(),
            date.to_string(),
            l.text.clone(),
            l.url.clone(),
            l.domain.clone(),
            l.section.clone(),
            l.group.as_str().to_string(),
            l.tags.join(" "),
            l.boilerplate.to_string(),
        ],
        Record::Crate(c) => vec![
            c.issue.to_string(),
            date.to_string(),
            c.name.clone(),
            c.url.clone(),
            c.description.clone(),
            c.suggested_by.join("; "),
            c.self_suggested.to_string(),
        ],
        Record::Quote(q) => vec![
            q.issue.to_string(),
            date.to_string(),
            q.author.clone(),
            q.venue.clone(),
            q.no_author.as_ref().map(json_str).unwrap_or_default(),
            q.attribution.clone(),
            q.url.clone(),
            q.text.clone(),
            q.suggested_by.join("; "),
        ],
    }
}

fn json_str<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

struct Csv<'a> {
    out: csv::Writer<&'a mut dyn Write>,
}

fn csv_writer(out: &mut dyn Write) -> Csv<'_> {
    Csv {
        out: csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out),
    }
}

impl Csv<'_> {
    /// Fields that a spreadsheet would run as a formula are prefixed with `'`: the
    /// archive's text is untrusted.
    fn row(&mut self, fields: &[&str]) -> std::io::Result<()> {
        let safe = fields.iter().map(|f| {
            if f.starts_with(['=', '+', '-', '@']) {
                format!("'{f}")
            } else {
                f.to_string()
            }
        });
        self.out.write_record(safe)?;
        self.out.flush()
    }
}
