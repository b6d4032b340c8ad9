//! The configuration every client of a program can share, whatever its service: region,
//! credentials, retries, timeouts, transport. Nothing here names a generated crate's types:
//! these files are the service-independent runtime, a crate's own copy or the runtime crate
//! several generated crates share (`client-runtime/`).
//!
//! A [`Config`] is cheap to clone (one `Arc`): the clients of several services built from
//! one configuration share its credentials provider (and so its cached credentials), clock
//! and connection pool; each service's client resolves its own endpoint URL and retry quota
//! from it ([`Config::for_service`]).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

#[cfg(feature = "client-hyper")]
use super::hyper_transport;
use super::{adaptive, aws_config, clock, credentials, retry, transport};

pub use super::adaptive::TimeSource;
pub use super::async_io::{
    AsyncHttpTransport, AsyncSleep, BodyChunks, BoxFuture, ThreadSleep, ThreadTransport,
};
pub use super::credentials::{Credentials, CredentialsError, ProvideCredentials};
pub use super::retry::{RetryConfig, RetryMode};
pub use super::transport::{
    AttemptLimits, BodyReader, HttpTransport, TransportError, TransportErrorKind,
};

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
    /// On a client's copy: what [`Config::for_service`] resolved for its service.
    service: Option<Arc<ServiceSettings>>,
}

/// What one service's clients take from a shared configuration: the endpoint URL its
/// `AWS_ENDPOINT_URL_<SERVICE>` or `[services]` entry names, and its retry quota (the SDKs'
/// retry partition is the service).
#[derive(Debug)]
struct ServiceSettings {
    /// Why a configured endpoint URL is unusable, reported by each call.
    endpoint_url: Result<Option<String>, String>,
    quota: Arc<retry::RetryQuota>,
}

/// Where [`Config::from_env`] read its settings, kept to find each service's endpoint URL.
#[derive(Clone)]
struct FromEnv {
    profile: aws_config::profile::Profile,
    vars: credentials::Vars,
}

/// The profile's name only: its values may be secrets.
impl fmt::Debug for FromEnv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromEnv")
            .field("profile", &self.profile.name)
            .finish_non_exhaustive()
    }
}

struct Shared {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    /// S3's addressing (the S3 customization's endpoint built-ins).
    s3: S3Settings,
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
    /// Each service's quota, shared by its clients made from this configuration.
    quotas: Mutex<HashMap<&'static str, Arc<retry::RetryQuota>>>,
    from_env: Option<FromEnv>,
    /// Adaptive mode's send rate limiter, shared as the quota is.
    rate_limiter: adaptive::RateLimiter,
    clock: clock::Clock,
    request_compression: RequestCompression,
    checksums: ChecksumSettings,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("s3", &self.s3)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("request_compression", &self.request_compression)
            .field("checksums", &self.checksums)
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
    /// - endpoint URL, for each service when its client is made ([`Config::for_service`]):
    ///   `AWS_ENDPOINT_URL_<SERVICE>` (the sdkId), `AWS_ENDPOINT_URL`, the service's
    ///   `endpoint_url` in the profile's `[services]` section, `endpoint_url`; none with
    ///   `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` / `ignore_configured_endpoint_urls`;
    /// - S3's addressing: the profile's nested `s3` keys `addressing_style` (`path`) and
    ///   `use_accelerate_endpoint`, as the AWS CLI reads them;
    /// - `AWS_USE_FIPS_ENDPOINT` / `use_fips_endpoint`, `AWS_USE_DUALSTACK_ENDPOINT` /
    ///   `use_dualstack_endpoint`, `AWS_MAX_ATTEMPTS` / `max_attempts`, `AWS_RETRY_MODE` /
    ///   `retry_mode`;
    /// - `AWS_DISABLE_REQUEST_COMPRESSION` / `disable_request_compression`,
    ///   `AWS_REQUEST_MIN_COMPRESSION_SIZE_BYTES` / `request_min_compression_size_bytes`
    ///   (see [`ConfigBuilder::request_min_compression_size_bytes`]);
    /// - `AWS_REQUEST_CHECKSUM_CALCULATION` / `request_checksum_calculation`,
    ///   `AWS_RESPONSE_CHECKSUM_VALIDATION` / `response_checksum_validation`
    ///   (`when_supported` or `when_required`, see [`ChecksumWhen`]);
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
        // The endpoint URL is the service's: found when a client is made. The ignore
        // setting concerns every service, so a malformed one fails here.
        settings::boolean(
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "ignore_configured_endpoint_urls",
            env,
            &profile,
        )?;
        builder.from_env = Some(FromEnv {
            profile: profile.clone(),
            vars: Arc::clone(&vars),
        });
        let flag = |variable: &str, key: &str| {
            settings::boolean(variable, key, env, &profile)
                .map(|found| found.is_some_and(|(on, _)| on))
        };
        builder = builder
            .use_fips(flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")?)
            .use_dual_stack(flag(
                "AWS_USE_DUALSTACK_ENDPOINT",
                "use_dualstack_endpoint",
            )?);
        // The AWS CLI's nested `s3` settings (`s3 =` then `  addressing_style = path`).
        if let Some(aws_config::profile::Value::Nested(s3)) = profile.config.get("s3") {
            let on = |key: &str| s3.get(key).is_some_and(|v| v.eq_ignore_ascii_case("true"));
            builder.s3 = S3Settings {
                force_path_style: s3.get("addressing_style").is_some_and(|v| v == "path"),
                use_accelerate: on("use_accelerate_endpoint"),
            };
        }
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
        let compression = settings::request_compression(env, &profile)?;
        builder.request_compression = RequestCompression {
            disabled: compression.disabled,
            min_size_bytes: compression.min_size_bytes,
        };
        let checksums = settings::checksums(env, &profile)?;
        let when = |supported: bool| match supported {
            true => ChecksumWhen::WhenSupported,
            false => ChecksumWhen::WhenRequired,
        };
        builder.checksums = ChecksumSettings {
            request: when(checksums.request_when_supported),
            response: when(checksums.response_when_supported),
        };
        if let Some(path) = aws_config::ca_bundle::configured(env, &profile) {
            builder.root_certificates = Some(aws_config::ca_bundle::load(&path)?.into());
        }
        Ok(builder.retry_config(retry).build())
    }

    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// The endpoint URL set in code; on a client's configuration, else the one the
    /// environment or the profile names for its service.
    pub fn endpoint_url(&self) -> Option<&str> {
        match &self.service {
            Some(service) => service.endpoint_url.as_ref().ok()?.as_deref(),
            None => self.inner.endpoint_url.as_deref(),
        }
    }

    /// Why the endpoint URL configured for this client's service is unusable (a malformed
    /// `AWS_ENDPOINT_URL_<SERVICE>`, a missing `[services]` section): each call fails with it.
    pub fn endpoint_url_error(&self) -> Option<&str> {
        self.service
            .as_ref()?
            .endpoint_url
            .as_ref()
            .err()
            .map(String::as_str)
    }

    /// This configuration as `service`'s clients use it: everything shared (credentials
    /// and their cache, transports, clock, settings), plus the service's own endpoint URL
    /// (set in code, else from the environment and profile for its sdkId) and retry quota
    /// (one per service, shared by its clients made from this configuration). `Client::new`
    /// calls it.
    pub fn for_service(&self, service: &ServiceInfo) -> Config {
        let endpoint_url = match (&self.inner.endpoint_url, &self.inner.from_env) {
            (Some(url), _) => Ok(Some(url.clone())),
            (None, Some(found)) => {
                let env: &dyn Fn(&str) -> Option<String> = &*found.vars;
                aws_config::settings::configured_url(service.sdk_id, env, &found.profile)
                    .map(|url| url.map(|(url, _)| url))
                    .map_err(|e| e.message)
            }
            (None, None) => Ok(None),
        };
        let quota = Arc::clone(
            self.inner
                .quotas
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(service.sdk_id)
                .or_default(),
        );
        Config {
            inner: Arc::clone(&self.inner),
            service: Some(Arc::new(ServiceSettings {
                endpoint_url,
                quota,
            })),
        }
    }

    /// Whether `self` and `other` share one configuration (made by one `build` or
    /// `from_env`, whichever services their clients call).
    pub fn shares_with(&self, other: &Config) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// Use FIPS endpoints (`AWS::UseFIPS` of the endpoint rules).
    pub fn use_fips(&self) -> bool {
        self.inner.use_fips
    }

    /// Use dual-stack endpoints (`AWS::UseDualStack`).
    pub fn use_dual_stack(&self) -> bool {
        self.inner.use_dual_stack
    }

    /// S3: the bucket in the path, never in the host name (`AWS::S3::ForcePathStyle`).
    pub fn s3_force_path_style(&self) -> bool {
        self.inner.s3.force_path_style
    }

    /// S3: the bucket's Transfer Acceleration endpoint (`AWS::S3::Accelerate`).
    pub fn s3_use_accelerate(&self) -> bool {
        self.inner.s3.use_accelerate
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

    /// The configured async transport, else the blocking one on a thread per attempt; with
    /// the `client-hyper` feature, hyper when the call runs on a tokio runtime.
    pub fn async_transport(&self) -> &Arc<dyn AsyncHttpTransport> {
        self.inner.async_transport.get_or_init(|| {
            #[cfg(feature = "client-hyper")]
            {
                let limits = AttemptLimits {
                    connect: self.inner.timeouts.connect,
                    read: self.inner.timeouts.read,
                    total: None,
                };
                let hyper = hyper_transport::HyperTransport::with_roots(
                    &limits,
                    self.inner.root_certificates.as_deref(),
                );
                Arc::new(hyper_transport::TokioOrThreads::new(
                    hyper,
                    Arc::clone(self.transport()),
                ))
            }
            #[cfg(not(feature = "client-hyper"))]
            {
                Arc::new(ThreadTransport(Arc::clone(self.transport())))
            }
        })
    }

    /// The configured sleep, else [`ThreadSleep`]; with the `client-hyper` feature, tokio's
    /// timer when the call runs on a tokio runtime.
    pub fn sleep_impl(&self) -> Arc<dyn AsyncSleep> {
        #[cfg(feature = "client-hyper")]
        let default = hyper_transport::default_sleep;
        #[cfg(not(feature = "client-hyper"))]
        let default = || -> Arc<dyn AsyncSleep> { Arc::new(ThreadSleep) };
        self.inner.sleep.clone().unwrap_or_else(default)
    }

    /// Adaptive mode's send rate limiter (public for the call core of crates on the shared runtime).
    pub fn rate_limiter(&self) -> &adaptive::RateLimiter {
        &self.inner.rate_limiter
    }

    /// The retry quota: on a client's configuration, its service's.
    pub fn quota(&self) -> &retry::RetryQuota {
        match &self.service {
            Some(service) => &service.quota,
            None => &self.inner.quota,
        }
    }

    /// The signing clock, corrected by the skew a service reported.
    pub fn clock(&self) -> &clock::Clock {
        &self.inner.clock
    }

    /// Requests of operations with `@requestCompression` are sent uncompressed.
    pub fn disable_request_compression(&self) -> bool {
        self.inner.request_compression.disabled
    }

    /// The smallest body such requests are compressed from (default 10240 bytes).
    pub fn request_min_compression_size_bytes(&self) -> u32 {
        self.inner.request_compression.min_size_bytes
    }

    /// When requests get a checksum (`request_checksum_calculation`, default `when_supported`).
    pub fn request_checksum_calculation(&self) -> ChecksumWhen {
        self.inner.checksums.request
    }

    /// When responses' checksums are checked (`response_checksum_validation`, default
    /// `when_supported`).
    pub fn response_checksum_validation(&self) -> ChecksumWhen {
        self.inner.checksums.response
    }
}

/// When the SDKs' checksum settings (`request_checksum_calculation`,
/// `response_checksum_validation`) apply a checksum of `@httpChecksum`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChecksumWhen {
    /// Whenever the operation supports it (default): requests of operations with an algorithm
    /// member or a required checksum carry one (CRC32 unless the input names another), and
    /// responses of operations with `responseAlgorithms` are checked.
    #[default]
    WhenSupported,
    /// Only when required: the input names an algorithm or the operation requires a checksum;
    /// responses only when the input's validation mode member is `ENABLED`.
    WhenRequired,
}

/// The SDKs' checksum settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct ChecksumSettings {
    request: ChecksumWhen,
    response: ChecksumWhen,
}

/// The SDKs' request compression settings (`@requestCompression`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RequestCompression {
    disabled: bool,
    min_size_bytes: u32,
}

impl Default for RequestCompression {
    fn default() -> Self {
        RequestCompression {
            disabled: false,
            min_size_bytes: aws_config::settings::DEFAULT_MIN_COMPRESSION_SIZE_BYTES,
        }
    }
}

/// S3's addressing settings: the rule set's `ForcePathStyle` and `Accelerate` built-ins.
#[derive(Clone, Copy, Debug, Default)]
struct S3Settings {
    force_path_style: bool,
    use_accelerate: bool,
}

/// Builds a [`Config`]; unset values take the defaults.
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    s3: S3Settings,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint_url: Option<String>,
    retry: Option<RetryConfig>,
    timeouts: Option<Timeouts>,
    root_certificates: Option<Arc<[ureq::tls::Certificate<'static>]>>,
    transport: Option<Arc<dyn HttpTransport>>,
    async_transport: Option<Arc<dyn AsyncHttpTransport>>,
    sleep: Option<Arc<dyn AsyncSleep>>,
    from_env: Option<FromEnv>,
    time_source: Option<Arc<dyn TimeSource>>,
    request_compression: RequestCompression,
    checksums: ChecksumSettings,
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

    /// S3 clients: put the bucket in the path (`https://s3.us-west-2.amazonaws.com/bucket`)
    /// instead of the host name (`https://bucket.s3.us-west-2.amazonaws.com`), the SDKs'
    /// `force_path_style`. A bucket that cannot be a host name goes in the path anyway.
    pub fn s3_force_path_style(mut self, on: bool) -> Self {
        self.s3.force_path_style = on;
        self
    }

    /// S3 clients: send to the bucket's Transfer Acceleration endpoint
    /// (`bucket.s3-accelerate.amazonaws.com`).
    pub fn s3_use_accelerate(mut self, on: bool) -> Self {
        self.s3.use_accelerate = on;
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

    /// Send requests of operations with `@requestCompression` uncompressed (default: false).
    pub fn disable_request_compression(mut self, disabled: bool) -> Self {
        self.request_compression.disabled = disabled;
        self
    }

    /// The smallest request body that operations with `@requestCompression` compress (gzip):
    /// from 0 to 10485760 bytes (default 10240); a larger value is an error, as the SDKs'.
    pub fn request_min_compression_size_bytes(mut self, bytes: u32) -> Result<Self, ConfigError> {
        let text = bytes.to_string();
        self.request_compression.min_size_bytes = aws_config::settings::check_min_compression_size(
            &text,
            "request_min_compression_size_bytes",
        )
        .map_err(ConfigError::new)?;
        Ok(self)
    }

    /// When requests of operations with `@httpChecksum` carry a checksum (default
    /// [`ChecksumWhen::WhenSupported`]). `@httpChecksumRequired` always sends one.
    pub fn request_checksum_calculation(mut self, when: ChecksumWhen) -> Self {
        self.checksums.request = when;
        self
    }

    /// When responses of operations with `@httpChecksum`'s `responseAlgorithms` are checked
    /// (default [`ChecksumWhen::WhenSupported`]).
    pub fn response_checksum_validation(mut self, when: ChecksumWhen) -> Self {
        self.checksums.response = when;
        self
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

    /// The clock adaptive retry mode measures send rates with, in place of the monotonic
    /// clock (a test's clock, advanced by its [`AsyncSleep`]).
    pub fn time_source(mut self, time: impl TimeSource + 'static) -> Self {
        self.time_source = Some(Arc::new(time));
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
            service: None,
            inner: Arc::new(Shared {
                region: self.region,
                use_fips: self.use_fips,
                use_dual_stack: self.use_dual_stack,
                s3: self.s3,
                credentials: self.credentials,
                endpoint_url: self.endpoint_url,
                retry: self.retry.unwrap_or_default(),
                timeouts: self.timeouts.unwrap_or_default(),
                root_certificates: self.root_certificates,
                transport,
                async_transport,
                sleep: self.sleep,
                quota: retry::RetryQuota::default(),
                quotas: Mutex::default(),
                from_env: self.from_env,
                rate_limiter: adaptive::RateLimiter::new(
                    self.time_source
                        .unwrap_or_else(|| Arc::new(adaptive::MonotonicTime::default())),
                ),
                clock: clock::Clock::default(),
                request_compression: self.request_compression,
                checksums: self.checksums,
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

/// How a modeled error asks to be retried, for the retry policy; and its response's request
/// ID, for `SdkError`.
pub trait OperationError {
    fn code(&self) -> Option<&str>;
    /// `Some` when the model marks the error throttling or `@retryable`.
    fn modeled_retry(&self) -> Option<retry::RetryKind>;
    /// The request ID the error was read with (the query protocols' is in the body).
    fn request_id(&self) -> Option<&str> {
        None
    }
}
