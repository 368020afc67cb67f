//! V8's explicit compile hint on the app's JS glue (the module Trunk writes from
//! wasm-bindgen's output, `<link rel="modulepreload">` in `index.html`): with
//! `//# allFunctionsCalledOnLoad` on its first line, Chromium (136 and later) compiles
//! the whole file once, as it arrives, instead of each function on the page's main
//! thread the first time the wasm calls it. The app calls most of its glue while it
//! starts. Measured on loopback, 21 cold loads of each in turns, Playwright typing as
//! bench-compare does: the main thread's JS compiling went from 66 to 52 ms (traced) and
//! the first hit came 17-38 ms sooner in three runs. Other browsers read a comment.
//! The file's content changes, so the tag's `integrity` (Trunk's sha384) is written
//! again; the engine's own glue (`engine.js`, in its worker) gained nothing and is left.

use std::path::Path;

use anyhow::{Context, Result};
use base64::Engine as _;
use sha2::{Digest, Sha384};

/// The hint, as V8 looks for it: the file's first line.
pub const COMPILE_ALL: &str = "//# allFunctionsCalledOnLoad\n";

/// Which tag names the glue: Trunk preloads the app's module with it.
const PRELOAD: &str = "<link rel=\"modulepreload\"";

/// `html` with the hint in each module it preloads (the files in `dist`, named by the
/// last part of their `href`, since a base path such as `/search/` may come first) and
/// each tag's `integrity` made to match. Finishing twice changes nothing.
pub fn write(html: &str, dist: &Path) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(PRELOAD) {
        let end = start
            + rest[start..]
                .find('>')
                .context("index.html: a modulepreload tag without its '>'")?
            + 1;
        out.push_str(&rest[..start]);
        out.push_str(&hinted_tag(&rest[start..end], dist)?);
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
}

/// One preload tag: its module hinted, its `integrity` (if it has one) that of the
/// module as it is now.
fn hinted_tag(tag: &str, dist: &Path) -> Result<String> {
    let href = attribute(tag, "href").with_context(|| format!("index.html: no href in {tag}"))?;
    let name = href.rsplit('/').next().unwrap_or(href);
    let path = dist.join(name);
    let script = std::fs::read_to_string(&path)
        .with_context(|| format!("{}: the module index.html preloads", path.display()))?;
    if !script.starts_with(COMPILE_ALL) {
        std::fs::write(&path, format!("{COMPILE_ALL}{script}"))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let Some(old) = attribute(tag, "integrity") else {
        return Ok(tag.to_string());
    };
    let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
    let new = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(&bytes))
    );
    Ok(tag.replacen(
        &format!("integrity=\"{old}\""),
        &format!("integrity=\"{new}\""),
        1,
    ))
}

/// The value of `name="…"` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preloaded_module_is_hinted_once_and_its_integrity_follows() {
        let dist = std::env::temp_dir().join(format!("twir-hint-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let glue = "export function f() { return 1; }\n";
        std::fs::write(dist.join("app-0123.js"), glue).unwrap();
        let sri = |text: &str| {
            format!(
                "sha384-{}",
                base64::engine::general_purpose::STANDARD.encode(Sha384::digest(text))
            )
        };
        let html = format!(
            "<head><link rel=\"modulepreload\" href=\"/search/app-0123.js\" crossorigin=\"anonymous\" \
             integrity=\"{}\"><link rel=\"preload\" href=\"/search/app-0123_bg.wasm\" \
             integrity=\"sha384-wasm\"></head>",
            sri(glue)
        );
        let once = write(&html, &dist).unwrap();
        let hinted = std::fs::read_to_string(dist.join("app-0123.js")).unwrap();
        assert_eq!(hinted, format!("{COMPILE_ALL}{glue}"));
        assert!(
            once.contains(&format!("integrity=\"{}\"", sri(&hinted))),
            "{once}"
        );
        assert!(!once.contains(&sri(glue)), "{once}");
        // The wasm's preload is another tag, and keeps its integrity.
        assert!(once.contains("integrity=\"sha384-wasm\""), "{once}");
        // Finishing again: the same page, the file hinted once.
        assert_eq!(write(&once, &dist).unwrap(), once);
        let again = std::fs::read_to_string(dist.join("app-0123.js")).unwrap();
        assert_eq!(again.matches(COMPILE_ALL).count(), 1);
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn a_preloaded_module_that_is_missing_is_an_error_naming_it() {
        let dist = std::env::temp_dir().join(format!("twir-hint-none-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let html = "<link rel=\"modulepreload\" href=\"./gone-01.js\">";
        let err = format!("{:#}", write(html, &dist).unwrap_err());
        assert!(err.contains("gone-01.js"), "{err}");
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
