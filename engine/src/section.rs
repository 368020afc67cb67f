//! Canonical section groups: one name for a part of the newsletter across its eras
//! ("News & Blog Posts" of 2016 and "Observations/Thoughts" of 2026 are both
//! community news). Which heading falls in which group is the index builder's
//! knowledge; the engine only knows the groups, for filters and facets.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionGroup {
    /// Blog posts, articles, official announcements, newsletters, research.
    News,
    /// New crates, releases and tooling updates from projects.
    Projects,
    CrateOfTheWeek,
    /// Calls for participation, for testing, for papers and speakers.
    CallForParticipation,
    /// What the Rust project did: merged pull requests, notable and breaking changes,
    /// performance triage, new contributors, team updates.
    ProjectUpdates,
    /// RFCs and Final Comment Period.
    Rfcs,
    Events,
    Jobs,
    QuoteOfTheWeek,
    /// Meetings and their notes.
    Meetings,
    /// The intro paragraph and the editors' footer, and anything else.
    Other,
}

impl SectionGroup {
    pub const ALL: [SectionGroup; 11] = [
        SectionGroup::News,
        SectionGroup::Projects,
        SectionGroup::CrateOfTheWeek,
        SectionGroup::CallForParticipation,
        SectionGroup::ProjectUpdates,
        SectionGroup::Rfcs,
        SectionGroup::Events,
        SectionGroup::Jobs,
        SectionGroup::QuoteOfTheWeek,
        SectionGroup::Meetings,
        SectionGroup::Other,
    ];

    /// The word used in `section:` filters and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionGroup::News => "news",
            SectionGroup::Projects => "projects",
            SectionGroup::CrateOfTheWeek => "crate-of-the-week",
            SectionGroup::CallForParticipation => "call-for-participation",
            SectionGroup::ProjectUpdates => "project-updates",
            SectionGroup::Rfcs => "rfcs",
            SectionGroup::Events => "events",
            SectionGroup::Jobs => "jobs",
            SectionGroup::QuoteOfTheWeek => "quote-of-the-week",
            SectionGroup::Meetings => "meetings",
            SectionGroup::Other => "other",
        }
    }

    /// What a reader calls it.
    pub fn label(self) -> &'static str {
        match self {
            SectionGroup::News => "Community news & blog posts",
            SectionGroup::Projects => "Project & tooling updates",
            SectionGroup::CrateOfTheWeek => "Crate of the Week",
            SectionGroup::CallForParticipation => "Call for participation",
            SectionGroup::ProjectUpdates => "Updates from the Rust project",
            SectionGroup::Rfcs => "RFCs & final comment period",
            SectionGroup::Events => "Upcoming events",
            SectionGroup::Jobs => "Jobs",
            SectionGroup::QuoteOfTheWeek => "Quote of the Week",
            SectionGroup::Meetings => "Meetings",
            SectionGroup::Other => "Other",
        }
    }

    /// Parses a `section:` value: the group's word, or a prefix of it (`section:rfc`).
    pub fn parse(s: &str) -> Option<SectionGroup> {
        let s = s.to_ascii_lowercase();
        if s.is_empty() {
            return None;
        }
        SectionGroup::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .or_else(|| {
                SectionGroup::ALL
                    .into_iter()
                    .find(|g| g.as_str().starts_with(&s))
            })
    }
}
