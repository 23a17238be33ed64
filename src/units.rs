//! Numbers for people: thousands separators, short decimals, byte units (binary, and decimal
//! where the sources give them that way), US dollars, a count with its noun.
//! Every layer that words a figure (guidance, cost lines, flip points, the renderers) says it
//! through these, so a figure reads the same wherever it appears.

/// A count and its noun: `1 profile`, `2 profiles`, `1200 profiles` (no separators: counts of
/// files and findings are read as numbers, not amounts).
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A whole number with thousands separators: 2400 → "2,400".
pub fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let a = v.abs();
    // Below 2^53 every whole number is exact, and rounding half to even is what `{:.0}` does:
    // the integer path gives the same digits without the exact-decimal formatter (a hot spot
    // when the cost estimate runs for every evaluation of the flip search).
    let digits = if a < 9_007_199_254_740_992.0 {
        (a.round_ties_even() as u64).to_string()
    } else {
        format!("{a:.0}")
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg { format!("-{out}") } else { out }
}

/// A number for prose: whole numbers with separators, others with up to two decimals.
pub fn num(v: f64) -> String {
    if v.fract() == 0.0 || v.abs() >= 100.0 {
        thousands(v)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Bytes in binary units: 1536 → "1.5 KiB".
pub fn bytes(v: f64) -> String {
    match scaled(v, 1024.0, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]) {
        (x, "B") => format!("{} B", thousands(x)),
        (x, unit) => format!("{x:.1} {unit}"),
    }
}

/// `v` divided by `base` until it is below it (or the units run out), and its unit.
fn scaled(v: f64, base: f64, units: [&'static str; 6]) -> (f64, &'static str) {
    let mut x = v;
    let mut u = 0;
    while x >= base && u < units.len() - 1 {
        x /= base;
        u += 1;
    }
    (x, units[u])
}

/// USD with cents and thousands separators: 1234.5 → "$1,234.50".
pub fn usd(v: f64) -> String {
    let cents = (v.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let frac = cents - whole * 100.0;
    let sign = if v < 0.0 && cents > 0.0 { "-" } else { "" };
    format!("{sign}${}.{:02}", thousands(whole), frac as u64)
}

/// A monthly total or a difference of totals, to the precision its inputs support: the prices
/// are [S] and [U] figures and the people cost rests on assumed hours, so two significant
/// figures (whole dollars below $100): 3994.56 → "$4,000", 64.16 → "$64", -1160.94 →
/// "-$1,200". Every format that shows a total (table, Markdown, decision record, diff) uses
/// this one function; JSON keeps the exact arithmetic, and each line's quantity × unit price
/// stays exact so the sum can be redone.
pub fn approx_usd(v: f64) -> String {
    let a = v.abs();
    let rounded = if a < 100.0 {
        a.round()
    } else {
        let step = 10f64.powi(a.log10().floor() as i32 - 1);
        (a / step).round() * step
    };
    let sign = if v < 0.0 && rounded > 0.0 { "-" } else { "" };
    format!("{sign}${}", thousands(rounded))
}

/// A unit price as written in the price table: $0.0015, $0.204, $200.
pub fn unit_price(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0');
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    format!("${whole}.{frac:0<2}")
}

/// Bytes in decimal units, for figures the sources give that way (100 MB/s, 5 TB, 90 GB):
/// 100000000 → "100 MB". Binary units would turn them into odd numbers (95.4 MiB).
pub fn si(v: f64) -> String {
    let (x, unit) = scaled(v, 1000.0, ["B", "kB", "MB", "GB", "TB", "PB"]);
    let n = if x >= 100.0 || x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.1}");
        s.trim_end_matches(".0").to_string()
    };
    format!("{n} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_units_read_as_the_sources_write_them() {
        assert_eq!(si(100_000_000.0), "100 MB");
        assert_eq!(si(5e12), "5 TB");
        assert_eq!(si(90e9), "90 GB");
        assert_eq!(si(1_200_000.0), "1.2 MB");
        assert_eq!(si(512.0), "512 B");
    }

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(thousands(2400.0), "2,400");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        // The fast path agrees with the formatter, ties to even included.
        for v in [
            0.5,
            1.5,
            2.5,
            1e15 + 0.5,
            123.4999,
            8.9e15,
            9.1e15,
            1e300,
            -0.4,
            -2.5,
        ] {
            let s = format!("{:.0}", f64::abs(v));
            let plain: String = thousands(v).chars().filter(|c| *c != ',').collect();
            let expected = if v < 0.0 { format!("-{s}") } else { s };
            assert_eq!(plain, expected, "{v}");
        }
        assert_eq!(num(0.25), "0.25");
        assert_eq!(num(7.0), "7");
        assert_eq!(bytes(1536.0), "1.5 KiB");
        assert_eq!(bytes(512.0), "512 B");
    }

    #[test]
    fn money_reads_well() {
        assert_eq!(usd(1234.5), "$1,234.50");
        assert_eq!(usd(0.0), "$0.00");
        assert_eq!(usd(446.76), "$446.76");
        assert_eq!(unit_price(0.0015), "$0.0015");
        assert_eq!(unit_price(200.0), "$200.00");
        assert_eq!(unit_price(0.1), "$0.10");
        assert_eq!(unit_price(0.204), "$0.204");
    }

    #[test]
    fn totals_keep_two_significant_figures() {
        assert_eq!(approx_usd(3994.56), "$4,000");
        assert_eq!(approx_usd(192_672.16), "$190,000");
        assert_eq!(approx_usd(64.16), "$64");
        assert_eq!(approx_usd(5.99), "$6");
        assert_eq!(approx_usd(0.0), "$0");
        assert_eq!(approx_usd(99.6), "$100");
        assert_eq!(approx_usd(995.0), "$1,000");
        assert_eq!(approx_usd(1_211.66), "$1,200");
        assert_eq!(approx_usd(-1_160.94), "-$1,200");
        assert_eq!(approx_usd(-0.2), "$0");
    }
}
