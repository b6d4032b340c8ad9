//! Settings of the command line itself, from options, then the environment, then the profile:
//! `--cli-binary-format` / `cli_binary_format`, `--color`, `--cli-auto-prompt` / AWS_CLI_AUTO_PROMPT /
//! `cli_auto_prompt`.

use crate::args::{BinaryFormat, Color, Globals};
use crate::failure::Failure;
use crate::profile::Profile;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// `--cli-binary-format`, else the profile's `cli_binary_format`, else base64 (AWS CLI v2's default).
pub(crate) fn binary_format(globals: &Globals, profile: &Profile) -> Result<BinaryFormat, Failure> {
    if let Some(format) = globals.binary_format {
        return Ok(format);
    }
    match profile.get("cli_binary_format").map(str::trim) {
        None => Ok(BinaryFormat::default()),
        Some(name) => BinaryFormat::parse(name).ok_or_else(|| {
            Failure::Config(format!(
                "Invalid cli_binary_format '{name}', valid choices are: {}",
                BinaryFormat::NAMES.join(", ")
            ))
        }),
    }
}

/// Whether to colour: `--color on`, never with `off`, and with `auto` (the default) only when standard output
/// is a terminal.
pub(crate) fn use_color(globals: &Globals, stdout_is_terminal: bool) -> bool {
    match globals.color.unwrap_or(Color::Auto) {
        Color::On => true,
        Color::Off => false,
        Color::Auto => stdout_is_terminal,
    }
}

/// Whether to prompt for missing parameters: `--cli-auto-prompt` / `--no-cli-auto-prompt`, else
/// AWS_CLI_AUTO_PROMPT, else the profile's `cli_auto_prompt` (`on`, `on-partial` or `off`), else off.
/// `on` and `on-partial` prompt alike here: only what is missing is asked for.
pub(crate) fn auto_prompt(globals: &Globals, env: Env, profile: &Profile) -> Result<bool, Failure> {
    if let Some(prompt) = globals.auto_prompt {
        return Ok(prompt);
    }
    let found = env("AWS_CLI_AUTO_PROMPT")
        .filter(|v| !v.trim().is_empty())
        .map(|v| ("AWS_CLI_AUTO_PROMPT", v))
        .or_else(|| {
            profile
                .get("cli_auto_prompt")
                .map(|v| ("cli_auto_prompt", v.to_owned()))
        });
    match found {
        None => Ok(false),
        Some((source, value)) => match value.trim() {
            "on" | "on-partial" => Ok(true),
            "off" => Ok(false),
            _ => Err(Failure::Config(format!(
                "Invalid {source} '{value}', valid choices are: on, on-partial, off"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Value;
    use crate::test_fixtures::env_of;

    fn profile(pairs: &[(&str, &str)]) -> Profile {
        Profile {
            config: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
                .collect(),
            ..Profile::default()
        }
    }

    #[test]
    fn binary_format_from_the_option_then_the_profile() {
        let none = Globals::default();
        assert_eq!(
            binary_format(&none, &Profile::default()),
            Ok(BinaryFormat::Base64)
        );
        let raw = profile(&[("cli_binary_format", "raw-in-base64-out")]);
        assert_eq!(binary_format(&none, &raw), Ok(BinaryFormat::RawInBase64Out));
        let given = Globals {
            binary_format: Some(BinaryFormat::Base64),
            ..Globals::default()
        };
        assert_eq!(binary_format(&given, &raw), Ok(BinaryFormat::Base64));
        let bad = binary_format(&none, &profile(&[("cli_binary_format", "hex")])).unwrap_err();
        assert_eq!(bad.code(), 253);
        assert_eq!(
            bad.message(),
            "Invalid cli_binary_format 'hex', valid choices are: base64, raw-in-base64-out"
        );
    }

    #[test]
    fn color_auto_only_on_a_terminal() {
        let with = |color| Globals {
            color,
            ..Globals::default()
        };
        assert!(use_color(&with(None), true));
        assert!(!use_color(&with(None), false));
        assert!(use_color(&with(Some(Color::On)), false));
        assert!(!use_color(&with(Some(Color::Off)), true));
        assert!(!use_color(&with(Some(Color::Auto)), false));
    }

    #[test]
    fn auto_prompt_from_option_environment_profile() {
        let none = Globals::default();
        let p = profile(&[("cli_auto_prompt", "on-partial")]);
        assert_eq!(
            auto_prompt(&none, &env_of(&[]), &Profile::default()),
            Ok(false)
        );
        assert_eq!(auto_prompt(&none, &env_of(&[]), &p), Ok(true));
        assert_eq!(
            auto_prompt(&none, &env_of(&[("AWS_CLI_AUTO_PROMPT", "off")]), &p),
            Ok(false)
        );
        let off = Globals {
            auto_prompt: Some(false),
            ..Globals::default()
        };
        assert_eq!(
            auto_prompt(&off, &env_of(&[("AWS_CLI_AUTO_PROMPT", "on")]), &p),
            Ok(false)
        );
        let bad = auto_prompt(&none, &env_of(&[("AWS_CLI_AUTO_PROMPT", "yes")]), &p).unwrap_err();
        assert_eq!(
            (bad.code(), bad.message()),
            (
                253,
                "Invalid AWS_CLI_AUTO_PROMPT 'yes', valid choices are: on, on-partial, off"
            )
        );
    }
}
