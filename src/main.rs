//! The twir-search web app: mounts the app, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    twir_search::mount_soon();
}
