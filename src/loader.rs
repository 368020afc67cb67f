//! Downloading the index: `manifest.json` first (always fresh), then the bundle it names.

use gloo_net::http::{Request, Response};
use twir_engine::{Engine, Manifest};

/// Where the data folder is, relative to the page.
const DATA: &str = "data";

/// What the page shows while and after loading.
#[derive(Clone)]
pub enum LoadState {
    /// Downloading `bytes` of the bundle (0 while the manifest is fetched).
    Loading {
        bytes: u64,
    },
    Ready(std::sync::Arc<Engine>),
    Failed(String),
}

/// Fetches and opens the index, telling `on_size` the bundle's size once the manifest
/// is in. Errors are sentences for the reader.
pub async fn load(on_size: impl Fn(u64)) -> Result<Engine, String> {
    let manifest_url = format!("{DATA}/manifest.json");
    let manifest_text = fetch(&manifest_url)
        .await?
        .text()
        .await
        .map_err(|e| format!("Could not read {manifest_url} ({e})."))?;
    let manifest = Manifest::from_json(&manifest_text).map_err(|e| e.to_string())?;
    let file = manifest.bundle_file().map_err(|e| e.to_string())?.clone();
    on_size(file.size);
    let bytes = fetch(&format!("{DATA}/{}", file.name))
        .await?
        .binary()
        .await
        .map_err(|e| format!("The index download broke off ({e})."))?;
    Engine::open(manifest, &bytes).map_err(|e| format!("The index cannot be used: {e}"))
}

/// A successful response for `url`, or why there is none.
async fn fetch(url: &str) -> Result<Response, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("Could not load {url} ({e}). Are you offline?"))?;
    if response.ok() {
        Ok(response)
    } else {
        Err(format!(
            "Could not load {url}: the server answered {} {}.",
            response.status(),
            response.status_text()
        ))
    }
}
