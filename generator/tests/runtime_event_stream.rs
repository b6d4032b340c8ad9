//! Tests of the event stream framing generated crates carry (`runtime/event_stream.rs`),
//! against known answers (the empty message of the AWS SDKs' test vectors, messages of
//! Smithy's restJson1 event stream cases) and properties: any message round-trips, however
//! its bytes arrive, and no input panics.

#[allow(dead_code)]
#[path = "../runtime/event_stream.rs"]
mod codec;

use codec::*;
use proptest::prelude::*;

/// `base64` decoding for the vectors (the generator has no base64 crate).
fn unbase64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= u32::from(*d) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// `BooleanHeaderInput` of Smithy's restJson1 `event-stream.smithy`.
const BOOLEAN_HEADER: &str =
    "AAAASwAAADv7Cl8VDTptZXNzYWdlLXR5cGUHAAVldmVudAs6ZXZlbnQtdHlwZQcAB2hlYWRlcnMNYm9vbGVhbkhlYWRlcgC4J9Ws";
/// `MultipleHeaderInput`: bool, string and byte array headers.
const MULTIPLE_HEADERS: &str = "AAAAbwAAAF+FlHOQDTptZXNzYWdlLXR5cGUHAAVldmVudAs6ZXZlbnQtdHlwZQcAB2hlYWRlcnMNYm9vbGVhbkhlYWRlcgAMc3RyaW5nSGVhZGVyBwADZm9vCmJsb2JIZWFkZXIGAANiYXIDXbo7";
/// `StringPayloadInput`: a payload `foo`.
const STRING_PAYLOAD: &str = "AAAAYAAAAE30fZUJDTptZXNzYWdlLXR5cGUHAAVldmVudAs6ZXZlbnQtdHlwZQcADXN0cmluZ1BheWxvYWQNOmNvbnRlbnQtdHlwZQcACnRleHQvcGxhaW5mb29G1ELr";

fn string(text: &str) -> HeaderValue {
    HeaderValue::String(text.to_owned())
}

#[test]
fn crc32_is_the_ieee_checksum() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32_update(crc32(b"1234"), b"56789"), 0xCBF4_3926);
}

#[test]
fn the_empty_message_is_the_known_answer() {
    let bytes = Message::default().encode().unwrap();
    assert_eq!(
        bytes,
        [0, 0, 0, 0x10, 0, 0, 0, 0, 0x05, 0xc2, 0x48, 0xeb, 0x7d, 0x98, 0xc8, 0xff]
    );
    let mut decoder = Decoder::new();
    decoder.push(&bytes);
    assert_eq!(decoder.next_message(), Ok(Some(Message::default())));
    assert_eq!(decoder.next_message(), Ok(None));
    assert_eq!(decoder.finish(), Ok(()));
}

#[test]
fn smithy_vectors_decode_and_encode_to_the_same_bytes() {
    let bytes = unbase64(BOOLEAN_HEADER);
    let message = Message::default()
        .with_header(":message-type", string("event"))
        .with_header(":event-type", string("headers"))
        .with_header("booleanHeader", HeaderValue::Bool(true));
    assert_eq!(message.encode().unwrap(), bytes);
    let mut decoder = Decoder::new();
    decoder.push(&bytes);
    assert_eq!(decoder.next_message().unwrap(), Some(message));

    let multiple = Message::default()
        .with_header(":message-type", string("event"))
        .with_header(":event-type", string("headers"))
        .with_header("booleanHeader", HeaderValue::Bool(true))
        .with_header("stringHeader", string("foo"))
        .with_header("blobHeader", HeaderValue::Bytes(b"bar".to_vec()));
    assert_eq!(multiple.encode().unwrap(), unbase64(MULTIPLE_HEADERS));

    let mut payload = Message::default()
        .with_header(":message-type", string("event"))
        .with_header(":event-type", string("stringPayload"))
        .with_header(":content-type", string("text/plain"));
    payload.payload = b"foo".to_vec();
    assert_eq!(payload.encode().unwrap(), unbase64(STRING_PAYLOAD));
}

#[test]
fn every_header_type_round_trips() {
    let message = Message {
        headers: vec![
            ("t".into(), HeaderValue::Bool(true)),
            ("f".into(), HeaderValue::Bool(false)),
            ("b".into(), HeaderValue::Byte(-1)),
            ("s".into(), HeaderValue::Short(-2)),
            ("i".into(), HeaderValue::Int(3)),
            ("l".into(), HeaderValue::Long(4_294_967_294)),
            ("a".into(), HeaderValue::Bytes(vec![0, 1, 2])),
            ("str".into(), string("héllo")),
            ("ts".into(), HeaderValue::Timestamp(1_576_540_098_000)),
            ("u".into(), HeaderValue::Uuid([7; 16])),
        ],
        payload: b"{\"a\":1}".to_vec(),
    };
    let bytes = message.encode().unwrap();
    let mut decoder = Decoder::new();
    decoder.push(&bytes);
    assert_eq!(decoder.next_message().unwrap(), Some(message));
}

#[test]
fn bytes_arriving_one_at_a_time_give_whole_messages() {
    let one = unbase64(BOOLEAN_HEADER);
    let two = unbase64(STRING_PAYLOAD);
    let stream: Vec<u8> = one.iter().chain(&two).copied().collect();
    let mut decoder = Decoder::new();
    let mut messages = Vec::new();
    for byte in &stream {
        decoder.push(std::slice::from_ref(byte));
        while let Some(message) = decoder.next_message().unwrap() {
            messages.push(message);
        }
    }
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[1].payload, b"foo");
    assert_eq!(decoder.finish(), Ok(()));
}

fn first_error(bytes: &[u8]) -> String {
    let mut decoder = Decoder::new();
    decoder.push(bytes);
    let error = match decoder.next_message() {
        Err(e) => e,
        Ok(Some(_)) => panic!("decoded"),
        Ok(None) => decoder.finish().expect_err("waiting"),
    };
    // After an error the decoder gives nothing more.
    assert_eq!(decoder.next_message(), Ok(None));
    error.message().to_owned()
}

#[test]
fn malformed_messages_are_errors_naming_what_is_wrong() {
    let good = unbase64(BOOLEAN_HEADER);
    let mut bad_prelude = good.clone();
    bad_prelude[9] ^= 1;
    assert!(first_error(&bad_prelude).contains("prelude CRC"));
    let mut bad_message = good.clone();
    let last = bad_message.len() - 1;
    bad_message[last] ^= 1;
    assert!(first_error(&bad_message).contains("message CRC"));
    assert!(first_error(&good[..good.len() - 1]).contains("ends inside a message"));

    // Lengths out of range, with valid prelude CRCs.
    let prelude = |total: u32, headers: u32| {
        let mut p = total.to_be_bytes().to_vec();
        p.extend(headers.to_be_bytes());
        let crc = crc32(&p);
        p.extend(crc.to_be_bytes());
        p
    };
    assert!(first_error(&prelude(15, 0)).contains("total length 15"));
    assert!(first_error(&prelude(u32::MAX, 0)).contains("total length"));
    assert!(first_error(&prelude(20, 5)).contains("headers length 5"));

    // An unknown header type, and a header running past the headers section.
    let framed = |headers: &[u8]| {
        let mut m = prelude(16 + headers.len() as u32, headers.len() as u32);
        m.extend_from_slice(headers);
        let crc = crc32(&m);
        m.extend(crc.to_be_bytes());
        m
    };
    assert!(first_error(&framed(b"\x01x\x0a")).contains("unknown value type 10"));
    assert!(first_error(&framed(b"\x01x\x07\x00\x05ab")).contains("header `x`"));
    assert!(first_error(&framed(b"\x05ab")).contains("header name"));
    assert!(first_error(&framed(b"\x00")).contains("empty name"));
}

#[test]
fn values_that_do_not_fit_are_encoding_errors() {
    let long_name = "n".repeat(256);
    let message = Message::default().with_header(&long_name, HeaderValue::Bool(true));
    assert!(message.encode().is_err());
    let big = Message::default().with_header("b", HeaderValue::Bytes(vec![0; 40_000]));
    assert!(big
        .encode()
        .unwrap_err()
        .message()
        .contains("more than 32767"));
    let huge = Message {
        headers: Vec::new(),
        payload: vec![0; MAX_MESSAGE],
    };
    assert!(huge.encode().is_err());
}

/// A union of two events and one error, as the generated code implements the traits.
#[derive(Debug, PartialEq)]
enum Stream {
    Text(String),
    Boom(String),
    Unknown(String),
}

impl DecodeEvent for Stream {
    fn decode_event(event_type: &str, message: &Message) -> Result<Self, String> {
        match event_type {
            "text" => String::from_utf8(message.payload.clone())
                .map(Stream::Text)
                .map_err(|_| "not UTF-8".to_owned()),
            other => Ok(Stream::Unknown(other.to_owned())),
        }
    }

    fn decode_exception(kind: &str, message: &Message) -> Option<Result<Self, String>> {
        (kind == "boom").then(|| {
            Ok(Stream::Boom(
                String::from_utf8_lossy(&message.payload).into(),
            ))
        })
    }
}

fn event(kind: &str, name: &str, payload: &str) -> Vec<u8> {
    let type_header = if kind == "event" {
        ":event-type"
    } else {
        ":exception-type"
    };
    let mut message = Message::default()
        .with_header(":message-type", string(kind))
        .with_header(type_header, string(name));
    message.payload = payload.as_bytes().to_vec();
    message.encode().unwrap()
}

#[test]
fn a_receiver_gives_events_then_stops_at_the_first_error() {
    let mut body = event("event", "text", "hi");
    body.extend(event("event", "later", ""));
    body.extend(event("exception", "boom", "bad"));
    body.extend(event("event", "text", "never"));
    let got: Vec<_> = Receiver::<Stream>::from_body(&body).collect();
    assert_eq!(
        got,
        vec![
            Ok(Stream::Text("hi".into())),
            Ok(Stream::Unknown("later".into())),
            Err(EventError::Modeled(Stream::Boom("bad".into()))),
        ]
    );
}

#[test]
fn error_messages_and_unknown_exceptions_are_unhandled() {
    let error = Message::default()
        .with_header(":message-type", string("error"))
        .with_header(":error-code", string("internal-error"))
        .with_header(":error-message", string("An unknown error occurred."));
    let got = decode::<Stream>(&error);
    assert_eq!(
        got,
        Err(EventError::Unhandled {
            code: "internal-error".into(),
            message: Some("An unknown error occurred.".into())
        })
    );
    let exception = Receiver::<Stream>::from_body(&event("exception", "other", "")).next();
    assert!(matches!(exception, Some(Err(EventError::Unhandled { code, .. })) if code == "other"));
}

#[test]
fn messages_without_valid_type_headers_are_invalid() {
    let missing = Message::default().with_header(":event-type", string("text"));
    assert!(
        matches!(decode::<Stream>(&missing), Err(EventError::Invalid(m)) if m.contains(":message-type"))
    );
    let blob = Message::default()
        .with_header(":message-type", HeaderValue::Bytes(b"event".to_vec()))
        .with_header(":event-type", string("text"));
    assert!(
        matches!(decode::<Stream>(&blob), Err(EventError::Invalid(m)) if m.contains("not a string"))
    );
    let no_event_type = Message::default().with_header(":message-type", string("event"));
    assert!(
        matches!(decode::<Stream>(&no_event_type), Err(EventError::Invalid(m)) if m.contains(":event-type"))
    );
    let other = Message::default().with_header(":message-type", string("ping"));
    assert!(decode::<Stream>(&other).is_err());
}

#[test]
fn a_truncated_body_ends_the_receiver_with_an_error() {
    let body = event("event", "text", "hi");
    let mut receiver = Receiver::<Stream>::from_body(&body[..body.len() - 3]);
    assert!(matches!(receiver.next(), Some(Err(EventError::Invalid(_)))));
    assert_eq!(receiver.next(), None);
}

/// A body whose pieces the test hands over one at a time: each poll takes the next one given,
/// `Pending` while there is none, the end once `closed`.
/// The pieces given and not yet taken, and whether the body has ended.
type PieceQueue = (std::collections::VecDeque<Result<Vec<u8>, String>>, bool);

#[derive(Clone, Default)]
struct Pieces(std::sync::Arc<std::sync::Mutex<PieceQueue>>);

impl Pieces {
    fn give(&self, piece: Result<Vec<u8>, String>) {
        self.0.lock().unwrap().0.push_back(piece);
    }

    fn close(&self) {
        self.0.lock().unwrap().1 = true;
    }

    fn source(&self) -> BodyChunks {
        let pieces = self.clone();
        Box::new(move |_| {
            let mut state = pieces.0.lock().unwrap();
            match state.0.pop_front() {
                Some(piece) => std::task::Poll::Ready(Some(piece)),
                None if state.1 => std::task::Poll::Ready(None),
                None => std::task::Poll::Pending,
            }
        })
    }
}

fn poll(
    receiver: &mut Receiver<Stream>,
) -> std::task::Poll<Option<Result<Stream, EventError<Stream>>>> {
    receiver.poll_next(&mut std::task::Context::from_waker(std::task::Waker::noop()))
}

#[test]
fn an_attached_body_gives_each_event_when_its_last_byte_arrives() {
    let first = event("event", "text", "one");
    let second = event("event", "text", "two");
    let pieces = Pieces::default();
    let mut receiver = Receiver::<Stream>::new();
    receiver.attach(pieces.source());
    for (message, text) in [(&first, "one"), (&second, "two")] {
        // One byte at a time: nothing until the message's last byte.
        for (i, byte) in message.iter().enumerate() {
            assert!(poll(&mut receiver).is_pending(), "{text}: byte {i}");
            pieces.give(Ok(vec![*byte]));
        }
        assert_eq!(
            poll(&mut receiver),
            std::task::Poll::Ready(Some(Ok(Stream::Text(text.into()))))
        );
    }
    assert!(poll(&mut receiver).is_pending());
    pieces.close();
    assert_eq!(poll(&mut receiver), std::task::Poll::Ready(None));
}

#[test]
fn bytes_pushed_before_attaching_come_first() {
    let body = [event("event", "text", "one"), event("event", "text", "two")].concat();
    let (start, rest) = body.split_at(20);
    let pieces = Pieces::default();
    pieces.give(Ok(rest.to_vec()));
    pieces.close();
    // As the clients do: the start of the body (an RPC protocol's first message) read first.
    let mut receiver = Receiver::<Stream>::new().with_body(start);
    receiver.attach(pieces.source());
    let got: Vec<_> = receiver.collect();
    assert_eq!(
        got,
        vec![
            Ok(Stream::Text("one".into())),
            Ok(Stream::Text("two".into()))
        ]
    );
}

#[test]
fn an_attached_body_ending_inside_a_message_or_breaking_off_is_invalid() {
    let message = event("event", "text", "cut");
    let truncated = Pieces::default();
    truncated.give(Ok(message[..message.len() - 1].to_vec()));
    truncated.close();
    let mut receiver = Receiver::<Stream>::new();
    receiver.attach(truncated.source());
    assert!(
        matches!(receiver.recv(), Some(Err(EventError::Invalid(m))) if m.contains("ends inside a message"))
    );
    assert_eq!(receiver.recv(), None);

    let broken = Pieces::default();
    broken.give(Ok(event("event", "text", "one")));
    broken.give(Err("connection reset".to_owned()));
    broken.give(Ok(event("event", "text", "never")));
    let mut receiver = Receiver::<Stream>::new();
    receiver.attach(broken.source());
    assert_eq!(receiver.recv(), Some(Ok(Stream::Text("one".into()))));
    assert!(
        matches!(receiver.recv(), Some(Err(EventError::Invalid(m))) if m.contains("connection reset"))
    );
    assert_eq!(receiver.recv(), None);
}

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        any::<bool>().prop_map(HeaderValue::Bool),
        any::<i8>().prop_map(HeaderValue::Byte),
        any::<i16>().prop_map(HeaderValue::Short),
        any::<i32>().prop_map(HeaderValue::Int),
        any::<i64>().prop_map(HeaderValue::Long),
        proptest::collection::vec(any::<u8>(), 0..64).prop_map(HeaderValue::Bytes),
        ".{0,40}".prop_map(HeaderValue::String),
        any::<i64>().prop_map(HeaderValue::Timestamp),
        any::<[u8; 16]>().prop_map(HeaderValue::Uuid),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    (
        proptest::collection::vec(("[a-z:-]{1,20}", header_value()), 0..6),
        proptest::collection::vec(any::<u8>(), 0..200),
    )
        .prop_map(|(headers, payload)| Message { headers, payload })
}

proptest! {
    #[test]
    fn messages_round_trip_however_their_bytes_arrive(
        messages in proptest::collection::vec(message(), 1..4),
        cuts in proptest::collection::vec(1usize..64, 1..40),
    ) {
        let mut bytes = Vec::new();
        for message in &messages {
            bytes.extend(message.encode().unwrap());
        }
        let mut decoder = Decoder::new();
        let mut got = Vec::new();
        let mut rest: &[u8] = &bytes;
        let mut cuts = cuts.iter().cycle();
        while !rest.is_empty() {
            let n = (*cuts.next().unwrap()).min(rest.len());
            decoder.push(&rest[..n]);
            rest = &rest[n..];
            while let Some(message) = decoder.next_message().unwrap() {
                got.push(message);
            }
        }
        prop_assert_eq!(decoder.finish(), Ok(()));
        prop_assert_eq!(got, messages);
    }

    #[test]
    fn no_bytes_make_the_decoder_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut decoder = Decoder::new();
        decoder.push(&bytes);
        for _ in 0..10 {
            match decoder.next_message() {
                Ok(Some(_)) => continue,
                _ => break,
            }
        }
        let _ = decoder.finish();
    }

    #[test]
    fn a_flipped_bit_is_always_found(message in message(), bit in any::<usize>()) {
        let mut bytes = message.encode().unwrap();
        let bit = bit % (bytes.len() * 8);
        bytes[bit / 8] ^= 1 << (bit % 8);
        let mut decoder = Decoder::new();
        decoder.push(&bytes);
        // A changed length waits for more bytes or is refused; anything else fails a CRC.
        let outcome = decoder.next_message();
        prop_assert!(!matches!(outcome, Ok(Some(_))), "{:?}", outcome);
    }
}
