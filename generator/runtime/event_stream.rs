//! The `application/vnd.amazon.eventstream` message framing of Smithy event streams: messages
//! encoded to bytes and decoded from bytes as they arrive, and the typed events and errors the
//! generated code reads from them.
//!
//! A message is a prelude (total length, headers length, both big-endian `u32`, and the
//! prelude's CRC-32), the headers (name length `u8`, name, type tag, value), the payload and
//! the CRC-32 of everything before it. Nothing here panics, whatever the bytes.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::task::{Context, Poll};

/// The prelude: total length, headers length, prelude CRC.
const PRELUDE: usize = 12;
/// The smallest message: a prelude and the message CRC.
const MIN_MESSAGE: usize = PRELUDE + 4;
/// The largest message the framing allows (16 MiB).
pub const MAX_MESSAGE: usize = 16 * 1024 * 1024;
/// The largest headers section the framing allows (128 KiB).
pub const MAX_HEADERS: usize = 128 * 1024;
/// The longest byte array or string header value (a signed 16-bit length).
const MAX_VALUE: usize = i16::MAX as usize;

/// The message is not valid framing, or a value does not fit in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameError {
    message: String,
}

impl FrameError {
    fn new(message: impl Into<String>) -> Self {
        FrameError {
            message: message.into(),
        }
    }

    /// What was wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid event stream message: {}", self.message)
    }
}

impl std::error::Error for FrameError {}

/// A typed header value (the type tag in parentheses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// `true` (0) or `false` (1).
    Bool(bool),
    /// (2)
    Byte(i8),
    /// (3)
    Short(i16),
    /// (4)
    Int(i32),
    /// (5)
    Long(i64),
    /// (6)
    Bytes(Vec<u8>),
    /// (7) UTF-8 text.
    String(String),
    /// (8) Milliseconds since the Unix epoch.
    Timestamp(i64),
    /// (9)
    Uuid([u8; 16]),
}

impl HeaderValue {
    /// The text of a string header.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            HeaderValue::String(text) => Some(text),
            _ => None,
        }
    }

    /// The name of the value's type, for errors.
    pub fn type_name(&self) -> &'static str {
        match self {
            HeaderValue::Bool(_) => "boolean",
            HeaderValue::Byte(_) => "byte",
            HeaderValue::Short(_) => "short",
            HeaderValue::Int(_) => "integer",
            HeaderValue::Long(_) => "long",
            HeaderValue::Bytes(_) => "byte array",
            HeaderValue::String(_) => "string",
            HeaderValue::Timestamp(_) => "timestamp",
            HeaderValue::Uuid(_) => "uuid",
        }
    }
}

/// One message: its headers in order, and its payload.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Message {
    pub headers: Vec<(String, HeaderValue)>,
    pub payload: Vec<u8>,
}

impl Message {
    /// The first header of that name.
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Adds a header.
    pub fn with_header(mut self, name: &str, value: HeaderValue) -> Self {
        self.headers.push((name.to_owned(), value));
        self
    }

    /// The text of a string header; an error when it has another type.
    pub fn string_header(&self, name: &str) -> Result<Option<&str>, FrameError> {
        match self.header(name) {
            None => Ok(None),
            Some(HeaderValue::String(text)) => Ok(Some(text)),
            Some(other) => Err(FrameError::new(format!(
                "the header `{name}` is a {}, not a string",
                other.type_name()
            ))),
        }
    }

    /// The message's bytes.
    pub fn encode(&self) -> Result<Vec<u8>, FrameError> {
        let mut headers = Vec::new();
        for (name, value) in &self.headers {
            encode_header(name, value, &mut headers)?;
        }
        if headers.len() > MAX_HEADERS {
            return Err(FrameError::new(format!(
                "the headers take {} bytes, more than {MAX_HEADERS}",
                headers.len()
            )));
        }
        let total = MIN_MESSAGE + headers.len() + self.payload.len();
        if total > MAX_MESSAGE {
            return Err(FrameError::new(format!(
                "the message takes {total} bytes, more than {MAX_MESSAGE}"
            )));
        }
        let mut out = Vec::with_capacity(total);
        // Both lengths are bounded above, far below `u32::MAX`.
        out.extend_from_slice(&(total as u32).to_be_bytes());
        out.extend_from_slice(&(headers.len() as u32).to_be_bytes());
        let prelude_crc = crc32(&out);
        out.extend_from_slice(&prelude_crc.to_be_bytes());
        out.extend_from_slice(&headers);
        out.extend_from_slice(&self.payload);
        let message_crc = crc32(&out);
        out.extend_from_slice(&message_crc.to_be_bytes());
        Ok(out)
    }
}

fn encode_header(name: &str, value: &HeaderValue, out: &mut Vec<u8>) -> Result<(), FrameError> {
    let name_len = u8::try_from(name.len())
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            FrameError::new(format!("the header name `{name}` must take 1 to 255 bytes"))
        })?;
    out.push(name_len);
    out.extend_from_slice(name.as_bytes());
    let with_length = |tag: u8, bytes: &[u8], out: &mut Vec<u8>| {
        if bytes.len() > MAX_VALUE {
            return Err(FrameError::new(format!(
                "the value of header `{name}` takes {} bytes, more than {MAX_VALUE}",
                bytes.len()
            )));
        }
        out.push(tag);
        out.extend_from_slice(&(bytes.len() as u16).to_be_bytes());
        out.extend_from_slice(bytes);
        Ok(())
    };
    match value {
        HeaderValue::Bool(true) => out.push(0),
        HeaderValue::Bool(false) => out.push(1),
        HeaderValue::Byte(v) => {
            out.push(2);
            out.extend_from_slice(&v.to_be_bytes());
        }
        HeaderValue::Short(v) => {
            out.push(3);
            out.extend_from_slice(&v.to_be_bytes());
        }
        HeaderValue::Int(v) => {
            out.push(4);
            out.extend_from_slice(&v.to_be_bytes());
        }
        HeaderValue::Long(v) => {
            out.push(5);
            out.extend_from_slice(&v.to_be_bytes());
        }
        HeaderValue::Bytes(bytes) => with_length(6, bytes, out)?,
        HeaderValue::String(text) => with_length(7, text.as_bytes(), out)?,
        HeaderValue::Timestamp(v) => {
            out.push(8);
            out.extend_from_slice(&v.to_be_bytes());
        }
        HeaderValue::Uuid(v) => {
            out.push(9);
            out.extend_from_slice(v);
        }
    }
    Ok(())
}

/// Reads `N` bytes at `at`, naming `what` when they are not there.
fn take<const N: usize>(bytes: &[u8], at: &mut usize, what: &str) -> Result<[u8; N], FrameError> {
    let piece = at
        .checked_add(N)
        .and_then(|end| bytes.get(*at..end))
        .ok_or_else(|| FrameError::new(format!("the headers end inside {what}")))?;
    *at += N;
    let mut out = [0u8; N];
    out.copy_from_slice(piece);
    Ok(out)
}

fn take_slice<'a>(
    bytes: &'a [u8],
    at: &mut usize,
    len: usize,
    what: &str,
) -> Result<&'a [u8], FrameError> {
    let piece = at
        .checked_add(len)
        .and_then(|end| bytes.get(*at..end))
        .ok_or_else(|| FrameError::new(format!("the headers end inside {what}")))?;
    *at += len;
    Ok(piece)
}

fn decode_headers(bytes: &[u8]) -> Result<Vec<(String, HeaderValue)>, FrameError> {
    let mut headers = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let [name_len] = take::<1>(bytes, &mut at, "a header name length")?;
        if name_len == 0 {
            return Err(FrameError::new("a header has an empty name"));
        }
        let name = take_slice(bytes, &mut at, usize::from(name_len), "a header name")?;
        let name = std::str::from_utf8(name)
            .map_err(|_| FrameError::new("a header name is not UTF-8"))?
            .to_owned();
        let what = format!("the value of header `{name}`");
        let [tag] = take::<1>(bytes, &mut at, &what)?;
        let value = match tag {
            0 => HeaderValue::Bool(true),
            1 => HeaderValue::Bool(false),
            2 => HeaderValue::Byte(i8::from_be_bytes(take::<1>(bytes, &mut at, &what)?)),
            3 => HeaderValue::Short(i16::from_be_bytes(take::<2>(bytes, &mut at, &what)?)),
            4 => HeaderValue::Int(i32::from_be_bytes(take::<4>(bytes, &mut at, &what)?)),
            5 => HeaderValue::Long(i64::from_be_bytes(take::<8>(bytes, &mut at, &what)?)),
            6 | 7 => {
                let len = usize::from(u16::from_be_bytes(take::<2>(bytes, &mut at, &what)?));
                let value = take_slice(bytes, &mut at, len, &what)?.to_vec();
                if tag == 6 {
                    HeaderValue::Bytes(value)
                } else {
                    HeaderValue::String(String::from_utf8(value).map_err(|_| {
                        FrameError::new(format!("the string header `{name}` is not UTF-8"))
                    })?)
                }
            }
            8 => HeaderValue::Timestamp(i64::from_be_bytes(take::<8>(bytes, &mut at, &what)?)),
            9 => HeaderValue::Uuid(take::<16>(bytes, &mut at, &what)?),
            other => {
                return Err(FrameError::new(format!(
                    "the header `{name}` has the unknown value type {other}"
                )))
            }
        };
        headers.push((name, value));
    }
    Ok(headers)
}

/// Decodes messages from bytes as they arrive: [`push`](Decoder::push) what came, then take
/// whole messages with [`next_message`](Decoder::next_message) until it gives `None`.
#[derive(Clone, Debug, Default)]
pub struct Decoder {
    buffer: Vec<u8>,
    failed: bool,
}

impl Decoder {
    pub fn new() -> Self {
        Decoder::default()
    }

    /// Adds received bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        if !self.failed {
            self.buffer.extend_from_slice(bytes);
        }
    }

    /// The next whole message, `None` while it has not all arrived. After an error the
    /// stream is broken: every later call gives `None`.
    pub fn next_message(&mut self) -> Result<Option<Message>, FrameError> {
        if self.failed {
            return Ok(None);
        }
        match self.read_message() {
            Err(e) => {
                self.failed = true;
                self.buffer = Vec::new();
                Err(e)
            }
            ok => ok,
        }
    }

    /// The end of the bytes: an error when part of a message is left.
    pub fn finish(&mut self) -> Result<(), FrameError> {
        if self.failed || self.buffer.is_empty() {
            return Ok(());
        }
        let left = self.buffer.len();
        self.failed = true;
        self.buffer = Vec::new();
        Err(FrameError::new(format!(
            "the stream ends inside a message ({left} bytes of it arrived)"
        )))
    }

    fn read_message(&mut self) -> Result<Option<Message>, FrameError> {
        let Some(prelude) = self.buffer.get(..PRELUDE) else {
            return Ok(None);
        };
        let word = |i: usize| {
            u32::from_be_bytes([prelude[i], prelude[i + 1], prelude[i + 2], prelude[i + 3]])
        };
        let (total, headers_len, prelude_crc) = (word(0), word(4), word(8));
        let computed = crc32(&prelude[..8]);
        if computed != prelude_crc {
            return Err(FrameError::new(format!(
                "the prelude CRC is {prelude_crc:#010x}, the prelude's is {computed:#010x}"
            )));
        }
        let (total, headers_len) = (total as usize, headers_len as usize);
        if !(MIN_MESSAGE..=MAX_MESSAGE).contains(&total) {
            return Err(FrameError::new(format!(
                "the total length {total} is outside {MIN_MESSAGE}..={MAX_MESSAGE}"
            )));
        }
        if headers_len > MAX_HEADERS || headers_len > total - MIN_MESSAGE {
            return Err(FrameError::new(format!(
                "the headers length {headers_len} does not fit the total length {total} (at most {MAX_HEADERS})"
            )));
        }
        let Some(message) = self.buffer.get(..total) else {
            return Ok(None);
        };
        let (body, crc) = message.split_at(total - 4);
        let message_crc = u32::from_be_bytes([crc[0], crc[1], crc[2], crc[3]]);
        let computed = crc32(body);
        if computed != message_crc {
            return Err(FrameError::new(format!(
                "the message CRC is {message_crc:#010x}, the message's is {computed:#010x}"
            )));
        }
        let headers = decode_headers(&body[PRELUDE..PRELUDE + headers_len])?;
        let payload = body[PRELUDE + headers_len..].to_vec();
        self.buffer.drain(..total);
        Ok(Some(Message { headers, payload }))
    }
}

/// What a stream of events gives instead of an event.
#[derive(Clone, PartialEq)]
pub enum EventError<T> {
    /// A modeled error (`:message-type` `exception` naming an error member of the stream's
    /// union): the union's variant that holds it.
    Modeled(T),
    /// An error the model does not describe: `:message-type` `error` (`:error-code`,
    /// `:error-message`), or an exception of a type this crate does not know.
    Unhandled {
        code: String,
        message: Option<String>,
    },
    /// The bytes are not a valid message, or the message not a valid event.
    Invalid(String),
}

impl<T> EventError<T> {
    /// An invalid message, from a framing error.
    pub fn invalid(error: impl fmt::Display) -> Self {
        EventError::Invalid(error.to_string())
    }
}

// The modeled error's own Debug redacts what is sensitive.
impl<T: fmt::Debug> fmt::Debug for EventError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventError::Modeled(error) => f.debug_tuple("Modeled").field(error).finish(),
            EventError::Unhandled { code, message } => f
                .debug_struct("Unhandled")
                .field("code", code)
                .field("message", message)
                .finish(),
            EventError::Invalid(message) => f.debug_tuple("Invalid").field(message).finish(),
        }
    }
}

impl<T> fmt::Display for EventError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EventError::Modeled(_) => f.write_str("the service sent a modeled error event"),
            EventError::Unhandled { code, message } => {
                write!(f, "the service sent the error event `{code}`")?;
                match message {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            EventError::Invalid(message) => write!(f, "invalid event: {message}"),
        }
    }
}

impl<T: fmt::Debug> std::error::Error for EventError<T> {}

/// An event stream union the generated code can read from messages.
pub trait DecodeEvent: Sized {
    /// The event of a `:message-type` `event` message, by its `:event-type`; the union's
    /// `Unknown` variant for a type the crate does not know.
    fn decode_event(event_type: &str, message: &Message) -> Result<Self, String>;
    /// The modeled error of an `exception` message, by its `:exception-type`; `None` when
    /// the type is no error member of the union.
    fn decode_exception(exception_type: &str, message: &Message) -> Option<Result<Self, String>>;
}

/// An event stream union the generated code can write as messages.
pub trait EncodeEvent {
    /// The message of the event: `:message-type` `event` (or `exception` for an error
    /// member), `:event-type`, `:content-type`, the header members and the payload.
    fn encode_event(&self) -> Result<Message, String>;
}

/// Reads one message as an event of `T`, by its `:message-type`.
pub fn decode<T: DecodeEvent>(message: &Message) -> Result<T, EventError<T>> {
    let required = |name: &str| match message.string_header(name) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(EventError::Invalid(format!(
            "the message has no `{name}` header"
        ))),
        Err(e) => Err(EventError::invalid(e.message())),
    };
    match required(":message-type")? {
        "event" => T::decode_event(required(":event-type")?, message).map_err(EventError::Invalid),
        "exception" => {
            let kind = required(":exception-type")?;
            match T::decode_exception(kind, message) {
                Some(Ok(error)) => Err(EventError::Modeled(error)),
                Some(Err(e)) => Err(EventError::Invalid(e)),
                None => Err(EventError::Unhandled {
                    code: kind.to_owned(),
                    message: None,
                }),
            }
        }
        "error" => Err(EventError::Unhandled {
            code: required(":error-code")?.to_owned(),
            message: message
                .string_header(":error-message")
                .ok()
                .flatten()
                .map(str::to_owned),
        }),
        other => Err(EventError::Invalid(format!(
            "the message type `{other}` is none of `event`, `exception`, `error`"
        ))),
    }
}

/// The `:event-type` of the RPC protocols' first messages, which carry the input's or the
/// output's other members.
pub const INITIAL_REQUEST: &str = "initial-request";
pub const INITIAL_RESPONSE: &str = "initial-response";

/// Whether a message is the event `event_type` (an initial message).
fn is_initial(message: &Message, event_type: &str) -> bool {
    message.string_header(":message-type") == Ok(Some("event"))
        && message.string_header(":event-type") == Ok(Some(event_type))
}

/// The `initial-request` message of an RPC protocol: the input's members other than its event
/// stream, as a document of `content_type`.
pub fn initial_request(document: Vec<u8>, content_type: &str) -> Result<Vec<u8>, FrameError> {
    let mut message = Message::default()
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(
            ":event-type",
            HeaderValue::String(INITIAL_REQUEST.to_owned()),
        )
        .with_header(
            ":content-type",
            HeaderValue::String(content_type.to_owned()),
        );
    message.payload = document;
    message.encode()
}

/// The document of the `initial-response` message an RPC protocol's response body starts
/// with; empty when the first message is another (or there is none).
pub fn initial_response(body: &[u8]) -> Result<Vec<u8>, FrameError> {
    let mut decoder = Decoder::new();
    decoder.push(body);
    match decoder.next_message()? {
        Some(message) if is_initial(&message, INITIAL_RESPONSE) => Ok(message.payload),
        _ => Ok(Vec::new()),
    }
}

/// A response body as it arrives: each poll gives the next piece, `None` at the end of the
/// body, `Some(Err(why))` when reading failed (the body ends there). The client's transports
/// give one (`client::async_io::BodyChunks` is the same type).
pub type BodyChunks =
    Box<dyn FnMut(&mut Context<'_>) -> Poll<Option<Result<Vec<u8>, String>>> + Send>;

/// Where a receiver reads more bytes from.
struct Source(BodyChunks);

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Source(..)")
    }
}

/// The events of a stream's bytes, decoded as they arrive. It ends after the first error:
/// a stream that sent an error sends nothing more.
///
/// The bytes are pushed ([`push`](Receiver::push), [`end`](Receiver::end)), or read from
/// the body of the response as it arrives (the client's receivers, see
/// [`attach`](Receiver::attach)): iterating then waits for each event, and
/// [`next_async`](Receiver::next_async) is the async client's way to wait.
#[derive(Debug)]
pub struct Receiver<T> {
    decoder: Decoder,
    ready: VecDeque<Result<T, EventError<T>>>,
    ended: bool,
    done: bool,
    /// An RPC protocol's stream: a first `initial-response` message is no event.
    skip_initial: bool,
    source: Option<Source>,
}

impl<T: DecodeEvent> Default for Receiver<T> {
    fn default() -> Self {
        Receiver::new()
    }
}

impl<T: DecodeEvent> Receiver<T> {
    /// A receiver waiting for bytes.
    pub fn new() -> Self {
        Receiver {
            decoder: Decoder::new(),
            ready: VecDeque::new(),
            ended: false,
            done: false,
            skip_initial: false,
            source: None,
        }
    }

    /// A receiver of an RPC protocol's stream, whose first message may be the
    /// `initial-response` (read by the operation's `parse_response`), not an event.
    pub fn after_initial_response() -> Self {
        Receiver {
            skip_initial: true,
            ..Receiver::new()
        }
    }

    /// A receiver over a whole received body (the stream has ended).
    pub fn from_body(body: &[u8]) -> Self {
        let mut receiver = Receiver::new();
        receiver.push(body);
        receiver.end();
        receiver
    }

    /// This receiver over a whole received body (the stream has ended).
    pub fn with_body(mut self, body: &[u8]) -> Self {
        self.push(body);
        self.end();
        self
    }

    /// The rest of the body comes from `source`, after the bytes pushed so far: the stream
    /// ends when it does.
    pub fn attach(&mut self, source: BodyChunks) {
        self.ended = false;
        self.source = Some(Source(source));
    }

    /// Adds received bytes.
    pub fn push(&mut self, bytes: &[u8]) {
        if !self.done {
            self.decoder.push(bytes);
        }
    }

    /// No more bytes will come: what is left of a message is an error.
    pub fn end(&mut self) {
        self.ended = true;
    }

    /// The next event or error; `None` when the stream is over or, for a receiver without
    /// a body to read from, when no whole message is waiting. A receiver reading a body
    /// waits for the next message (each read bounded by the transport's timeouts); on an
    /// async executor use [`next_async`](Receiver::next_async) instead.
    pub fn recv(&mut self) -> Option<Result<T, EventError<T>>> {
        if self.source.is_none() {
            return self.take_ready();
        }
        block_on(std::future::poll_fn(|cx| self.poll_next(cx)))
    }

    /// The next event or error, waiting for the body's bytes without blocking the executor;
    /// `None` when the stream is over.
    pub async fn next_async(&mut self) -> Option<Result<T, EventError<T>>> {
        std::future::poll_fn(|cx| self.poll_next(cx)).await
    }

    /// Polls for the next event or error (a `Stream`'s `poll_next`): `Ready(None)` when the
    /// stream is over or, without a body to read from, no whole message is waiting.
    pub fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, EventError<T>>>> {
        // Each turn takes a piece of the body, or returns.
        loop {
            if let Some(item) = self.take_ready() {
                return Poll::Ready(Some(item));
            }
            if self.done {
                return Poll::Ready(None);
            }
            let Some(Source(source)) = self.source.as_mut() else {
                return Poll::Ready(None);
            };
            match source(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(piece))) => self.push(&piece),
                Poll::Ready(None) => {
                    self.source = None;
                    self.end();
                }
                Poll::Ready(Some(Err(why))) => {
                    self.source = None;
                    self.done = true;
                    return Poll::Ready(Some(Err(EventError::Invalid(format!(
                        "the stream broke off: {why}"
                    )))));
                }
            }
        }
    }

    /// The next event or error decoded from the bytes received so far.
    fn take_ready(&mut self) -> Option<Result<T, EventError<T>>> {
        if let Some(ready) = self.ready.pop_front() {
            return Some(ready);
        }
        if self.done {
            return None;
        }
        let next = match self.decoder.next_message() {
            Ok(Some(message)) if self.skip_initial && is_initial(&message, INITIAL_RESPONSE) => {
                self.skip_initial = false;
                return self.take_ready();
            }
            Ok(Some(message)) => {
                self.skip_initial = false;
                decode(&message)
            }
            Ok(None) if self.ended => match self.decoder.finish() {
                Ok(()) => {
                    self.done = true;
                    return None;
                }
                Err(e) => Err(EventError::invalid(e)),
            },
            Ok(None) => return None,
            Err(e) => Err(EventError::invalid(e)),
        };
        if next.is_err() {
            self.done = true;
            self.source = None;
        }
        Some(next)
    }
}

impl<T: DecodeEvent> Iterator for Receiver<T> {
    type Item = Result<T, EventError<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.recv()
    }
}

/// Runs `future` to its end on this thread; the body's reads are bounded by the transport's
/// timeouts.
fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        std::thread::park();
    }
}

/// The bytes of each event: the body of an event stream request, unsigned.
pub fn encode_all<'a, T: EncodeEvent + 'a>(
    events: impl IntoIterator<Item = &'a T>,
) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    for event in events {
        let message = event.encode_event()?;
        body.extend(message.encode().map_err(|e| e.to_string())?);
    }
    Ok(body)
}

/// The CRC-32 (IEEE 802.3, reflected, as zlib computes it) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    crc32_update(0, bytes)
}

/// Continues a CRC-32 over more bytes (`crc` is what the bytes before gave).
pub fn crc32_update(crc: u32, bytes: &[u8]) -> u32 {
    let mut crc = !crc;
    for &byte in bytes {
        crc = CRC_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The encoded messages of a live input stream, each poll the next one (unsigned), `None` at
/// the end, `Some(Err(why))` when the sender failed the stream: what the clients send.
pub type MessageSource = BodyChunks;

/// The events of an input event stream, given to the call (the fluent builder's
/// `with_events`): all of them up front ([`EventStreamSender::from_events`]), from a channel
/// the caller sends into while the call runs ([`EventStreamSender::channel`]), or polled from
/// an async source ([`EventStreamSender::from_poll`]). Each event is encoded (and signed, by
/// a client that signs) as it is taken, so the service receives it while the call goes on.
pub struct EventStreamSender<E> {
    source: MessageSource,
    kind: std::marker::PhantomData<fn(E)>,
}

impl<E> fmt::Debug for EventStreamSender<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EventStreamSender(..)")
    }
}

/// The caller's side of [`EventStreamSender::channel`]: each event sent goes to the service
/// as soon as the call takes it. Dropping every handle closes the stream.
pub struct EventSendHandle<E> {
    shared: std::sync::Arc<std::sync::Mutex<Channel>>,
    kind: std::marker::PhantomData<fn(E)>,
}

impl<E> fmt::Debug for EventSendHandle<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSendHandle")
            .field("closed", &self.is_closed())
            .finish()
    }
}

impl<E> Clone for EventSendHandle<E> {
    fn clone(&self) -> Self {
        lock(&self.shared).handles += 1;
        EventSendHandle {
            shared: std::sync::Arc::clone(&self.shared),
            kind: std::marker::PhantomData,
        }
    }
}

/// What a channel holds between the caller's handles and the call.
#[derive(Default)]
struct Channel {
    queue: VecDeque<Result<Vec<u8>, String>>,
    /// Closed or failed: nothing more is taken.
    closed: bool,
    /// The call dropped its side (it ended).
    gone: bool,
    handles: usize,
    waker: Option<std::task::Waker>,
}

fn lock(shared: &std::sync::Mutex<Channel>) -> std::sync::MutexGuard<'_, Channel> {
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

impl<E: EncodeEvent> EventSendHandle<E> {
    /// Sends `event`: it is encoded now (an error when it cannot be), and goes to the service
    /// when the call takes it. An error once the stream is closed or the call has ended.
    pub fn send(&self, event: E) -> Result<(), String> {
        let message = event.encode_event()?;
        let bytes = message.encode().map_err(|e| e.to_string())?;
        self.push(Ok(bytes))
    }
}

impl<E> EventSendHandle<E> {
    fn push(&self, item: Result<Vec<u8>, String>) -> Result<(), String> {
        let waker = {
            let mut channel = lock(&self.shared);
            if channel.closed || channel.gone {
                return Err("the event stream is closed".to_owned());
            }
            channel.queue.push_back(item);
            channel.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
    }

    /// Ends the stream: the events sent so far go, then the end of the stream.
    pub fn close(&self) {
        let waker = {
            let mut channel = lock(&self.shared);
            channel.closed = true;
            channel.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Aborts the stream: the call stops sending and fails with `why`.
    pub fn fail(&self, why: impl Into<String>) {
        let _ = self.push(Err(why.into()));
        self.close();
    }

    /// Whether nothing more can be sent: closed, failed, or the call has ended.
    pub fn is_closed(&self) -> bool {
        let channel = lock(&self.shared);
        channel.closed || channel.gone
    }
}

impl<E> Drop for EventSendHandle<E> {
    fn drop(&mut self) {
        let last = {
            let mut channel = lock(&self.shared);
            channel.handles = channel.handles.saturating_sub(1);
            channel.handles == 0
        };
        if last {
            self.close();
        }
    }
}

/// The call's side of a channel: marks the channel gone when dropped.
struct Taker(std::sync::Arc<std::sync::Mutex<Channel>>);

impl Drop for Taker {
    fn drop(&mut self) {
        let mut channel = lock(&self.0);
        channel.gone = true;
        channel.queue.clear();
    }
}

impl<E: EncodeEvent + Send + 'static> EventStreamSender<E> {
    /// The events given up front, sent one after the other, then the end of the stream.
    pub fn from_events(events: impl IntoIterator<Item = E>) -> Self {
        let mut events: VecDeque<E> = events.into_iter().collect();
        let mut failed = false;
        EventStreamSender::from_source(Box::new(move |_| {
            if failed {
                return Poll::Ready(None);
            }
            let Some(event) = events.pop_front() else {
                return Poll::Ready(None);
            };
            let encoded = event
                .encode_event()
                .and_then(|m| m.encode().map_err(|e| e.to_string()));
            failed = encoded.is_err();
            Poll::Ready(Some(encoded))
        }))
    }

    /// A live stream, and the handle the caller sends its events with while the call runs.
    pub fn channel() -> (EventSendHandle<E>, Self) {
        let shared = std::sync::Arc::new(std::sync::Mutex::new(Channel {
            handles: 1,
            ..Channel::default()
        }));
        let taker = Taker(std::sync::Arc::clone(&shared));
        let handle = EventSendHandle {
            shared,
            kind: std::marker::PhantomData,
        };
        let source = Box::new(move |cx: &mut Context<'_>| {
            let mut channel = lock(&taker.0);
            if channel.gone {
                return Poll::Ready(None);
            }
            match channel.queue.pop_front() {
                Some(Err(why)) => {
                    channel.gone = true;
                    Poll::Ready(Some(Err(why)))
                }
                Some(ok) => Poll::Ready(Some(ok)),
                None if channel.closed => Poll::Ready(None),
                None => {
                    channel.waker = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        });
        (handle, EventStreamSender::from_source(source))
    }

    /// Events polled from an async source (a `Stream`'s `poll_next`): `None` ends the stream,
    /// `Some(Err(why))` aborts the call.
    pub fn from_poll(
        mut poll: impl FnMut(&mut Context<'_>) -> Poll<Option<Result<E, String>>> + Send + 'static,
    ) -> Self {
        let mut ended = false;
        EventStreamSender::from_source(Box::new(move |cx| {
            if ended {
                return Poll::Ready(None);
            }
            let next = match poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => None,
                Poll::Ready(Some(Ok(event))) => Some(
                    event
                        .encode_event()
                        .and_then(|m| m.encode().map_err(|e| e.to_string())),
                ),
                Poll::Ready(Some(Err(why))) => Some(Err(why)),
            };
            ended = !matches!(next, Some(Ok(_)));
            Poll::Ready(next)
        }))
    }
}

impl<E> EventStreamSender<E> {
    fn from_source(source: MessageSource) -> Self {
        EventStreamSender {
            source,
            kind: std::marker::PhantomData,
        }
    }

    /// The encoded messages, as the clients take them.
    pub fn into_messages(self) -> MessageSource {
        self.source
    }
}
