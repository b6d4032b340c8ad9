//! The settings the AWS CLI (botocore) reads from the environment and the selected profile, each the variable
//! first, then the profile's key: region, static keys, retries and the endpoint settings. Options of the command
//! line come before all of these; its code checks them first.

use super::error::Error;
use super::profile::{text, Env, Profile, Value};
use std::collections::HashMap;

/// An access key, its secret and, for temporary credentials, the session token.
pub struct Credentials {
    pub access_key: String,
    pub secret_key: String,
    pub session_token: Option<String>,
    /// When temporary credentials expire, as their provider said.
    pub expiry: Option<std::time::SystemTime>,
}

/// A variable's value, with an empty one counted as unset.
pub fn var(env: Env, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

fn in_profile(profile: &Profile, key: &str) -> String {
    format!("{key} in profile {}", profile.name)
}

/// AWS_REGION, else AWS_DEFAULT_REGION, else the profile's `region`; `None` when none is set.
pub fn region(env: Env, profile: &Profile) -> Result<Option<String>, Error> {
    let found = var(env, "AWS_REGION")
        .or_else(|| var(env, "AWS_DEFAULT_REGION"))
        .or_else(|| profile.get("region").map(str::to_owned));
    match found {
        Some(region) => check_region(&region).map(Some).map_err(Error::config),
        None => Ok(None),
    }
}

/// A region goes into a host name, so it may hold only letters, digits and `-`.
pub fn check_region(region: &str) -> Result<String, String> {
    let region = region.trim();
    if !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        Ok(region.to_owned())
    } else {
        Err(format!(
            "Provided region_name '{region}' doesn't match a supported format."
        ))
    }
}

/// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. As botocore: one of the pair alone is an
/// error, not a reason to look further.
pub fn env_keys(env: Env) -> Result<Option<Credentials>, Error> {
    match (
        var(env, "AWS_ACCESS_KEY_ID"),
        var(env, "AWS_SECRET_ACCESS_KEY"),
    ) {
        (Some(access_key), Some(secret_key)) => Ok(Some(Credentials {
            access_key,
            secret_key,
            session_token: var(env, "AWS_SESSION_TOKEN"),
            expiry: None,
        })),
        (Some(_), None) => Err(partial("env", "AWS_SECRET_ACCESS_KEY")),
        (None, Some(_)) => Err(partial("env", "AWS_ACCESS_KEY_ID")),
        (None, None) => Ok(None),
    }
}

/// The profile's own credentials: the credentials file's static keys, its `credential_process`, the config
/// file's static keys. With the provider's name.
pub fn profile_keys(profile: &Profile) -> Result<Option<(Credentials, &'static str)>, Error> {
    if let Some(found) = static_keys(&profile.credentials, "shared-credentials-file")? {
        return Ok(Some((found, "shared-credentials-file")));
    }
    if let Some(command) = profile.get("credential_process") {
        let found = super::credential_process::run(command, &profile.name)?;
        return Ok(Some((found, "custom-process")));
    }
    Ok(static_keys(&profile.config, "config-file")?.map(|found| (found, "config-file")))
}

/// A file's `aws_access_key_id` and `aws_secret_access_key`, with the optional `aws_session_token`.
fn static_keys(keys: &HashMap<String, Value>, source: &str) -> Result<Option<Credentials>, Error> {
    let (access_key, secret_key) = (
        text(keys, "aws_access_key_id"),
        text(keys, "aws_secret_access_key"),
    );
    match (access_key, secret_key) {
        (Some(access_key), Some(secret_key)) => Ok(Some(Credentials {
            access_key: access_key.to_owned(),
            secret_key: secret_key.to_owned(),
            session_token: text(keys, "aws_session_token").map(str::to_owned),
            expiry: None,
        })),
        (Some(_), None) => Err(partial(source, "aws_secret_access_key")),
        (None, Some(_)) => Err(partial(source, "aws_access_key_id")),
        (None, None) => Ok(None),
    }
}

/// botocore's PartialCredentialsError.
fn partial(source: &str, missing: &str) -> Error {
    Error::config(format!(
        "Partial credentials found in {source}, missing: {missing}"
    ))
}

/// The key id and token go into headers; the message names the field, never its value.
pub fn checked(found: Credentials) -> Result<Credentials, Error> {
    let Credentials {
        access_key,
        secret_key,
        session_token,
        expiry,
    } = found;
    for (name, value) in [
        ("The access key id", Some(&access_key)),
        ("The session token", session_token.as_ref()),
    ] {
        if value.is_some_and(|v| !v.trim().chars().all(|c| c.is_ascii_graphic())) {
            return Err(Error::config(format!(
                "{name} holds characters that cannot be sent in an HTTP header"
            )));
        }
    }
    Ok(Credentials {
        access_key: access_key.trim().to_owned(),
        secret_key: secret_key.trim().to_owned(),
        session_token: session_token.map(|t| t.trim().to_owned()),
        expiry,
    })
}

/// The retry mode and the attempts in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retries {
    /// `legacy`, `standard` (the default) or `adaptive`.
    pub mode: &'static str,
    pub max_attempts: u32,
}

/// AWS_RETRY_MODE, else the profile's `retry_mode`, sets the default number of attempts, 5 for legacy and 3
/// otherwise, as botocore's; AWS_MAX_ATTEMPTS, else the profile's `max_attempts`, overrides it. botocore's
/// messages for a bad mode or number.
pub fn retries(env: Env, profile: &Profile) -> Result<Retries, Error> {
    const MODES: &[&str] = &["legacy", "standard", "adaptive"];
    let setting = |variable: &str, key: &str| {
        var(env, variable).or_else(|| profile.get(key).map(str::to_owned))
    };
    let mode = match setting("AWS_RETRY_MODE", "retry_mode") {
        None => "standard",
        Some(mode) => match MODES.iter().find(|m| **m == mode.trim()) {
            Some(known) => known,
            None => {
                return Err(Error::config(format!(
                    "Invalid value provided to \"mode\": \"{mode}\" must be one of: {}",
                    MODES.join(", ")
                )))
            }
        },
    };
    let default = if mode == "legacy" { 5 } else { 3 };
    let max_attempts = match setting("AWS_MAX_ATTEMPTS", "max_attempts") {
        None => default,
        Some(text) => match text.trim().parse::<u32>() {
            Ok(n) if n >= 1 => n,
            _ => {
                return Err(Error::config(format!(
                "Value provided to \"max_attempts\": {text} must be an integer greater than or equal to 1."
            )))
            }
        },
    };
    Ok(Retries { mode, max_attempts })
}

/// The request compression settings (`@requestCompression`) as the AWS SDKs read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestCompression {
    /// AWS_DISABLE_REQUEST_COMPRESSION, else the profile's `disable_request_compression`; default false.
    pub disabled: bool,
    /// AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES, else the profile's `request_min_compression_size_bytes`;
    /// default 10240.
    pub min_size_bytes: u32,
}

/// The SDKs' default minimum compression size (10 KiB).
pub const DEFAULT_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_240;
/// The largest minimum compression size the SDKs accept (10 MiB).
pub const MAX_MIN_COMPRESSION_SIZE_BYTES: u32 = 10_485_760;

/// The request compression settings; a value that is not a boolean, or a size that is not an integer from 0 to
/// 10485760, is an error naming the setting.
pub fn request_compression(env: Env, profile: &Profile) -> Result<RequestCompression, Error> {
    let disabled = boolean(
        "AWS_DISABLE_REQUEST_COMPRESSION",
        "disable_request_compression",
        env,
        profile,
    )?
    .is_some_and(|(on, _)| on);
    let found = var(env, "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES")
        .map(|v| (v, "AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES".to_owned()))
        .or_else(|| {
            profile.get("request_min_compression_size_bytes").map(|v| {
                (
                    v.to_owned(),
                    in_profile(profile, "request_min_compression_size_bytes"),
                )
            })
        });
    let min_size_bytes = match found {
        None => DEFAULT_MIN_COMPRESSION_SIZE_BYTES,
        Some((text, source)) => {
            check_min_compression_size(&text, &source).map_err(Error::config)?
        }
    };
    Ok(RequestCompression {
        disabled,
        min_size_bytes,
    })
}

/// The checksum settings (`@httpChecksum`) as the AWS SDKs read them: `true` is
/// `when_supported` (the default), `false` is `when_required`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checksums {
    /// AWS_REQUEST_CHECKSUM_CALCULATION, else the profile's `request_checksum_calculation`.
    pub request_when_supported: bool,
    /// AWS_RESPONSE_CHECKSUM_VALIDATION, else the profile's `response_checksum_validation`.
    pub response_when_supported: bool,
}

/// The checksum settings; a value other than `when_supported` or `when_required` (in any case)
/// is an error naming the setting.
pub fn checksums(env: Env, profile: &Profile) -> Result<Checksums, Error> {
    let read = |variable: &str, key: &str| -> Result<bool, Error> {
        let found = var(env, variable)
            .map(|v| (v, variable.to_owned()))
            .or_else(|| {
                profile
                    .get(key)
                    .map(|v| (v.to_owned(), in_profile(profile, key)))
            });
        match found {
            None => Ok(true),
            Some((text, source)) => check_checksum_setting(&text, &source).map_err(Error::config),
        }
    };
    Ok(Checksums {
        request_when_supported: read(
            "AWS_REQUEST_CHECKSUM_CALCULATION",
            "request_checksum_calculation",
        )?,
        response_when_supported: read(
            "AWS_RESPONSE_CHECKSUM_VALIDATION",
            "response_checksum_validation",
        )?,
    })
}

/// A checksum setting: `true` for `when_supported`, `false` for `when_required`. `source`
/// names it in the error.
pub fn check_checksum_setting(text: &str, source: &str) -> Result<bool, String> {
    let value = text.trim();
    if value.eq_ignore_ascii_case("when_supported") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("when_required") {
        Ok(false)
    } else {
        Err(format!(
            "Invalid value \"{value}\" for {source}: it must be when_supported or when_required"
        ))
    }
}

/// A minimum compression size: an integer from 0 to 10485760. `source` names it in the error.
pub fn check_min_compression_size(text: &str, source: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n <= MAX_MIN_COMPRESSION_SIZE_BYTES => Ok(n),
        _ => Err(format!(
            "Invalid value \"{}\" for {source}: it must be an integer from 0 to {MAX_MIN_COMPRESSION_SIZE_BYTES}",
            text.trim()
        )),
    }
}

/// `AWS_ENDPOINT_URL_<SERVICE>`: the sdkId upper-cased, spaces and dashes as `_` (`AWS_ENDPOINT_URL_SOCIALMESSAGING`).
pub fn service_variable(sdk_id: &str) -> String {
    format!("AWS_ENDPOINT_URL_{}", snake_id(sdk_id).to_uppercase())
}

/// The key of the service's sub-section in a `[services name]` section: the sdkId lower-cased, spaces and dashes
/// as `_` (`socialmessaging`, `elastic_beanstalk`).
pub fn services_key(sdk_id: &str) -> String {
    snake_id(sdk_id).to_lowercase()
}

fn snake_id(sdk_id: &str) -> String {
    sdk_id.trim().replace([' ', '-'], "_")
}

/// The configured endpoint URL and where it came from, as botocore finds it after `--endpoint-url`; `None` when
/// the rules choose. Unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (else the profile's
/// `ignore_configured_endpoint_urls`) is true: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, the service's
/// `endpoint_url` in the profile's `services` section, the profile's `endpoint_url`.
pub fn configured_url(
    sdk_id: &str,
    env: Env,
    profile: &Profile,
) -> Result<Option<(String, String)>, Error> {
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
            .map_err(Error::config),
        None => Ok(None),
    }
}

/// The service's `endpoint_url` in the `[services name]` section that the profile's `services = name` names.
fn services_url(sdk_id: &str, profile: &Profile) -> Result<Option<(String, String)>, Error> {
    let Some(name) = profile.get("services") else {
        return Ok(None);
    };
    let name = name.trim();
    let Some(section) = profile.files.config_section(&["services", name]) else {
        return Err(Error::config(format!(
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
pub fn boolean(
    variable: &str,
    key: &str,
    env: Env,
    profile: &Profile,
) -> Result<Option<(bool, String)>, Error> {
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
pub fn account_id_endpoint_mode(env: Env, profile: &Profile) -> Result<Option<String>, Error> {
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

/// The account ID for the endpoint rules and where it came from: AWS_ACCOUNT_ID, else the profile's
/// `aws_account_id`; as botocore, none with the mode `disabled`.
pub fn account_id(env: Env, profile: &Profile, mode: Option<&str>) -> Option<(String, String)> {
    match mode {
        Some("disabled") => None,
        _ => var(env, "AWS_ACCOUNT_ID")
            .map(|id| (id, "AWS_ACCOUNT_ID".to_owned()))
            .or_else(|| {
                profile
                    .get("aws_account_id")
                    .map(|id| (id.to_owned(), in_profile(profile, "aws_account_id")))
            }),
    }
    .map(|(id, source)| (id.trim().to_owned(), source))
}

/// botocore's InvalidConfigError wording.
fn invalid(value: &str, name: &str, valid: &[&str]) -> Error {
    Error::config(format!(
        "The configured value \"{}\" for \"{name}\" is invalid. Valid values are: {}.",
        value.trim(),
        valid.join(", ")
    ))
}

/// An endpoint URL: http or https, a host, no query; without a trailing `/`. `source` names it in the error.
pub fn check_endpoint(url: &str, source: &str) -> Result<String, String> {
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
