//! The archive keeps growing: `index-builder build` must go on succeeding, within its
//! first-visit and per-segment budgets, as issues are added week after week and the
//! year turns. The shared archive plus copies of its newest issues renumbered as 645 to
//! 700 (a year and more of new issues, into 2027), made here.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Days since 1970-01-01 of `YYYY-MM-DD`, and back (Howard Hinnant's algorithms).
fn days(date: &str) -> i64 {
    let p: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let (y, m, d) = (p[0] - i64::from(p[1] <= 2), p[1], p[2]);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{m:02}-{d:02}", yoe + era * 400 + i64::from(m <= 2))
}

/// The newest issue of `archive` again as issue `number`, `weeks` weeks later.
fn renumbered(newest: &str, number: u32, weeks: i64) -> (String, String) {
    let old_date = newest
        .lines()
        .find_map(|l| l.strip_prefix("Date: "))
        .unwrap()
        .trim();
    let new_date = date(days(old_date) + 7 * weeks);
    let text: String = newest
        .lines()
        .map(|l| {
            if l.starts_with("Title: ") {
                format!("Title: This Week in Rust {number}")
            } else if l.starts_with("Number: ") {
                format!("Number: {number}")
            } else if l.starts_with("Date: ") {
                format!("Date: {new_date}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    (format!("{new_date}-this-week-in-rust.md"), text)
}

#[test]
fn seven_hundred_issues_build_within_the_budgets() {
    let shared =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/twir-archive/content");
    let dir = std::env::temp_dir().join(format!("twir-growth-{}", std::process::id()));
    let archive = dir.join("content");
    std::fs::create_dir_all(&archive).unwrap();
    let mut newest = None;
    for entry in std::fs::read_dir(&shared).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        if name.to_string_lossy().ends_with("-this-week-in-rust.md") {
            newest = newest.max(Some(path.clone()));
        }
        std::os::unix::fs::symlink(&path, archive.join(name)).unwrap();
    }
    let newest = std::fs::read_to_string(newest.unwrap()).unwrap();
    for number in 645..=700 {
        let (name, text) = renumbered(&newest, number, i64::from(number - 644));
        std::fs::write(archive.join(name), text).unwrap();
    }
    let out = dir.join("data");
    let run = Command::new(env!("CARGO_BIN_EXE_index-builder"))
        .args(["build", "--archive"])
        .arg(&archive)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("Read 699 issues"), "{stderr}");
    let manifest = read_manifest(&out);
    assert_eq!(manifest.last_issue, 700);
    assert!(
        manifest.last_date.starts_with("2027-"),
        "{}",
        manifest.last_date
    );
    assert!(
        manifest.segments.iter().any(|s| s.label == "2027"),
        "the new year is the newest segment"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

fn read_manifest(out: &Path) -> twir_engine::Manifest {
    twir_engine::Manifest::from_json(&std::fs::read_to_string(out.join("manifest.json")).unwrap())
        .unwrap()
}

#[test]
fn dates_count_days() {
    assert_eq!(days("1970-01-01"), 0);
    assert_eq!(date(days("2026-03-25") + 7), "2026-04-01");
    assert_eq!(date(days("2026-12-30") + 7), "2027-01-06");
}
