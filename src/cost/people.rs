//! People cost: engineer-hours a month to operate each way of running a system (by the team's
//! Kafka experience where it matters), times the cost of an engineer-hour. Both come from the
//! `operations:` table, an assumption table the user can override; the hourly rate also from the
//! profile's `team.hourly_usd`.

use crate::profile::Profile;
use crate::tables::Operations;
use serde::Serialize;

/// The people part of one option's monthly cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct People {
    pub hours_per_month: f64,
    pub hourly_usd: f64,
    pub monthly_usd: f64,
    /// Where the hours come from (file:line of the assumption table) and what they depend on.
    pub hours_source: String,
    pub hourly_source: String,
}

impl Operations {
    /// Where this profile's hourly rate ([`Operations::hourly`]) comes from.
    pub fn rate_source(&self, profile: &Profile) -> String {
        match profile.team.hourly_usd {
            Some(_) => "the profile's team.hourly_usd".to_string(),
            None => self.hourly_source.clone(),
        }
    }

    /// The hourly rate for this profile.
    pub fn hourly(&self, profile: &Profile) -> f64 {
        profile.team.hourly_usd.unwrap_or(self.hourly_usd)
    }

    /// The people cost of `option` for `profile`, as figures: its sources are written after the
    /// ranking ([`Operations::people_words`]). Every option has hours (checked at load).
    pub(crate) fn people_figures(&self, option: &str, profile: &Profile) -> People {
        let rate = self.hourly(profile);
        let hours = self
            .hours
            .get(option)
            .map_or(0.0, |h| h.for_experience(profile.team.kafka_experience));
        People {
            hours_per_month: hours,
            hourly_usd: rate,
            monthly_usd: super::cents(hours * rate),
            hours_source: String::new(),
            hourly_source: String::new(),
        }
    }

    /// Words `people`, the people cost of `option` for `profile` ([`Operations::people_figures`]):
    /// where its hours and its hourly rate come from.
    pub(crate) fn people_words(&self, option: &str, profile: &Profile, people: &mut People) {
        let e = profile.team.kafka_experience;
        people.hours_source = match self.hours.get(option) {
            Some(h) if h.by_experience => format!(
                "msgadvisor assumption for kafka_experience {} ({})",
                e.as_str(),
                h.origin
            ),
            Some(h) => format!("msgadvisor assumption ({})", h.origin),
            None => "no hours in the operations table".to_string(),
        };
        people.hourly_source = self.rate_source(profile);
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::RuleSet;

    /// The people cost is priced as figures, with no text built; its words say where the hours
    /// (the operations table's line, by experience where it matters) and the rate come from.
    #[test]
    fn people_figures_carry_no_words_and_are_worded_from_the_table_and_the_profile() {
        let ops = RuleSet::builtin().unwrap().cost.operations;
        let yaml = "version: 1\nname: p\nthroughput: {peak_per_sec: 1}\nteam: {kafka_experience: expert, hourly_usd: 150}\n";
        let (profile, _, _) = crate::profile::load(yaml, "p.yaml").unwrap();
        let mut kraft = ops.people_figures("self-hosted-kraft", &profile);
        assert_eq!((kraft.hours_per_month, kraft.monthly_usd), (24.0, 3600.0));
        assert!(kraft.hours_source.is_empty() && kraft.hourly_source.is_empty());
        ops.people_words("self-hosted-kraft", &profile, &mut kraft);
        assert!(
            kraft.hours_source.starts_with(
                "msgadvisor assumption for kafka_experience expert (rules/cost/operations.yaml:"
            ),
            "{}",
            kraft.hours_source
        );
        assert_eq!(kraft.hourly_source, "the profile's team.hourly_usd");
        let mut outbox = ops.people_figures("outbox-worker", &profile);
        ops.people_words("outbox-worker", &profile, &mut outbox);
        assert!(
            outbox
                .hours_source
                .starts_with("msgadvisor assumption (rules/cost/operations.yaml:"),
            "{}",
            outbox.hours_source
        );
    }
}
