use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = msgadvisor::cli::Cli::parse();
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match msgadvisor::run_to(cli, color, &mut std::io::stdout().lock()) {
        Ok(out) => {
            let _ = std::io::stdout().write_all(out.stdout.as_bytes());
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().write_all(out.stderr.as_bytes());
            let code = ExitCode::from(out.code);
            // The process ends here: what the command built is not worth freeing (`Kept`).
            std::mem::forget(out);
            code
        }
        Err(err) => {
            eprintln!("error: {err}");
            msgadvisor::exit_code_for(&err)
        }
    }
}
