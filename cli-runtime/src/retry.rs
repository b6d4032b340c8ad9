//! Retry settings as the command line finds them, handed to the generated client, whose standard retry policy
//! (throttling codes, transient statuses, backoff with full jitter, the retry quota) is the only one.
//!
//! The retry mode (AWS_RETRY_MODE, else the profile's `retry_mode`: `legacy`, `standard` (the default) or
//! `adaptive`) sets the default number of attempts, 5 for legacy and 3 otherwise, as botocore's; AWS_MAX_ATTEMPTS,
//! else the profile's `max_attempts`, overrides it.

use crate::aws_config::settings::Retries;
use crate::failure::Failure;
use crate::profile::Profile;

/// The mode and attempts in all, from the environment, else the profile, else the mode's default
/// ([`crate::aws_config::settings::retries`]); a bad mode or number is a configuration error, exit 253.
pub(crate) fn settings(
    env: &dyn Fn(&str) -> Option<String>,
    profile: &Profile,
) -> Result<Retries, Failure> {
    Ok(crate::aws_config::settings::retries(env, profile)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::env_of;

    fn profile(pairs: &[(&str, &str)]) -> Profile {
        Profile {
            config: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), crate::profile::Value::Text(v.to_string())))
                .collect(),
            ..Profile::default()
        }
    }

    #[test]
    fn max_attempts_from_the_environment_then_the_profile() {
        let none = Profile::default();
        let attempts = |pairs: &'static [(&'static str, &'static str)], p: &Profile| {
            settings(&env_of(pairs), p)
                .map(|r| r.max_attempts)
                .map_err(|f| (f.code(), f.message().to_owned()))
        };
        assert_eq!(attempts(&[], &none), Ok(3));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "1")], &none), Ok(1));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", " 7 ")], &none), Ok(7));
        let p = profile(&[("max_attempts", "4"), ("retry_mode", "legacy")]);
        assert_eq!(attempts(&[], &p), Ok(4));
        assert_eq!(attempts(&[("AWS_MAX_ATTEMPTS", "2")], &p), Ok(2));
        assert_eq!(attempts(&[], &profile(&[("retry_mode", "legacy")])), Ok(5));
        assert_eq!(attempts(&[("AWS_RETRY_MODE", "adaptive")], &p), Ok(4));
        assert_eq!(
            attempts(&[("AWS_MAX_ATTEMPTS", "0")], &none),
            Err((
                253,
                "Value provided to \"max_attempts\": 0 must be an integer greater than or equal to 1.".into()
            ))
        );
        assert_eq!(
            attempts(&[], &profile(&[("max_attempts", "many")]))
                .unwrap_err()
                .0,
            253
        );
        assert_eq!(
            attempts(&[("AWS_RETRY_MODE", "fast")], &none),
            Err((
                253,
                "Invalid value provided to \"mode\": \"fast\" must be one of: legacy, standard, adaptive".into()
            ))
        );
    }
}
