use std::fmt;

use serde::Serialize;

/// Something in the input that was repaired, guessed or skipped, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub file: String,
    /// 1-based line; 0 when the warning is about the whole file.
    pub line: usize,
    pub message: String,
}

impl Warning {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Warning {
        Warning {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}
