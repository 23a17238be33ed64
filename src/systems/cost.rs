//! What every system's cost options are written with: the context an option is priced in
//! ([`Ctx`]: the rule set's data, the profile, the workload's monthly volumes and the
//! assessment), the line and option drafts its pricing returns, figures only ([`CostLine`],
//! [`Draft`]), who runs it ([`Hosting`]), whether it is known to carry the load ([`Capacity`]),
//! and the words the wording step writes after the ranking from those figures ([`Figures`] →
//! [`Words`], [`SystemWords`]). `crate::cost` turns the drafts into priced, ordered options with
//! people and totals, and later words them.

use crate::profile::{Cloud, Derived, Profile};
use crate::tables::{Confidence, CostData};
use crate::units::num;
use serde::Serialize;

/// Bytes in a GiB: Confluent's "GB" is 2^30 bytes, and every "GB" price is read that way.
pub const GIB: f64 = 1_073_741_824.0;

/// Data transfer between availability zones, per GiB in each direction (MSK provisioned's
/// clients, self-hosted servers' clients and replication).
pub(crate) const TRANSFER: &str = "cloud-data-transfer-gib";
/// Block storage of self-hosted brokers (gp3).
pub(crate) const VM_DISK: &str = "vm-disk-gib-month";
/// Prices more than one system's ways use.
pub(crate) const SHARED_PRICES: &[&str] = &[TRANSFER, VM_DISK];

/// Who runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    /// A vendor runs the servers.
    Managed,
    /// The team runs the servers.
    SelfHosted,
    /// Runs on infrastructure the team already operates (`platform.existing`).
    Existing,
}

impl Hosting {
    pub fn as_str(self) -> &'static str {
        match self {
            Hosting::Managed => "managed",
            Hosting::SelfHosted => "self-hosted",
            Hosting::Existing => "existing",
        }
    }
}

/// Whether the option is known to carry the workload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capacity {
    /// Sized against published limits or capacity figures from the sources.
    Checked,
    /// Runs on infrastructure the team already has; assumed to have room.
    Assumed,
    /// No capacity figure in the sources: the price is a floor.
    Unchecked,
    /// The workload exceeds a published limit of this option.
    Exceeded,
}

impl Capacity {
    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Checked => "checked",
            Capacity::Assumed => "assumed",
            Capacity::Unchecked => "unchecked",
            Capacity::Exceeded => "exceeded",
        }
    }

    /// The tiers the budget and the suggestion look at first.
    pub(crate) fn tier(self) -> u8 {
        match self {
            Capacity::Checked | Capacity::Assumed => 0,
            Capacity::Unchecked => 1,
            Capacity::Exceeded => 2,
        }
    }
}

/// One line of an option's infrastructure cost: quantity × unit price = monthly cost. Its
/// words (`item`, `source`, `as_of`) are written after the ranking ([`Words`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CostLine {
    /// What is counted, with how the quantity was reached.
    pub item: String,
    pub quantity: f64,
    /// The unit of the quantity (`broker-hour`, `GiB`, ...).
    pub unit: &'static str,
    /// The price id in the price table.
    pub price: String,
    /// USD per unit; null when no sourced price exists: the line then adds nothing to the total
    /// and the option names it in `unpriced` (its total is a floor, not a price).
    pub unit_usd: Option<f64>,
    pub monthly_usd: f64,
    pub source: String,
    pub as_of: Option<String>,
    pub confidence: Option<Confidence>,
}

impl CostLine {
    /// A quantity with no sourced price: the total leaves it out (counted when priced, named in
    /// `unpriced` when worded).
    pub(crate) fn unpriced(&self) -> bool {
        self.unit_usd.is_none() && self.quantity > 0.0
    }
}

/// Rounds USD to cents (half away from zero), so the lines shown add up to the totals shown.
pub fn cents(usd: f64) -> f64 {
    let c = (usd * 100.0).round() / 100.0;
    // An empty sum is -0.0; show it as 0.
    if c == 0.0 { 0.0 } else { c }
}

/// Quantities derived from the profile once, shared by every option.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub hours: f64,
    pub avg_bytes_per_sec: f64,
    pub peak_bytes_per_sec_grown: f64,
    pub groups: f64,
    /// GiB produced in a month at the average rate.
    pub ingress_gib: f64,
    /// GiB consumed in a month: every group reads every message.
    pub egress_gib: f64,
    pub messages_per_month: f64,
    /// Every system's sizing, handed on to the guidance through [`Costing::assessment`].
    pub assessment: crate::systems::Assessment,
}

impl Workload {
    pub(crate) fn of(data: &CostData, p: &Profile, d: &Derived) -> Workload {
        let hours = data.fact("hours_per_month");
        let seconds = hours * 3600.0;
        let groups = f64::from(p.consumers.groups);
        let ingress_gib = d.avg_bytes_per_sec * seconds / GIB;
        let messages_per_month = p.throughput.avg() * seconds;
        Workload {
            hours,
            avg_bytes_per_sec: d.avg_bytes_per_sec,
            peak_bytes_per_sec_grown: d.peak_bytes_per_sec_grown,
            groups,
            ingress_gib,
            egress_gib: ingress_gib * groups,
            messages_per_month,
            assessment: crate::systems::Assessment::of(p, d, data, messages_per_month),
        }
    }
}

/// Everything an option needs to price itself.
pub struct Ctx<'a> {
    pub data: &'a CostData,
    pub profile: &'a Profile,
    pub derived: &'a Derived,
    pub w: &'a Workload,
}

impl Ctx<'_> {
    pub(crate) fn fact(&self, name: &str) -> f64 {
        self.data.fact(name)
    }

    pub(crate) fn fact_source(&self, name: &str) -> &str {
        self.data.fact_source(name)
    }

    /// A line priced with `price` (which exists: checked at load); its words come after the
    /// ranking.
    pub(crate) fn line(&self, quantity: f64, unit: &'static str, price: &str) -> CostLine {
        let found = self.data.prices.get(price);
        let amount = found.and_then(|p| p.amount);
        CostLine {
            item: String::new(),
            quantity,
            unit,
            // An id, not text: `Costing::select` and the price list go by it.
            price: price.to_string(),
            unit_usd: amount,
            monthly_usd: cents(quantity * amount.unwrap_or(0.0)),
            source: String::new(),
            as_of: None,
            confidence: found.and_then(|p| p.confidence),
        }
    }

    /// Client traffic between availability zones, and replication between servers the team
    /// runs (`replicas`: copies each produced byte is sent to; 0 where the vendor does not bill
    /// it, as MSK does not). With servers spread evenly over the zones, a client reaches a server
    /// in another zone for (zones − 1) of every zones partitions or queues; AWS bills such a GiB
    /// leaving one zone and again entering the other. Worded by [`Ctx::cross_az_items`].
    pub(crate) fn cross_az_lines(&self, replicas: f64) -> Vec<CostLine> {
        let w = &self.w;
        let zones = self.fact("availability_zones").max(1.0);
        let share = (zones - 1.0) / zones;
        let mut lines = vec![
            self.line(w.ingress_gib * share * 2.0, "GiB", TRANSFER),
            self.line(w.egress_gib * share * 2.0, "GiB", TRANSFER),
        ];
        if replicas > 0.0 {
            lines.push(self.line(w.ingress_gib * replicas * 2.0, "GiB", TRANSFER));
        }
        lines
    }

    /// The items of [`Ctx::cross_az_lines`], in their order.
    pub(crate) fn cross_az_items(&self, replicas: f64, replicated_over: &str) -> Vec<String> {
        let w = &self.w;
        let zones = self.fact("availability_zones").max(1.0);
        let share = format!("{}/{}", num(zones - 1.0), num(zones));
        let mut items = vec![
            format!(
                "producers' cross-AZ transfer: ingress {} GiB × {share} (a server in another of {} zones) × 2 (billed leaving one zone and entering the other)",
                num(w.ingress_gib),
                num(zones)
            ),
            format!(
                "consumers' cross-AZ transfer: egress {} GiB × {share} × 2",
                num(w.egress_gib)
            ),
        ];
        if replicas > 0.0 {
            items.push(format!(
                "replication between {replicated_over} in {} zones: ingress × {} copies, each in another zone, × 2",
                num(zones),
                num(replicas)
            ));
        }
        items
    }

    /// Where the zone count and the transfer price come from, in words.
    pub(crate) fn cross_az_assumption(&self) -> String {
        format!(
            "Servers spread over {} availability zones: {}; clients in one zone reach a server in another for {} of every {} partitions or queues [D]",
            num(self.fact("availability_zones")),
            self.fact_source("availability_zones"),
            num(self.fact("availability_zones") - 1.0),
            num(self.fact("availability_zones"))
        )
    }

    pub(crate) fn managed_only(&self) -> bool {
        self.profile.team.managed_only
    }

    /// A system's notes when its self-hosted way (`way`, in words) is left out because the team
    /// runs managed services only; none otherwise.
    pub(crate) fn managed_only_notes(&self, way: &str) -> Vec<String> {
        self.managed_only()
            .then(|| {
                format!("{way} left out: the team runs managed services only (team.managed_only)")
            })
            .into_iter()
            .collect()
    }

    pub(crate) fn has_existing(&self, names: &[&str]) -> bool {
        self.profile
            .platform
            .existing
            .iter()
            .any(|e| names.contains(&e.as_str()))
    }

    /// A note for AWS services when the profile runs elsewhere.
    pub(crate) fn aws_note(&self) -> Option<String> {
        match self.profile.platform.cloud {
            Cloud::Aws | Cloud::Other => None,
            c => Some(format!(
                "An AWS service; the profile's platform is {}: shown as a price reference",
                c.as_str()
            )),
        }
    }

    /// A note for VM prices when the profile runs outside AWS.
    pub(crate) fn vm_note(&self, vm: &str) -> Option<String> {
        match self.profile.platform.cloud {
            Cloud::Aws => None,
            c => Some(format!(
                "VMs priced as {vm} on EC2, the only VM price in msgadvisor's sources; on {} use your provider's price in a price file",
                c.as_str()
            )),
        }
    }
}

/// An option's words, written after the ranking from the figures its pricing left
/// ([`Figures`]): reading the assessment and the lines, computing nothing.
#[derive(Debug, Default)]
pub struct Words {
    pub name: String,
    /// What each line counts, one per line, in the lines' order.
    pub items: Vec<String>,
    pub capacity_note: String,
    pub assumptions: Vec<String>,
    /// The costs no line counts ([`Draft::left_out`] of them), in words.
    pub unpriced: Vec<String>,
}

/// What an option's words are written from: the way, and its figures as priced.
pub struct Figures<'a> {
    pub option: &'a str,
    pub lines: &'a [CostLine],
    pub capacity: Capacity,
}

/// A system's words beside its ways: notes on the whole system (ways left out, and why) and
/// the assumptions every way shares.
#[derive(Debug, Default)]
pub struct SystemWords {
    pub notes: Vec<String>,
    pub assumptions: Vec<String>,
}

/// One way of running a system as its pricing leaves it: figures and flags, no words (those
/// come after the ranking, [`Words`]). `crate::cost` adds people and totals.
pub struct Draft {
    pub option: &'static str,
    pub hosting: Hosting,
    pub capacity: Capacity,
    pub lines: Vec<CostLine>,
    /// How many costs no line prices (worded in [`Words::unpriced`]); lines without a unit
    /// price are counted when the option is finished.
    pub left_out: usize,
    /// See [`crate::cost::CostOption::development_only`].
    pub development_only: Option<&'static str>,
    /// See [`crate::cost::CostOption::advised_against`].
    pub advised_against: Option<&'static str>,
    /// See [`crate::cost::CostOption::durability_doubt`].
    pub durability_doubt: Option<&'static str>,
}

impl Draft {
    /// A way with no flag set; a vendor's advice is set with struct update syntax.
    pub fn new(
        option: &'static str,
        hosting: Hosting,
        capacity: Capacity,
        lines: Vec<CostLine>,
        left_out: usize,
    ) -> Draft {
        Draft {
            option,
            hosting,
            capacity,
            lines,
            left_out,
            development_only: None,
            advised_against: None,
            durability_doubt: None,
        }
    }

    /// The way that runs on what the team already has (`platform.existing`): nothing to price.
    pub fn existing(option: &'static str, capacity: Capacity) -> Draft {
        Draft::new(option, Hosting::Existing, capacity, Vec::new(), 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_round_half_away_and_never_show_minus_zero() {
        assert_eq!(cents(0.125), 0.13);
        assert_eq!(cents(446.76000001), 446.76);
        assert!(cents(-0.0).is_sign_positive());
    }
}
