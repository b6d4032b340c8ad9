//! Credentials for signing: a value, and the trait that provides one per call.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use super::aws_config::{credential_process, profile::Profile, settings};

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

/// Credentials of the shared files' keys, the credential time in `Expiration` text when given.
pub(crate) fn from_keys(keys: settings::Credentials, expiration: Option<&str>) -> Credentials {
    let credentials = Credentials::new(keys.access_key, keys.secret_key, keys.session_token);
    match expiration.and_then(credential_process::expiration_time) {
        Some(expiry) => credentials.with_expiry(expiry),
        None => credentials,
    }
}

/// Temporary credentials are fetched again this long before they expire, as the SDKs do.
const REFRESH_BEFORE_EXPIRY: Duration = Duration::from_secs(300);

/// The profile's own credentials (the credentials file's keys, `credential_process`, the
/// config file's keys, in the AWS CLI's order): found on first use, kept until they expire.
pub(crate) struct ProfileProvider {
    profile: Profile,
    cached: Mutex<Option<Credentials>>,
}

impl ProfileProvider {
    /// `None` when the profile holds no credentials. Static keys are read now, so that a
    /// malformed pair fails [`super::Config::from_env`]; a process runs on first use. A
    /// profile configured for a provider the command line has and this client has not yet
    /// (assume role, web identity, SSO, which come before the profile's keys) gives a provider
    /// that says so on use, never the keys the command line would not use.
    pub(crate) fn for_profile(
        profile: Profile,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<Arc<dyn ProvideCredentials>>, super::ConfigError> {
        if let Some(provider) = not_yet_supported(&profile, env) {
            return Ok(Some(Arc::new(Unsupported {
                message: format!(
                    "profile {} is configured for {provider}, which this client does not support yet \
                     (the command line does)",
                    profile.name
                ),
            })));
        }
        let cached = match profile.get("credential_process") {
            Some(_) => None,
            None => match settings::profile_keys(&profile)? {
                Some((keys, _, expiration)) => Some(from_keys(
                    settings::checked(keys)?,
                    expiration.as_deref(),
                )),
                None => return Ok(None),
            },
        };
        Ok(Some(Arc::new(ProfileProvider {
            profile,
            cached: Mutex::new(cached),
        })))
    }

    fn fresh(credentials: &Credentials) -> bool {
        credentials.expiry().is_none_or(|expiry| {
            SystemTime::now()
                .checked_add(REFRESH_BEFORE_EXPIRY)
                .is_some_and(|soon| soon < expiry)
        })
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        // Held while fetching: concurrent calls wait for one process instead of running many.
        let mut cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(credentials) = cached.as_ref().filter(|c| Self::fresh(c)) {
            return Ok(credentials.clone());
        }
        let found = settings::profile_keys(&self.profile)
            .map_err(|e| CredentialsError::new(e.message))?
            .ok_or_else(|| {
                CredentialsError::new(format!("profile {} holds no credentials", self.profile.name))
            })?;
        let keys = settings::checked(found.0).map_err(|e| CredentialsError::new(e.message))?;
        let expiration = found.2;
        let credentials = from_keys(keys, expiration.as_deref());
        *cached = Some(credentials.clone());
        Ok(credentials)
    }

    fn may_block(&self) -> bool {
        let cached = self.cached.lock().unwrap_or_else(|e| e.into_inner());
        !cached.as_ref().is_some_and(Self::fresh)
    }
}

/// Only the profile's name: its values may be secrets.
impl fmt::Debug for ProfileProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileProvider")
            .field("profile", &self.profile.name)
            .finish_non_exhaustive()
    }
}

/// The provider of the AWS CLI's chain that comes before the profile's own keys and that
/// this client lacks, if the profile (or, without an explicit profile, the environment)
/// configures one.
fn not_yet_supported(
    profile: &Profile,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<&'static str> {
    let has = |key: &str| profile.get(key).is_some();
    let web_identity_var = !profile.explicit && settings::var(env, "AWS_WEB_IDENTITY_TOKEN_FILE").is_some();
    if has("role_arn") && !has("web_identity_token_file") {
        Some("assume role (role_arn)")
    } else if web_identity_var || has("web_identity_token_file") {
        Some("web identity (web_identity_token_file)")
    } else if ["sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "sso_region"]
        .into_iter()
        .any(has)
    {
        Some("IAM Identity Center (sso_*)")
    } else {
        None
    }
}

/// A configured provider this client cannot use: every call fails with why.
#[derive(Debug)]
struct Unsupported {
    message: String,
}

impl ProvideCredentials for Unsupported {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        Err(CredentialsError::new(self.message.clone()))
    }
}
