//! The questionnaire on a real terminal: dialoguer's Input, Confirm, Select and MultiSelect
//! behind the [`Prompter`] seam, drawn on standard error so standard output carries only the
//! recommendation.
//!
//! Ctrl-C: console raises SIGINT when it reads Ctrl-C in raw mode. We catch it (rather than
//! die with the cursor hidden by a Select) so the prompt returns an `Interrupted` error, the flow
//! stops, and the command exits 130 having written nothing.

use super::flow::{Ask, Choice, Prompter};
use dialoguer::console::{self, Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Input, MultiSelect, Select};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the Ctrl-C handler; checked before each prompt, for a Ctrl-C between prompts.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Whether both ends a questionnaire needs are terminals: standard input (answers) and standard
/// error (where the questions are drawn).
pub fn available() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// The dialoguer prompter.
pub struct Terminal {
    term: Term,
    theme: Box<dyn Theme>,
    color: bool,
}

impl Terminal {
    /// `color`: style the prompts (off with `NO_COLOR`). Installs the Ctrl-C handler.
    pub fn new(color: bool) -> Self {
        // A second handler (a second `ask` in one process) is refused; the first one stays.
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            let _ = Term::stderr().show_cursor();
        });
        console::set_colors_enabled_stderr(color);
        let theme: Box<dyn Theme> = if color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        Terminal {
            term: Term::stderr(),
            theme,
            color,
        }
    }

    fn help(&self, ask: &Ask) -> io::Result<()> {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(io::ErrorKind::Interrupted.into());
        }
        let help = format!("  {}", ask.help);
        let help = if self.color {
            style(help).dim().to_string()
        } else {
            help
        };
        self.term.write_line(&help)
    }

    /// dialoguer's error as io::Error, with the cursor shown again (a Select hides it and
    /// returns early on error).
    fn done<T>(&self, r: dialoguer::Result<T>) -> io::Result<T> {
        r.map_err(|dialoguer::Error::IO(e)| {
            let _ = self.term.show_cursor();
            if INTERRUPTED.load(Ordering::SeqCst) {
                // The cursor is still on the prompt's line; the message goes below it.
                let _ = self.term.write_line("");
                io::ErrorKind::Interrupted.into()
            } else {
                e
            }
        })
    }
}

impl Prompter for Terminal {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<String> {
        self.help(ask)?;
        let mut input = Input::<String>::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .allow_empty(true);
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            input = input.default(d.to_string());
        }
        let r = input.interact_text_on(&self.term);
        self.done(r)
    }

    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<bool> {
        self.help(ask)?;
        let r = Confirm::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .default(default)
            .interact_on(&self.term);
        self.done(r)
    }

    fn select(&mut self, ask: &Ask, options: &[Choice], default: usize) -> io::Result<usize> {
        self.help(ask)?;
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        let r = Select::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .items(&labels)
            .default(default)
            .interact_on(&self.term);
        self.done(r)
    }

    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Vec<usize>> {
        self.help(ask)?;
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        let r = MultiSelect::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .items(&labels)
            .defaults(checked)
            .interact_on(&self.term);
        self.done(r)
    }

    fn section(&mut self, title: &str) {
        let title = if self.color {
            style(title).bold().to_string()
        } else {
            title.to_string()
        };
        let _ = self.term.write_line(&format!("\n{title}"));
    }

    fn problem(&mut self, message: &str) {
        let line = format!("  ✘ {message}");
        let line = if self.color {
            style(line).red().to_string()
        } else {
            line
        };
        let _ = self.term.write_line(&line);
    }

    fn show(&mut self, text: &str) {
        let _ = self.term.write_line("");
        let mut out = io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    fn is_interactive(&self) -> bool {
        true
    }
}
