//! An output event stream's events reach the caller as they arrive, not once the body has
//! ended: a loopback server writes an event, then waits until the test has received it before
//! writing the next. Through the blocking client, the async client on tokio (hyper) and the
//! async client under no runtime (the blocking transport on threads). A message split across
//! writes decodes whole; a body that ends inside a message, or a connection that breaks off,
//! ends the stream with `EventError::Invalid`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use features_model::blocking;
use features_model::client::{Client, Config, Credentials, RetryConfig, Timeouts};
use features_model::types::{NoteEvent, ThingEvents};
use features_model::wire::event_stream::{EventError, HeaderValue, Message};
use smithy_codegen_tests::{accept_within, block_on};

/// The longest any side waits for the other.
const PATIENCE: Duration = Duration::from_secs(10);

/// What the server does after the response head, in order.
enum Step {
    /// Writes these bytes of the body (one HTTP chunk).
    Write(Vec<u8>),
    /// Waits until the test says it received an event.
    AwaitAck,
    /// Closes the connection without ending the body.
    Break,
}

/// Serves one connection: reads the request, writes a 200 event stream head, then `steps`,
/// then the end of the chunked body. The thread gives whether every acknowledgement came in
/// time (it closes the connection when one does not).
fn serve_stream(steps: Vec<Step>) -> (String, mpsc::Sender<()>, JoinHandle<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (ack, acks) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let Some(mut stream) = accept_within(&listener, PATIENCE) else {
            return false;
        };
        if !read_request(&mut stream) {
            return false;
        }
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/vnd.amazon.eventstream\r\n\
                    x-session: s-1\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return false;
        }
        for step in steps {
            match step {
                Step::Write(bytes) => {
                    let mut chunk = format!("{:x}\r\n", bytes.len()).into_bytes();
                    chunk.extend(bytes);
                    chunk.extend(b"\r\n");
                    if stream
                        .write_all(&chunk)
                        .and_then(|()| stream.flush())
                        .is_err()
                    {
                        return false;
                    }
                }
                Step::AwaitAck => {
                    if acks.recv_timeout(PATIENCE).is_err() {
                        return false;
                    }
                }
                Step::Break => return true,
            }
        }
        stream.write_all(b"0\r\n\r\n").is_ok()
    });
    (url, ack, thread)
}

/// Reads the request's head and its `content-length` body.
fn read_request(stream: &mut TcpStream) -> bool {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut body = data.len() - head_end - 4;
    while body < length {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => body += n,
        }
    }
    true
}

fn note(text: &str) -> Vec<u8> {
    let mut message = Message::default()
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(":event-type", HeaderValue::String("note".to_owned()));
    message.payload = text.as_bytes().to_vec();
    message.encode().expect("encodes")
}

fn is_note(item: Option<Result<ThingEvents, EventError<ThingEvents>>>, text: &str) -> bool {
    item == Some(Ok(ThingEvents::Note(
        NoteEvent::builder().text(text).build(),
    )))
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
        .timeouts(Timeouts {
            read: Some(PATIENCE),
            ..Timeouts::default()
        })
        .build()
}

/// Three events; the second split across two writes, its first half written with the first
/// event, its rest only once the test has received the first.
fn three_events_one_at_a_time() -> Vec<Step> {
    let second = note("two");
    let (half, rest) = second.split_at(second.len() / 2);
    let mut first = note("one");
    first.extend_from_slice(half);
    vec![
        Step::Write(first),
        Step::AwaitAck,
        Step::Write(rest.to_vec()),
        Step::AwaitAck,
        Step::Write(note("three")),
    ]
}

#[test]
fn the_blocking_client_gives_each_event_as_it_arrives() {
    let (url, ack, server) = serve_stream(three_events_one_at_a_time());
    let (output, mut events) = blocking::Client::new(&config(&url))
        .watch_things()
        .filter("all")
        .send()
        .expect("the call succeeds");
    assert_eq!(output.session.as_deref(), Some("s-1"));
    assert!(is_note(events.next(), "one"));
    let _ = ack.send(());
    assert!(is_note(events.next(), "two"));
    let _ = ack.send(());
    assert!(is_note(events.next(), "three"));
    assert_eq!(events.next(), None);
    assert!(
        server.join().unwrap(),
        "the server saw every acknowledgement"
    );
}

#[test]
fn the_async_client_on_tokio_gives_each_event_as_it_arrives() {
    let (url, ack, server) = serve_stream(three_events_one_at_a_time());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let call = Client::new(&config(&url))
            .watch_things()
            .filter("all")
            .send();
        let (output, mut events) = tokio::time::timeout(PATIENCE, call)
            .await
            .expect("in time")
            .expect("the call succeeds");
        assert_eq!(output.session.as_deref(), Some("s-1"));
        for (text, acknowledge) in [("one", true), ("two", true), ("three", false)] {
            let event = tokio::time::timeout(PATIENCE, events.next_async()).await;
            assert!(is_note(event.expect("in time"), text), "{text}");
            if acknowledge {
                let _ = ack.send(());
            }
        }
        let end = tokio::time::timeout(PATIENCE, events.next_async()).await;
        assert_eq!(end.expect("in time"), None);
    });
    assert!(
        server.join().unwrap(),
        "the server saw every acknowledgement"
    );
}

#[test]
fn the_async_client_without_a_runtime_gives_each_event_as_it_arrives() {
    let (url, ack, server) = serve_stream(three_events_one_at_a_time());
    let client = Client::new(&config(&url));
    let (output, mut events) =
        block_on(client.watch_things().filter("all").send(), PATIENCE).expect("the call succeeds");
    assert_eq!(output.session.as_deref(), Some("s-1"));
    assert!(is_note(block_on(events.next_async(), PATIENCE), "one"));
    let _ = ack.send(());
    assert!(is_note(block_on(events.next_async(), PATIENCE), "two"));
    let _ = ack.send(());
    assert!(is_note(block_on(events.next_async(), PATIENCE), "three"));
    assert_eq!(block_on(events.next_async(), PATIENCE), None);
    assert!(
        server.join().unwrap(),
        "the server saw every acknowledgement"
    );
}

#[test]
fn a_body_ending_inside_a_message_is_an_invalid_event() {
    let partial = note("cut short");
    let (url, _ack, server) = serve_stream(vec![
        Step::Write(note("one")),
        Step::Write(partial[..partial.len() - 3].to_vec()),
    ]);
    let (_, mut events) = blocking::Client::new(&config(&url))
        .watch_things()
        .filter("all")
        .send()
        .expect("the call succeeds");
    assert!(is_note(events.next(), "one"));
    match events.next() {
        Some(Err(EventError::Invalid(message))) => {
            assert!(message.contains("ends inside a message"), "{message}")
        }
        other => panic!("expected an invalid event, got {other:?}"),
    }
    assert_eq!(events.next(), None);
    assert!(server.join().unwrap());
}

#[test]
fn a_connection_breaking_off_ends_the_stream_with_an_invalid_event() {
    let (url, _ack, server) = serve_stream(vec![Step::Write(note("one")), Step::Break]);
    let (_, mut events) = blocking::Client::new(&config(&url))
        .watch_things()
        .filter("all")
        .send()
        .expect("the call succeeds");
    assert!(is_note(events.next(), "one"));
    assert!(
        matches!(events.next(), Some(Err(EventError::Invalid(_)))),
        "a broken body is an invalid event"
    );
    assert_eq!(events.next(), None);
    assert!(server.join().unwrap());
}
