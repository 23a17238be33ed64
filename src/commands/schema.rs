//! `msgadvisor schema`: the profile's JSON Schema, generated from the same types the profile is
//! read into, for editors (yaml-language-server) and CI.

use crate::Outcome;

pub fn run() -> anyhow::Result<Outcome> {
    Ok(Outcome::success(profile_schema()))
}

/// The JSON Schema (draft-07, the newest the YAML language server reads) of a profile, as
/// pretty JSON with a final newline. Descriptions are the types' doc comments; unknown keys are
/// refused (`additionalProperties: false`) as the loader refuses them.
pub fn profile_schema() -> String {
    let generator = schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator();
    let schema = generator.into_root_schema_for::<crate::profile::Profile>();
    crate::render::json(&schema)
}
