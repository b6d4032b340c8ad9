//! The endpoint settings as the AWS CLI (botocore) finds them: a configured endpoint URL, FIPS, dual-stack and
//! account-ID settings from options, the environment and the profile. The endpoint itself is then chosen by the
//! model's endpoint rules, with these as their built-ins.

use crate::args::Globals;
use crate::endpoint::EndpointSettings;
use crate::failure::Failure;
use crate::profile::Profile;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The settings, with where each one that is set came from (for `--debug`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    pub settings: EndpointSettings,
    /// `(setting, where it came from)`, in the order the settings are listed.
    pub sources: Vec<(&'static str, String)>,
}

use crate::aws_config::settings::{self as shared, boolean, check_endpoint};
#[cfg(test)]
use crate::aws_config::settings::{service_variable, services_key};
#[cfg(test)]
use crate::profile::Value;

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
    let mode = shared::account_id_endpoint_mode(env, profile)?;
    let account_id = shared::account_id(env, profile, mode.as_deref()).map(|(id, source)| {
        sources.push(("account_id", source));
        id
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

/// The configured endpoint URL and where it came from: `--endpoint-url`, else as
/// [`shared::configured_url`] finds it; `None` when the rules choose.
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
    Ok(shared::configured_url(sdk_id, env, profile)?)
}

#[cfg(test)]
#[path = "endpoint_config_tests.rs"]
mod tests;
