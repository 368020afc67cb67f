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
            let date = |n: u32| dates.get(&n).copied().unwrap_or("");
            let mut w = csv_writer(out);
            match kind {
                RecordKind::Issue => {
                    w.row(&[
                        "issue",
                        "date",
                        "title",
                        "url",
                        "crate_of_the_week",
                        "quote_of_the_week",
                    ])?;
                    for r in &records {
                        if let Record::Issue(i) = r {
                            w.row(&[
                                &i.number.to_string(),
                                &i.date,
                                &i.title,
                                &i.url,
                                &json_str(&i.crate_of_the_week),
                                &json_str(&i.quote_of_the_week),
                            ])?;
                        }
                    }
                }
                RecordKind::Link => {
                    w.row(&[
                        "issue",
                        "date",
                        "text",
                        "url",
                        "domain",
                        "section",
                        "group",
                        "tags",
                        "boilerplate",
                    ])?;
                    for r in &records {
                        if let Record::Link(l) = r {
                            w.row(&[
                                &l.issue.to_string(),
                                date(l.issue),
                                &l.text,
                                &l.url,
                                &l.domain,
                                &l.section,
                                l.group.as_str(),
                                &l.tags.join(" "),
                                &l.boilerplate.to_string(),
                            ])?;
                        }
                    }
                }
                RecordKind::Crate => {
                    w.row(&[
                        "issue",
                        "date",
                        "name",
                        "url",
                        "description",
                        "suggested_by",
                        "self_suggested",
                    ])?;
                    for r in &records {
                        if let Record::Crate(c) = r {
                            w.row(&[
                                &c.issue.to_string(),
                                date(c.issue),
                                &c.name,
                                &c.url,
                                &c.description,
                                &c.suggested_by.join("; "),
                                &c.self_suggested.to_string(),
                            ])?;
                        }
                    }
                }
                RecordKind::Quote => {
                    w.row(&[
                        "issue",
                        "date",
                        "author",
                        "venue",
                        "no_author",
                        "attribution",
                        "url",
                        "text",
                        "suggested_by",
                    ])?;
                    for r in &records {
                        if let Record::Quote(q) = r {
                            w.row(&[
                                &q.issue.to_string(),
                                date(q.issue),
                                &q.author,
                                &q.venue,
                                &q.no_author.as_ref().map(json_str).unwrap_or_default(),
                                &q.attribution,
                                &q.url,
                                &q.text,
                                &q.suggested_by.join("; "),
                            ])?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
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
