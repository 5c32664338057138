//! What each site brings to a 9.3.2 input of the central review: the
//! sites' KPIs of that input, their high risks under e), open NCs under
//! c)4, and so on, said in a line a site.

use super::SiteFacts;

/// What one site brings to a 9.3.2 input of the central review, in one line
/// (`None` for the items that are not inputs: opening, outputs, close).
pub fn evidence_for(site: &SiteFacts, input_key: &str) -> Option<String> {
    evidence_parts(site, input_key).map(|parts| parts.join(" · "))
}

/// `evidence_for`, part by part (a count, a KPI, a risk), for a screen to
/// break between parts where the line is too long for it.
pub fn evidence_parts(site: &SiteFacts, input_key: &str) -> Option<Vec<String>> {
    let counted =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let kpis = || {
        site.kpis
            .iter()
            .filter(|k| k.input_key == input_key)
            .map(|k| match k.value {
                Some(v) => format!(
                    "{} {} {}",
                    k.name,
                    with_unit(v, &k.unit),
                    k.status.word().to_lowercase()
                ),
                None => format!("{} no data", k.name),
            })
            .collect::<Vec<_>>()
    };
    let last = || match &site.last_review {
        Some(r) => {
            let effective = if r.effective.trim().is_empty() {
                "effectiveness unsaid".to_string()
            } else {
                format!("effective: {}", r.effective.trim())
            };
            let gaps = if r.gaps_reason.is_some() {
                ", signed off with gaps"
            } else {
                ""
            };
            format!(
                "last review {} of {}, {effective}{gaps}",
                r.reference, r.date
            )
        }
        None => "no review signed off yet".to_string(),
    };
    if !site.trail.is_intact() {
        return match input_key {
            "opening" | "outputs" | "close" | "parked" => None,
            _ => Some(vec![
                "refused: its record does not verify, nothing drawn on".to_string(),
            ]),
        };
    }
    let mut parts: Vec<String> = match input_key {
        "a" => vec![
            counted(site.overdue_actions, "overdue action", "overdue actions"),
            last(),
        ],
        "b" => vec![
            counted(
                site.context_changes,
                "context entry changed since its last review",
                "context entries changed since its last review",
            ),
            last(),
        ],
        "c4" => vec![counted(site.open_ncs, "open NC", "open NCs")],
        "c6" => vec![counted(site.open_findings, "open finding", "open findings")],
        "e" => {
            // the highest by name, the next ones by reference: one line a site
            let mut said = vec![counted(site.high_risks.len(), "high risk", "high risks")];
            said.extend(site.high_risks.iter().take(4).enumerate().map(
                |(n, (r, title, score))| match n {
                    0 => format!("{r} {title} ({score})"),
                    _ => format!("{r} ({score})"),
                },
            ));
            if site.high_risks.len() > 4 {
                said.push(format!("+{} more", site.high_risks.len() - 4));
            }
            said
        }
        "f" => vec![counted(
            site.open_opportunities,
            "open opportunity",
            "open opportunities",
        )],
        key if key.starts_with('c') || key == "d" => Vec::new(),
        _ => return None,
    };
    parts.extend(kpis());
    if parts.is_empty() {
        parts.push("no KPI under this input".to_string());
    }
    Some(parts)
}

/// A figure as the KPI screens write it: `94 %`, `3 complaints`, `12`.
fn with_unit(value: f64, unit: &str) -> String {
    let figure = crate::domain::kpi::fmt_num(value);
    if unit.is_empty() {
        figure
    } else {
        format!("{figure} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sites::fixture::{kpi, site};

    #[test]
    fn each_input_draws_its_own_evidence_from_a_site_and_a_refused_site_none() {
        let mut leeds = site("Leeds", vec![kpi("otd", 94.0)]);
        leeds.high_risks = vec![
            ("R-001".into(), "Single source".into(), 20),
            ("R-002".into(), "Key person".into(), 16),
        ];
        leeds.open_ncs = 1;
        leeds.overdue_actions = 4;
        assert_eq!(
            evidence_for(&leeds, "c3").as_deref(),
            Some("OTD 94 % on target")
        );
        assert_eq!(
            evidence_for(&leeds, "c4").as_deref(),
            Some("1 open NC"),
            "no KPI of c3 under c4"
        );
        assert_eq!(
            evidence_for(&leeds, "e").as_deref(),
            Some("2 high risks · R-001 Single source (20) · R-002 (16)")
        );
        assert_eq!(
            evidence_for(&leeds, "a").as_deref(),
            Some("4 overdue actions · no review signed off yet")
        );
        assert_eq!(
            evidence_for(&leeds, "c5").as_deref(),
            Some("no KPI under this input")
        );
        leeds.context_changes = 2;
        leeds.open_findings = 1;
        leeds.open_opportunities = 3;
        assert!(
            evidence_for(&leeds, "b")
                .unwrap()
                .starts_with("2 context entries changed since its last review · ")
        );
        assert_eq!(
            evidence_for(&leeds, "c6").as_deref(),
            Some("1 open finding")
        );
        assert_eq!(
            evidence_for(&leeds, "f").as_deref(),
            Some("3 open opportunities")
        );
        assert_eq!(evidence_for(&leeds, "opening"), None);
        let porto = SiteFacts::refused("Porto", "/p", "edited".into());
        assert!(evidence_for(&porto, "e").unwrap().starts_with("refused"));
        assert_eq!(evidence_for(&porto, "close"), None);
    }
}
