//! `msgadvisor prices`: the price table the cost estimate reads (built-in, then packs, then
//! price files), each price with its source, as-of date and confidence.

use crate::Outcome;
use crate::cli::{PricesFormat, PricesListArgs};

pub fn run(args: &PricesListArgs) -> anyhow::Result<Outcome> {
    let (_, rules) = super::load_rules(&args.rules, &args.prices.prices)?;
    let prices: Vec<&crate::tables::Price> = rules.cost.prices.values().collect();
    Ok(Outcome::success(match args.format {
        PricesFormat::Table => {
            crate::render::cost::price_table(&prices, crate::render::View::default().width)
        }
        PricesFormat::Json => crate::render::json(&prices),
    }))
}
