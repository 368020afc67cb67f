//! The twir-search web app (Leptos, client-side rendered).

mod app;
mod facet_panel;
mod filters;
mod loader;
mod results;
mod safe_url;
mod url_state;

pub use app::App;
