//! Credentials for signing: a value, and the trait that provides one per call.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::aws_config::error::Error as AwsConfigError;
use super::aws_config::hooks::{Hooks, Reply};
use super::aws_config::{chain, profile::Profile, settings};
use super::transport::{AttemptLimits, HttpTransport, UreqTransport};

/// An access key, its secret and, for temporary credentials, the session token.
/// `Debug` shows the key id only.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Long-term keys, or temporary ones with their session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// The same credentials, valid until `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// No credentials could be found or loaded. The message never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// Where a client gets credentials, asked once per call (a provider that fetches them
/// should cache them until they expire).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError>;

    /// True when [`provide_credentials`](Self::provide_credentials) may block (run a process,
    /// wait for a service) because it holds nothing valid: the async client then calls it on
    /// a thread of its own.
    fn may_block(&self) -> bool {
        false
    }
}

/// Fixed credentials are their own provider.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }
}

/// The variables the providers read, kept for their calls after [`super::Config::from_env`].
pub(crate) type Vars = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Credentials the shared providers found, with their expiry.
pub(crate) fn from_keys(keys: settings::Credentials) -> Credentials {
    let credentials = Credentials::new(keys.access_key, keys.secret_key, keys.session_token);
    match keys.expiry {
        Some(expiry) => credentials.with_expiry(expiry),
        None => credentials,
    }
}

/// Temporary credentials are fetched again this long before they expire, as the SDKs do.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// The AWS CLI's chain after the environment's keys, the same code (assume role, web
/// identity, SSO, the profile's keys, `credential_process`, container, instance metadata):
/// run on first use, its credentials kept until five minutes before they expire.
pub(crate) struct ChainProvider {
    profile: Profile,
    region: Option<String>,
    vars: Vars,
    cached: Mutex<Option<Credentials>>,
}

impl ChainProvider {
    pub(crate) fn new(profile: Profile, region: Option<String>, vars: Vars) -> ChainProvider {
        ChainProvider {
            profile,
            region,
            vars,
            cached: Mutex::new(None),
        }
    }

    fn fresh(credentials: &Credentials) -> bool {
        credentials.expiry().is_none_or(|expiry| {
            SystemTime::now()
                .checked_add(REFRESH_BEFORE_EXPIRY)
                .is_some_and(|soon| soon < expiry)
        })
    }
}

impl ProvideCredentials for ChainProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        // Held while fetching: concurrent calls wait for one fetch instead of running many.
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(credentials) = cached.as_ref().filter(|c| Self::fresh(c)) {
            return Ok(credentials.clone());
        }
        let env: &dyn Fn(&str) -> Option<String> = &*self.vars;
        let hooks = ClientHooks;
        let found = chain::chain(env, &self.profile, self.region.as_deref(), &hooks)
            .and_then(|found| found.map(|(keys, _)| settings::checked(keys)).transpose())
            .map_err(|e| CredentialsError::new(e.message))?
            .ok_or_else(|| {
                CredentialsError::new(
                    "Unable to locate credentials: set AWS_ACCESS_KEY_ID and \
                     AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure)",
                )
            })?;
        let credentials = from_keys(found);
        *cached = Some(credentials.clone());
        Ok(credentials)
    }

    fn may_block(&self) -> bool {
        let cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        !cached.as_ref().is_some_and(Self::fresh)
    }
}

/// Only the profile's name: its values may be secrets.
impl fmt::Debug for ChainProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChainProvider")
            .field("profile", &self.profile.name)
            .finish_non_exhaustive()
    }
}

/// The providers' HTTP exchanges on the default transport, SigV4 with this client's signer;
/// no terminal to ask an MFA code at.
struct ClientHooks;

impl Hooks for ClientHooks {
    fn exchange(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
        _proxied: bool,
    ) -> Result<Reply, String> {
        let limits = AttemptLimits {
            connect: Some(timeout),
            read: Some(timeout),
            total: Some(timeout),
        };
        let response = UreqTransport::new(&limits)
            .send(request, &limits)
            .map_err(|e| e.to_string())?;
        Ok(Reply::from_response(&response))
    }

    fn sign(
        &self,
        request: &mut http::Request<Vec<u8>>,
        keys: &settings::Credentials,
        region: &str,
        service: &str,
    ) -> Result<(), String> {
        let credentials = Credentials::new(
            keys.access_key.clone(),
            keys.secret_key.clone(),
            keys.session_token.clone(),
        );
        super::sign::sign(request, &credentials, region, service, SystemTime::now())
    }

    fn mfa_code(&self, profile: &str, _serial: &str) -> Result<String, AwsConfigError> {
        Err(AwsConfigError::config(format!(
            "The profile \"{profile}\" has mfa_serial set: this client has no terminal to ask \
             the MFA code at; give it credentials in code"
        )))
    }
}
