//! The names of the files the builder publishes beside the app, and of the cache they
//! are kept in on a reader's device: written once, here, for the builder, the engine's
//! worker and the app. The service worker (`public/sw.js`) and the engine worker's
//! script (`public/worker.js`) have no Rust: `index-builder finish-site` writes these
//! names at the top of each as it publishes them ([`script_names`]).

/// The folder beside the app that holds the index and the exports.
pub const DATA_DIR: &str = "data";

/// The index's manifest, in [`DATA_DIR`].
pub const MANIFEST: &str = "manifest.json";

/// The Cache Storage cache of data files: the verified index (only the engine's worker
/// writes it, after checking each segment) and the exports (the service worker).
pub const DATA_CACHE: &str = "twir-data";

/// A segment file's name: 16 hex digits of its sha256 between `index.` and `.bin`, so
/// a name never changes its content and hosts may cache it forever.
pub fn segment_file_name(sha256: &str) -> String {
    format!("index.{}.bin", &sha256[..sha256.len().min(16)])
}

/// True for a name [`segment_file_name`] gives.
pub fn is_segment_file_name(name: &str) -> bool {
    name.strip_prefix("index.")
        .and_then(|rest| rest.strip_suffix(".bin"))
        .is_some_and(|hash| !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The segment files as a host's `_headers` names them.
pub const SEGMENT_GLOB: &str = "index.*.bin";

/// The research exports written beside the index, for the download links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    CratesCsv,
    CratesJson,
    QuotesJson,
    LinksCsv,
}

impl Export {
    pub const ALL: [Export; 4] = [
        Export::CratesCsv,
        Export::CratesJson,
        Export::QuotesJson,
        Export::LinksCsv,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Export::CratesCsv => "crates-of-the-week.csv",
            Export::CratesJson => "crates-of-the-week.json",
            Export::QuotesJson => "quotes.json",
            Export::LinksCsv => "links.csv",
        }
    }

    /// Where the app links to it, relative to the page.
    pub fn path(self) -> String {
        format!("{DATA_DIR}/{}", self.file_name())
    }

    /// Saved for offline use when the service worker installs: the small ones (120 KB
    /// together). `links.csv` (1.6 MB) is saved only once a reader fetches it.
    pub fn saved_at_install(self) -> bool {
        self != Export::LinksCsv
    }
}

/// The names above as the JavaScript constants `sw.js` and `worker.js` use, for
/// `finish-site` to write at their top.
pub fn script_names() -> String {
    let saved: Vec<String> = Export::ALL
        .into_iter()
        .filter(|e| e.saved_at_install())
        .map(|e| format!("'{}'", e.path()))
        .collect();
    format!(
        "const DATA = '{DATA_CACHE}';\n\
         const DATA_DIR = '{DATA_DIR}/';\n\
         const MANIFEST = '{DATA_DIR}/{MANIFEST}';\n\
         const SEGMENT = /^{DATA_DIR}\\/index\\.[0-9a-f]+\\.bin$/;\n\
         const SAVED_AT_INSTALL = [{}];\n",
        saved.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_name_is_known_as_one() {
        let name = segment_file_name("0123456789abcdef0123456789abcdef");
        assert_eq!(name, "index.0123456789abcdef.bin");
        assert!(is_segment_file_name(&name));
        for other in [
            "index.bin",
            "index.json",
            "manifest.json",
            "index.xyz.bin",
            "links.csv",
        ] {
            assert!(!is_segment_file_name(other), "{other}");
        }
    }

    #[test]
    fn the_scripts_get_the_same_names() {
        let js = script_names();
        assert!(js.contains("const DATA = 'twir-data';"), "{js}");
        assert!(
            js.contains("const MANIFEST = 'data/manifest.json';"),
            "{js}"
        );
        assert!(
            js.contains(r"const SEGMENT = /^data\/index\.[0-9a-f]+\.bin$/;"),
            "{js}"
        );
        assert!(js.contains(
            "const SAVED_AT_INSTALL = ['data/crates-of-the-week.csv', \
             'data/crates-of-the-week.json', 'data/quotes.json'];"
        ));
    }
}
