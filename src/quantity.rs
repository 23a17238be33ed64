//! Numbers as people type them, units included (in `ask`'s answers; the profile's errors name
//! the number to write for one): `2KB`, `1.5 MiB`, `512 B` for sizes,
//! `20/s`, `1.2k/s`, `3000/min` for rates, `2s` for milliseconds, `2 weeks` for days, `$1.5k`
//! for money, `3x` for a factor. Each question's unit (`Kind::Number::unit`) says which units it
//! takes; the answer is converted to that unit, and the conversion is shown with the answer.
//!
//! Sizes follow SI and IEC: `KB` is 1,000 bytes and `KiB` is 1,024, as the profile's
//! `message_bytes` counts bytes, not kibibytes.

/// A number in a question's `unit`, from text with an optional unit: the value, and how it was
/// read when a unit converted it ("2KB = 2,000 bytes"). The error says what was not understood
/// and what to write.
pub fn parse(text: &str, unit: &str, integer: bool) -> Result<(f64, Option<String>), String> {
    let t = text.trim();
    // Money may start with `$`, a factor with `×` or `x`.
    let body = t
        .strip_prefix('$')
        .filter(|_| unit.starts_with("USD"))
        .or_else(|| {
            t.strip_prefix('×')
                .or_else(|| t.strip_prefix('x'))
                .filter(|_| unit == "×")
        })
        .unwrap_or(t)
        .trim_start();
    let (number, suffix) = body.split_at(number_len(body));
    let suffix = suffix.trim();
    let n = parse_number(number.trim(), integer).map_err(|_| not_understood(text, unit))?;
    if suffix.is_empty() {
        return Ok((n, None));
    }
    let Some(factor) = factor(unit, suffix) else {
        return Err(not_understood(text, unit));
    };
    let value = tidy(n * factor);
    if integer && value.fract() != 0.0 {
        return Err(format!(
            "`{text}` is {} {unit}; a whole number is needed",
            crate::fields::fmt_num(value)
        ));
    }
    let plain = unit != "×" && factor != 1.0;
    Ok((value, plain.then(|| format!("{} {unit}", shown(value)))))
}

/// Examples of what a question in `unit` takes, for its help; `None` for plain counts.
pub fn examples(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "bytes" => "512 B, 2KB (2,000 bytes), 1.5 MiB (1,572,864 bytes)",
        "messages/s" => "20/s, 1.2k/s (1,200 a second), 3000/min (50 a second), 0.5/h",
        "ms" => "250ms, 2s, 1.5min",
        "days" => "7, 36h, 2 weeks",
        "USD/hour" | "USD/month" => "$120, 1.5k (1,500)",
        "×" => "2x, ×1.5",
        _ => return None,
    })
}

/// The factor from `suffix` to `unit`, or `None` when the suffix is not a unit of it.
fn factor(unit: &str, suffix: &str) -> Option<f64> {
    let s = suffix.to_ascii_lowercase();
    let s = s.trim();
    match unit {
        "bytes" => Some(match s {
            "b" | "byte" | "bytes" => 1.0,
            "kb" => 1e3,
            "mb" => 1e6,
            "gb" => 1e9,
            "kib" => 1024.0,
            "mib" => 1024.0 * 1024.0,
            "gib" => 1024.0 * 1024.0 * 1024.0,
            _ => return None,
        }),
        "messages/s" => rate(suffix),
        "ms" => Some(match s {
            "ms" | "millisecond" | "milliseconds" => 1.0,
            "s" | "sec" | "second" | "seconds" => 1e3,
            "min" | "minute" | "minutes" => 60e3,
            "h" | "hour" | "hours" => 3600e3,
            _ => return None,
        }),
        "days" => Some(match s {
            "d" | "day" | "days" => 1.0,
            "h" | "hour" | "hours" => 1.0 / 24.0,
            "w" | "week" | "weeks" => 7.0,
            _ => return None,
        }),
        "USD/hour" | "USD/month" => Some(match s {
            "usd" | "$" => 1.0,
            "k" => 1e3,
            "k usd" | "kusd" => 1e3,
            _ => return None,
        }),
        "×" => matches!(s, "x" | "×").then_some(1.0),
        _ => None,
    }
}

/// A rate suffix: an optional multiplier (`k` thousand, `M` million), optional words for
/// messages, then `/s`, `/min`, `/h`, `/day` (or `per second`, …). A multiplier alone is per
/// second.
fn rate(suffix: &str) -> Option<f64> {
    let (mult, rest) = match suffix.chars().next() {
        Some('k' | 'K') => (1e3, &suffix[1..]),
        // Capital M only: a lower-case m reads as minutes or milli.
        Some('M') => (1e6, &suffix[1..]),
        _ => (1.0, suffix),
    };
    let rest = rest.trim().to_ascii_lowercase();
    let mut rest = rest.as_str();
    for word in ["messages", "message", "msgs", "msg", "events", "jobs"] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start();
            break;
        }
    }
    let per = rest
        .strip_prefix('/')
        .or_else(|| rest.strip_prefix("per "))
        .or_else(|| rest.strip_prefix("a "))
        .map(str::trim);
    let seconds = match per {
        None if rest.is_empty() && mult != 1.0 => 1.0,
        None => return None,
        Some(p) => match p {
            "s" | "sec" | "second" => 1.0,
            "m" | "min" | "minute" => 60.0,
            "h" | "hr" | "hour" => 3600.0,
            "d" | "day" => 86_400.0,
            _ => return None,
        },
    };
    Some(mult / seconds)
}

/// A converted value for people: thousands separated when whole, else six significant digits.
fn shown(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        crate::units::thousands(v)
    } else {
        let six: f64 = format!("{v:.5e}").parse().unwrap_or(v);
        crate::fields::fmt_num(six)
    }
}

/// Rounds away the binary noise of a conversion (1.2 × 1000), to 12 significant digits.
fn tidy(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// The length of the number at the start of `s`: digits, `.`, `,`, `_`, and an exponent.
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' | b'.' | b'_' => i += 1,
            // A comma between digits (thousands); a comma before a space ends the number.
            b',' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            b'e' | b'E'
                if i > 0
                    && b[i - 1].is_ascii_digit()
                    && (b.get(i + 1).is_some_and(u8::is_ascii_digit)
                        || (matches!(b.get(i + 1), Some(b'-' | b'+'))
                            && b.get(i + 2).is_some_and(u8::is_ascii_digit))) =>
            {
                i += 2
            }
            _ => break,
        }
    }
    i
}

fn not_understood(text: &str, unit: &str) -> String {
    match examples(unit) {
        Some(ex) => format!(
            "`{text}` is not a number of {unit}; answer with digits and, if you like, a unit, e.g. {ex}"
        ),
        None => format!("`{text}` is not a number; answer with digits, e.g. 3"),
    }
}

/// Reads a number as people type it: `400`, `0.5`, `1e3`, `2_000` or `2,000` (thousands).
pub fn parse_number(text: &str, integer: bool) -> Result<f64, String> {
    let plain = text.replace('_', "");
    let plain = if is_thousands(&plain) {
        plain.replace(',', "")
    } else {
        plain
    };
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(n),
        _ => Err(format!(
            "`{text}` is not a number; answer with digits, e.g. {}",
            if integer { "3" } else { "400 or 0.5" }
        )),
    }
}

/// `1,000` or `12,345,678.5`: commas only between groups of three digits, so `1,5` (a decimal
/// comma) is not silently read as fifteen.
fn is_thousands(s: &str) -> bool {
    let int = s.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int.trim_start_matches('-').split(',').collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, unit: &str, integer: bool) -> f64 {
        parse(text, unit, integer)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .0
    }

    #[test]
    fn sizes_follow_si_and_iec() {
        assert_eq!(value("2KB", "bytes", true), 2000.0);
        assert_eq!(value("2 kb", "bytes", true), 2000.0);
        assert_eq!(value("1.5 MiB", "bytes", true), 1_572_864.0);
        assert_eq!(value("512 B", "bytes", true), 512.0);
        assert_eq!(value("1 GiB", "bytes", true), 1_073_741_824.0);
        assert_eq!(value("4096", "bytes", true), 4096.0);
        assert_eq!(
            parse("2KB", "bytes", true).unwrap().1.as_deref(),
            Some("2,000 bytes")
        );
        assert_eq!(parse("512 B", "bytes", true).unwrap().1, None);
        let e = parse("1.3 KiB", "bytes", true).unwrap_err();
        assert!(e.contains("1331.2 bytes; a whole number"), "{e}");
        let e = parse("2 parsecs", "bytes", true).unwrap_err();
        assert!(e.contains("`2 parsecs` is not a number of bytes"), "{e}");
        assert!(e.contains("1.5 MiB"), "{e}");
    }

    #[test]
    fn rates_take_a_multiplier_and_a_period() {
        assert_eq!(value("20/s", "messages/s", false), 20.0);
        assert_eq!(value("1.2k/s", "messages/s", false), 1200.0);
        assert_eq!(value("1.2k", "messages/s", false), 1200.0);
        assert_eq!(value("3000/min", "messages/s", false), 50.0);
        assert!((value("2M/day", "messages/s", false) - 2e6 / 86_400.0).abs() < 1e-9);
        assert_eq!(value("36 msg/h", "messages/s", false), 0.01);
        assert_eq!(value("60 per minute", "messages/s", false), 1.0);
        assert_eq!(value("1e3", "messages/s", false), 1000.0);
        assert_eq!(
            parse("3000/min", "messages/s", false).unwrap().1.as_deref(),
            Some("50 messages/s")
        );
        assert!(parse("5m", "messages/s", false).is_err(), "m is ambiguous");
        assert!(parse("5/fortnight", "messages/s", false).is_err());
    }

    #[test]
    fn other_units() {
        assert_eq!(value("2s", "ms", false), 2000.0);
        assert_eq!(value("250 ms", "ms", false), 250.0);
        assert_eq!(value("2 weeks", "days", false), 14.0);
        assert_eq!(value("36h", "days", false), 1.5);
        assert_eq!(value("$1.5k", "USD/month", false), 1500.0);
        assert_eq!(value("$120", "USD/hour", false), 120.0);
        assert_eq!(value("3x", "×", false), 3.0);
        assert_eq!(value("×1.5", "×", false), 1.5);
        assert!(parse("3 engineers", "engineers", true).is_err());
        assert_eq!(value("3", "engineers", true), 3.0);
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number("2,000", true), Ok(2000.0));
        assert_eq!(parse_number("1_000.5", false), Ok(1000.5));
        assert_eq!(parse_number("0.02", false), Ok(0.02));
        assert_eq!(value("2,000", "messages/s", false), 2000.0);
        assert!(
            parse_number("1,5", false).is_err(),
            "a decimal comma is not fifteen"
        );
        assert!(parse("1,5", "messages/s", false).is_err());
        assert!(
            parse_number("many", false)
                .unwrap_err()
                .contains("`many` is not a number")
        );
        assert!(parse_number("inf", false).is_err());
        assert!(
            parse("lots", "messages/s", false)
                .unwrap_err()
                .contains("`lots` is not a number")
        );
    }
}
