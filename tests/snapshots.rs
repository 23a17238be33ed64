//! Golden output: every example profile in every format. The output is the product, so a change
//! to any of it shows up here for review.

mod common;

use common::run_in_process as run;

#[test]
fn recommend_every_example_in_every_format() {
    for name in common::example_names() {
        let path = format!("examples/{name}.yaml");
        // The one screen `recommend` prints by default, 80 columns as in a pipe or an unknown
        // terminal; `-txt` is the full table (`--detail`) at 100 columns, the layout it had
        // before the one-screen view, so a change to it reads as what it is.
        for (args, ext) in [
            (&["--width", "80"][..], "screen"),
            (&["--detail", "--width", "100"][..], "txt"),
            (&["--format", "markdown"][..], "md"),
            (&["--format", "json"][..], "json"),
            (&["--format", "yaml"][..], "yaml"),
        ] {
            let mut all = vec!["recommend", path.as_str()];
            all.extend_from_slice(args);
            let out = run(&all);
            insta::assert_snapshot!(format!("recommend-{name}-{ext}"), out);
        }
    }
}
