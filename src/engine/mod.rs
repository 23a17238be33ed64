//! The rule engine: the rule model and catalog (`model`), loading the built-in rules and the
//! user's packs (`load`), CEL compilation and the values rules see (`cel`), and evaluation of a
//! profile into scored, ranked candidates with a trace of every rule (`evaluate`, in the words of
//! `ranking`).

pub mod cel;
pub mod doc;
pub mod evaluate;
pub mod examples;
pub mod lint;
pub mod load;
pub mod model;
pub mod ranking;

pub use evaluate::{Evaluation, RuleTrace, evaluate};
pub use load::{RuleSet, RulesError};
pub use model::{
    Candidate, Effect, Example, Limit, OrderingCapability, Origin, Override, PackOverride, Rule,
    Says,
};
