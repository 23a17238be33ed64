//! The number formatting every report uses: the fast path of `thousands` gives the same digits
//! as Rust's exact formatter for any number, so a speed-up can never change a printed figure.

use msgadvisor::render::thousands;
use proptest::prelude::*;

fn via_formatter(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

proptest! {
    #[test]
    fn thousands_matches_the_exact_formatter(v in any::<f64>()) {
        prop_assert_eq!(thousands(v), via_formatter(v));
    }

    #[test]
    fn thousands_matches_near_halves_and_the_2_pow_53_edge(
        whole in 0u64..(1u64 << 54),
        frac in prop_oneof![Just(0.5), Just(0.25), Just(0.75), Just(0.0), 0.0f64..1.0],
    ) {
        let v = whole as f64 + frac;
        prop_assert_eq!(thousands(v), via_formatter(v));
        prop_assert_eq!(thousands(-v), via_formatter(-v));
    }
}
