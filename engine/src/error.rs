use std::fmt;

use serde::{Deserialize, Serialize};

/// An error from the engine: opening, checking or querying a bundle, or writing one.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What went wrong, so that callers (the app's error screen above all) can react
/// differently to a stale bundle and a damaged one. It crosses to the page in
/// [`crate::messages::Failure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The manifest or bundle was written by another format version of the engine.
    FormatVersion,
    /// A file's size or sha256 differs from what the manifest says: damaged or truncated.
    Integrity,
    /// The manifest or the bundle container could not be parsed.
    Malformed,
    /// The index inside the bundle could not be opened or queried by tantivy.
    Index,
    /// Writing the bundle failed (native only).
    Write,
}

impl Error {
    #[cfg(feature = "index")]
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// The same error, said of the file `name`.
    #[cfg(feature = "index")]
    pub(crate) fn in_file(self, name: &str) -> Self {
        Error {
            kind: self.kind,
            message: format!("{name}: {}", self.message),
        }
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(feature = "index")]
impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::new(ErrorKind::Index, format!("index error: {e}"))
    }
}
