//! The questionnaire on a real terminal: dialoguer's Input, Select and MultiSelect
//! behind the [`Prompter`] seam, drawn on standard error so standard output carries only the
//! recommendation.
//!
//! Ctrl-C: console raises SIGINT when it reads Ctrl-C in raw mode. We catch it (rather than
//! die with the cursor hidden by a Select) so the prompt returns an `Interrupted` error, the flow
//! stops, and the command exits 130 having written nothing.

use super::flow::{Ask, Choice, Prompter, Reply};
use dialoguer::console::{self, StyledObject, Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, MultiSelect, Select};
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
        self.term
            .write_line(&self.styled(format!("  {}", ask.help), StyledObject::dim))
    }

    /// `text` in `paint`'s style when colour is on.
    fn styled(
        &self,
        text: String,
        paint: fn(StyledObject<String>) -> StyledObject<String>,
    ) -> String {
        if self.color {
            paint(style(text)).to_string()
        } else {
            text
        }
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

/// The last two items of every list that offers moves: help, then back.
const HELP_ITEM: &str = "? Help on this question";
const BACK_ITEM: &str = "← Back to the previous question";

/// Labels of a list, with the move items when the question offers them.
fn items<'a>(ask: &Ask, options: &'a [Choice]) -> Vec<&'a str> {
    let mut labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
    if ask.nav {
        labels.extend([HELP_ITEM, BACK_ITEM]);
    }
    labels
}

impl Prompter for Terminal {
    fn text(&mut self, ask: &Ask, default: Option<&str>) -> io::Result<Reply<String>> {
        self.help(ask)?;
        // Not reported by dialoguer: the flow says when an answer is accepted (`accepted`), so a
        // rejected one is never shown with the success mark before its ✘.
        let mut input = Input::<String>::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .allow_empty(true)
            .report(false);
        if let Some(d) = default.filter(|d| !d.is_empty()) {
            input = input.default(d.to_string());
        }
        let r = input.interact_text_on(&self.term);
        let text = self.done(r)?;
        Ok(if ask.nav {
            Reply::typed(text)
        } else {
            Reply::Answer(text)
        })
    }

    fn yes_no(&mut self, ask: &Ask, default: bool) -> io::Result<Reply<bool>> {
        // Typed rather than a single key (dialoguer's Confirm), so that `?` and `back` work here
        // as at every other question.
        let prompt = format!("{} (y/n)", ask.prompt);
        let typed = Ask {
            prompt: &prompt,
            ..*ask
        };
        loop {
            let default = if default { "yes" } else { "no" };
            match self.text(&typed, Some(default))? {
                Reply::Answer(a) => match a.trim().to_ascii_lowercase().as_str() {
                    "y" | "yes" => return Ok(Reply::Answer(true)),
                    "n" | "no" => return Ok(Reply::Answer(false)),
                    other => self.problem(&format!(
                        "`{other}` is not yes or no; answer y or n (? explains the question, back returns to the previous one)"
                    )),
                },
                Reply::Back => return Ok(Reply::Back),
                Reply::Help => return Ok(Reply::Help),
            }
        }
    }

    fn select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        default: usize,
    ) -> io::Result<Reply<usize>> {
        self.help(ask)?;
        let r = Select::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .items(items(ask, options))
            .default(default)
            .report(false)
            .interact_on(&self.term);
        let i = self.done(r)?;
        Ok(match i.checked_sub(options.len()) {
            None => Reply::Answer(i),
            Some(0) => Reply::Help,
            Some(_) => Reply::Back,
        })
    }

    fn multi_select(
        &mut self,
        ask: &Ask,
        options: &[Choice],
        checked: &[bool],
    ) -> io::Result<Reply<Vec<usize>>> {
        self.help(ask)?;
        let mut defaults = checked.to_vec();
        if ask.nav {
            defaults.extend([false, false]);
        }
        let r = MultiSelect::with_theme(&*self.theme)
            .with_prompt(ask.prompt)
            .items(items(ask, options))
            .defaults(&defaults)
            .report(false)
            .interact_on(&self.term);
        let picked = self.done(r)?;
        // A ticked move wins over the ticked options: back first, then help.
        Ok(if picked.contains(&(options.len() + 1)) {
            Reply::Back
        } else if picked.contains(&options.len()) {
            Reply::Help
        } else {
            Reply::Answer(picked)
        })
    }

    fn section(&mut self, title: &str) {
        let title = self.styled(title.to_string(), StyledObject::bold);
        let _ = self.term.write_line(&format!("\n{title}"));
    }

    fn accepted(&mut self, ask: &Ask, answer: &str) {
        let mut line = String::new();
        let _ = self
            .theme
            .format_input_prompt_selection(&mut line, ask.prompt, answer);
        let _ = self.term.write_line(&line);
    }

    fn problem(&mut self, message: &str) {
        let line = self.styled(format!("  ✘ {message}"), StyledObject::red);
        let _ = self.term.write_line(&line);
    }

    fn note(&mut self, text: &str) {
        for line in text.lines() {
            let line = self.styled(format!("  {line}"), StyledObject::cyan);
            let _ = self.term.write_line(&line);
        }
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
