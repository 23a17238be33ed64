//! Any bytes as YAML, read both ways: the event reader `yaml::parse` uses first must, wherever it
//! reads a text at all, give the same tree and locations as serde-saphyr's deserializer (which
//! reads whatever the event reader leaves). A difference is a crash; so is any panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    assert!(
        msgadvisor::yaml::event_reader_agrees(text),
        "the event reader and serde-saphyr disagree on {text:?}"
    );
});
