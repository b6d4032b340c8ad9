//! A CA bundle (`AWS_CA_BUNDLE`, else the profile's `ca_bundle`): a PEM file whose certificates are then the
//! trusted roots, in place of the built-in ones, as botocore's `verify=<path>` makes them.

use ureq::tls::{parse_pem, Certificate, PemItem};

use super::error::Error;
use super::profile::{Env, Profile};

/// The configured bundle's path, if any; an empty variable counts as unset.
pub fn configured(env: Env, profile: &Profile) -> Option<String> {
    env("AWS_CA_BUNDLE")
        .filter(|v| !v.trim().is_empty())
        .or_else(|| profile.get("ca_bundle").map(str::to_owned))
        .map(|path| path.trim().to_owned())
}

/// The certificates of a PEM bundle; an unreadable file, a malformed one, or one without a certificate is a
/// configuration error naming the path.
pub fn load(path: &str) -> Result<Vec<Certificate<'static>>, Error> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::config(format!(
            "Could not find a suitable TLS CA certificate bundle, invalid path: {path} ({e})"
        ))
    })?;
    let mut certificates = Vec::new();
    for item in parse_pem(&bytes) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(e) => {
                return Err(Error::config(format!(
                    "The TLS CA certificate bundle {path} could not be read: {e}"
                )))
            }
        }
    }
    if certificates.is_empty() {
        return Err(Error::config(format!(
            "The TLS CA certificate bundle {path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        )));
    }
    Ok(certificates)
}
