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

    /// The people cost of `option` for `profile`. Every option has hours (checked at load).
    /// With the sources left empty unless `text` (see [`super::Detail::Numbers`]).
    pub(crate) fn people(&self, option: &str, profile: &Profile, text: bool) -> People {
        let rate = self.hourly(profile);
        let e = profile.team.kafka_experience;
        let hours_of = self.hours.get(option);
        let hours = hours_of.map_or(0.0, |h| h.for_experience(e));
        let (hours_source, hourly_source) = if text {
            let source = match hours_of {
                Some(h) if h.by_experience => format!(
                    "msgadvisor assumption for kafka_experience {} ({})",
                    e.as_str(),
                    h.origin
                ),
                Some(h) => format!("msgadvisor assumption ({})", h.origin),
                None => "no hours in the operations table".to_string(),
            };
            (source, self.rate_source(profile))
        } else {
            (String::new(), String::new())
        };
        People {
            hours_per_month: hours,
            hourly_usd: rate,
            monthly_usd: super::cents(hours * rate),
            hours_source,
            hourly_source,
        }
    }
}
