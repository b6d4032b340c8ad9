//! One call, shared by the blocking and the async client: everything but waiting.
//!
//! The request is validated and built once (so an `@idempotencyToken` filled in is chosen once
//! and every attempt carries it), then each attempt clones it, signs it and judges the answer;
//! the clients only send and sleep.

use std::time::{Duration, Instant};

use super::credentials::Credentials;
use super::retry::RetryKind;
use super::transport::{AttemptLimits, TransportError, TransportErrorKind};
use super::{Auth, ChosenEndpoint, Config, CredentialsError, OperationError, SdkError};
use super::{ServiceError, ServiceInfo};

/// An input's `validate`.
pub type Validate<I> = fn(&I) -> Result<(), crate::validation::ValidationErrors>;
/// An operation's `serialize_request_unchecked`.
pub type Serialize<I> =
    fn(&I, &crate::wire::Endpoint) -> Result<http::Request<Vec<u8>>, crate::wire::RequestError>;
/// An operation's `parse_response`.
pub type Parse<O, E> = fn(u16, &http::HeaderMap, &[u8]) -> Result<O, E>;
/// Where the call goes: the endpoint rules with the operation's parameters, or the
/// configuration alone.
pub type ChooseEndpoint<I> = fn(&I, &Config) -> Result<ChosenEndpoint, String>;

/// What an operation gives the clients.
pub struct Operation<I, O, E> {
    /// The operation's name in the model, for tracing.
    pub name: &'static str,
    pub auth: Auth,
    pub choose_endpoint: ChooseEndpoint<I>,
    pub validate: Validate<I>,
    pub serialize: Serialize<I>,
    pub parse: Parse<O, E>,
}

/// A call in progress.
pub struct Call {
    config: Config,
    operation: &'static str,
    /// The current attempt's `tracing` span: operation, attempt, then status, request id
    /// and outcome. Never a header, a body or a credential.
    span: tracing::Span,
    unsigned: http::Request<Vec<u8>>,
    credentials: Option<Credentials>,
    region: String,
    signing_name: String,
    double_encode: bool,
    deadline: Option<Instant>,
    attempt: u32,
    last_retry_cost: Option<u32>,
}

fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

impl Call {
    /// Validates `input`, chooses the endpoint, builds the unsigned request and gets
    /// credentials: nothing is sent when any of these fails.
    pub fn prepare<I, O, E>(
        config: &Config,
        service: &ServiceInfo,
        operation: &Operation<I, O, E>,
        input: &I,
    ) -> Result<Call, SdkError<E>> {
        Call::prepare_at(config, service, operation, input, None)
    }

    /// [`Call::prepare`] at `endpoint` when given (one the caller chose, e.g. a command line
    /// that explains its choice), else where the operation's `choose_endpoint` says.
    pub fn prepare_at<I, O, E>(
        config: &Config,
        service: &ServiceInfo,
        operation: &Operation<I, O, E>,
        input: &I,
        endpoint: Option<ChosenEndpoint>,
    ) -> Result<Call, SdkError<E>> {
        let started = Instant::now();
        (operation.validate)(input).map_err(SdkError::Validation)?;
        if let Some(error) = config.endpoint_url_error() {
            return Err(SdkError::Endpoint(error.to_owned()));
        }
        let chosen = match endpoint {
            Some(chosen) => chosen,
            None => (operation.choose_endpoint)(input, config).map_err(SdkError::Endpoint)?,
        };
        let endpoint = crate::wire::Endpoint::parse(&chosen.url)
            .map_err(|e| SdkError::Endpoint(format!("{}: {}", chosen.url, e.message())))?;
        let mut unsigned = (operation.serialize)(input, &endpoint).map_err(SdkError::Request)?;
        for (name, values) in &chosen.headers {
            for value in values {
                let name = http::HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| SdkError::Endpoint(format!("bad endpoint header name {name:?}")))?;
                let value = http::HeaderValue::from_str(value).map_err(|_| {
                    SdkError::Endpoint(format!("bad value of endpoint header {name}"))
                })?;
                unsigned.headers_mut().append(name, value);
            }
        }
        let credentials = match (operation.auth, config.credentials_provider()) {
            (Auth::None, _) | (Auth::Optional, None) => None,
            (Auth::Optional, Some(provider)) => provider.provide_credentials().ok(),
            (Auth::Required, Some(provider)) => {
                Some(provider.provide_credentials().map_err(SdkError::Credentials)?)
            }
            (Auth::Required, None) => {
                return Err(SdkError::Credentials(CredentialsError::new(
                    "no credentials configured (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
                )))
            }
        };
        let region = chosen.signing_region.as_deref().or(config.region());
        if credentials.is_some() && region.is_none() {
            return Err(SdkError::Endpoint("signing needs a region (AWS_REGION)".into()));
        }
        Ok(Call {
            config: config.clone(),
            operation: operation.name,
            span: tracing::Span::none(),
            unsigned,
            credentials,
            region: region.unwrap_or_default().to_owned(),
            signing_name: chosen
                .signing_name
                .unwrap_or_else(|| service.signing_name.to_owned()),
            double_encode: !chosen.disable_double_encoding,
            deadline: config.timeouts().operation.map(|limit| started + limit),
            attempt: 0,
            last_retry_cost: None,
        })
    }

    /// The next attempt's request, signed now.
    pub fn next_request<E>(&mut self) -> Result<http::Request<Vec<u8>>, SdkError<E>> {
        self.attempt += 1;
        self.span = tracing::debug_span!(
            "attempt",
            operation = self.operation,
            attempt = self.attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
        let mut request = self.unsigned.clone();
        if let Some(credentials) = &self.credentials {
            super::sign::sign_encoded(
                &mut request,
                credentials,
                (&self.region, &self.signing_name),
                self.config.clock().now(),
                self.double_encode,
            )
            .map_err(SdkError::Signing)?;
        }
        Ok(request)
    }

    /// In adaptive retry mode, the wait for the next attempt's send token (else zero).
    pub fn send_delay(&self) -> Duration {
        match self.config.retry_config().mode {
            super::retry::RetryMode::Adaptive => self.config.rate_limiter().before_send(),
            _ => Duration::ZERO,
        }
    }

    /// The limits of the next attempt: what is left of the operation's time.
    pub fn limits(&self) -> AttemptLimits {
        let timeouts = self.config.timeouts();
        AttemptLimits {
            connect: timeouts.connect,
            read: timeouts.read,
            total: self
                .deadline
                .map(|d| d.saturating_duration_since(Instant::now())),
        }
    }

    /// Reads an attempt's outcome: the output, or the failure and how to retry it.
    pub fn judge<O, E: OperationError>(
        &self,
        outcome: Result<http::Response<Vec<u8>>, TransportError>,
        parse: Parse<O, E>,
    ) -> Result<O, (RetryKind, SdkError<E>)> {
        let judged = self.judge_untraced(outcome, parse);
        if self.config.retry_config().mode == super::retry::RetryMode::Adaptive {
            let throttled = matches!(judged, Err((RetryKind::Throttling, _)));
            self.config.rate_limiter().after_response(throttled);
        }
        self.span.record(
            "outcome",
            match &judged {
                Ok(_) => "success",
                Err((_, SdkError::Service(_))) => "service error",
                Err((_, SdkError::Timeout(_))) => "timeout",
                Err(_) => "transport error",
            },
        );
        judged
    }

    fn judge_untraced<O, E: OperationError>(
        &self,
        outcome: Result<http::Response<Vec<u8>>, TransportError>,
        parse: Parse<O, E>,
    ) -> Result<O, (RetryKind, SdkError<E>)> {
        if let Ok(response) = &outcome {
            self.span.record("status", response.status().as_u16());
            if let Some(id) = request_id(response.headers()) {
                self.span.record("request_id", id.as_str());
            }
        }
        match outcome {
            Ok(response) => {
                let (parts, body) = response.into_parts();
                match parse(parts.status.as_u16(), &parts.headers, &body) {
                    Ok(output) => {
                        self.config.quota().success(self.last_retry_cost);
                        Ok(output)
                    }
                    Err(error) => {
                        let mut kind = super::retry::classify_response(
                            error.code(),
                            parts.status.as_u16(),
                            error.modeled_retry(),
                        );
                        // A signature refused for its time is signed again at the server's.
                        if error.code().is_some_and(|c| super::clock::SKEW_CODES.contains(&c))
                            && self.config.clock().correct(&parts.headers)
                        {
                            kind = RetryKind::Transient;
                        }
                        let request_id = request_id(&parts.headers);
                        let raw = http::Response::from_parts(parts, body);
                        Err((
                            kind,
                            SdkError::Service(Box::new(ServiceError {
                                error,
                                raw,
                                request_id,
                            })),
                        ))
                    }
                }
            }
            Err(error) if error.kind == TransportErrorKind::Timeout => {
                Err((RetryKind::Timeout, SdkError::Timeout(error)))
            }
            Err(error) if error.is_retryable() => {
                Err((RetryKind::Transient, SdkError::Transport(error)))
            }
            Err(error) => Err((RetryKind::Never, SdkError::Transport(error))),
        }
    }

    /// The wait before the next attempt, or `failure` when there is none: not retryable,
    /// out of attempts, out of time, or the retry quota is spent.
    pub fn retry_after<E>(&mut self, kind: RetryKind, failure: SdkError<E>) -> Result<Duration, SdkError<E>> {
        let retry = self.config.retry_config();
        if kind == RetryKind::Never || self.attempt >= retry.max_attempts {
            return Err(failure);
        }
        let wait = retry.backoff(self.attempt - 1);
        if self.deadline.is_some_and(|d| Instant::now() + wait >= d) {
            return Err(failure);
        }
        match self.config.quota().acquire(kind) {
            Some(cost) => self.last_retry_cost = Some(cost),
            None => return Err(failure),
        }
        Ok(wait)
    }
}
