//! HTTPS trust: `--ca-bundle` / AWS_CA_BUNDLE / the profile's `ca_bundle` (a PEM file whose certificates are
//! then the trusted roots, in place of the built-in ones, as botocore's `verify=<path>` does), and
//! `--no-verify-ssl` (no certificate verification at all, with urllib3's warning).

use std::io::Write;

use ureq::tls::{RootCerts, TlsConfig};

use crate::aws_config::ca_bundle;

use crate::args::Globals;
use crate::failure::Failure;
use crate::profile::Profile;

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The TLS settings for the command's agent.
pub(crate) fn config(globals: &Globals, env: Env, profile: &Profile) -> Result<TlsConfig, Failure> {
    let builder = TlsConfig::builder();
    if globals.no_verify_ssl {
        // Nothing is verified, so a bundle would change nothing (and is not read, as botocore does not).
        return Ok(builder.disable_verification(true).build());
    }
    let bundle = globals
        .ca_bundle
        .clone()
        .map(|path| path.trim().to_owned())
        .or_else(|| ca_bundle::configured(env, profile));
    match bundle {
        None => Ok(builder.build()),
        Some(path) => {
            let roots = ca_bundle::load(&path).map_err(Failure::from)?;
            Ok(builder
                .root_certs(RootCerts::new_with_certs(&roots))
                .build())
        }
    }
}

/// urllib3's InsecureRequestWarning, which the AWS CLI prints for an unverified HTTPS request.
pub(crate) fn warn_unverified(stderr: &mut dyn Write, url: &http::Uri) {
    if url.scheme_str() == Some("https") {
        let host = url.host().unwrap_or("");
        let _ = writeln!(
            stderr,
            "InsecureRequestWarning: Unverified HTTPS request is being made to host '{host}'. Adding certificate \
             verification is strongly advised. See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str, text: &str) -> String {
        let dir = std::env::temp_dir().join(format!("smithy-cli-tls-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }

    #[test]
    fn bad_bundles_name_their_path() {
        let missing = ca_bundle::load("/nonexistent/ca.pem").unwrap_err().message;
        assert!(
            missing.starts_with(
                "Could not find a suitable TLS CA certificate bundle, invalid path: /nonexistent/ca.pem"
            ),
            "{missing}"
        );
        let empty = temp("empty.pem", "not a certificate\n");
        assert!(ca_bundle::load(&empty)
            .unwrap_err()
            .message
            .contains(&empty));
        let broken = temp(
            "broken.pem",
            "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n",
        );
        assert!(ca_bundle::load(&broken)
            .unwrap_err()
            .message
            .contains(&broken));
    }

    #[test]
    fn the_bundle_comes_from_the_option_then_the_environment_then_the_profile() {
        let env = |name: &str| (name == "AWS_CA_BUNDLE").then(|| "/nonexistent/env.pem".to_owned());
        let globals = Globals::default();
        let err = config(&globals, &env, &Profile::default()).unwrap_err();
        assert_eq!(err.code(), 253);
        assert!(err.message().contains("/nonexistent/env.pem"));
        let given = Globals {
            ca_bundle: Some("/nonexistent/option.pem".into()),
            ..Globals::default()
        };
        assert!(config(&given, &env, &Profile::default())
            .unwrap_err()
            .message()
            .contains("/nonexistent/option.pem"));
        let unverified = Globals {
            no_verify_ssl: true,
            ..given
        };
        assert!(config(&unverified, &env, &Profile::default())
            .unwrap()
            .disable_verification());
    }

    #[test]
    fn the_warning_is_for_https_only() {
        let mut out = Vec::new();
        warn_unverified(&mut out, &"http://127.0.0.1:1/".parse().unwrap());
        assert!(out.is_empty());
        warn_unverified(&mut out, &"https://x.example/".parse().unwrap());
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with(
            "InsecureRequestWarning: Unverified HTTPS request is being made to host 'x.example'."
        ));
    }
}
