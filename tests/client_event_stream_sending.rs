//! Live input event streams: the caller sends events while the call runs, through the blocking
//! and the async client of the feature model's crate, against a loopback server that reads the
//! chunked body as it arrives and reports each message as soon as it has it. The server sees
//! the first event before the caller sends the second; `close` ends the body, `fail` aborts
//! the call. The signatures of messages signed one at a time chain as the whole-body signer's
//! (which `client_event_streams.rs` checks independently).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, UNIX_EPOCH};

use features_model::client::{sign, Config, Credentials, RetryConfig};
use features_model::operation::send_notes;
use features_model::types::{NoteEvent, ThingEvents};
use features_model::wire::event_stream::{Decoder, EventStreamSender, HeaderValue, Message};
use smithy_codegen_tests::accept_within;

/// The server waits no longer than this for its connection, and each read no longer than
/// [`READ_LIMIT`].
const SERVER_LIFETIME: Duration = Duration::from_secs(20);
const READ_LIMIT: Duration = Duration::from_secs(10);
/// How long the test waits for the server to report.
const WAIT: Duration = Duration::from_secs(15);

/// What the server saw, in order.
#[derive(Debug)]
enum Seen {
    Head(Vec<String>),
    Message(Message),
    /// The last chunk: the body ended.
    End,
    /// The connection ended inside the body.
    Broken,
}

/// Serves one connection: reads the chunked body as it arrives, reporting each whole message,
/// then answers 200 when the body ended.
fn serve_once() -> (String, mpsc::Receiver<Seen>, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (send, seen) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let Some(mut stream) = accept_within(&listener, SERVER_LIFETIME) else {
            return;
        };
        stream.set_read_timeout(Some(READ_LIMIT)).unwrap();
        let mut data = Vec::new();
        let mut buf = [0u8; 4096];
        let mut more = |data: &mut Vec<u8>| match stream.read(&mut buf) {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                data.extend_from_slice(&buf[..n]);
                true
            }
        };
        let head_end = loop {
            if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                break i;
            }
            if !more(&mut data) {
                return;
            }
        };
        let head: Vec<String> = String::from_utf8_lossy(&data[..head_end])
            .split("\r\n")
            .map(str::to_owned)
            .collect();
        let _ = send.send(Seen::Head(head));
        data.drain(..head_end + 4);
        let mut decoder = Decoder::new();
        // Each turn reads one chunk (its size line, data and CRLF).
        let ended = loop {
            let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else {
                if !more(&mut data) {
                    break false;
                }
                continue;
            };
            let size = std::str::from_utf8(&data[..line_end])
                .ok()
                .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
            let Some(size) = size else { break false };
            let whole = line_end + 2 + size + 2;
            while data.len() < whole {
                if !more(&mut data) {
                    break;
                }
            }
            if data.len() < whole {
                break false;
            }
            if size == 0 {
                break true;
            }
            decoder.push(&data[line_end + 2..line_end + 2 + size]);
            data.drain(..whole);
            while let Ok(Some(message)) = decoder.next_message() {
                let _ = send.send(Seen::Message(message));
            }
        };
        if ended {
            let _ = send.send(Seen::End);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        } else {
            let _ = send.send(Seen::Broken);
        }
    });
    (url, seen, thread)
}

fn config(url: &str) -> Config {
    Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
        .endpoint_url(url)
        .retry_config(RetryConfig {
            max_attempts: 3,
            ..RetryConfig::default()
        })
        .build()
}

fn note(text: &str) -> ThingEvents {
    ThingEvents::Note(NoteEvent::builder().text(text).build())
}

fn next(seen: &mpsc::Receiver<Seen>) -> Seen {
    seen.recv_timeout(WAIT).expect("the server reports in time")
}

/// The next message the server saw: the encoding of `event`.
fn expect_event(seen: &mpsc::Receiver<Seen>, event: &ThingEvents) {
    match next(seen) {
        Seen::Message(message) => assert_eq!(
            message.encode().unwrap(),
            send_notes::encode_event(event).unwrap()
        ),
        other => panic!("expected an event, the server saw {other:?}"),
    }
}

fn expect_head(seen: &mpsc::Receiver<Seen>) {
    let Seen::Head(head) = next(seen) else {
        panic!("expected the head first");
    };
    assert!(head[0].starts_with("POST /notes "), "{head:?}");
    let header = |name: &str| {
        head.iter().find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_owned())
        })
    };
    assert_eq!(header("x-room").as_deref(), Some("blue"));
    assert_eq!(header("transfer-encoding").as_deref(), Some("chunked"));
    assert_eq!(header("content-length"), None);
}

#[test]
fn the_blocking_client_sends_each_event_as_the_caller_gives_it() {
    let (url, seen, server) = serve_once();
    let (sender, events) = EventStreamSender::channel();
    let client = features_model::blocking::Client::new(&config(&url));
    let call =
        std::thread::spawn(move || client.send_notes().room("blue").with_events(events).send());
    expect_head(&seen);
    let (first, second) = (note("first"), note("second"));
    sender.send(first.clone()).expect("sent");
    // The server has the first event while the second is not sent yet: the stream is live.
    expect_event(&seen, &first);
    assert!(!sender.is_closed());
    sender.send(second.clone()).expect("sent");
    expect_event(&seen, &second);
    sender.close();
    assert!(sender.is_closed());
    assert!(
        sender.send(note("late")).is_err(),
        "nothing goes after close"
    );
    assert!(matches!(next(&seen), Seen::End));
    call.join().unwrap().expect("the call succeeds");
    server.join().unwrap();
}

#[test]
fn failing_the_stream_aborts_the_call_without_a_retry() {
    let (url, seen, server) = serve_once();
    let (sender, events) = EventStreamSender::channel();
    let client = features_model::blocking::Client::new(&config(&url));
    let call =
        std::thread::spawn(move || client.send_notes().room("blue").with_events(events).send());
    expect_head(&seen);
    let first = note("first");
    sender.send(first.clone()).expect("sent");
    expect_event(&seen, &first);
    sender.fail("the microphone broke");
    assert!(sender.is_closed());
    let error = call.join().unwrap().expect_err("the call fails");
    assert!(
        error.to_string().contains("the microphone broke")
            || format!("{error:?}").contains("the microphone broke"),
        "{error:?}"
    );
    assert!(matches!(next(&seen), Seen::Broken));
    // The server serves one connection: a retry would find none (and the server is gone).
    server.join().unwrap();
}

#[test]
fn events_given_up_front_go_as_a_live_stream_too() {
    let (url, seen, server) = serve_once();
    let events = vec![note("one"), note("two")];
    let client = features_model::blocking::Client::new(&config(&url));
    client
        .send_notes()
        .room("blue")
        .with_events(EventStreamSender::from_events(events.clone()))
        .send()
        .expect("the call succeeds");
    expect_head(&seen);
    expect_event(&seen, &events[0]);
    expect_event(&seen, &events[1]);
    assert!(matches!(next(&seen), Seen::End));
    server.join().unwrap();
}

#[test]
fn events_polled_from_an_async_source_go_live() {
    let (url, seen, server) = serve_once();
    let mut pending = vec![note("two"), note("one")];
    // Pending once before each event, as a source that waits would be.
    let mut ready = false;
    let events = EventStreamSender::from_poll(move |cx| {
        if !ready {
            ready = true;
            cx.waker().wake_by_ref();
            return std::task::Poll::Pending;
        }
        ready = false;
        std::task::Poll::Ready(pending.pop().map(Ok))
    });
    let client = features_model::blocking::Client::new(&config(&url));
    client
        .send_notes()
        .room("blue")
        .with_events(events)
        .send()
        .expect("the call succeeds");
    expect_head(&seen);
    expect_event(&seen, &note("one"));
    expect_event(&seen, &note("two"));
    assert!(matches!(next(&seen), Seen::End));
    server.join().unwrap();
}

/// Runs `future` on this thread (no runtime: the async client's attempts run on threads).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl std::task::Wake for Unpark {
        fn wake(self: std::sync::Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = std::task::Waker::from(std::sync::Arc::new(Unpark(std::thread::current())));
    let mut cx = std::task::Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let started = Instant::now();
    loop {
        if let std::task::Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        assert!(started.elapsed() < SERVER_LIFETIME * 2, "the call hangs");
        std::thread::park_timeout(Duration::from_millis(50));
    }
}

#[test]
fn the_async_client_sends_each_event_as_the_caller_gives_it() {
    let (url, seen, server) = serve_once();
    let (sender, events) = EventStreamSender::channel();
    let client = features_model::client::Client::new(&config(&url));
    let call = std::thread::spawn(move || {
        block_on(client.send_notes().room("blue").with_events(events).send())
    });
    expect_head(&seen);
    let (first, second) = (note("first"), note("second"));
    sender.send(first.clone()).expect("sent");
    expect_event(&seen, &first);
    sender.send(second.clone()).expect("sent");
    expect_event(&seen, &second);
    drop(sender);
    // Dropping the last handle closes the stream.
    assert!(matches!(next(&seen), Seen::End));
    call.join().unwrap().expect("the call succeeds");
    server.join().unwrap();
}

/// On tokio, the hyper transport sends the body chunked as the events come.
#[test]
fn the_async_client_on_tokio_sends_live_too() {
    let (url, seen, server) = serve_once();
    let (sender, events) = EventStreamSender::channel();
    let client = features_model::client::Client::new(&config(&url));
    let call = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(client.send_notes().room("blue").with_events(events).send())
    });
    expect_head(&seen);
    let first = note("first");
    sender.send(first.clone()).expect("sent");
    expect_event(&seen, &first);
    sender.fail("stopped");
    assert!(matches!(next(&seen), Seen::Broken));
    let error = call.join().unwrap().expect_err("the call fails");
    assert!(format!("{error:?}").contains("stopped"), "{error:?}");
    server.join().unwrap();
}

#[test]
fn messages_signed_one_at_a_time_chain_as_the_whole_body_does() {
    let credentials = Credentials::new("AKIDEXAMPLE", "secret-key", None);
    let scope = ("us-west-2", "notes");
    let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let messages: Vec<Vec<u8>> = [note("a"), note("b")]
        .iter()
        .map(|e| send_notes::encode_event(e).unwrap())
        .collect();
    let request = || {
        http::Request::post("https://example.com/notes")
            .header("content-type", "application/vnd.amazon.eventstream")
            .body(Vec::new())
            .unwrap()
    };
    let mut whole = request();
    *whole.body_mut() = messages.concat();
    sign::sign_event_stream(&mut whole, &credentials, scope, time, true).unwrap();
    let mut live = request();
    let mut chain = sign::EventSigner::start(&mut live, &credentials, scope, time, true).unwrap();
    let mut body = Vec::new();
    for message in &messages {
        body.extend(chain.sign_message(message, time).unwrap());
    }
    body.extend(chain.sign_message(&[], time).unwrap());
    assert_eq!(
        live.headers().get("authorization"),
        whole.headers().get("authorization")
    );
    assert_eq!(&body, whole.body());
    // A later message carries its own time, and a signature of its own.
    let later = time + Duration::from_secs(5);
    let mut chain =
        sign::EventSigner::start(&mut request(), &credentials, scope, time, true).unwrap();
    let first = chain.sign_message(&messages[0], time).unwrap();
    let second = chain.sign_message(&messages[1], later).unwrap();
    let decoded = |bytes: &[u8]| {
        let mut decoder = Decoder::new();
        decoder.push(bytes);
        decoder.next_message().unwrap().unwrap()
    };
    assert_eq!(
        decoded(&second).header(":date"),
        Some(&HeaderValue::Timestamp(1_700_000_005_000))
    );
    assert_eq!(decoded(&first).payload, messages[0]);
    assert_ne!(
        decoded(&body[first.len()..]).header(":chunk-signature"),
        decoded(&second).header(":chunk-signature"),
        "the signature covers the message's time"
    );
}
