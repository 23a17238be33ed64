//! The public documents behind the short names msgadvisor's own data uses for its sources
//! (`references:` in `rules/references.yaml`): "domain-facts §2" or "SPEC" mean nothing to a
//! reader, so a decision record says each one's name and lists its documents under References.

use crate::diag::InputError;
use crate::fields::Origin;
use crate::fields::Reader;
use crate::yaml::{Kind, Node};
use std::collections::BTreeMap;

/// A public document: its title, and its address when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    pub url: Option<String>,
}

/// What one short name stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    /// The short name as the data writes it ("domain-facts §2").
    pub cites: String,
    /// What a reader sees instead.
    pub name: String,
    pub documents: Vec<Document>,
}

/// Every short name, longest first (so "Kafka — when · when not (the seed tutorial)" is
/// replaced whole before "Kafka — when · when not").
#[derive(Clone, Debug, Default)]
pub struct References {
    entries: Vec<Reference>,
}

impl References {
    /// Reads the `references:` tables in load order: a later entry for a short name replaces
    /// the earlier one.
    pub fn read(tables: &[(Node, Origin)], errors: &mut Vec<InputError>) -> References {
        let mut by_name: BTreeMap<String, Reference> = BTreeMap::new();
        crate::fields::each_entry(
            tables,
            "references",
            "short source names to {name, documents}",
            errors,
            |r, _, key, value, path| {
                if key.name.trim().is_empty() {
                    r.problem(path, key.loc, "a short source name cannot be empty");
                    return;
                }
                if let Some(reference) = read_one(r, &key.name, value, path) {
                    by_name.insert(key.name.clone(), reference);
                }
            },
        );
        let mut entries: Vec<Reference> = by_name.into_values().collect();
        entries
            .sort_by_cached_key(|e| (std::cmp::Reverse(e.cites.chars().count()), e.cites.clone()));
        References { entries }
    }

    /// `text` with every short name replaced by its reference's name; the names used are added
    /// to `used` (once each, in the order first met). A short name counts only as a whole word:
    /// "SPEC" is not replaced inside "SPECIFIC".
    pub fn cite(&self, text: &str, used: &mut Vec<String>) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        let mut prev: Option<char> = None;
        'scan: while let Some(c) = rest.chars().next() {
            let at_word_start = !prev.is_some_and(char::is_alphanumeric);
            if at_word_start {
                for e in &self.entries {
                    if let Some(after) = rest.strip_prefix(e.cites.as_str())
                        && !after.chars().next().is_some_and(char::is_alphanumeric)
                    {
                        out.push_str(&e.name);
                        if !used.contains(&e.name) {
                            used.push(e.name.clone());
                        }
                        prev = e.cites.chars().last();
                        rest = after;
                        continue 'scan;
                    }
                }
            }
            out.push(c);
            prev = Some(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// The documents behind a name a reader sees (every short name with that name), without
    /// repeats, in the order written.
    pub fn documents(&self, name: &str) -> Vec<&Document> {
        let mut out: Vec<&Document> = Vec::new();
        let mut entries: Vec<&Reference> = self.entries.iter().filter(|e| e.name == name).collect();
        entries.sort_by(|a, b| a.cites.cmp(&b.cites));
        for d in entries.iter().flat_map(|e| &e.documents) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    }
}

fn read_one(r: &mut Reader, cites: &str, node: &Node, path: &str) -> Option<Reference> {
    let mut m = r.map(node, path)?;
    let name = r.string(&mut m, "name");
    let mut documents = Vec::new();
    if let Some((list, list_path)) = r.field(&mut m, "documents") {
        match &list.kind {
            Kind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let p = format!("{list_path}[{i}]");
                    let Some(mut d) = r.map(item, &p) else {
                        continue;
                    };
                    let title = r.string(&mut d, "title");
                    let url = r.string(&mut d, "url");
                    r.finish(d);
                    match title {
                        Some((t, _, _)) if !t.trim().is_empty() => documents.push(Document {
                            title: t.trim().to_string(),
                            url: url.map(|(u, _, _)| u.trim().to_string()),
                        }),
                        _ => r.problem(
                            &format!("{p}.title"),
                            item.loc,
                            "missing `title`: the document's title as a reader would search for it",
                        ),
                    }
                }
            }
            _ => r.problem(&list_path, list.loc, "expected a list of {title, url}"),
        }
    }
    r.finish(m);
    match name {
        Some((n, _, _)) if !n.trim().is_empty() => Some(Reference {
            cites: cites.to_string(),
            name: n.trim().to_string(),
            documents,
        }),
        _ => {
            r.problem(
                &format!("{path}.name"),
                node.loc,
                "missing `name`: what a reader sees instead of the short name",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs() -> References {
        let mk = |cites: &str, name: &str| Reference {
            cites: cites.into(),
            name: name.into(),
            documents: Vec::new(),
        };
        let mut entries = vec![
            mk("SPEC", "the contract"),
            mk("Tut", "Tutorial"),
            mk("Tut (seed)", "Tutorial"),
        ];
        entries.sort_by_key(|e| std::cmp::Reverse(e.cites.len()));
        References { entries }
    }

    #[test]
    fn short_names_are_replaced_whole_and_only_as_words() {
        let mut used = Vec::new();
        let text = refs().cite("SPEC derived; SPECIFIC; Tut (seed) and Tut, §2", &mut used);
        assert_eq!(
            text,
            "the contract derived; SPECIFIC; Tutorial and Tutorial, §2"
        );
        assert_eq!(used, vec!["the contract", "Tutorial"]);
    }
}
