//! The endpoint settings as the AWS CLI (botocore) finds them: a configured endpoint URL, FIPS, dual-stack and
//! account-ID settings from options, the environment and the profile. The endpoint itself is then chosen by the
//! model's endpoint rules, with these as their built-ins.

use crate::args::Globals;
use crate::endpoint::EndpointSettings;
use crate::failure::Failure;
use crate::profile::{Profile, Value};

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The settings, with where each one that is set came from (for `--debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    pub settings: EndpointSettings,
    /// `(setting, where it came from)`, in the order the settings are listed.
    pub sources: Vec<(&'static str, String)>,
}

/// A variable's value, with an empty one counted as unset.
fn var(env: Env, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// `AWS_ENDPOINT_URL_<SERVICE>`: the sdkId upper-cased, spaces and dashes as `_` (`AWS_ENDPOINT_URL_SOCIALMESSAGING`).
pub(crate) fn service_variable(sdk_id: &str) -> String {
    format!("AWS_ENDPOINT_URL_{}", snake_id(sdk_id).to_uppercase())
}

/// The key of the service's sub-section in a `[services name]` section: the sdkId lower-cased, spaces and dashes
/// as `_` (`socialmessaging`, `elastic_beanstalk`).
pub(crate) fn services_key(sdk_id: &str) -> String {
    snake_id(sdk_id).to_lowercase()
}

fn snake_id(sdk_id: &str) -> String {
    sdk_id.trim().replace([' ', '-'], "_")
}

/// The settings in botocore's order. A configured endpoint URL: `--endpoint-url`; unless
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the profile's `ignore_configured_endpoint_urls`) is true:
/// `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the service's `endpoint_url` in the profile's `services`
/// section, the profile's `endpoint_url`. FIPS and dual-stack: the variable, else the profile's key, else false.
pub(crate) fn endpoint_settings(
    sdk_id: &str,
    globals: &Globals,
    region: Option<&str>,
    env: Env,
    profile: &Profile,
) -> Result<Chosen, Failure> {
    let mut sources = Vec::new();
    let endpoint_url = match configured_url(sdk_id, globals, env, profile)? {
        Some((url, source)) => {
            sources.push(("endpoint_url", source));
            Some(url)
        }
        None => None,
    };
    let mut flag = |setting: &'static str, variable: &str, key: &str| -> Result<bool, Failure> {
        Ok(match boolean(variable, key, env, profile)? {
            Some((value, source)) => {
                sources.push((setting, source));
                value
            }
            None => false,
        })
    };
    let use_fips = flag("use_fips", "AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?;
    let use_dual_stack = flag(
        "use_dual_stack",
        "AWS_USE_DUALSTACK_ENDPOINT",
        "use_dualstack_endpoint",
    )?;
    let mode = account_id_endpoint_mode(env, profile)?;
    // As botocore: with the mode `disabled` the account ID is not given to the rules at all.
    let account_id = match mode.as_deref() {
        Some("disabled") => None,
        _ => var(env, "AWS_ACCOUNT_ID")
            .map(|id| (id, "AWS_ACCOUNT_ID".to_owned()))
            .or_else(|| {
                profile
                    .get("aws_account_id")
                    .map(|id| (id.to_owned(), in_profile(profile, "aws_account_id")))
            }),
    };
    let account_id = account_id.map(|(id, source)| {
        sources.push(("account_id", source));
        id.trim().to_owned()
    });
    Ok(Chosen {
        settings: EndpointSettings {
            region: region.map(str::to_owned),
            use_fips,
            use_dual_stack,
            endpoint_url,
            account_id,
            account_id_endpoint_mode: mode,
        },
        sources,
    })
}

fn in_profile(profile: &Profile, key: &str) -> String {
    format!("{key} in profile {}", profile.name)
}

/// The configured endpoint URL and where it came from; `None` when the rules choose.
fn configured_url(
    sdk_id: &str,
    globals: &Globals,
    env: Env,
    profile: &Profile,
) -> Result<Option<(String, String)>, Failure> {
    if let Some(url) = &globals.endpoint_url {
        return check_endpoint(url, "--endpoint-url")
            .map(|url| Some((url, "--endpoint-url".to_owned())))
            .map_err(Failure::Usage);
    }
    let ignore = boolean(
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
        "ignore_configured_endpoint_urls",
        env,
        profile,
    )?;
    if ignore.is_some_and(|(ignore, _)| ignore) {
        return Ok(None);
    }
    let service_variable = service_variable(sdk_id);
    let found = match var(env, &service_variable) {
        Some(url) => Some((url, service_variable)),
        None => match var(env, "AWS_ENDPOINT_URL") {
            Some(url) => Some((url, "AWS_ENDPOINT_URL".to_owned())),
            None => match services_url(sdk_id, profile)? {
                Some(found) => Some(found),
                None => profile
                    .get("endpoint_url")
                    .map(|url| (url.to_owned(), in_profile(profile, "endpoint_url"))),
            },
        },
    };
    match found {
        Some((url, source)) => check_endpoint(&url, &source)
            .map(|url| Some((url, source)))
            .map_err(Failure::Config),
        None => Ok(None),
    }
}

/// The service's `endpoint_url` in the `[services name]` section that the profile's `services = name` names.
fn services_url(sdk_id: &str, profile: &Profile) -> Result<Option<(String, String)>, Failure> {
    let Some(name) = profile.get("services") else {
        return Ok(None);
    };
    let name = name.trim();
    let Some(section) = profile.files.config_section(&["services", name]) else {
        return Err(Failure::Config(format!(
            "The profile is configured to use the services section but the \"{name}\" services configuration does not exist."
        )));
    };
    let key = services_key(sdk_id);
    Ok(match section.get(&key) {
        Some(Value::Nested(keys)) => {
            keys.get("endpoint_url")
                .filter(|url| !url.is_empty())
                .map(|url| {
                    (
                        url.clone(),
                        format!("{key}.endpoint_url in [services {name}]"),
                    )
                })
        }
        _ => None,
    })
}

/// A true/false setting: the variable, else the profile's key; `None` when neither is set. As the AWS SDKs
/// document it, only `true` and `false` (any case) are valid; anything else is an error, not a silent `false`.
fn boolean(
    variable: &str,
    key: &str,
    env: Env,
    profile: &Profile,
) -> Result<Option<(bool, String)>, Failure> {
    let (value, name, source) = match var(env, variable) {
        Some(value) => (value, variable, variable.to_owned()),
        None => match profile.get(key) {
            Some(value) => (value.to_owned(), key, in_profile(profile, key)),
            None => return Ok(None),
        },
    };
    match value.trim().to_ascii_lowercase().as_str() {
        "true" => Ok(Some((true, source))),
        "false" => Ok(Some((false, source))),
        _ => Err(invalid(&value, name, &["true", "false"])),
    }
}

/// `AWS_ACCOUNT_ID_ENDPOINT_MODE`, else the profile's `account_id_endpoint_mode`: `preferred`, `disabled` or
/// `required`.
fn account_id_endpoint_mode(env: Env, profile: &Profile) -> Result<Option<String>, Failure> {
    const MODES: [&str; 3] = ["preferred", "disabled", "required"];
    let found = var(env, "AWS_ACCOUNT_ID_ENDPOINT_MODE")
        .map(|v| (v, "AWS_ACCOUNT_ID_ENDPOINT_MODE"))
        .or_else(|| {
            profile
                .get("account_id_endpoint_mode")
                .map(|v| (v.to_owned(), "account_id_endpoint_mode"))
        });
    match found {
        None => Ok(None),
        Some((value, name)) => {
            let mode = value.trim().to_ascii_lowercase();
            match MODES.contains(&mode.as_str()) {
                true => Ok(Some(mode)),
                false => Err(invalid(&value, name, &MODES)),
            }
        }
    }
}

/// botocore's InvalidConfigError wording, exit 253.
fn invalid(value: &str, name: &str, valid: &[&str]) -> Failure {
    Failure::Config(format!(
        "The configured value \"{}\" for \"{name}\" is invalid. Valid values are: {}.",
        value.trim(),
        valid.join(", ")
    ))
}

/// An endpoint URL: http or https, a host, no query; without a trailing `/`. `source` names it in the error.
pub(crate) fn check_endpoint(url: &str, source: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let uri = trimmed.parse::<http::Uri>().ok();
    let scheme_ok = uri.as_ref().is_some_and(|u| {
        matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty())
    });
    if scheme_ok && uri.as_ref().is_some_and(|u| u.query().is_none()) {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "Bad value for {source} \"{url}\": it must be of the form http://<hostname>/ or https://<hostname>/"
        ))
    }
}

#[cfg(test)]
#[path = "endpoint_config_tests.rs"]
mod tests;
