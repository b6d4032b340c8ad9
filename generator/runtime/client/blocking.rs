//! The blocking client: each call runs on the calling thread, no async runtime needed.
//!
//! ```ignore
//! let config = Config::from_env()?;
//! let client = blocking::Client::new(&config);
//! let output = client.some_operation().member(value).send()?;
//! ```

use std::time::{Instant, SystemTime};

use crate::client::retry::RetryKind;
use crate::client::transport::{AttemptLimits, TransportErrorKind};
use crate::client::{Auth, Config, OperationError, SdkError, ServiceError, ServiceInfo};

/// A client of the service. Cheap to clone; clients made from one [`Config`] share its
/// connections and retry quota.
#[derive(Clone, Debug)]
pub struct Client {
    config: Config,
}

impl Client {
    pub fn new(config: &Config) -> Self {
        Client {
            config: config.clone(),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
}

fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// An input's `validate`.
pub(crate) type Validate<I> = fn(&I) -> Result<(), crate::validation::ValidationErrors>;
/// An operation's `serialize_request_unchecked`.
pub(crate) type Serialize<I> =
    fn(&I, &crate::wire::Endpoint) -> Result<http::Request<Vec<u8>>, crate::wire::RequestError>;
/// Where the call goes: the endpoint rules with the operation's parameters, or the
/// configuration alone.
pub(crate) type ChooseEndpoint<I> = fn(&I, &Config) -> Result<crate::client::ChosenEndpoint, String>;
/// An operation's `parse_response`.
pub(crate) type Parse<O, E> = fn(u16, &http::HeaderMap, &[u8]) -> Result<O, E>;

/// One call: validate, build the request once (so an idempotency token is chosen once and
/// every attempt carries it), then sign, send and read each attempt, retrying as the
/// configuration says.
pub(crate) fn invoke<I, O, E: OperationError>(
    config: &Config,
    service: &ServiceInfo,
    auth: Auth,
    input: &I,
    choose_endpoint: ChooseEndpoint<I>,
    validate: Validate<I>,
    serialize: Serialize<I>,
    parse: Parse<O, E>,
) -> Result<O, SdkError<E>> {
    let started = Instant::now();
    let deadline = config.timeouts().operation.map(|limit| started + limit);
    validate(input).map_err(SdkError::Validation)?;
    let chosen = choose_endpoint(input, config).map_err(SdkError::Endpoint)?;
    let endpoint = crate::wire::Endpoint::parse(&chosen.url)
        .map_err(|e| SdkError::Endpoint(format!("{}: {}", chosen.url, e.message())))?;
    let mut unsigned = serialize(input, &endpoint).map_err(SdkError::Request)?;
    for (name, values) in &chosen.headers {
        for value in values {
            let name = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| SdkError::Endpoint(format!("bad endpoint header name {name:?}")))?;
            let value = http::HeaderValue::from_str(value)
                .map_err(|_| SdkError::Endpoint(format!("bad value of endpoint header {name}")))?;
            unsigned.headers_mut().append(name, value);
        }
    }
    let credentials = match (auth, config.credentials_provider()) {
        (Auth::None, _) => None,
        (Auth::Optional, None) => None,
        (Auth::Optional, Some(provider)) => provider.provide_credentials().ok(),
        (Auth::Required, Some(provider)) => {
            Some(provider.provide_credentials().map_err(SdkError::Credentials)?)
        }
        (Auth::Required, None) => {
            return Err(SdkError::Credentials(crate::client::CredentialsError::new(
                "no credentials configured (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
            )))
        }
    };
    let region = match (&credentials, chosen.signing_region.as_deref().or(config.region())) {
        (Some(_), None) => {
            return Err(SdkError::Endpoint("signing needs a region (AWS_REGION)".into()))
        }
        (_, region) => region.unwrap_or_default(),
    };
    let signing_name = chosen.signing_name.as_deref().unwrap_or(service.signing_name);
    let retry = config.retry_config();
    let transport = config.transport();
    let mut last_retry_cost = None;
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        let mut request = unsigned.clone();
        if let Some(credentials) = &credentials {
            crate::client::sign::sign(
                &mut request,
                credentials,
                region,
                signing_name,
                SystemTime::now(),
            )
            .map_err(SdkError::Signing)?;
        }
        let now = Instant::now();
        let remaining = deadline.map(|d| d.saturating_duration_since(now));
        let limits = AttemptLimits {
            connect: config.timeouts().connect,
            read: config.timeouts().read,
            total: remaining,
        };
        let (kind, failure) = match transport.send(request, &limits) {
            Ok(response) => {
                let (parts, body) = response.into_parts();
                match parse(parts.status.as_u16(), &parts.headers, &body) {
                    Ok(output) => {
                        config.quota().success(last_retry_cost);
                        return Ok(output);
                    }
                    Err(error) => {
                        let kind = crate::client::retry::classify_response(
                            error.code(),
                            parts.status.as_u16(),
                            error.modeled_retry(),
                        );
                        let request_id = request_id(&parts.headers);
                        let raw = http::Response::from_parts(parts, body);
                        (
                            kind,
                            SdkError::Service(Box::new(ServiceError {
                                error,
                                raw,
                                request_id,
                            })),
                        )
                    }
                }
            }
            Err(error) if error.kind == TransportErrorKind::Timeout => {
                (RetryKind::Timeout, SdkError::Timeout(error))
            }
            Err(error) if error.is_retryable() => (RetryKind::Transient, SdkError::Transport(error)),
            Err(error) => (RetryKind::Never, SdkError::Transport(error)),
        };
        if kind == RetryKind::Never || attempt >= retry.max_attempts {
            return Err(failure);
        }
        let wait = retry.backoff(attempt - 1);
        if deadline.is_some_and(|d| Instant::now() + wait >= d) {
            return Err(failure);
        }
        match config.quota().acquire(kind) {
            Some(cost) => last_retry_cost = Some(cost),
            None => return Err(failure),
        }
        std::thread::sleep(wait);
    }
}
