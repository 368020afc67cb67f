//! The engine's Web Worker: the index is downloaded, verified, cached and opened here,
//! and every query runs here, so the page's own thread never waits for the engine.

mod digest;
mod host;
mod loader;
mod offline;
mod timing;

fn main() {
    console_error_panic_hook::set_once();
    host::start();
}
