use clap::Parser;
use msgadvisor::output::{Written, write_out};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// mimalloc instead of the system's allocator: evaluating a profile builds and drops thousands of
/// small values (the values conditions see, the interpreter's, the ranking's words), and glibc's
/// malloc and free were a third of the instructions of `check` and of `recommend` (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut cli = match msgadvisor::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout and are checked like any output; usage errors go to
        // stderr, where a failure has nowhere left to be reported.
        Err(e) if !e.use_stderr() => {
            let styled = e.render();
            let text = if color {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            return finish(write_out(&mut std::io::stdout(), text.as_bytes()), 0);
        }
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(msgadvisor::EXIT_INPUT);
        }
    };
    // Tables fit COLUMNS, else the terminal when there is one (comfy-table asks it only when
    // standard output is a terminal), unless --width says otherwise; else the library's 80.
    if let Some(columns) = msgadvisor::cli::env_columns(std::env::var_os("COLUMNS"))
        .or_else(|| comfy_table::Table::new().width())
    {
        cli.terminal_width(columns);
    }
    // `check` writes its report here as it goes (checked as `write_out` checks, see
    // `output::Streamed`); the rest of the outcome is written below.
    let result = msgadvisor::run_to(cli, color, &mut std::io::stdout().lock());
    match result {
        Ok(out) => {
            let written = write_out(&mut std::io::stdout(), out.stdout.as_bytes());
            let stderr = msgadvisor::untrusted::lines(&out.stderr);
            let _ = std::io::stderr().write_all(stderr.as_bytes());
            finish(written, out.code)
        }
        Err(err) => {
            // Every error that reaches here is about the input or the rules the user gave (exit
            // 2). Errors echo input (file names, values): no line of them may forge a log line.
            let text = err.to_string();
            let _ = writeln!(
                std::io::stderr(),
                "error: {}",
                msgadvisor::untrusted::lines(&text)
            );
            ExitCode::from(msgadvisor::EXIT_INPUT)
        }
    }
}

/// The exit code once stdout is written: the command's own, unless the output was lost.
fn finish(written: Written, code: u8) -> ExitCode {
    match written {
        Written::All | Written::ReaderGone => ExitCode::from(code),
        Written::Failed(e) => {
            let e = msgadvisor::output::write_failed(e);
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(msgadvisor::EXIT_INPUT)
        }
    }
}
