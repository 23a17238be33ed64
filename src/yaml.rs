//! Reading YAML: the one place where serde-saphyr's options are set, and the located tree
//! (every key and value with its line and column) that profiles, rules and packs are read from.
//!
//! Everything the user writes goes through [`parse`], so the input bounds (size, nesting,
//! aliases) and the YAML 1.2 boolean policy hold for every command alike.
//!
//! A document is read straight from the events of serde-saphyr's parser (granit-parser), the
//! way serde-saphyr's deserializer would read it; whatever that event reader leaves (errors
//! above all, tags and merge keys) is read by the deserializer itself, so that every message
//! and every rarely met rule stays serde-saphyr's. `src/yaml/differential.rs` holds the two
//! to the same trees, locations and errors.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::granit_parser::{self as granit, Event, Parser, ScalarStyle};
use serde_saphyr::{Budget, DuplicateKeyPolicy, NonFiniteFloatPolicy, Options, Spanned};
use std::fmt;

/// The largest input accepted, in bytes. A profile is a few kilobytes; a rule pack file a few
/// more. One mebibyte leaves room for generated files while keeping a hostile pull request from
/// making the tool slow.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// How deep collections may nest. The deepest real profile is four levels.
const MAX_DEPTH: usize = 32;

/// The most keys one mapping may have for the event reader to look for duplicates in it (by
/// scanning its keys); a wider mapping is left to serde-saphyr, which hashes them.
const EVENT_READER_MAX_KEYS: usize = 1024;

/// Bounds on what one document may expand to: far beyond any real profile or pack, small enough
/// that an alias bomb is refused in milliseconds.
const BUDGET_EVENTS: usize = 200_000;
const BUDGET_ALIASES: usize = 1_000;
const BUDGET_NODES: usize = 100_000;

/// A position in a YAML text, 1-based. `line == 0` means unknown (a value that came from a
/// default rather than from the file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
}

impl Loc {
    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A YAML value with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub loc: Loc,
    pub kind: Kind,
}

/// A mapping key with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

impl Kind {
    /// The YAML type name, for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Int(_) => "an integer",
            Kind::Float(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

impl Node {
    pub fn new(kind: Kind) -> Self {
        Node {
            loc: Loc::default(),
            kind,
        }
    }

    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.kind {
            Kind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// Deep-merges `overlay` onto `self`: mappings merge key by key, anything else replaces.
    /// Rule examples and `--set` use this to change a few fields of a whole profile.
    pub fn merge(&mut self, overlay: &Node) {
        match (&mut self.kind, &overlay.kind) {
            (Kind::Map(base), Kind::Map(over)) => {
                for (k, v) in over {
                    match base.iter_mut().find(|(bk, _)| bk.name == k.name) {
                        Some((_, bv)) => bv.merge(v),
                        None => base.push((k.clone(), v.clone())),
                    }
                }
            }
            _ => *self = overlay.clone(),
        }
    }

    /// Converts to JSON, dropping locations (rule examples are shown and exported this way).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.kind {
            Kind::Null => J::Null,
            Kind::Bool(b) => J::Bool(*b),
            Kind::Int(i) => J::from(*i),
            Kind::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Kind::Str(s) => J::String(s.clone()),
            Kind::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Kind::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Serialises the tree as written: mappings keep their key order (a rule prints id, title, why,
/// … as its author wrote them, not sorted), locations are dropped.
impl serde::Serialize for Node {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match &self.kind {
            Kind::Null => s.serialize_unit(),
            Kind::Bool(b) => s.serialize_bool(*b),
            Kind::Int(i) => s.serialize_i64(*i),
            Kind::Float(f) => s.serialize_f64(*f),
            Kind::Str(v) => s.serialize_str(v),
            Kind::Seq(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Kind::Map(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(&k.name, v)?;
                }
                map.end()
            }
        }
    }
}

/// A YAML text that could not be read, with the position serde-saphyr reported.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub loc: Loc,
    pub message: String,
}

/// The options every YAML read uses.
///
/// - `strict_booleans`: YAML 1.2 semantics, so `yes`, `on` and `y` are strings, not booleans.
///   A profile that says `loss_ok: yes` is then rejected with "expected true or false" instead of
///   being read one way by us and another by the next YAML 1.1 tool that touches the file.
/// - duplicate keys are errors: a profile with two `throughput:` blocks is ambiguous.
/// - the budget bounds nesting, aliases (billion-laughs) and events.
fn options() -> Options {
    let mut options = Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.budget = Some(budget());
    options.with_snippet = false;
    // Pass `.inf` and `.nan` through so the profile reader can say which field must be finite.
    options.non_finite_float_policy = NonFiniteFloatPolicy::PassThrough;
    options
}

fn budget() -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_reader_input_bytes = Some(MAX_INPUT_BYTES);
    budget.max_events = BUDGET_EVENTS;
    budget.max_aliases = BUDGET_ALIASES;
    budget.max_anchors = BUDGET_ALIASES;
    budget.max_nodes = BUDGET_NODES;
    budget
}

/// Parses one YAML document into a located tree.
///
/// Most documents are read straight from the events of serde-saphyr's parser (granit-parser):
/// that is a third of the work of its serde deserializer. A document the event reader leaves
/// (an error of any kind, a tag, a merge key, a bound approached) is read again by the
/// deserializer, so every message and every rarely met rule stays serde-saphyr's own.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    check_size_and_content(text)?;
    match read_events(text) {
        Some(root) => Ok(root),
        None => read_with_serde(text).map_err(|e| {
            // serde-saphyr reports a key that is a list or a mapping without a position, or at
            // the mapping around it: point at the key itself (the text is walked again for
            // this error only).
            if e.message == KEY_NOT_SCALAR
                && let Some(loc) = first_collection_key(text)
            {
                SyntaxError { loc, ..e }
            } else {
                e
            }
        }),
    }
}

/// Whether the document uses an alias (`*name`), found by walking the parser's events (only on
/// the way to reporting a breached bound).
fn has_aliases(text: &str) -> bool {
    Parser::new_from_str_with_options(text, parser_options(&budget()))
        .map_while(Result::ok)
        .any(|(event, _)| matches!(event, Event::Alias(..)))
}

/// Where the first mapping key that is a list or a mapping is, found by walking the parser's
/// events (only on the way to reporting that error).
fn first_collection_key(text: &str) -> Option<Loc> {
    // Per open collection: for a mapping, whether its next node is a key.
    let mut open: Vec<Option<bool>> = Vec::new();
    for item in Parser::new_from_str_with_options(text, parser_options(&budget())) {
        let (event, span) = item.ok()?;
        let at_key = matches!(open.last(), Some(Some(true)));
        let starts = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        if at_key && starts {
            return Some(start_of(&span));
        }
        // A node in a mapping (not its end) flips it between key and value.
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        );
        if is_node && let Some(Some(next_is_key)) = open.last_mut() {
            *next_is_key = !*next_is_key;
        }
        match event {
            Event::SequenceStart(..) => open.push(None),
            Event::MappingStart(..) => open.push(Some(true)),
            Event::SequenceEnd | Event::MappingEnd => {
                open.pop();
            }
            _ => {}
        }
    }
    None
}

/// The name a scalar mapping key is known by (both readers name keys here); None for a list or a
/// mapping, which cannot be a key.
fn key_name(kind: Kind) -> Option<String> {
    Some(match kind {
        Kind::Str(s) => s,
        Kind::Int(i) => i.to_string(),
        Kind::Float(f) => f.to_string(),
        Kind::Bool(b) => b.to_string(),
        Kind::Null => "null".to_string(),
        Kind::Seq(_) | Kind::Map(_) => return None,
    })
}

/// What a mapping key that is a list or a mapping gets (from `KindVisitor`, without the key's
/// position: [`parse`] adds it).
const KEY_NOT_SCALAR: &str = "a mapping key must be a plain value (a name, a number, true, false or null), not a list or a mapping";

/// For the `yaml` fuzz target: whether the event reader, where it reads `text` at all, reads it
/// exactly as serde-saphyr's deserializer does (the same tree and locations; compared by `Debug`
/// text, so that a NaN equals a NaN). Texts it leaves are read by the deserializer itself.
#[doc(hidden)]
pub fn event_reader_agrees(text: &str) -> bool {
    if check_size_and_content(text).is_err() {
        return true;
    }
    match read_events(text) {
        None => true,
        Some(node) => {
            format!("{:?}", Ok::<_, SyntaxError>(node)) == format!("{:?}", read_with_serde(text))
        }
    }
}

/// The checks made before any YAML is read: the size bound and an empty (or blank) text.
fn check_size_and_content(text: &str) -> Result<(), SyntaxError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(SyntaxError {
            loc: Loc::default(),
            message: format!(
                "the input is {} bytes; the limit is {} bytes (1 MiB)",
                text.len(),
                MAX_INPUT_BYTES
            ),
        });
    }
    if text.trim().is_empty() {
        return Err(SyntaxError {
            loc: Loc { line: 1, col: 1 },
            message: "the document is empty".into(),
        });
    }
    Ok(())
}

/// Reads the document through serde-saphyr's deserializer into `Spanned<Kind>`.
fn read_with_serde(text: &str) -> Result<Node, SyntaxError> {
    match serde_saphyr::from_str_with_options::<Spanned<Kind>>(text, options()) {
        Ok(root) => Ok(Node {
            loc: loc_of(&root),
            kind: root.value,
        }),
        Err(err) => {
            let loc = err
                .location()
                .map(|l| Loc {
                    line: l.line() as u32,
                    col: l.column() as u32,
                })
                .unwrap_or_default();
            Err(SyntaxError {
                loc,
                message: user_message(&err, text),
            })
        }
    }
}

/// Reads a document from granit-parser's events the way serde-saphyr's deserializer reads it
/// into `Spanned<Kind>` with [`options`], or gives `None` for it to be read by serde-saphyr:
/// whenever serde-saphyr could report an error, and for what is rare enough not to repeat here.
fn read_events(text: &str) -> Option<Node> {
    let limits = budget();
    let mut r = EventReader::default();
    for item in Parser::new_from_str_with_options(text, parser_options(&limits)) {
        let (event, span) = item.ok()?;
        let before = r.spent;
        r.spent.events += 1;
        let loc = start_of(&span);
        match event {
            Event::StreamStart | Event::DocumentEnd | Event::StreamEnd => {}
            // A second document is an error for serde-saphyr.
            Event::DocumentStart(..) if r.root.is_some() => return None,
            Event::DocumentStart(..) => {}
            // Tagged nodes (`!!str 1`, `!!binary …`) are read by serde-saphyr.
            Event::Scalar(value, style, anchor, None) => {
                r.spent.nodes += 1;
                r.spent.scalar_bytes += value.len();
                let kind = if style == ScalarStyle::Plain {
                    plain_kind(&value)
                } else {
                    Kind::Str(value.to_string())
                };
                let node = Node { loc, kind };
                r.count_anchor(anchor)?;
                if anchor != 0 {
                    r.define(anchor, node.clone(), r.spent.minus(before));
                }
                r.place(node, Some(&value))?;
            }
            Event::SequenceStart(_, anchor, None) => {
                r.count_anchor(anchor)?;
                r.open(loc, anchor, before, Body::Seq(Vec::new()))?;
            }
            Event::MappingStart(_, anchor, None) => {
                r.count_anchor(anchor)?;
                let body = Body::Map {
                    entries: Vec::new(),
                    key: None,
                    spellings: Vec::new(),
                };
                r.open(loc, anchor, before, body)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = r.close()?;
                r.place(node, None)?;
            }
            Event::Alias(id) => {
                let node = r.alias(id, loc, &limits)?;
                r.place(node, None)?;
            }
            _ => return None,
        }
        if !r.spent.within(&limits) {
            return None;
        }
    }
    r.root
}

/// Where an event starts, 1-based as serde-saphyr reports it (granit-parser's columns are 0-based).
fn start_of(span: &granit::Span) -> Loc {
    Loc {
        line: span.start.line() as u32,
        col: span.start.col() as u32 + 1,
    }
}

/// granit-parser's options as serde-saphyr derives them from the budget (with its `comments`
/// feature off), so that both readers accept the same texts.
fn parser_options(budget: &Budget) -> granit::Options {
    let mut options = granit::Options::default();
    options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
    options.flow_nesting_limit = budget.flow_nesting_limit;
    options.block_nesting_limit = options.block_nesting_limit.max(budget.max_depth + 1);
    options.set_emit_comments(false);
    options
}

/// What serde-saphyr's budget counts: parser events and values, replayed aliases included, and
/// the bytes of scalar text.
#[derive(Clone, Copy, Default)]
struct Spent {
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
}

impl Spent {
    fn minus(self, before: Spent) -> Spent {
        Spent {
            events: self.events - before.events,
            nodes: self.nodes - before.nodes,
            scalar_bytes: self.scalar_bytes - before.scalar_bytes,
        }
    }

    fn add(&mut self, more: Spent) {
        self.events += more.events;
        self.nodes += more.nodes;
        self.scalar_bytes += more.scalar_bytes;
    }

    /// Within serde-saphyr's bounds, with a margin: near one, serde-saphyr decides. Half the
    /// scalar bytes, because the text of an anchored scalar inside an anchored collection is
    /// counted twice against its bound on the bytes it keeps for anchors.
    fn within(&self, limits: &Budget) -> bool {
        self.events + 8 <= limits.max_events
            && self.nodes + 2 <= limits.max_nodes
            && self.scalar_bytes <= limits.max_total_scalar_bytes / 2
    }
}

#[derive(Default)]
struct EventReader {
    root: Option<Node>,
    open: Vec<Open>,
    /// Anchored nodes by granit-parser's anchor id, with what reading them spent (an alias
    /// spends it again: serde-saphyr replays the anchor's events).
    anchors: Vec<Option<(Node, Spent)>>,
    spent: Spent,
    anchors_defined: usize,
    aliases: usize,
}

/// A sequence or mapping being read.
struct Open {
    loc: Loc,
    anchor: usize,
    /// What had been spent before it, so that what it spends is known when it closes.
    before: Spent,
    body: Body,
}

enum Body {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Key, Node)>,
        /// The key whose value comes next.
        key: Option<Key>,
        /// The spellings its keys have besides their names (see [`map_key`]).
        spellings: Vec<String>,
    },
}

impl EventReader {
    fn open(&mut self, loc: Loc, anchor: usize, before: Spent, body: Body) -> Option<()> {
        self.spent.nodes += 1;
        // serde-saphyr records an anchored collection's events once for every anchored
        // collection around them, against a bound of its own: keep to one at a time.
        if anchor != 0 && self.open.iter().any(|o| o.anchor != 0) {
            return None;
        }
        self.open.push(Open {
            loc,
            anchor,
            before,
            body,
        });
        (self.open.len() <= MAX_DEPTH).then_some(())
    }

    fn close(&mut self) -> Option<Node> {
        let open = self.open.pop()?;
        let kind = match open.body {
            Body::Seq(items) => Kind::Seq(items),
            Body::Map {
                entries, key: None, ..
            } => Kind::Map(entries),
            // The parser gives every key a value (an empty one is a null scalar).
            Body::Map { key: Some(_), .. } => return None,
        };
        let node = Node {
            loc: open.loc,
            kind,
        };
        if open.anchor != 0 {
            self.define(open.anchor, node.clone(), self.spent.minus(open.before));
        }
        Some(node)
    }

    fn count_anchor(&mut self, anchor: usize) -> Option<()> {
        self.anchors_defined += usize::from(anchor != 0);
        (self.anchors_defined <= BUDGET_ALIASES).then_some(())
    }

    fn define(&mut self, id: usize, node: Node, spent: Spent) {
        if self.anchors.len() <= id {
            self.anchors.resize_with(id + 1, || None);
        }
        self.anchors[id] = Some((node, spent));
    }

    /// A copy of the anchored node, as serde-saphyr replays it: everything in it (keys too)
    /// located at the alias.
    fn alias(&mut self, id: usize, loc: Loc, limits: &Budget) -> Option<Node> {
        self.aliases += 1;
        // 100 aliases is where serde-saphyr starts comparing aliases with anchors.
        if self.aliases >= limits.alias_anchor_min_aliases {
            return None;
        }
        // None for an anchor still open (a recursive alias): an error for serde-saphyr.
        let (node, spent) = self.anchors.get(id)?.as_ref()?;
        self.spent.add(*spent);
        // Checked before copying, so that an alias bomb is refused before it is built.
        if !self.spent.within(limits) {
            return None;
        }
        let mut copy = node.clone();
        let height = relocate(&mut copy, loc);
        (self.open.len() + height <= MAX_DEPTH).then_some(copy)
    }

    /// Puts a value where it belongs: the root, a sequence item, a mapping key or its value.
    /// `text` is a scalar's text; a key without one (a collection or an alias) is left to
    /// serde-saphyr.
    fn place(&mut self, node: Node, text: Option<&str>) -> Option<()> {
        match self.open.last_mut().map(|open| &mut open.body) {
            None => self.root = Some(node),
            Some(Body::Seq(items)) => items.push(node),
            Some(Body::Map {
                entries,
                key,
                spellings,
            }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(map_key(entries, spellings, node, text?)?),
            },
        }
        Some(())
    }
}

/// The mapping key a scalar makes, named as `KindVisitor` names it; `None` for a key that
/// serde-saphyr could count as a duplicate, or as a merge key (`<<`).
///
/// serde-saphyr compares keys by their text, or by value when they read as integers (so `0x10`
/// and `16` are the same key), not by the names given here (`1e3` is named `1000`). A key is
/// therefore looked for under its name, its text and its integer value; a match with any of
/// these for an earlier key is left to serde-saphyr, which reports a duplicate or not.
fn map_key(
    entries: &[(Key, Node)],
    spellings: &mut Vec<String>,
    node: Node,
    text: &str,
) -> Option<Key> {
    let name = key_name(node.kind)?;
    let integer = parse_int(yaml_trim(text)).map(|(negative, magnitude)| {
        let sign = if negative && magnitude != 0 { "-" } else { "" };
        format!("{sign}{magnitude}")
    });
    let mut others: Vec<&str> = [Some(text), integer.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| *s != name)
        .collect();
    others.dedup();
    let seen =
        |s: &str| entries.iter().any(|(k, _)| k.name == s) || spellings.iter().any(|k| k == s);
    if text == "<<"
        || entries.len() >= EVENT_READER_MAX_KEYS
        || seen(&name)
        || others.iter().any(|s| seen(s))
    {
        return None;
    }
    spellings.extend(others.iter().map(|s| s.to_string()));
    Some(Key {
        name,
        loc: node.loc,
    })
}

/// Puts `loc` on a node and on everything in it; gives how deep its collections nest.
fn relocate(node: &mut Node, loc: Loc) -> usize {
    node.loc = loc;
    match &mut node.kind {
        Kind::Seq(items) => {
            1 + items
                .iter_mut()
                .map(|n| relocate(n, loc))
                .max()
                .unwrap_or(0)
        }
        Kind::Map(entries) => {
            let deepest = entries.iter_mut().map(|(k, v)| {
                k.loc = loc;
                relocate(v, loc)
            });
            1 + deepest.max().unwrap_or(0)
        }
        _ => 0,
    }
}

/// The padding serde-saphyr trims before reading a scalar as a boolean or a number.
fn yaml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

/// What a plain, untagged scalar is, resolved as serde-saphyr's `deserialize_any` does with
/// [`options`] and as `KindVisitor` receives it: null, a YAML 1.2 boolean, an integer, a float
/// (non-finite ones included), or else a string.
fn plain_kind(text: &str) -> Kind {
    if matches!(text, "" | "~" | "null" | "Null" | "NULL") {
        return Kind::Null;
    }
    let t = yaml_trim(text);
    match t {
        "true" | "True" | "TRUE" => return Kind::Bool(true),
        "false" | "False" | "FALSE" => return Kind::Bool(false),
        _ => {}
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    // Upper-case radix prefixes and signed NaNs are kept as strings.
    let string = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..])
        || (unsigned.len() < t.len() && matches!(unsigned, ".nan" | ".NaN" | ".NAN"));
    if !string {
        match parse_int(t) {
            // Read as an i64 (visit_i64) …
            Some((true, magnitude)) if magnitude <= 1 << 63 => {
                return Kind::Int((magnitude as i128).wrapping_neg() as i64);
            }
            // … or as a u64 (visit_u64), beyond i64 a float for KindVisitor.
            Some((false, magnitude)) if magnitude <= u128::from(u64::MAX) => {
                let value = magnitude as u64;
                return i64::try_from(value).map_or(Kind::Float(value as f64), Kind::Int);
            }
            _ => {}
        }
        let (negative, magnitude) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        match magnitude {
            ".nan" | ".NaN" | ".NAN" => return Kind::Float(f64::NAN),
            ".inf" | ".Inf" | ".INF" if negative => return Kind::Float(f64::NEG_INFINITY),
            ".inf" | ".Inf" | ".INF" => return Kind::Float(f64::INFINITY),
            _ => {}
        }
        match t.parse::<f64>() {
            Ok(f) if f.is_finite() => return Kind::Float(f),
            // A numeral too large for f64 (`1e999`) is infinite; `inf` or `nan` is a string.
            Ok(f) if f.is_infinite() && unsigned.starts_with(|c: char| c.is_ascii_digit()) => {
                return Kind::Float(f);
            }
            _ => {}
        }
    }
    Kind::Str(text.to_string())
}

/// An integer as serde-saphyr reads one, as sign and magnitude: decimal without a leading
/// zero, or `0x`, `0o`, `0b`; `_` only between digits.
fn parse_int(t: &str) -> Option<(bool, u128)> {
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let prefixed = |lower: &str, upper: &str| {
        rest.strip_prefix(lower)
            .or_else(|| rest.strip_prefix(upper))
    };
    let (radix, digits) = if let Some(d) = prefixed("0x", "0X") {
        (16, d)
    } else if let Some(d) = prefixed("0o", "0O") {
        (8, d)
    } else if let Some(d) = prefixed("0b", "0B") {
        (2, d)
    } else if rest.starts_with('0') && rest != "0" {
        return None;
    } else {
        (10, rest)
    };
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let between =
                i > 0 && bytes[i - 1] != b'_' && bytes.get(i + 1).is_some_and(|&n| n != b'_');
            if !between {
                return None;
            }
            continue;
        }
        let digit = char::from(b).to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(radix.into())?
            .checked_add(digit.into())?;
    }
    // At least one digit: a `_` has been checked to stand between two.
    (!bytes.is_empty()).then_some((negative, magnitude))
}

/// The message for someone who wrote the YAML: serde-saphyr's own user-facing wording
/// (`UserMessageFormatter`; its default one is for the program's developer, and says things
/// like "set DuplicateKeyPolicy in Options"), except for a breached bound, which both name in
/// Rust debug form and [`plain_budget`] says in words with our limits.
fn user_message(err: &serde_saphyr::Error, text: &str) -> String {
    let developer = first_line_of(&err.to_string());
    let budget = plain_budget(developer.clone(), || has_aliases(text));
    if budget != developer {
        return budget;
    }
    first_line_of(&err.render_with_formatter(&serde_saphyr::UserMessageFormatter))
}

/// serde-saphyr names a breached bound in Rust debug form (`budget breached: Nodes { nodes:
/// 100001 }`); say which bound, in words, and what usually causes it.
/// `aliases` says whether the document uses any, so that the message blames aliases only then.
fn plain_budget(message: String, aliases: impl Fn() -> bool) -> String {
    if message == "recursion limit exceeded" {
        // The parser's own guard on flow collections (`[[[[…`), met before our depth bound.
        return format!("too large to read: collections nest more than {MAX_DEPTH} levels deep");
    }
    let Some(breach) = message.strip_prefix("budget breached: ") else {
        return message;
    };
    let kind = breach.split([' ', '{']).next().unwrap_or("");
    let what = match kind {
        "Nodes" if aliases() => format!(
            "the document expands to more than {} values (aliases that multiply, an \"alias bomb\", are refused)",
            BUDGET_NODES
        ),
        // A long list or a wide mapping written out: every item is a value.
        "Nodes" => format!(
            "the document has more than {BUDGET_NODES} values (every item of a list or a mapping counts); no profile or rule file needs that many"
        ),
        "Depth" => format!("collections nest more than {MAX_DEPTH} levels deep"),
        "Aliases" => format!("more than {BUDGET_ALIASES} aliases (`*name`)"),
        "Anchors" => format!("more than {BUDGET_ALIASES} anchors (`&name`)"),
        "Events" => format!("more than {BUDGET_EVENTS} YAML events; the document is too complex"),
        "Documents" => "too many YAML documents in one file".to_string(),
        "AliasAnchorRatio" => {
            let b = budget();
            format!(
                "more than {} times as many aliases (`*name`) as anchors (`&name`), from {} aliases on; reusing one value that often is how an \"alias bomb\" starts, so it is refused",
                b.alias_anchor_ratio_multiplier, b.alias_anchor_min_aliases
            )
        }
        _ => return message,
    };
    format!("too large to read: {what}")
}

/// serde-saphyr's messages may carry a location suffix and a snippet; we print the location
/// ourselves in `file:line:col` form, so keep only the first line of the message.
fn first_line_of(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    // "… at line 3, column 5" is repeated by our own prefix.
    match line.find(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

fn loc_of<T>(s: &Spanned<T>) -> Loc {
    Loc {
        line: s.referenced.line() as u32,
        col: s.referenced.column() as u32,
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
        Ok(Kind::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
        Ok(Kind::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Kind, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        Kind::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Kind>>()? {
            items.push(Node {
                loc: loc_of(&item),
                kind: item.value,
            });
        }
        Ok(Kind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Kind>>()? {
            let loc = loc_of(&key);
            let name = key_name(key.value).ok_or_else(|| de::Error::custom(KEY_NOT_SCALAR))?;
            let value = map.next_value::<Spanned<Kind>>()?;
            entries.push((
                Key { name, loc },
                Node {
                    loc: loc_of(&value),
                    kind: value.value,
                },
            ));
        }
        Ok(Kind::Map(entries))
    }
}

#[cfg(test)]
#[path = "yaml/differential.rs"]
mod differential;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_locations_of_keys_and_values() {
        let root = parse("a: 1\nb:\n  c: [x, y]\n").unwrap();
        let entries = root.as_map().unwrap();
        assert_eq!(entries[0].0.loc, Loc { line: 1, col: 1 });
        let b = root.get("b").unwrap();
        let c = b.get("c").unwrap();
        assert_eq!(c.loc.line, 3);
        match &c.kind {
            Kind::Seq(items) => assert_eq!(items[1].loc, Loc { line: 3, col: 10 }),
            other => panic!("expected a list, got {other:?}"),
        }
    }

    #[test]
    fn yaml_1_1_booleans_are_strings() {
        let root = parse("a: yes\nb: true\n").unwrap();
        assert_eq!(root.get("a").unwrap().kind, Kind::Str("yes".into()));
        assert_eq!(root.get("b").unwrap().kind, Kind::Bool(true));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.loc.is_known(), "{err:?}");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn breached_bounds_are_named_in_words() {
        let text = format!("x: {}1{}\n", "{a: ".repeat(40), "}".repeat(40));
        let err = parse(&text).unwrap_err();
        assert_eq!(
            err.message,
            "too large to read: collections nest more than 32 levels deep"
        );
        assert!(err.loc.is_known());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&text).is_err());
    }

    #[test]
    fn merge_replaces_scalars_and_merges_maps() {
        let mut base = parse("a: {x: 1, y: 2}\nb: [1]\n").unwrap();
        base.merge(&parse("a: {y: 3}\nb: [2, 3]\n").unwrap());
        assert_eq!(
            base.to_json(),
            serde_json::json!({"a": {"x": 1, "y": 3}, "b": [2, 3]})
        );
    }
}
