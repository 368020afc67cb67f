//! The worst queries an adversary can type, natively over the whole archive: at least
//! 1,000 generated hostile queries in six families (stop-word phrases, 1,000 ORed words,
//! many typo-tolerant words, 10,000 characters, filters that match everything, deep
//! quote nesting), each run with top 10, count and facets. Prints the slowest of each
//! family and overall. A benchmark that prints figures, not a test (issue 16).
//!
//!     cargo run --release -p index-builder --example bench_hostile [ARCHIVE]

use std::time::Instant;

use index_builder::ingest::{ingest, Inputs};
use twir_engine::writer::write_index;
use twir_engine::{Engine, Record, SearchRequest};

/// A small deterministic generator (xorshift64*): the same queries on every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[(self.next() % from.len() as u64) as usize]
    }
}

const STOP: [&str; 24] = [
    "the", "of", "to", "be", "or", "not", "is", "a", "and", "in", "it", "that", "for", "on",
    "with", "as", "at", "by", "this", "an", "are", "was", "from", "but",
];

/// One word changed by one letter: what the typo tolerance must expand.
fn typo(word: &str, dice: &mut Dice) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = (dice.next() % chars.len() as u64) as usize;
    match dice.next() % 3 {
        0 => {
            chars.remove(at);
        }
        1 => chars.insert(at, 'e'),
        _ => chars[at] = 'x',
    }
    chars.into_iter().collect()
}

fn hostile(words: &[String], long_words: &[String], prose: &str) -> Vec<(&'static str, String)> {
    let mut dice = Dice(0x7715_2013_0607_0644);
    let mut q: Vec<(&'static str, String)> = Vec::new();
    q.push(("stop-word phrase", "\"to be or not to be\"".into()));
    for n in 0..200 {
        let len = 2 + n % 12;
        let phrase: Vec<&str> = (0..len).map(|_| *dice.pick(&STOP)).collect();
        let quoted = n % 2 == 0;
        q.push((
            "stop-word phrase",
            if quoted {
                format!("\"{}\"", phrase.join(" "))
            } else {
                phrase.join(" ")
            },
        ));
    }
    for n in 0..40 {
        let count = if n < 20 { 1000 } else { 100 + n * 20 };
        let ored: Vec<&str> = (0..count).map(|_| dice.pick(words).as_str()).collect();
        q.push(("1,000 ORed words", ored.join(" OR ")));
    }
    for n in 0..200 {
        let count = 2 + n % 40;
        let typos: Vec<String> = (0..count)
            .map(|_| {
                let word = dice.pick(long_words).clone();
                typo(&word, &mut dice)
            })
            .collect();
        q.push(("many typo-tolerant words", typos.join(" ")));
    }
    let chars: Vec<char> = prose.chars().collect();
    for n in 0..60 {
        let start = (dice.next() % (chars.len() as u64 - 10_001)) as usize;
        let text: String = chars[start..start + 10_000].iter().collect();
        q.push((
            "10,000 characters",
            match n % 3 {
                0 => text,
                1 => format!("\"{text}\""),
                _ => "a".repeat(10_000),
            },
        ));
    }
    let everything = [
        "kind:link",
        "kind:link OR kind:crate OR kind:quote OR kind:issue",
        "year:2013..2026",
        "year:0..9999",
        "issue:1..10000",
        "site:com",
        "-zzzzqqq",
        "-\"zz qq\"",
        "section:news",
        "rust",
        "a*",
        "*",
        "OR OR OR",
        "- - -",
        "year:2013..2026 kind:link -zzzz",
    ];
    for n in 0..150 {
        let a = dice.pick(&everything);
        let b = dice.pick(&everything);
        let w = dice.pick(words);
        q.push((
            "filters that match everything",
            match n % 3 {
                0 => format!("{a} {b}"),
                1 => format!("{a} {b} {w}"),
                _ => a.to_string(),
            },
        ));
    }
    for n in 0..200 {
        let depth = 1 + n % 60;
        let w = dice.pick(words);
        q.push((
            "deep quote nesting",
            match n % 4 {
                0 => format!("{}{w}{}", "\"".repeat(depth), "\"".repeat(depth)),
                1 => format!("{}{w}", "(\"".repeat(depth)),
                2 => (0..depth).map(|i| format!("\"{w}{i} ")).collect(),
                _ => format!("{}{w}", "-\"".repeat(depth)),
            },
        ));
    }
    for _ in 0..200 {
        let parts: Vec<String> = (0..1 + dice.next() % 8)
            .map(|_| match dice.next() % 6 {
                0 => dice.pick(words).clone(),
                1 => format!("\"{} {}\"", dice.pick(&STOP), dice.pick(words)),
                2 => {
                    let word = dice.pick(long_words).clone();
                    typo(&word, &mut dice)
                }
                3 => format!("-{}", dice.pick(words)),
                4 => (*dice.pick(&everything)).to_string(),
                _ => dice.pick(words)[..1].to_string(),
            })
            .collect();
        q.push(("mixed", parts.join(" ")));
    }
    q
}

fn main() {
    let archive = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/twir-archive/content".into());
    let ingest = ingest(&Inputs {
        archives: vec![archive.into()],
        records: Vec::new(),
    });
    let records = ingest.records();
    let built = write_index(&records, "bench", &|_| None).expect("index");
    let engine = Engine::open(built.manifest.clone(), &built.files()).expect("open");
    // The archive's own words and prose, so that the queries hit real terms.
    let mut words: Vec<String> = Vec::new();
    let mut prose = String::new();
    for r in &records {
        match r {
            Record::Link(l) => words.extend(
                l.text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 2)
                    .map(str::to_lowercase),
            ),
            Record::Issue(i) if prose.len() < 400_000 => prose.push_str(&i.text),
            _ => {}
        }
    }
    words.sort();
    words.dedup();
    let long_words: Vec<String> = words.iter().filter(|w| w.len() >= 9).cloned().collect();
    let queries = hostile(&words, &long_words, &prose);
    let mut all: Vec<(f64, &str, &str, usize, String)> = Vec::new();
    for (family, q) in &queries {
        let request = SearchRequest {
            limit: 10,
            ..SearchRequest::new(q.as_str())
        };
        let t = Instant::now();
        let r = engine.search(&request).expect("search");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        all.push((ms, family, q.as_str(), r.total, r.understood));
    }
    let shorten = |s: &str| -> String {
        if s.chars().count() > 70 {
            format!(
                "{}… ({} chars)",
                s.chars().take(60).collect::<String>(),
                s.len()
            )
        } else {
            s.to_string()
        }
    };
    println!(
        "{} hostile queries, natively, top 10 + count + facets:",
        all.len()
    );
    let mut families: Vec<&str> = queries.iter().map(|(f, _)| *f).collect();
    families.dedup();
    for family in families {
        let mut mine: Vec<&(f64, &str, &str, usize, String)> =
            all.iter().filter(|a| a.1 == family).collect();
        mine.sort_by(|a, b| b.0.total_cmp(&a.0));
        let worst = mine[0];
        println!(
            "  {family} ({}): slowest {:.1} ms, {:?}, {} results, understood as {:?}",
            mine.len(),
            worst.0,
            shorten(worst.2),
            worst.3,
            shorten(&worst.4)
        );
    }
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |p: f64| all[((all.len() - 1) as f64 * p).round() as usize].0;
    println!(
        "all: median {:.2} ms, p95 {:.2} ms, max {:.1} ms; over 50 ms: {}",
        at(0.5),
        at(0.95),
        all.last().unwrap().0,
        all.iter().filter(|a| a.0 > 50.0).count()
    );
    for (ms, family, q, total, _) in all.iter().rev().take(10) {
        println!(
            "  slow: {ms:.1} ms [{family}] {:?} ({total} results)",
            shorten(q)
        );
    }
}
