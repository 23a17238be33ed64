//! Any bytes as YAML through `yaml::parse`, the one reader every profile, rule and pack goes
//! through: never a panic, and an error's position is inside the text (a located message a user
//! can follow).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = msgadvisor::yaml::parse(text) {
        let lines = text.lines().count() as u32 + 1;
        assert!(
            e.loc.line <= lines,
            "error at line {} of a {lines}-line text: {}",
            e.loc.line,
            e.message
        );
    }
});
