//! The credential chain after the environment's keys ([`crate::aws_config::chain`], shared with generated
//! clients), given the command line's HTTP (its ureq agent, proxies and TLS settings), SigV4 signer and terminal.

use std::io::{BufRead, IsTerminal, Write};
use std::time::{Duration, SystemTime};

use crate::aws_config::chain;
use crate::aws_config::error::Error;
use crate::aws_config::hooks::{Hooks, Reply};
use crate::failure::Failure;
use crate::profile::{Env, Profile};
use crate::send;
use crate::settings::Credentials;

/// The chain; `None` when no provider has credentials. The name is botocore's name of the provider that gave
/// them, for `--debug`.
pub(crate) fn chain(
    env: Env,
    profile: &Profile,
    region: Option<&str>,
    tls: &ureq::tls::TlsConfig,
) -> Result<Option<(Credentials, &'static str)>, Failure> {
    let hooks = CliHooks { env, tls };
    Ok(chain::chain(env, profile, region, &hooks)?)
}

struct CliHooks<'a> {
    env: Env<'a>,
    /// The command's (`--ca-bundle`, `--no-verify-ssl`), as botocore's credential clients share the session's.
    tls: &'a ureq::tls::TlsConfig,
}

impl Hooks for CliHooks<'_> {
    fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
        proxied: bool,
    ) -> Result<Reply, String> {
        let proxy = match proxied {
            true => send::proxy_for(request.uri(), self.env)?,
            false => None,
        };
        let agent = send::agent(Some(timeout), Some(timeout), proxy, self.tls.clone());
        let response = send::send(&agent, request).map_err(|e| e.message)?;
        Ok(Reply::from_response(&response))
    }

    fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        c: &Credentials,
        region: &str,
        service: &str,
    ) -> Result<(), String> {
        crate::sign::sign(
            request,
            &c.access_key,
            &c.secret_key,
            c.session_token.as_deref(),
            region,
            service,
            SystemTime::now(),
        )
    }

    /// Typed at the terminal as with the AWS CLI; without one there is no way to ask.
    fn mfa_code(&self, profile: &str, serial: &str) -> Result<String, Error> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return Err(Error::config(format!(
                "The profile \"{profile}\" has mfa_serial set: the MFA code must be typed at a terminal, and \
                 standard input is not one."
            )));
        }
        let mut stderr = std::io::stderr();
        let _ = write!(stderr, "Enter MFA code for {serial}: ");
        let _ = stderr.flush();
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::config(format!("Cannot read the MFA code: {e}")))?;
        Ok(line.trim().to_owned())
    }
}

#[cfg(test)]
#[path = "credentials_tests.rs"]
mod tests;
