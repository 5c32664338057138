use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn action(reference: &str, status: ActionStatus) -> Corrective {
    Corrective {
        reference: reference.into(),
        status,
    }
}

fn audit(reference: &str, planned: &str, held: Option<&str>, reported: Option<&str>) -> Audit {
    Audit {
        id: 0,
        reference: reference.into(),
        kind: AuditKind::Internal,
        scope: "Production".into(),
        auditor: String::new(),
        planned_on: day(planned),
        held_on: held.map(day),
        reported_on: reported.map(day),
    }
}

fn finding(grade: Grade, raised: &str, due: Option<&str>, closed: Option<&str>) -> Finding {
    Finding {
        id: 0,
        reference: "F".into(),
        audit: "AU-2026-01".into(),
        audit_kind: AuditKind::Internal,
        grade,
        title: String::new(),
        clause: String::new(),
        raised_on: day(raised),
        owner: None,
        due_on: due.map(day),
        nc: None,
        closed: closed.is_some(),
        closed_on: closed.map(day),
        evidence: String::new(),
        actions: Vec::new(),
    }
}

#[test]
fn a_major_or_minor_finding_needs_corrective_action_and_every_finding_needs_evidence() {
    assert_eq!(
        closure_gaps(Grade::Major, &[], false, " "),
        [
            "a major finding needs corrective action: link an action or a nonconformity",
            "say what shows it is dealt with (the closure evidence)",
        ]
    );
    // a nonconformity raised for it is corrective action
    assert!(closure_gaps(Grade::Minor, &[], true, "NC-2026-004 closed").is_empty());
    assert_eq!(
        closure_gaps(
            Grade::Minor,
            &[
                action("A-1", ActionStatus::InProgress),
                action("A-2", ActionStatus::NotEffective),
                action("A-3", ActionStatus::Done),
            ],
            false,
            "retrained",
        ),
        ["A-1 is still open", "A-2 was judged not effective"]
    );
    // an observation needs no action, only the evidence of what was done
    assert!(closure_gaps(Grade::Observation, &[], false, "noted, no change").is_empty());
    // a cancelled action corrects nothing
    assert_eq!(
        closure_gaps(
            Grade::Major,
            &[action("A-4", ActionStatus::Cancelled)],
            false,
            "done"
        )
        .len(),
        1
    );
}

#[test]
fn an_audit_moves_from_planned_to_held_to_reported_and_is_late_once_its_day_passes() {
    let today = day("2026-11-21");
    let a = audit("AU-1", "2026-11-01", None, None);
    assert_eq!(a.stage(), Stage::Planned);
    assert!(a.overdue(today));
    let a = audit("AU-1", "2026-11-01", Some("2026-11-03"), None);
    assert_eq!(a.stage(), Stage::Held);
    assert!(!a.overdue(today));
    assert_eq!(
        audit("AU-1", "2026-11-01", Some("2026-11-03"), Some("2026-11-10")).stage(),
        Stage::Reported
    );
    assert!(!audit("AU-2", "2026-12-01", None, None).overdue(today));
}

#[test]
fn the_summary_shows_the_programme_this_year_and_the_open_findings_by_grade() {
    let today = day("2026-11-21");
    let since = Some(day("2026-08-21"));
    let audits = [
        audit("AU-1", "2026-03-10", Some("2026-03-10"), Some("2026-03-20")),
        audit("AU-2", "2026-09-15", Some("2026-09-16"), None),
        audit("AU-3", "2026-11-05", None, None),
        audit("AU-4", "2027-02-01", None, None),
        audit("AU-0", "2025-10-01", Some("2025-10-01"), Some("2025-10-09")),
    ];
    let findings = [
        finding(Grade::Major, "2026-09-16", Some("2026-11-15"), None),
        finding(Grade::Minor, "2026-09-16", Some("2026-12-15"), None),
        finding(Grade::Observation, "2026-03-10", None, None),
        finding(Grade::Minor, "2026-03-10", None, Some("2026-09-01")),
    ];
    let s = Summary::of(&audits, &findings, since, today);
    assert_eq!((s.planned, s.held, s.reported, s.late), (3, 2, 1, 1));
    assert_eq!(
        s.line(),
        "programme 2026: 2 of 3 audits held, 1 reported · 1 past their planned date · 3 findings open (1 major, 1 minor, 1 observation) · 1 overdue · oldest 256 days · 2 raised, 1 closed since the last review"
    );
    assert_eq!(
        Summary::of(&[], &[], None, today).line(),
        "programme 2026: 0 of 0 audits held, 0 reported · no finding open · 0 raised, 0 closed since the last review"
    );
}

#[test]
fn grades_and_kinds_are_read_or_refused_with_the_choices() {
    assert_eq!(Grade::read(" Minor"), Ok(Grade::Minor));
    assert_eq!(
        AuditKind::read("surveillance"),
        Err("'surveillance' is not a kind of audit; use internal, external, supplier".into())
    );
    assert_eq!(audit_ref(2026, 3), "AU-2026-03");
    assert_eq!(finding_ref(2026, 12), "F-2026-012");
}
