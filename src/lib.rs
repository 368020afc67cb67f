//! The twir-search web app (Leptos, client-side rendered).

mod app;
mod crates_view;
mod facet_panel;
mod filters;
mod fold;
mod issue_page;
mod issues_view;
mod keys;
mod nav;
mod quotes_view;
mod results;
mod safe_url;
mod shell;
mod timeline;
mod url_state;
mod worker;

pub use app::App;

/// Draws the app into `index.html`'s `#app`, below the search box it takes over (or
/// into the body of a page without one), at the next task: the wasm's compilation ends
/// in the task that starts it, and drawing the app in it too would make one task long
/// enough to hold up a phone's typing. The first view is HTML meanwhile.
pub fn mount_soon() {
    shell::at_next_task(mount);
}

fn mount() {
    match shell::app_root() {
        // The page's own loading line stays until the app draws its views (`App`).
        Some(root) => leptos::mount::mount_to(root, App).forget(),
        None => leptos::mount::mount_to_body(App),
    }
}
