//! The client: configuration shared by every client of a program, credentials, retries,
//! transport and errors. Behind the `client` feature; the rest of the crate does no I/O.
//!
//! A [`Config`] is cheap to clone (one `Arc`): the clients of several services built from
//! one configuration share its credentials provider, retry quota and connection pool.

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub use self::asynchronous::{
    AsyncHttpTransport, AsyncSleep, BoxFuture, Client, ThreadSleep, ThreadTransport,
};
pub use self::credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use self::error::{SdkError, ServiceError};
pub use self::retry::{RetryConfig, RetryMode};
pub use self::transport::{AttemptLimits, HttpTransport, TransportError, TransportErrorKind};

/// Time limits. `None` waits forever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection (default 3.1 s, as the SDKs).
    pub connect: Option<Duration>,
    /// Each read of a response.
    pub read: Option<Duration>,
    /// A whole call, retries and their waits included.
    pub operation: Option<Duration>,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Some(Duration::from_millis(3100)),
            read: None,
            operation: None,
        }
    }
}

/// Settings every client of a program can share: region, credentials, endpoint URL, retries,
/// timeouts and the HTTP transport.
#[derive(Clone, Debug)]
pub struct Config {
    inner: Arc<Shared>,
}

struct Shared {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint_url: Option<String>,
    retry: RetryConfig,
    timeouts: Timeouts,
    /// The default transport's trusted roots in place of the built-in ones (a CA bundle).
    root_certificates: Option<Arc<[ureq::tls::Certificate<'static>]>>,
    transport: OnceLock<Arc<dyn HttpTransport>>,
    async_transport: OnceLock<Arc<dyn AsyncHttpTransport>>,
    sleep: Option<Arc<dyn AsyncSleep>>,
    quota: retry::RetryQuota,
    clock: clock::Clock,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field(
                "root_certificates",
                &self.root_certificates.as_ref().map(|roots| roots.len()),
            )
            .finish_non_exhaustive()
    }
}

impl Config {
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// From the environment and the shared `config` and `credentials` files, as the AWS CLI
    /// and this crate's command line find them (the same code): the profile `AWS_PROFILE`
    /// names (else `default`) from `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` (else
    /// `~/.aws/config` and `~/.aws/credentials`). Each setting is the variable, else the
    /// profile's key:
    /// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, `region`;
    /// - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, else
    ///   the AWS CLI's chain (assume role, web identity, SSO, the credentials file's keys,
    ///   `credential_process`, the config file's keys, container, instance metadata), run on
    ///   first use and its credentials kept until they expire;
    /// - endpoint URL: `AWS_ENDPOINT_URL_<SERVICE>` (the sdkId), `AWS_ENDPOINT_URL`, the
    ///   service's `endpoint_url` in the profile's `[services]` section, `endpoint_url`; none
    ///   with `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`;
    /// - `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, `AWS_USE_DUALSTACK_ENDPOINT` /
    ///   `use_dualstack_endpoint`, `AWS_MAX_ATTEMPTS` / `max_attempts`, `AWS_RETRY_MODE` /
    ///   `retry_mode`;
    /// - `AWS_CA_BUNDLE` / `ca_bundle`: a PEM file whose certificates the default transport
    ///   then trusts in place of the built-in roots (an unreadable or empty file is an error).
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_env_with(|name| std::env::var(name).ok())
    }

    /// [`Config::from_env`] with the variables (`HOME` too) from `var`, which the
    /// credential providers keep for their later calls.
    pub fn from_env_with(
        var: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Result<Config, ConfigError> {
        Config::load(None, Arc::new(var))
    }

    /// [`Config::from_env`] with this profile, which must exist; as the AWS CLI's
    /// `--profile`, its credentials then outrank the environment's keys.
    pub fn from_profile(name: &str) -> Result<Config, ConfigError> {
        Config::load(Some(name), Arc::new(|name: &str| std::env::var(name).ok()))
    }

    fn load(profile: Option<&str>, vars: credentials::Vars) -> Result<Config, ConfigError> {
        use self::aws_config::settings;
        let env: &dyn Fn(&str) -> Option<String> = &*vars;
        let profile = aws_config::profile::load(profile, env)?;
        let mut builder = Config::builder();
        if let Some(region) = settings::region(env, &profile)? {
            builder = builder.region(region);
        }
        let from_env = match profile.explicit {
            true => None,
            false => settings::env_keys(env)?,
        };
        let region = builder.region.clone();
        builder.credentials = Some(match from_env {
            Some(keys) => Arc::new(credentials::from_keys(settings::checked(keys)?)),
            None => Arc::new(credentials::ChainProvider::new(
                profile.clone(),
                region,
                Arc::clone(&vars),
            )),
        });
        if let Some((url, _)) = settings::configured_url(SERVICE.sdk_id, env, &profile)? {
            builder = builder.endpoint_url(url);
        }
        let flag = |variable: &str, key: &str| {
            settings::boolean(variable, key, env, &profile).map(|found| found.is_some_and(|(on, _)| on))
        };
        builder = builder
            .use_fips(flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?)
            .use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")?);
        let retries = settings::retries(env, &profile)?;
        let retry = RetryConfig {
            mode: match retries.mode {
                "legacy" => RetryMode::Legacy,
                "adaptive" => RetryMode::Adaptive,
                _ => RetryMode::Standard,
            },
            max_attempts: retries.max_attempts,
            ..RetryConfig::default()
        };
        if let Some(path) = aws_config::ca_bundle::configured(env, &profile) {
            builder.root_certificates = Some(aws_config::ca_bundle::load(&path)?.into());
        }
        Ok(builder.retry_config(retry).build())
    }

    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    pub fn endpoint_url(&self) -> Option<&str> {
        self.inner.endpoint_url.as_deref()
    }

    /// Use FIPS endpoints (`AWS::UseFIPS` of the endpoint rules).
    pub fn use_fips(&self) -> bool {
        self.inner.use_fips
    }

    /// Use dual-stack endpoints (`AWS::UseDualStack`).
    pub fn use_dual_stack(&self) -> bool {
        self.inner.use_dual_stack
    }

    pub fn retry_config(&self) -> &RetryConfig {
        &self.inner.retry
    }

    pub fn timeouts(&self) -> &Timeouts {
        &self.inner.timeouts
    }

    pub fn credentials_provider(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.inner.credentials.as_ref()
    }

    /// The configured transport, else the default one, made once and shared.
    pub fn transport(&self) -> &Arc<dyn HttpTransport> {
        self.inner.transport.get_or_init(|| {
            let limits = AttemptLimits {
                connect: self.inner.timeouts.connect,
                read: self.inner.timeouts.read,
                total: None,
            };
            Arc::new(transport::UreqTransport::with_roots(
                &limits,
                self.inner.root_certificates.as_deref(),
            ))
        })
    }

    /// The configured async transport, else the blocking one on a thread per attempt.
    pub fn async_transport(&self) -> &Arc<dyn AsyncHttpTransport> {
        self.inner
            .async_transport
            .get_or_init(|| Arc::new(ThreadTransport(Arc::clone(self.transport()))))
    }

    /// The configured sleep, else [`ThreadSleep`].
    pub fn sleep_impl(&self) -> Arc<dyn AsyncSleep> {
        self.inner
            .sleep
            .clone()
            .unwrap_or_else(|| Arc::new(ThreadSleep))
    }

    pub(crate) fn quota(&self) -> &retry::RetryQuota {
        &self.inner.quota
    }

    /// The signing clock, corrected by the skew a service reported.
    pub fn clock(&self) -> &clock::Clock {
        &self.inner.clock
    }
}

/// Builds a [`Config`]; unset values take the defaults.
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint_url: Option<String>,
    retry: Option<RetryConfig>,
    timeouts: Option<Timeouts>,
    root_certificates: Option<Arc<[ureq::tls::Certificate<'static>]>>,
    transport: Option<Arc<dyn HttpTransport>>,
    async_transport: Option<Arc<dyn AsyncHttpTransport>>,
    sleep: Option<Arc<dyn AsyncSleep>>,
}

impl ConfigBuilder {
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    pub fn use_fips(mut self, on: bool) -> Self {
        self.use_fips = on;
        self
    }

    pub fn use_dual_stack(mut self, on: bool) -> Self {
        self.use_dual_stack = on;
        self
    }

    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Send every request here instead of the service's endpoint (`http://127.0.0.1:8080`).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// A CA bundle: the default transport trusts the certificates of this PEM file in place
    /// of the built-in roots (botocore's `verify=<path>`, the AWS CLI's `--ca-bundle`).
    pub fn ca_bundle(mut self, path: &str) -> Result<Self, ConfigError> {
        self.root_certificates = Some(aws_config::ca_bundle::load(path)?.into());
        Ok(self)
    }

    /// Another HTTP client in place of the default `ureq` one.
    pub fn transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// The async client's HTTP client (hyper, reqwest...) in place of the blocking
    /// transport run on a thread per attempt.
    pub fn async_transport(mut self, transport: impl AsyncHttpTransport + 'static) -> Self {
        self.async_transport = Some(Arc::new(transport));
        self
    }

    /// The async client's timer (the executor's own), in place of a thread per wait.
    pub fn sleep_impl(mut self, sleep: impl AsyncSleep + 'static) -> Self {
        self.sleep = Some(Arc::new(sleep));
        self
    }

    pub fn build(self) -> Config {
        let transport = OnceLock::new();
        if let Some(t) = self.transport {
            let _ = transport.set(t);
        }
        let async_transport = OnceLock::new();
        if let Some(t) = self.async_transport {
            let _ = async_transport.set(t);
        }
        Config {
            inner: Arc::new(Shared {
                region: self.region,
                use_fips: self.use_fips,
                use_dual_stack: self.use_dual_stack,
                credentials: self.credentials,
                endpoint_url: self.endpoint_url,
                retry: self.retry.unwrap_or_default(),
                timeouts: self.timeouts.unwrap_or_default(),
                root_certificates: self.root_certificates,
                transport,
                async_transport,
                sleep: self.sleep,
                quota: retry::RetryQuota::default(),
                clock: clock::Clock::default(),
            }),
        }
    }
}

/// A setting in the environment or the profile files is malformed. Never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
}

impl ConfigError {
    fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl From<aws_config::error::Error> for ConfigError {
    fn from(e: aws_config::error::Error) -> Self {
        ConfigError::new(e.message)
    }
}

/// Whether an operation is signed: `@auth([])` never, `@optionalAuth` when credentials are
/// configured, otherwise always.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    Required,
    Optional,
    None,
}

/// What the model says of the service, for endpoints and signing.
#[derive(Clone, Copy, Debug)]
pub struct ServiceInfo {
    /// `aws.api#service` `sdkId` (`AWS_ENDPOINT_URL_<SERVICE>`, the `[services]` key).
    pub sdk_id: &'static str,
    /// `aws.auth#sigv4` `name`.
    pub signing_name: &'static str,
    /// `aws.api#service` `endpointPrefix`.
    pub endpoint_prefix: &'static str,
}

/// Where one call goes and how it is signed: from the service's endpoint rules (their
/// `headers` and the `authSchemes` property), or from the configuration alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChosenEndpoint {
    pub url: String,
    /// Headers the endpoint asks for.
    pub headers: Vec<(String, Vec<String>)>,
    /// The SigV4 scheme's signing name and region, overriding the model's and the
    /// configuration's.
    pub signing_name: Option<String>,
    pub signing_region: Option<String>,
    /// The SigV4 scheme's `disableDoubleEncoding`: the canonical path is encoded once.
    pub disable_double_encoding: bool,
}

impl ChosenEndpoint {
    /// For a service without endpoint rules: the configured URL, else the service's regional
    /// host (`https://<endpointPrefix>.<region>.amazonaws.com`, `.com.cn` in China).
    pub fn from_config(config: &Config, service: &ServiceInfo) -> Result<ChosenEndpoint, String> {
        let url = match (config.endpoint_url(), config.region()) {
            (Some(url), _) => url.to_owned(),
            (None, Some(region)) => {
                let suffix = if region.starts_with("cn-") {
                    "amazonaws.com.cn"
                } else {
                    "amazonaws.com"
                };
                format!("https://{}.{region}.{suffix}", service.endpoint_prefix)
            }
            (None, None) => {
                return Err(
                    "set a region (AWS_REGION) or an endpoint URL (AWS_ENDPOINT_URL)".into(),
                )
            }
        };
        Ok(ChosenEndpoint {
            url,
            ..ChosenEndpoint::default()
        })
    }
}

/// How a modeled error asks to be retried, for the retry policy.
pub trait OperationError {
    fn code(&self) -> Option<&str>;
    /// `Some` when the model marks the error throttling or `@retryable`.
    fn modeled_retry(&self) -> Option<retry::RetryKind>;
}
