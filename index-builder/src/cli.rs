//! The command line: `build`, `report`, `export`, `search`, `finish-site`, `render-pages`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use twir_engine::files::MANIFEST;
use twir_engine::{Engine, Manifest, RecordKind, SearchRequest, Sort};

use crate::export::Format;
use crate::ingest::SITE_URL;
use crate::ingest::{ingest, Ingest, Inputs};
use crate::output;
use crate::report::Report;

/// The archive `make serve` builds from when nothing else is said.
const DEFAULT_ARCHIVE: &str = "../shared/twir-archive/content";
/// Where the site's data folder lives (Trunk copies it into `dist/`).
const DEFAULT_DATA: &str = "public/data";

#[derive(Parser)]
#[command(
    name = "index-builder",
    version,
    about = "Builds and queries the This Week in Rust search index"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Finish a built site for hosting: pre-compress every file (.br, .gz) and write
    /// `_headers` (caching and Content-Security-Policy).
    FinishSite {
        /// The built site, e.g. `dist`.
        dir: PathBuf,
    },
    /// Render every Markdown issue as the site's HTML page (`blog/YYYY/MM/DD/slug/`),
    /// for `make bench-compare` to index with Pagefind.
    RenderPages {
        /// A folder of Markdown issues; repeatable (default: the shared archive).
        #[arg(long)]
        archive: Vec<PathBuf>,
        /// The folder to write the pages into.
        #[arg(long)]
        out: PathBuf,
    },
    /// Read the archive and write the index segments, manifest and exports. Segments
    /// whose inputs are unchanged since the last build in the same folder are reused.
    Build {
        #[command(flatten)]
        inputs: InputArgs,
        /// The folder to write into.
        #[arg(long, default_value = DEFAULT_DATA)]
        out: PathBuf,
        /// Where the issue pages live: `/` when the search is part of the newsletter's own
        /// site, so that a local or staging build links to its own pages.
        #[arg(long, default_value = SITE_URL)]
        site_url: String,
        #[command(flatten)]
        budgets: Budgets,
    },
    /// Print what was read and extracted, per year, with every warning.
    Report {
        #[command(flatten)]
        inputs: InputArgs,
        /// Print the figures as JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Print records, one per line.
    Export {
        #[command(flatten)]
        inputs: InputArgs,
        #[arg(long, value_parser = parse_kind)]
        kind: RecordKind,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
    },
    /// Search a built bundle, with the same engine and ranking as the browser.
    Search {
        /// The query, in the query language (see README).
        query: String,
        /// The data folder holding manifest.json.
        #[arg(long, default_value = DEFAULT_DATA)]
        bundle: PathBuf,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<RecordKind>,
        #[arg(long, default_value = "relevance", value_parser = parse_sort)]
        sort: Sort,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// What the index may weigh, brotli-compressed as served. The total is not limited: it
/// grows with the archive, and a reader's first answer does not wait for all of it.
#[derive(Args, Clone, Copy)]
pub struct Budgets {
    /// Fail when what a first visit downloads before its first answer (the manifest and
    /// the first segment) exceeds this many bytes: phones wait for it.
    #[arg(long, default_value_t = 350_000)]
    pub budget_first_visit: u64,
    /// Fail when one segment file exceeds this many bytes.
    #[arg(long, default_value_t = 700_000)]
    pub budget_segment: u64,
}

#[derive(Args)]
struct InputArgs {
    /// A folder of Markdown issues (searched recursively); repeatable.
    #[arg(long)]
    archive: Vec<PathBuf>,
    /// A standard.site record file or folder; repeatable.
    #[arg(long)]
    records: Vec<PathBuf>,
}

impl InputArgs {
    fn inputs(&self) -> Result<Inputs> {
        let mut archives = self.archive.clone();
        if archives.is_empty() && self.records.is_empty() {
            archives.push(PathBuf::from(DEFAULT_ARCHIVE));
        }
        for p in archives.iter().chain(&self.records) {
            if !p.exists() {
                bail!("{}: no such file or folder", p.display());
            }
        }
        Ok(Inputs {
            archives,
            records: self.records.clone(),
        })
    }

    fn read(&self) -> Result<(Ingest, f64)> {
        let inputs = self.inputs()?;
        let start = Instant::now();
        let ingest = ingest(&inputs);
        Ok((ingest, start.elapsed().as_secs_f64()))
    }
}

fn parse_kind(s: &str) -> Result<RecordKind, String> {
    RecordKind::parse(s).ok_or_else(|| format!("`{s}`: expected issue, link, crate or quote"))
}

fn parse_sort(s: &str) -> Result<Sort, String> {
    Sort::parse(s).ok_or_else(|| format!("`{s}`: expected relevance, newest or oldest"))
}

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::FinishSite { dir } => {
            let done = crate::finish_site::finish(&dir)?;
            eprintln!(
                "{}: compressed {} files ({} already were), _headers allows {} inline script(s) by hash",
                dir.display(),
                done.compressed,
                done.skipped_fresh,
                done.inline_scripts
            );
            Ok(())
        }
        Command::RenderPages { archive, out } => {
            let inputs = InputArgs {
                archive,
                records: Vec::new(),
            }
            .inputs()?;
            let done = crate::site_pages::render(&inputs.archives, &out)
                .with_context(|| format!("writing pages into {}", out.display()))?;
            for p in &done.problems {
                eprintln!("{p}");
            }
            eprintln!(
                "{}: {} pages written of {} issues, {} could not be rendered",
                out.display(),
                done.pages,
                done.issues,
                done.problems.len()
            );
            Ok(())
        }
        Command::Build {
            inputs,
            out,
            site_url,
            budgets,
        } => build(&inputs, &out, &site_url, budgets),
        Command::Report { inputs, json } => {
            let (ingest, secs) = inputs.read()?;
            let report = Report::of(&ingest, secs);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", report.render());
            }
            Ok(())
        }
        Command::Export {
            inputs,
            kind,
            format,
        } => {
            let (ingest, _) = inputs.read()?;
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            crate::export::write(&ingest, kind, format, &mut lock)?;
            lock.flush()?;
            Ok(())
        }
        Command::Search {
            query,
            bundle,
            kind,
            sort,
            limit,
            json,
        } => search(&bundle, &query, kind, sort, limit, json),
    }
}

fn build(
    inputs: &InputArgs,
    out: &std::path::Path,
    site_url: &str,
    budgets: Budgets,
) -> Result<()> {
    let total_start = Instant::now();
    let (mut ingest, secs) = inputs.read()?;
    ingest.move_pages(SITE_URL, site_url);
    let report = Report::of(&ingest, secs);
    eprintln!(
        "Read {} issues in {secs:.2} s: {} links ({} indexed, {} boilerplate, {} dropped), {} crates, {} quotes; {} warnings (see `index-builder report`).",
        report.issues,
        report.total.links,
        report.total.indexed,
        report.total.boilerplate,
        report.total.dropped,
        report.total.crates,
        report.total.quotes,
        report.warnings.len()
    );
    let start = Instant::now();
    let built_at = built_at();
    let previous = output::previous_segments(out);
    let reuse = |input: &str| previous.iter().find(|s| s.input == input).cloned();
    let index = twir_engine::writer::write_index(&ingest.records(), &built_at, &reuse)?;
    let indexed = start.elapsed().as_secs_f64();
    let sizes = output::write_site_data(out, &index, &ingest)?;
    eprintln!(
        "Wrote {} in {:.2} s (indexing {indexed:.2} s, exports and compression {:.2} s; {:.2} s in all):",
        out.display(),
        start.elapsed().as_secs_f64(),
        start.elapsed().as_secs_f64() - indexed,
        total_start.elapsed().as_secs_f64()
    );
    eprintln!(
        "  {:<28} {:<34} {:>10} {:>10} {:>10}",
        "file", "holds", "raw", "gzip", "brotli"
    );
    for s in &sizes {
        let holds = index
            .manifest
            .segment(&s.name)
            .map(|f| {
                let reused = if s.reused { ", reused" } else { "" };
                format!("{}{reused}", f.label)
            })
            .unwrap_or_default();
        eprintln!(
            "  {:<28} {:<34} {:>10} {:>10} {:>10}",
            s.name, holds, s.raw, s.gzip, s.brotli
        );
    }
    check_budgets(&index.manifest, &sizes, budgets)
}

/// Prints the index's total and first-visit bytes and fails when a budget is passed.
fn check_budgets(manifest: &Manifest, sizes: &[output::FileSize], budgets: Budgets) -> Result<()> {
    let brotli = |name: &str| {
        sizes
            .iter()
            .find(|s| s.name == name)
            .map_or(0, |s| s.brotli)
    };
    let total: u64 = manifest.segments.iter().map(|s| brotli(&s.name)).sum();
    let first = &manifest.segments[0];
    let first_visit = brotli(MANIFEST) + brotli(&first.name);
    eprintln!(
        "  index: {} segments, {total} bytes brotli in all; a first visit needs {first_visit} \
         before its first answer (manifest + {}; budget {}); largest segment {} (budget {})",
        manifest.segments.len(),
        first.label,
        budgets.budget_first_visit,
        manifest
            .segments
            .iter()
            .map(|s| brotli(&s.name))
            .max()
            .unwrap_or(0),
        budgets.budget_segment
    );
    if first_visit > budgets.budget_first_visit {
        bail!(
            "a first visit needs {first_visit} bytes brotli-compressed before its first answer, \
             over the budget of {} bytes",
            budgets.budget_first_visit
        );
    }
    for s in &manifest.segments {
        if brotli(&s.name) > budgets.budget_segment {
            bail!(
                "segment {} ({}) is {} bytes brotli-compressed, over the budget of {} bytes",
                s.name,
                s.label,
                brotli(&s.name),
                budgets.budget_segment
            );
        }
    }
    Ok(())
}

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), else now; RFC 3339 UTC.
fn built_at() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    rfc3339(secs)
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Opens the bundle in `dir` as the app does: manifest, version, hashes.
pub fn open_bundle(dir: &std::path::Path) -> Result<Engine> {
    let manifest_path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path).with_context(|| {
        format!(
            "{}: run `index-builder build` first",
            manifest_path.display()
        )
    })?;
    let manifest =
        Manifest::from_json(&text).with_context(|| manifest_path.display().to_string())?;
    let mut segments = Vec::new();
    for file in &manifest.segments {
        let path = dir.join(&file.name);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        segments.push((file.name.clone(), bytes));
    }
    Engine::open(manifest, &segments).with_context(|| dir.display().to_string())
}

fn search(
    dir: &std::path::Path,
    query: &str,
    kind: Option<RecordKind>,
    sort: Sort,
    limit: usize,
    json: bool,
) -> Result<()> {
    let engine = open_bundle(dir)?;
    let mut q = query.to_string();
    if let Some(k) = kind {
        q.push_str(&format!(" kind:{}", k.as_str()));
    }
    let request = SearchRequest {
        query: q,
        sort,
        offset: 0,
        limit,
        include_boilerplate: false,
        facets: true,
    };
    let start = Instant::now();
    let results = engine.search(&request)?;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(());
    }
    println!(
        "{} result{} for {} ({ms:.1} ms)",
        results.total,
        if results.total == 1 { "" } else { "s" },
        if results.understood.is_empty() {
            "(nothing)"
        } else {
            &results.understood
        }
    );
    for hit in &results.hits {
        println!(
            "#{:<4} {}  [{}] {}",
            hit.issue,
            hit.date,
            hit.kind.label(),
            hit.title
        );
        if !hit.url.is_empty() {
            println!("       {}", hit.url);
        }
        if hit.issues.len() > 1 {
            println!("       also in issues {:?}", hit.issues);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_dates() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_774_396_800), "2026-03-25T00:00:00Z");
    }
}
