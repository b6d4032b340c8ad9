//! Event stream operations through the blocking client of the feature model's crate, against a
//! loopback server that answers one connection: an output stream read from the response body
//! (`client_event_stream_arrival.rs` shows each event arriving before the body ends), and an
//! input stream sent as the body; and each message of an input stream signed as SigV4's event stream signing
//! says (checked by an independent computation).

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, UNIX_EPOCH};

use features_model::blocking::Client;
use features_model::client::{sign, Config, Credentials, RetryConfig};
use features_model::operation::send_notes;
use features_model::types::{ChangedEvent, NoteEvent, ThingEvents};
use features_model::wire::event_stream::{Decoder, EventError, HeaderValue, Message};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The server waits no longer than this for its connection.
const SERVER_LIFETIME: Duration = Duration::from_secs(20);

/// A request as the server read it: head lines and body.
struct Received {
    head: Vec<String>,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.iter().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// Serves one connection with `status`, `headers` and `body`; the request comes back on the
/// channel.
fn serve_once(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    body: Vec<u8>,
) -> (String, mpsc::Receiver<Received>, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (send, receive) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let started = Instant::now();
        let mut stream = loop {
            match listener.accept() {
                Ok((stream, _)) => break stream,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    if started.elapsed() > SERVER_LIFETIME {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(e) => panic!("accept: {e}"),
            }
        };
        stream.set_nonblocking(false).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let mut data = Vec::new();
        let mut buf = [0u8; 4096];
        let head_end = loop {
            if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => data.extend_from_slice(&buf[..n]),
            }
        };
        let head: Vec<String> = String::from_utf8_lossy(&data[..head_end])
            .split("\r\n")
            .map(str::to_owned)
            .collect();
        let mut received = Received {
            head,
            body: data[head_end + 4..].to_vec(),
        };
        let length: usize = received
            .header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while received.body.len() < length {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => received.body.extend_from_slice(&buf[..n]),
            }
        }
        let mut reply = format!(
            "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
            body.len()
        );
        for (name, value) in headers {
            reply.push_str(&format!("{name}: {value}\r\n"));
        }
        reply.push_str("\r\n");
        let _ = stream.write_all(reply.as_bytes());
        let _ = stream.write_all(&body);
        let _ = send.send(received);
    });
    (url, receive, thread)
}

fn config(url: &str) -> Config {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
        .build()
}

fn string(text: &str) -> HeaderValue {
    HeaderValue::String(text.to_owned())
}

fn message(kind: &str, type_header: &str, name: &str, payload: &[u8]) -> Vec<u8> {
    let mut message = Message::default()
        .with_header(":message-type", string(kind))
        .with_header(type_header, string(name));
    message.payload = payload.to_vec();
    message.encode().expect("encodes")
}

fn messages(bytes: &[u8]) -> Vec<Message> {
    let mut decoder = Decoder::new();
    decoder.push(bytes);
    let mut out = Vec::new();
    while let Some(message) = decoder.next_message().expect("valid framing") {
        out.push(message);
    }
    decoder.finish().expect("whole messages");
    out
}

#[test]
fn an_output_stream_gives_the_initial_response_and_the_events() {
    let mut body = message("event", ":event-type", "note", b"hello");
    body.extend({
        let mut changed = Message::default()
            .with_header(":message-type", string("event"))
            .with_header(":event-type", string("changed"))
            .with_header(":content-type", string("application/json"))
            .with_header("thingId", string("t-1"));
        changed.payload = br#"{"count":2}"#.to_vec();
        changed.encode().unwrap()
    });
    body.extend(message(
        "exception",
        ":exception-type",
        "overloaded",
        br#"{"message":"slow down"}"#,
    ));
    let (url, received, server) = serve_once(
        200,
        &[
            ("x-session", "s-1"),
            ("content-type", "application/vnd.amazon.eventstream"),
        ],
        body,
    );
    let (output, events) = Client::new(&config(&url))
        .watch_things()
        .filter("all")
        .send()
        .expect("the call succeeds");
    assert_eq!(output.session.as_deref(), Some("s-1"));
    let events: Vec<_> = events.collect();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(
        events[0],
        Ok(ThingEvents::Note(
            NoteEvent::builder().text("hello").build()
        ))
    );
    assert_eq!(
        events[1],
        Ok(ThingEvents::Changed(
            ChangedEvent::builder().thing_id("t-1").count(2).build()
        ))
    );
    assert!(
        matches!(&events[2], Err(EventError::Modeled(ThingEvents::Overloaded(e))) if e.message.as_deref() == Some("slow down"))
    );
    let request = received.recv_timeout(SERVER_LIFETIME).expect("the request");
    assert!(request.head[0].starts_with("POST /watch?filter=all "));
    server.join().unwrap();
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn an_input_stream_is_sent_as_the_events_messages() {
    let (url, received, server) = serve_once(200, &[], Vec::new());
    let events = vec![
        ThingEvents::Note(NoteEvent::builder().text("first").build()),
        ThingEvents::Changed(ChangedEvent::builder().thing_id("t-9").count(7).build()),
    ];
    Client::new(&config(&url))
        .send_notes()
        .room("blue")
        .notes(events.clone())
        .send()
        .expect("the call succeeds");
    let request = received.recv_timeout(SERVER_LIFETIME).expect("the request");
    server.join().unwrap();
    assert!(request.head[0].starts_with("POST /notes "));
    assert_eq!(request.header("x-room"), Some("blue"));
    assert_eq!(
        request.header("content-type"),
        Some("application/vnd.amazon.eventstream")
    );
    // The feature model's service signs nothing: the messages go as they are.
    let mut expected = Vec::new();
    for event in &events {
        expected.extend(send_notes::encode_event(event).unwrap());
    }
    assert_eq!(request.body, expected);
}

#[test]
fn each_message_of_an_input_stream_is_signed_in_a_chain() {
    let events = vec![
        ThingEvents::Note(NoteEvent::builder().text("first").build()),
        ThingEvents::Changed(ChangedEvent::builder().thing_id("t-9").count(7).build()),
    ];
    let input = send_notes::SendNotesInput::builder()
        .room("blue")
        .notes(events.clone())
        .build();
    let mut request = send_notes::serialize_request(&input, "https://example.com").unwrap();
    let time = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    sign::sign_event_stream(
        &mut request,
        &Credentials::new("AKIDEXAMPLE", "secret-key", None),
        ("us-west-2", "features"),
        time,
        true,
    )
    .expect("signs");
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(
        header("x-amz-content-sha256"),
        Some("STREAMING-AWS4-HMAC-SHA256-EVENTS")
    );
    assert_eq!(
        header("content-length"),
        Some(request.body().len().to_string().as_str())
    );
    let authorization = header("authorization").expect("signed");
    let seed = authorization
        .rsplit_once("Signature=")
        .map(|(_, s)| s.to_owned())
        .expect("a signature");
    let amz_date = header("x-amz-date").expect("x-amz-date");
    assert_eq!(amz_date, "20231114T221320Z");
    let scope = "20231114/us-west-2/features/aws4_request";
    assert!(authorization.contains(&format!("Credential=AKIDEXAMPLE/{scope}")));
    let key = ["20231114", "us-west-2", "features", "aws4_request"]
        .iter()
        .fold(b"AWS4secret-key".to_vec(), |key, part| {
            hmac_sha256(&key, part.as_bytes())
        });

    // Each event's message wrapped in a signed one, then the empty signed message.
    let envelopes = messages(request.body());
    assert_eq!(envelopes.len(), events.len() + 1);
    let mut prior = seed;
    for (i, envelope) in envelopes.iter().enumerate() {
        let expected_payload = match events.get(i) {
            Some(event) => send_notes::encode_event(event).unwrap(),
            None => Vec::new(),
        };
        assert_eq!(envelope.payload, expected_payload, "message {i}");
        assert_eq!(
            envelope.header(":date"),
            Some(&HeaderValue::Timestamp(1_700_000_000_123))
        );
        let Some(HeaderValue::Bytes(signature)) = envelope.header(":chunk-signature") else {
            panic!("message {i} has no :chunk-signature");
        };
        // The encoded `:date` header alone: a message's bytes between prelude and CRC.
        let date_message = Message::default()
            .with_header(":date", HeaderValue::Timestamp(1_700_000_000_123))
            .encode()
            .unwrap();
        let date_header = &date_message[12..date_message.len() - 4];
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256-PAYLOAD\n{amz_date}\n{scope}\n{prior}\n{}\n{}",
            hex(&Sha256::digest(date_header)),
            hex(&Sha256::digest(&envelope.payload))
        );
        let expected = hmac_sha256(&key, string_to_sign.as_bytes());
        assert_eq!(signature, &expected, "signature of message {i}");
        prior = hex(signature);
    }
}
