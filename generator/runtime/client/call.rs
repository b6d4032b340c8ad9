//! One call, shared by the blocking and the async client: everything but waiting.
//!
//! The request is validated and built once (so an `@idempotencyToken` filled in is chosen once
//! and every attempt carries it), then each attempt clones it, signs it and judges the answer;
//! the clients only send and sleep.

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use super::async_io::BodyChunks;
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
    /// An output event stream: its success response is handed on as it arrives.
    pub stream: Option<OutputStream<O>>,
}

/// How an operation with an output event stream or a `@streaming` blob payload reads a
/// success response whose body is still arriving: `parse` reads the head (and the first
/// message, when asked), then the output's receiver or `ByteStream` gets the rest of the body.
pub struct OutputStream<O> {
    /// The body's first message is read before `parse` (an RPC protocol's
    /// `initial-response` holds the output's other members).
    pub first_message: bool,
    /// A response whose checksum is to be validated (`@httpChecksum`) is read whole and
    /// validated before `send()` returns (a streaming blob: its bytes are then complete).
    pub whole_if_checked: bool,
    /// Gives the output's receiver the rest of the body.
    pub attach: fn(&mut O, BodyChunks),
}

/// The largest error body read (a success body of a stream is never read whole).
const MAX_ERROR_BODY: usize = 1 << 30;

/// The largest first message read before the output is parsed (the framing's maximum).
const MAX_FIRST_MESSAGE: usize = 16 * 1024 * 1024;

/// The next piece of `body`.
async fn next_piece(body: &mut BodyChunks) -> Option<Result<Vec<u8>, String>> {
    std::future::poll_fn(|cx| body(cx)).await
}

/// The whole of `body`, at most [`MAX_ERROR_BODY`] bytes.
async fn read_whole(body: &mut BodyChunks) -> Result<Vec<u8>, String> {
    let mut whole = Vec::new();
    while let Some(piece) = next_piece(body).await {
        whole.extend(piece?);
        if whole.len() > MAX_ERROR_BODY {
            return Err(format!("the response is over {MAX_ERROR_BODY} bytes"));
        }
    }
    Ok(whole)
}

/// The body's first event stream message (its first four bytes are its length), with
/// whatever else arrived with it; less at the end of the body.
async fn first_message(body: &mut BodyChunks) -> Result<Vec<u8>, String> {
    let mut got = Vec::new();
    loop {
        let wanted = match got.get(..4) {
            // A length out of range (16 is a prelude and a CRC) is no message to wait for:
            // the receiver reports it.
            Some(&[a, b, c, d]) => match u32::from_be_bytes([a, b, c, d]) as usize {
                length @ 16..=MAX_FIRST_MESSAGE => length,
                _ => 0,
            },
            _ => 4,
        };
        if got.len() >= wanted {
            return Ok(got);
        }
        match next_piece(body).await {
            Some(piece) => got.extend(piece?),
            None => return Ok(got),
        }
    }
}

/// A live input event stream, shared by the attempts of a call: an attempt that failed
/// before taking an event may be retried, none after.
#[derive(Clone)]
pub struct LiveEvents {
    source: std::sync::Arc<std::sync::Mutex<BodyChunks>>,
    taken: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl LiveEvents {
    /// The stream of `source`'s encoded messages (unsigned).
    pub fn new(source: BodyChunks) -> Self {
        LiveEvents {
            source: std::sync::Arc::new(std::sync::Mutex::new(source)),
            taken: std::sync::Arc::default(),
        }
    }

    /// Whether an attempt has taken anything from the stream: no attempt may follow.
    pub fn taken(&self) -> bool {
        self.taken.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl fmt::Debug for LiveEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LiveEvents")
            .field("taken", &self.taken())
            .finish()
    }
}

/// The whole messages of an event stream body, each on its own.
fn split_messages(mut body: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let mut messages = Vec::new();
    while let Some(length) = body.get(..4) {
        let total = u32::from_be_bytes([length[0], length[1], length[2], length[3]]) as usize;
        if total < 16 || total > body.len() {
            break;
        }
        let (message, rest) = body.split_at(total);
        messages.push(message.to_vec());
        body = rest;
    }
    if body.is_empty() {
        Ok(messages)
    } else {
        Err("cannot send the request: its body is not whole event stream messages".to_owned())
    }
}

/// An operation as the clients call it. Each operation of the crate has a unit type in
/// `client::fluent` that implements it.
pub trait Spec {
    type Input;
    type Output;
    type Error: OperationError;
    /// What the clients need of the operation.
    fn operation() -> Operation<Self::Input, Self::Output, Self::Error>;
}

/// What `client.<operation>()` puts in the input builder it returns: the client that sends
/// the input, and which operation (two operations may take one input type), so that the
/// builder's own setters serve the call and `send()` knows where it goes.
pub struct Bound<C, Op> {
    client: C,
    /// The live input event stream given with `with_events`, if any.
    live: Option<LiveEvents>,
    operation: PhantomData<fn() -> Op>,
}

impl<C, Op> Bound<C, Op> {
    pub(crate) fn new(client: C) -> Self {
        Bound {
            client,
            live: None,
            operation: PhantomData,
        }
    }

    /// The client (a paginator's; crates without one leave it unused).
    #[allow(dead_code)]
    pub(crate) fn into_client(self) -> C {
        self.client
    }

    /// The call sends the events of `source` as its input stream, live.
    pub fn with_live_events(mut self, source: BodyChunks) -> Self {
        self.live = Some(LiveEvents::new(source));
        self
    }
}

// A live stream is the call's own: a clone of the builder has none (its input's events, if
// any, go whole).
impl<C: Clone, Op> Clone for Bound<C, Op> {
    fn clone(&self) -> Self {
        Bound::new(self.client.clone())
    }
}

impl<C: fmt::Debug, Op> fmt::Debug for Bound<C, Op> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Bound").field(&self.client).finish()
    }
}

impl<Op: Spec> Bound<crate::blocking::Client, Op> {
    /// Sends the built input (see the blocking client).
    pub(crate) fn send(
        self,
        input: Result<Op::Input, crate::error::BuildError>,
    ) -> Result<Op::Output, SdkError<Op::Error>> {
        let input = input.map_err(SdkError::Build)?;
        self.client
            .invoke_live(&Op::operation(), &input, None, self.live)
    }
}

impl<Op: Spec> Bound<super::Client, Op> {
    /// Sends the built input (see the async client).
    pub(crate) async fn send(
        self,
        input: Result<Op::Input, crate::error::BuildError>,
    ) -> Result<Op::Output, SdkError<Op::Error>> {
        let input = input.map_err(SdkError::Build)?;
        self.client
            .invoke_live(&Op::operation(), &input, self.live)
            .await
    }
}

/// An operation as the clients call it, in `client::fluent`: its unit type, which implements
/// [`Spec`]; the type of its input's builder bound to a client (`$alias`, what
/// `client.<method>()` returns); and [`OperationError`] for its error enum. Given the unit
/// type's and the alias's names, then what differs between operations:
///
/// - `name`, `method`: the operation's name in the model and its method on the clients, for
///   the docs and for tracing;
/// - `module`: the operation's module in `crate::operation` (its error enum `error`, its wire
///   layer's `serialize` function and `parse_response`, its `endpoint_params`);
/// - `input`, `builder`, `output`: its input, the input's builder, its output, as paths from
///   the crate root without `crate::` (`operation::get_thing::GetThingInput`, `types::Thing`);
/// - `auth`: the [`Auth`] variant;
/// - `endpoint`: `rules` (the endpoint rules with the operation's parameters) or `config` (the
///   configuration alone);
/// - `stream`: how a success response whose body is still arriving is read ([`OutputStream`]):
///   `none`; `blob(field)` or `optional_blob(field)`, the output's `@streaming` blob payload;
///   `events(Union)` or `events(Union, initial_response)` for an output event stream of the
///   events of `crate::types::Union` (after an `initial-response` message that holds the
///   output's other members, with a protocol without HTTP bindings): the call then gives the
///   output and a receiver of the events, and the module's `parse_event_stream_response`
///   reads the head.
///
/// Paths are absolute: the expansion sits among the model's types, which may be named
/// `Option` or `Result`.
#[allow(unused_macros)]
macro_rules! operation_unit {
    (@output $($output:ident)::+, events($union:ident $(, $initial:ident)?)) => {
        (
            crate::$($output)::+,
            crate::wire::event_stream::Receiver<crate::types::$union>,
        )
    };
    (@output $($output:ident)::+, $($stream:tt)+) => {
        crate::$($output)::+
    };
    (@parse $module:ident, events $($rest:tt)+) => {
        crate::operation::$module::parse_event_stream_response
    };
    (@parse $module:ident, $($stream:tt)+) => {
        crate::operation::$module::parse_response
    };
    (@endpoint rules, $module:ident) => {
        |input, config| {
            crate::client::resolve_endpoint(&crate::operation::$module::endpoint_params(
                input,
                &crate::client::built_ins(config),
            ))
        }
    };
    (@endpoint config, $module:ident) => {
        |_, config| crate::client::ChosenEndpoint::from_config(config, &crate::client::SERVICE)
    };
    (@stream none) => {
        ::std::option::Option::None
    };
    (@stream blob($field:ident)) => {
        ::std::option::Option::Some(crate::client::call::OutputStream {
            first_message: false,
            whole_if_checked: true,
            attach: |output, body| {
                output.$field = crate::primitives::ByteStream::from_chunks(body);
            },
        })
    };
    (@stream optional_blob($field:ident)) => {
        ::std::option::Option::Some(crate::client::call::OutputStream {
            first_message: false,
            whole_if_checked: true,
            attach: |output, body| {
                output.$field = ::std::option::Option::Some(
                    crate::primitives::ByteStream::from_chunks(body),
                );
            },
        })
    };
    (@stream events($union:ident)) => {
        crate::client::call::operation_unit!(@events false)
    };
    (@stream events($union:ident, initial_response)) => {
        crate::client::call::operation_unit!(@events true)
    };
    (@events $first_message:literal) => {
        ::std::option::Option::Some(crate::client::call::OutputStream {
            first_message: $first_message,
            whole_if_checked: false,
            attach: |output, body| output.1.attach(body),
        })
    };
    (
        $unit:ident,
        $alias:ident,
        name($name:literal),
        method($method:literal),
        module($module:ident),
        input($($input:ident)::+),
        builder($($builder:ident)::+),
        output($($output:ident)::+),
        error($error:ident),
        auth($auth:ident),
        endpoint($endpoint:ident),
        serialize($serialize:ident),
        stream($($stream:tt)+) $(,)?
    ) => {
        #[doc = concat!(
            "`", $name, "` as the clients call it: `client.", $method,
            "()` binds it to the input's builder."
        )]
        #[derive(Clone, Copy, Debug)]
        pub struct $unit;

        #[doc = concat!(
            "What `client.", $method, "()` returns: the input's builder, bound to that client."
        )]
        pub type $alias<C> = crate::$($builder)::+<crate::client::call::Bound<C, $unit>>;

        impl $unit {
            pub(crate) fn bind<C>(client: C) -> $alias<C> {
                <crate::$($builder)::+ as ::std::default::Default>::default()
                    .rebind(crate::client::call::Bound::new(client))
                    .1
            }
        }

        impl crate::client::call::Spec for $unit {
            type Input = crate::$($input)::+;
            type Output =
                crate::client::call::operation_unit!(@output $($output)::+, $($stream)+);
            type Error = crate::operation::$module::$error;

            fn operation(
            ) -> crate::client::call::Operation<Self::Input, Self::Output, Self::Error> {
                crate::client::call::Operation {
                    name: $name,
                    auth: crate::client::Auth::$auth,
                    choose_endpoint: crate::client::call::operation_unit!(
                        @endpoint $endpoint, $module
                    ),
                    validate: crate::$($input)::+::validate,
                    serialize: |input, endpoint| {
                        crate::operation::$module::$serialize(input, endpoint)
                    },
                    parse: crate::client::call::operation_unit!(@parse $module, $($stream)+),
                    stream: crate::client::call::operation_unit!(@stream $($stream)+),
                }
            }
        }

        // How the operation's errors ask to be retried: modeled throttling and `@retryable`.
        impl crate::client::OperationError for crate::operation::$module::$error {
            fn code(&self) -> ::std::option::Option<&str> {
                crate::operation::$module::$error::code(self)
            }

            fn request_id(&self) -> ::std::option::Option<&str> {
                crate::operation::$module::$error::request_id(self)
            }

            fn modeled_retry(&self) -> ::std::option::Option<crate::client::retry::RetryKind> {
                let error = self.inner();
                if error.is_throttling() {
                    ::std::option::Option::Some(crate::client::retry::RetryKind::Throttling)
                } else if error.is_modeled_retryable() {
                    ::std::option::Option::Some(crate::client::retry::RetryKind::Transient)
                } else {
                    ::std::option::Option::None
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use operation_unit;

/// An operation's method on a client, `client.<method>()`, which returns the input's builder
/// bound to the client: invoked in the async and in the blocking client's `impl`, given the
/// method, the operation's unit type and bound builder's type in `client::fluent`
/// ([`operation_unit!`]), and the operation's name in the model.
#[allow(unused_macros)]
macro_rules! client_method {
    ($method:ident, $unit:ident, $alias:ident, $name:literal $(,)?) => {
        #[doc = concat!("Calls `", $name, "`: set the input's members, then `send()`.")]
        pub fn $method(&self) -> crate::client::fluent::$alias<Self> {
            crate::client::fluent::$unit::bind(::std::clone::Clone::clone(self))
        }
    };
}
#[allow(unused_imports)]
pub(crate) use client_method;

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
    /// What `@httpChecksum`'s `responseAlgorithms` ask of the response.
    response_checksum: Option<crate::wire::checksum::ResponseChecksum>,
}

fn request_id(headers: &http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// A failure of a call that does not involve the operation's error type, so that the code
/// producing it is compiled once, not once per operation.
pub enum Failure {
    Validation(crate::validation::ValidationErrors),
    Request(crate::wire::RequestError),
    Transport(TransportError),
    Timeout(TransportError),
    Credentials(CredentialsError),
    Endpoint(String),
    Signing(String),
}

impl<E> From<Failure> for SdkError<E> {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Validation(e) => SdkError::Validation(e),
            Failure::Request(e) => SdkError::Request(e),
            Failure::Transport(e) => SdkError::Transport(e),
            Failure::Timeout(e) => SdkError::Timeout(e),
            Failure::Credentials(e) => SdkError::Credentials(e),
            Failure::Endpoint(e) => SdkError::Endpoint(e),
            Failure::Signing(e) => SdkError::Signing(e),
        }
    }
}

/// A request built for an endpoint, as an operation's `serialize_request_unchecked` builds it.
type BuildRequest<'a> =
    &'a dyn Fn(&crate::wire::Endpoint) -> Result<http::Request<Vec<u8>>, crate::wire::RequestError>;

/// The steps of preparing a call that need the input, with its type erased.
struct Steps<'a> {
    validate: &'a dyn Fn() -> Result<(), crate::validation::ValidationErrors>,
    choose_endpoint: &'a dyn Fn(&Config) -> Result<ChosenEndpoint, String>,
    serialize: BuildRequest<'a>,
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
        let steps = Steps {
            validate: &|| (operation.validate)(input),
            choose_endpoint: &|config| (operation.choose_endpoint)(input, config),
            serialize: &|endpoint| (operation.serialize)(input, endpoint),
        };
        Ok(Call::prepare_erased(
            config,
            service,
            (operation.name, operation.auth),
            steps,
            endpoint,
        )?)
    }

    fn prepare_erased(
        config: &Config,
        service: &ServiceInfo,
        (operation, auth): (&'static str, Auth),
        steps: Steps<'_>,
        endpoint: Option<ChosenEndpoint>,
    ) -> Result<Call, Failure> {
        let started = Instant::now();
        (steps.validate)().map_err(Failure::Validation)?;
        if let Some(error) = config.endpoint_url_error() {
            return Err(Failure::Endpoint(error.to_owned()));
        }
        let chosen = match endpoint {
            Some(chosen) => chosen,
            None => (steps.choose_endpoint)(config).map_err(Failure::Endpoint)?,
        };
        let endpoint = crate::wire::Endpoint::parse(&chosen.url)
            .map_err(|e| Failure::Endpoint(format!("{}: {}", chosen.url, e.message())))?;
        let mut unsigned = (steps.serialize)(&endpoint).map_err(Failure::Request)?;
        // `@requestCompression`, before signing: the signature covers the compressed body.
        let compression = crate::wire::compression::CompressionSettings::new(
            config.disable_request_compression(),
            config.request_min_compression_size_bytes(),
        )
        .map_err(Failure::Request)?;
        crate::wire::compression::compress_request(&mut unsigned, &compression)
            .map_err(Failure::Request)?;
        // The checksum is of the body as sent: after compression, before signing.
        let request_checksums = match config.request_checksum_calculation() {
            super::ChecksumWhen::WhenSupported => {
                crate::wire::checksum::RequestChecksumCalculation::WhenSupported
            }
            super::ChecksumWhen::WhenRequired => {
                crate::wire::checksum::RequestChecksumCalculation::WhenRequired
            }
        };
        crate::wire::checksum::add_request_checksum(&mut unsigned, request_checksums)
            .map_err(Failure::Request)?;
        let response_checksum = unsigned
            .extensions_mut()
            .remove::<crate::wire::checksum::ResponseChecksum>();
        for (name, values) in &chosen.headers {
            for value in values {
                let name = http::HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Failure::Endpoint(format!("bad endpoint header name {name:?}")))?;
                let value = http::HeaderValue::from_str(value).map_err(|_| {
                    Failure::Endpoint(format!("bad value of endpoint header {name}"))
                })?;
                unsigned.headers_mut().append(name, value);
            }
        }
        let credentials =
            match (auth, config.credentials_provider()) {
                (Auth::None, _) | (Auth::Optional, None) => None,
                (Auth::Optional, Some(provider)) => provider.provide_credentials().ok(),
                (Auth::Required, Some(provider)) => Some(
                    provider
                        .provide_credentials()
                        .map_err(Failure::Credentials)?,
                ),
                (Auth::Required, None) => return Err(Failure::Credentials(CredentialsError::new(
                    "no credentials configured (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
                ))),
            };
        let region = chosen.signing_region.as_deref().or(config.region());
        if credentials.is_some() && region.is_none() {
            return Err(Failure::Endpoint(
                "signing needs a region (AWS_REGION)".into(),
            ));
        }
        Ok(Call {
            config: config.clone(),
            operation,
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
            response_checksum,
        })
    }

    /// The next attempt's request, signed now.
    pub fn next_request(&mut self) -> Result<http::Request<Vec<u8>>, Failure> {
        self.begin_attempt();
        let mut request = self.unsigned.clone();
        if let Some(credentials) = &self.credentials {
            // An event stream's messages are signed one by one, chained from the request's.
            let events = request
                .headers()
                .get(http::header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes() == super::sign::EVENT_STREAM.as_bytes());
            let sign = if events {
                super::sign::sign_event_stream
            } else {
                super::sign::sign_encoded
            };
            sign(
                &mut request,
                credentials,
                (&self.region, &self.signing_name),
                self.config.clock().now(),
                self.double_encode,
            )
            .map_err(Failure::Signing)?;
        }
        Ok(request)
    }

    /// The next attempt's request with a live input event stream: the serialized body (an
    /// RPC protocol's `initial-request` message) then each event's message as the caller
    /// sends it, each signed as it goes (chained from the request's signature), and the empty
    /// signed message at the end.
    pub fn next_live_request(
        &mut self,
        live: &LiveEvents,
    ) -> Result<http::Request<BodyChunks>, Failure> {
        self.begin_attempt();
        let mut request = self.unsigned.clone();
        let first = std::mem::take(request.body_mut());
        // The body's length is unknown: it goes chunked.
        request.headers_mut().remove(http::header::CONTENT_LENGTH);
        let mut chain = match &self.credentials {
            Some(credentials) => Some(
                super::sign::EventSigner::start(
                    &mut request,
                    credentials,
                    (&self.region, &self.signing_name),
                    self.config.clock().now(),
                    self.double_encode,
                )
                .map_err(Failure::Signing)?,
            ),
            None => None,
        };
        let mut first: std::collections::VecDeque<Vec<u8>> =
            split_messages(&first).map_err(Failure::Signing)?.into();
        let (source, taken) = (live.source.clone(), live.taken.clone());
        let config = self.config.clone();
        let mut ended = false;
        let body: BodyChunks = Box::new(move |cx| {
            if ended {
                return std::task::Poll::Ready(None);
            }
            let next = match first.pop_front() {
                Some(message) => Some(Ok(message)),
                None => {
                    let mut source = source.lock().unwrap_or_else(|e| e.into_inner());
                    match source(cx) {
                        std::task::Poll::Pending => return std::task::Poll::Pending,
                        std::task::Poll::Ready(next) => {
                            taken.store(true, std::sync::atomic::Ordering::SeqCst);
                            next
                        }
                    }
                }
            };
            let signed = match (next, chain.as_mut()) {
                (Some(Ok(message)), Some(chain)) => chain.sign_message(&message, config.clock().now()),
                (Some(Ok(message)), None) => Ok(message),
                (Some(Err(why)), _) => Err(format!("the input event stream failed: {why}")),
                (None, Some(chain)) => {
                    ended = true;
                    chain.sign_message(&[], config.clock().now())
                }
                (None, None) => {
                    ended = true;
                    return std::task::Poll::Ready(None);
                }
            };
            ended |= signed.is_err();
            std::task::Poll::Ready(Some(signed))
        });
        Ok(request.map(|_| body))
    }

    fn begin_attempt(&mut self) {
        self.attempt += 1;
        self.span = tracing::debug_span!(
            "attempt",
            operation = self.operation,
            attempt = self.attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            outcome = tracing::field::Empty,
        );
    }

    /// Reads the outcome of an attempt whose request carried a live input stream: as
    /// [`Call::judge_streaming`] with an output stream, else the body read whole and judged as
    /// [`Call::judge`] does.
    pub async fn judge_live<O, E: OperationError>(
        &self,
        outcome: Result<http::Response<BodyChunks>, TransportError>,
        parse: Parse<O, E>,
        stream: Option<&OutputStream<O>>,
    ) -> Result<O, (RetryKind, SdkError<E>)> {
        if let Some(stream) = stream {
            return self.judge_streaming(outcome, parse, stream).await;
        }
        let (parts, mut body) = match outcome {
            Ok(response) => response.into_parts(),
            Err(error) => return self.judge(Err(error), parse),
        };
        match read_whole(&mut body).await {
            Ok(whole) => self.judge(Ok(http::Response::from_parts(parts, whole)), parse),
            Err(why) => self.judge(Err(TransportError::new(TransportErrorKind::Io, why)), parse),
        }
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
        let response = match outcome {
            Ok(response) => response,
            Err(error) => {
                let (kind, failure) = self.judge_transport(error);
                return Err((kind, failure.into()));
            }
        };
        self.record_response(response.headers(), response.status().as_u16());
        let (parts, body) = response.into_parts();
        match parse(parts.status.as_u16(), &parts.headers, &body) {
            Ok(output) => {
                if let Err(mismatch) = self.check_response(&parts.headers, &body) {
                    self.finish("checksum mismatch", false);
                    return Err((RetryKind::Never, SdkError::Checksum(mismatch)));
                }
                self.config.quota().success(self.last_retry_cost);
                self.finish("success", false);
                Ok(output)
            }
            Err(error) => Err(self.service_error(error, parts, body)),
        }
    }

    /// A service error, and how to retry it.
    fn service_error<E: OperationError>(
        &self,
        error: E,
        parts: http::response::Parts,
        body: Vec<u8>,
    ) -> (RetryKind, SdkError<E>) {
        let kind = self.judge_error(error.code(), error.modeled_retry(), &parts);
        // The error's own (the query protocols' is in the body), else the headers'.
        let request_id = error
            .request_id()
            .map(str::to_owned)
            .or_else(|| request_id(&parts.headers));
        let raw = http::Response::from_parts(parts, body);
        let error = ServiceError {
            error,
            raw,
            request_id,
        };
        (kind, SdkError::Service(Box::new(error)))
    }

    /// Reads the outcome of an attempt of an output event stream (or streaming blob)
    /// operation. An error status's body is read whole and judged as [`Call::judge`] does, as
    /// is a response whose checksum is to be validated when the operation asks; a success is
    /// handed on with its body still arriving (the output's receiver reads it), so no retry
    /// follows once events may have been delivered.
    pub async fn judge_streaming<O, E: OperationError>(
        &self,
        outcome: Result<http::Response<BodyChunks>, TransportError>,
        parse: Parse<O, E>,
        stream: &OutputStream<O>,
    ) -> Result<O, (RetryKind, SdkError<E>)> {
        let broken = |why: String| Err(TransportError::new(TransportErrorKind::Io, why));
        let (parts, mut body) = match outcome {
            Ok(response) => response.into_parts(),
            Err(error) => return self.judge(Err(error), parse),
        };
        let checked = stream.whole_if_checked && self.will_check_response(&parts.headers);
        if !parts.status.is_success() || checked {
            return match read_whole(&mut body).await {
                Ok(whole) => self.judge(Ok(http::Response::from_parts(parts, whole)), parse),
                Err(why) => self.judge(broken(why), parse),
            };
        }
        let first = if stream.first_message {
            match first_message(&mut body).await {
                Ok(first) => first,
                Err(why) => return self.judge(broken(why), parse),
            }
        } else {
            Vec::new()
        };
        self.record_response(&parts.headers, parts.status.as_u16());
        match parse(parts.status.as_u16(), &parts.headers, &first) {
            Ok(mut output) => {
                (stream.attach)(&mut output, body);
                self.config.quota().success(self.last_retry_cost);
                self.finish("success", false);
                Ok(output)
            }
            Err(error) => Err(self.service_error(error, parts, first)),
        }
    }

    /// `@httpChecksum`'s response validation, as the configuration says.
    fn check_response(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
    ) -> Result<(), crate::wire::checksum::ChecksumMismatch> {
        let Some(mark) = &self.response_checksum else {
            return Ok(());
        };
        let settings = self.response_checksum_settings();
        crate::wire::checksum::validate_response(mark, settings, headers, body).map(|_| ())
    }

    /// Whether [`Call::check_response`] would check a response with `headers`.
    fn will_check_response(&self, headers: &http::HeaderMap) -> bool {
        let Some(mark) = &self.response_checksum else {
            return false;
        };
        let settings = self.response_checksum_settings();
        crate::wire::checksum::will_validate(mark, settings, headers)
    }

    fn response_checksum_settings(&self) -> crate::wire::checksum::ResponseChecksumValidation {
        match self.config.response_checksum_validation() {
            super::ChecksumWhen::WhenSupported => {
                crate::wire::checksum::ResponseChecksumValidation::WhenSupported
            }
            super::ChecksumWhen::WhenRequired => {
                crate::wire::checksum::ResponseChecksumValidation::WhenRequired
            }
        }
    }

    fn record_response(&self, headers: &http::HeaderMap, status: u16) {
        self.span.record("status", status);
        if let Some(id) = request_id(headers) {
            self.span.record("request_id", id.as_str());
        }
    }

    /// How to retry an error response, with its code and its `@retryable` trait's answer.
    fn judge_error(
        &self,
        code: Option<&str>,
        modeled_retry: Option<RetryKind>,
        parts: &http::response::Parts,
    ) -> RetryKind {
        let mut kind = super::retry::classify_response(code, parts.status.as_u16(), modeled_retry);
        // A signature refused for its time is signed again at the server's.
        if code.is_some_and(|c| super::clock::SKEW_CODES.contains(&c))
            && self.config.clock().correct(&parts.headers)
        {
            kind = RetryKind::Transient;
        }
        self.finish("service error", kind == RetryKind::Throttling);
        kind
    }

    fn judge_transport(&self, error: TransportError) -> (RetryKind, Failure) {
        let judged = if error.kind == TransportErrorKind::Timeout {
            (RetryKind::Timeout, Failure::Timeout(error))
        } else if error.is_retryable() {
            (RetryKind::Transient, Failure::Transport(error))
        } else {
            (RetryKind::Never, Failure::Transport(error))
        };
        let label = match judged.1 {
            Failure::Timeout(_) => "timeout",
            _ => "transport error",
        };
        self.finish(label, false);
        judged
    }

    /// Ends the attempt: the adaptive rate limiter learns whether it was throttled, the span
    /// its outcome.
    fn finish(&self, outcome: &'static str, throttled: bool) {
        if self.config.retry_config().mode == super::retry::RetryMode::Adaptive {
            self.config.rate_limiter().after_response(throttled);
        }
        self.span.record("outcome", outcome);
    }

    /// The wait before the next attempt, or `None` when there is none: not retryable, out of
    /// attempts, out of time, or the retry quota is spent.
    pub fn retry_wait(&mut self, kind: RetryKind) -> Option<Duration> {
        let retry = self.config.retry_config();
        if kind == RetryKind::Never || self.attempt >= retry.max_attempts {
            return None;
        }
        let wait = retry.backoff(self.attempt - 1);
        if self.deadline.is_some_and(|d| Instant::now() + wait >= d) {
            return None;
        }
        self.last_retry_cost = Some(self.config.quota().acquire(kind)?);
        Some(wait)
    }
}
