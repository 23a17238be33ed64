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
        .with_transform(schemars::transform::RecursiveTransform(
            optional_may_be_null,
        ))
        .into_generator();
    let schema = generator.into_root_schema_for::<crate::profile::Profile>();
    crate::render::json(&schema)
}

/// The reader takes an optional key written with no value (`growth_factor:`, YAML null) as left
/// out, so the schema allows null wherever a key may be left out: an editor then flags exactly
/// what `msgadvisor` refuses (`tests/schema_agrees.rs` holds the two to the same verdicts).
fn optional_may_be_null(schema: &mut schemars::Schema) {
    let required: Vec<String> = schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| {
            r.iter()
                .filter_map(|k| k.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for (key, property) in properties.iter_mut() {
        if !required.contains(key) {
            allow_null(property);
        }
    }
}

fn allow_null(property: &mut serde_json::Value) {
    use serde_json::{Value, json};
    let Some(p) = property.as_object_mut() else {
        return;
    };
    if let Some(list) = p.get_mut("enum").and_then(Value::as_array_mut)
        && !list.contains(&Value::Null)
    {
        list.push(Value::Null);
    }
    match p.get_mut("type") {
        Some(Value::String(t)) if t != "null" => {
            let t = std::mem::take(t);
            p.insert("type".into(), json!([t, "null"]));
        }
        Some(Value::Array(types)) if !types.contains(&json!("null")) => types.push(json!("null")),
        Some(_) => {}
        None => {
            // A `$ref` (a section such as `replay`) or a choice of schemas: null is one more
            // choice.
            if let Some(r) = p.remove("$ref") {
                p.insert("anyOf".into(), json!([{ "$ref": r }, { "type": "null" }]));
            } else if let Some(all) = p.remove("allOf") {
                p.insert(
                    "anyOf".into(),
                    json!([{ "allOf": all }, { "type": "null" }]),
                );
            } else if let Some(list) = p.get_mut("anyOf").and_then(Value::as_array_mut)
                && !list.contains(&json!({ "type": "null" }))
            {
                list.push(json!({ "type": "null" }));
            }
        }
    }
}
