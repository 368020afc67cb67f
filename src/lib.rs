//! The twir-search web app (Leptos, client-side rendered).

mod app;
mod crates_view;
mod facet_panel;
mod filters;
mod issue_page;
mod issues_view;
mod loader;
mod nav;
mod offline;
mod quotes_view;
mod results;
mod safe_url;
mod timeline;
mod url_state;

pub use app::App;
