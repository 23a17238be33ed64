//! The built-in rules, parsed once at build time: `build.rs` reads every YAML file under
//! `rules/` with [`crate::yaml::parse`] and writes the located trees in this compact encoding,
//! which the binary decodes at start-up instead of parsing ~90 KB of YAML on every run.
//!
//! This file is also compiled into `build.rs` (through `#[path]`), so the encoder and the
//! decoder cannot drift apart. It uses nothing but `crate::yaml`.
//!
//! Encoding (all integers LEB128 varints unless noted):
//! `files` then, per file, `name` (string) and its root node. A node is `line`, `col`, a tag
//! byte and its payload: null; bool (one byte); int (zig-zag varint); float (8 bytes, IEEE 754
//! bits, little-endian); string (length, UTF-8 bytes); list (count, nodes); mapping (count, then
//! per entry the key's name, line and col and the value node).

#![allow(dead_code)] // build.rs uses only the encoder, the library only the decoder

use crate::yaml::{Key, Kind, Loc, Node};

const NULL: u8 = 0;
const BOOL: u8 = 1;
const INT: u8 = 2;
const FLOAT: u8 = 3;
const STR: u8 = 4;
const SEQ: u8 = 5;
const MAP: u8 = 6;

/// Encodes `(file name, root)` pairs.
pub fn encode(files: &[(String, Node)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_uint(&mut out, files.len() as u64);
    for (name, root) in files {
        put_str(&mut out, name);
        put_node(&mut out, root);
    }
    out
}

/// Decodes what [`encode`] wrote. The input is the binary's own data, so a malformed one is
/// a build bug: it is reported as `None`, never a panic.
pub fn decode(bytes: &[u8]) -> Option<Vec<(String, Node)>> {
    let mut r = Reader { bytes, pos: 0 };
    let n = r.uint()? as usize;
    let mut files = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        let name = r.string()?;
        let root = r.node(0)?;
        files.push((name, root));
    }
    (r.pos == bytes.len()).then_some(files)
}

fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_loc(out: &mut Vec<u8>, loc: Loc) {
    put_uint(out, u64::from(loc.line));
    put_uint(out, u64::from(loc.col));
}

fn put_node(out: &mut Vec<u8>, node: &Node) {
    put_loc(out, node.loc);
    match &node.kind {
        Kind::Null => out.push(NULL),
        Kind::Bool(b) => {
            out.push(BOOL);
            out.push(u8::from(*b));
        }
        Kind::Int(i) => {
            out.push(INT);
            put_uint(out, ((*i << 1) ^ (*i >> 63)) as u64);
        }
        Kind::Float(f) => {
            out.push(FLOAT);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Kind::Str(s) => {
            out.push(STR);
            put_str(out, s);
        }
        Kind::Seq(items) => {
            out.push(SEQ);
            put_uint(out, items.len() as u64);
            for item in items {
                put_node(out, item);
            }
        }
        Kind::Map(entries) => {
            out.push(MAP);
            put_uint(out, entries.len() as u64);
            for (k, v) in entries {
                put_str(out, &k.name);
                put_loc(out, k.loc);
                put_node(out, v);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Deeper than any YAML file the parser accepts (its own limit is 32).
const MAX_DEPTH: usize = 64;

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.uint()?).ok()
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.uint()?).ok()?;
        let s = self.take(n)?;
        std::str::from_utf8(s).ok().map(str::to_owned)
    }

    fn loc(&mut self) -> Option<Loc> {
        Some(Loc {
            line: self.u32()?,
            col: self.u32()?,
        })
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let loc = self.loc()?;
        let kind = match self.byte()? {
            NULL => Kind::Null,
            BOOL => Kind::Bool(self.byte()? != 0),
            INT => {
                let z = self.uint()?;
                Kind::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            FLOAT => {
                let b: [u8; 8] = self.take(8)?.try_into().ok()?;
                Kind::Float(f64::from_bits(u64::from_le_bytes(b)))
            }
            STR => Kind::Str(self.string()?),
            SEQ => {
                let n = usize::try_from(self.uint()?).ok()?;
                // Every node takes at least three bytes: never reserve more than could follow.
                let mut items = Vec::with_capacity(n.min(self.bytes.len() - self.pos));
                for _ in 0..n {
                    items.push(self.node(depth + 1)?);
                }
                Kind::Seq(items)
            }
            MAP => {
                let n = usize::try_from(self.uint()?).ok()?;
                let mut entries = Vec::with_capacity(n.min(self.bytes.len() - self.pos));
                for _ in 0..n {
                    let name = self.string()?;
                    let kloc = self.loc()?;
                    let value = self.node(depth + 1)?;
                    entries.push((Key { name, loc: kloc }, value));
                }
                Kind::Map(entries)
            }
            _ => return None,
        };
        Some(Node { loc, kind })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;

    #[test]
    fn round_trips_every_kind_with_locations() {
        let root = parse(
            "a: ~\nb: true\nc: -42\nd: 2.5e-3\ne: \"x\\ny\"\nf: [1, {g: h}]\n9: big\nneg: -9223372036854775808\n",
        )
        .unwrap();
        let files = vec![("rules/x.yaml".to_string(), root)];
        let bytes = encode(&files);
        assert_eq!(decode(&bytes), Some(files));
    }

    #[test]
    fn truncated_or_trailing_bytes_are_refused() {
        let files = vec![("f".to_string(), parse("a: [1, 2]\n").unwrap())];
        let bytes = encode(&files);
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }
}
