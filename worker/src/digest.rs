//! A download's sha256 by the browser's WebCrypto: native code off the worker's
//! thread, where the engine's own (the `sha2` crate, as wasm) took 15 ms of the
//! worker's thread for the 0.6 MB first segment on the bench machine, in front of the
//! first answer.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{SubtleCrypto, WorkerGlobalScope};

/// Lower-case hex sha256 of `bytes`, or `None` where WebCrypto is not offered (a page
/// served over plain HTTP from another machine is not a secure context): the engine
/// then works it out itself.
pub async fn sha256_hex(bytes: &[u8]) -> Option<String> {
    let scope: WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let crypto = scope.crypto().ok()?;
    let subtle: SubtleCrypto = js_sys::Reflect::get(&crypto, &"subtle".into())
        .ok()?
        .dyn_into()
        .ok()?;
    // The call copies the bytes before it returns (WebCrypto's rule), so the view of
    // wasm memory it is given may change afterwards.
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", bytes).ok()?;
    let digest = JsFuture::from(promise).await.ok()?;
    let digest = js_sys::Uint8Array::new(&digest).to_vec();
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}
