use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn complaint(category: &str, received: &str, closed: Option<&str>) -> Feedback {
    Feedback {
        id: 0,
        reference: "FB".into(),
        kind: Kind::Complaint,
        customer: "Northwind Automotive".into(),
        channel: Channel::Email,
        received_on: day(received),
        category: category.into(),
        severity: Some(Severity::Minor),
        summary: String::new(),
        owner: None,
        response: String::new(),
        responded_on: None,
        nc: None,
        actions: Vec::new(),
        closed: closed.is_some(),
        closed_on: closed.map(day),
    }
}

#[test]
fn a_complaint_closes_once_answered_and_a_major_one_once_its_nc_is_linked() {
    assert_eq!(
        closure_gaps(Kind::Complaint, Some(Severity::Major), false, false),
        [
            "the customer has had no response yet",
            "a major complaint needs the nonconformity it raised linked",
        ]
    );
    assert!(closure_gaps(Kind::Complaint, Some(Severity::Minor), true, false).is_empty());
    assert!(closure_gaps(Kind::Complaint, Some(Severity::Critical), true, true).is_empty());
    // a compliment or a survey comment is closed when it has been read
    assert!(closure_gaps(Kind::Compliment, None, false, false).is_empty());
}

#[test]
fn complaints_are_counted_by_theme_and_month_the_most_common_theme_first() {
    let today = day("2026-11-21");
    let feedback = [
        complaint("Crimp height", "2026-11-03", None),
        complaint("crimp height", "2026-10-12", None),
        complaint("crimp height ", "2026-10-30", Some("2026-11-10")),
        complaint("delivery", "2026-09-02", Some("2026-09-20")),
        complaint("delivery", "2026-04-02", Some("2026-04-20")),
        Feedback {
            kind: Kind::Compliment,
            ..complaint("delivery", "2026-11-01", None)
        },
    ];
    let grid = ThemeGrid::of(&feedback, today, 3);
    assert_eq!(
        grid.months,
        [day("2026-09-01"), day("2026-10-01"), day("2026-11-01")]
    );
    assert_eq!(
        grid.themes,
        [
            ("crimp height".to_string(), vec![0, 2, 1]),
            ("delivery".to_string(), vec![1, 0, 0]),
        ]
    );
    let s = Summary::of(&feedback, Some(day("2026-08-21")), today);
    assert_eq!(
        s.line(),
        "4 complaints and 1 compliment since the last review · 2 complaints open · 2 not answered yet · oldest 40 days"
    );
}

#[test]
fn kinds_and_channels_are_read_or_refused_with_the_choices() {
    assert_eq!(Kind::read("Complaint"), Ok(Kind::Complaint));
    assert_eq!(
        Channel::read("fax"),
        Err("'fax' is not a channel; use email, phone, meeting, portal, survey, other".into())
    );
    assert_eq!(feedback_ref(2026, 14), "FB-2026-014");
}
