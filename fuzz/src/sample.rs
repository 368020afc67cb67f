//! The index the query target searches: every 16th issue of the archive (about 40, from
//! every era), built once per process.

use std::sync::OnceLock;

use index_builder::ingest::{parse_markdown_bytes, Ingest};
use twir_engine::writer::write_index;
use twir_engine::Engine;

pub(crate) fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = crate::shared().join("twir-archive/content");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        files.sort();
        let mut out = Ingest::default();
        for path in files.iter().step_by(16) {
            let bytes = std::fs::read(path).expect("an archive file");
            let rel = path.file_name().unwrap().to_string_lossy();
            if let Some(issue) = parse_markdown_bytes(&bytes, &rel, &mut out) {
                out.issues.push(issue);
            }
        }
        assert!(out.issues.len() > 30, "{} issues", out.issues.len());
        let built = write_index(&out.records(), "2026-01-01T00:00:00Z", &|_| None)
            .expect("the sample index");
        Engine::open(built.manifest.clone(), &built.files()).expect("the sample opens")
    })
}
