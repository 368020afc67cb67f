//! Which canonical section group a heading falls in, across thirteen years of headings.

use twir_engine::SectionGroup;

/// Rules in order; the first whose keyword a heading contains decides. Checked from the
/// innermost heading outwards, so `Updates from Rust Community > Project/Tooling Updates`
/// is a project update while `Upcoming Events > Europe` is an event.
const RULES: &[(&str, SectionGroup)] = &[
    ("quote of the week", SectionGroup::QuoteOfTheWeek),
    ("crate of the week", SectionGroup::CrateOfTheWeek),
    ("create of the week", SectionGroup::CrateOfTheWeek),
    ("crates of the week", SectionGroup::CrateOfTheWeek),
    ("crate & quote", SectionGroup::CrateOfTheWeek),
    ("call for participation", SectionGroup::CallForParticipation),
    ("call for testing", SectionGroup::CallForParticipation),
    ("calls for testing", SectionGroup::CallForParticipation),
    ("cfp", SectionGroup::CallForParticipation),
    ("upcoming events", SectionGroup::Events),
    ("events", SectionGroup::Events),
    ("meetups", SectionGroup::Events),
    ("conferences", SectionGroup::Events),
    ("jobs", SectionGroup::Jobs),
    ("fn work", SectionGroup::Jobs),
    ("rfc", SectionGroup::Rfcs),
    ("final comment period", SectionGroup::Rfcs),
    ("tracking issues", SectionGroup::Rfcs),
    ("project/tooling", SectionGroup::Projects),
    ("tooling updates", SectionGroup::Projects),
    ("new crates", SectionGroup::Projects),
    ("new releases", SectionGroup::Projects),
    ("new projects", SectionGroup::Projects),
    ("project updates", SectionGroup::Projects),
    ("tooling", SectionGroup::Projects),
    ("performance triage", SectionGroup::ProjectUpdates),
    ("updates from rust core", SectionGroup::ProjectUpdates),
    (
        "updates from the rust project",
        SectionGroup::ProjectUpdates,
    ),
    ("what's cooking", SectionGroup::ProjectUpdates),
    ("notable", SectionGroup::ProjectUpdates),
    ("breaking changes", SectionGroup::ProjectUpdates),
    ("other changes", SectionGroup::ProjectUpdates),
    ("new contributors", SectionGroup::ProjectUpdates),
    ("merged", SectionGroup::ProjectUpdates),
    ("library", SectionGroup::ProjectUpdates),
    ("compiler", SectionGroup::ProjectUpdates),
    ("meeting", SectionGroup::Meetings),
    ("updates from rust community", SectionGroup::News),
    ("news", SectionGroup::News),
    ("blog", SectionGroup::News),
    ("observations", SectionGroup::News),
    ("walkthroughs", SectionGroup::News),
    ("official", SectionGroup::News),
    ("foundation", SectionGroup::News),
    ("newsletters", SectionGroup::News),
    ("research", SectionGroup::News),
    ("miscellaneous", SectionGroup::News),
    ("community", SectionGroup::News),
    ("announcements", SectionGroup::News),
    ("weeklies", SectionGroup::News),
    ("links", SectionGroup::News),
    ("learn", SectionGroup::News),
    ("discussions", SectionGroup::News),
    ("rust walkthroughs", SectionGroup::News),
];

/// The group of a section path (outermost heading first).
pub fn group_for(path: &[&str]) -> SectionGroup {
    for heading in path.iter().rev() {
        let h = heading.to_lowercase();
        if let Some((_, g)) = RULES.iter().find(|(k, _)| h.contains(k)) {
            return *g;
        }
    }
    SectionGroup::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_stay_the_same_across_eras() {
        assert_eq!(group_for(&["News & Blog Posts"]), SectionGroup::News);
        assert_eq!(
            group_for(&["Updates from Rust Community", "Observations/Thoughts"]),
            SectionGroup::News
        );
        assert_eq!(
            group_for(&["Upcoming Events", "Europe"]),
            SectionGroup::Events
        );
        assert_eq!(
            group_for(&[
                "Updates from the Rust Project",
                "Rust Compiler Performance Triage"
            ]),
            SectionGroup::ProjectUpdates
        );
        assert_eq!(
            group_for(&["Updates from Rust Community", "Project/Tooling Updates"]),
            SectionGroup::Projects
        );
        assert_eq!(
            group_for(&["Call for Participation", "CFP - Projects"]),
            SectionGroup::CallForParticipation
        );
        assert_eq!(
            group_for(&["Final Comment Period", "RFCs"]),
            SectionGroup::Rfcs
        );
        assert_eq!(
            group_for(&["Create of the Week"]),
            SectionGroup::CrateOfTheWeek
        );
        assert_eq!(group_for(&[]), SectionGroup::Other);
    }
}
