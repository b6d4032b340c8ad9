//! The loopback side of the paging checks, copied beside the `paging.rs` test that
//! `tests/official_paging.rs` generates: a server answering each request with the page its
//! token names, recording the token and page size each request carried.

// Each generated test uses the bindings its operation has, not all of them.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::service;

/// Where a request member travels.
#[derive(Clone, Copy, Debug)]
pub enum Binding {
    Query(&'static str),
    Header(&'static str),
    /// A member of the JSON body, by its name there.
    Body(&'static str),
}

/// One paginated operation's three pages.
pub struct Case {
    /// The bodies of the three pages.
    pub pages: [&'static str; 3],
    /// The output tokens of the first two pages (the third has none).
    pub tokens: [&'static str; 2],
    pub token: Binding,
    /// The page size member and the value the input sets.
    pub page_size: Option<(Binding, &'static str)>,
    /// A text found in each item and nowhere else, in order (empty without items).
    pub markers: &'static [&'static str],
}

/// The input token and page size one request carried.
type Seen = (Option<String>, Option<String>);

pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// The client of the checks: the server's URL, no retries, bounded reads.
pub fn config(url: &str) -> service::client::Config {
    service::client::Config::builder()
        .region("us-east-1")
        .credentials(service::client::Credentials::new(
            "AKIDEXAMPLE",
            "secret-key",
            None,
        ))
        .endpoint_url(url)
        .retry_config(service::client::RetryConfig::disabled())
        .timeouts(service::client::Timeouts {
            connect: Some(Duration::from_secs(5)),
            read: Some(Duration::from_secs(5)),
            operation: Some(Duration::from_secs(10)),
        })
        .build()
}

/// Starts a server for `case`: at most 8 connections, 16 requests and 20 seconds.
pub fn serve(case: &'static Case) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        let started = Instant::now();
        for stream in listener.incoming().take(8) {
            let Ok(stream) = stream else { return };
            let record = Arc::clone(&record);
            std::thread::spawn(move || answer(case, stream, &record, started));
            if started.elapsed() > Duration::from_secs(20) {
                return;
            }
        }
    });
    Server { url, seen }
}

fn answer(case: &Case, mut stream: TcpStream, seen: &Mutex<Vec<Seen>>, started: Instant) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    while started.elapsed() < Duration::from_secs(20) {
        let Some((head, body)) = read_request(&mut stream) else {
            return;
        };
        let token = find(case.token, &head, &body);
        let size = case
            .page_size
            .and_then(|(binding, _)| find(binding, &head, &body));
        let count = {
            let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
            seen.push((token.clone(), size));
            seen.len()
        };
        let page = match token.as_deref() {
            None => Some(case.pages[0]),
            Some(t) if t == case.tokens[0] => Some(case.pages[1]),
            Some(t) if t == case.tokens[1] => Some(case.pages[2]),
            Some(_) => None,
        };
        let (status, body) = match page {
            Some(page) if count <= 16 => (200, page),
            _ => (404, "{}"),
        };
        let reply = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

/// The head (request line and headers) and body of one request.
fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).into_owned();
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse().ok())?
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return Some((head, data[end + 4..end + 4 + length].to_vec()));
            }
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
    }
}

/// The value of the member at `binding` in a request, if it carries one.
fn find(binding: Binding, head: &str, body: &[u8]) -> Option<String> {
    match binding {
        Binding::Query(name) => {
            let target = head.split_whitespace().nth(1)?;
            let query = target.split_once('?')?.1;
            query.split('&').find_map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key) == name).then(|| decode(value))
            })
        }
        Binding::Header(name) => head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        }),
        Binding::Body(name) => {
            let body: serde_json::Value = serde_json::from_slice(body).ok()?;
            match body.get(name)? {
                serde_json::Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            }
        }
    }
}

/// Percent-decoding of a query component.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |i: usize| {
            bytes
                .get(i)
                .and_then(|b| char::from(*b).to_digit(16))
                .map(|d| d as u8)
        };
        match (bytes[at], hex(at + 1), hex(at + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                at += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                at += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every item came once, in order, and each request sent the previous page's token (and the
/// page size, when the operation has one).
pub fn check(case: &Case, server: &Server, items: &[String]) {
    if !case.markers.is_empty() {
        assert_eq!(items.len(), case.markers.len(), "items: {items:#?}");
        for (i, marker) in case.markers.iter().enumerate() {
            let holding: Vec<usize> = (0..items.len())
                .filter(|&j| items[j].contains(marker))
                .collect();
            assert_eq!(holding, [i], "item {marker}: {items:#?}");
        }
    }
    let seen = server
        .seen
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let size = case.page_size.map(|(_, value)| value.to_owned());
    let expected: Vec<Seen> = [None, Some(case.tokens[0]), Some(case.tokens[1])]
        .into_iter()
        .map(|token| (token.map(str::to_owned), size.clone()))
        .collect();
    assert_eq!(seen, expected, "(token, page size) of each request");
}

/// Polls `future` on this thread, parking between wake-ups, for at most 20 seconds.
pub fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    use std::task::{Context, Poll, Wake, Waker};
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    let started = Instant::now();
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the future did not finish"
        );
        std::thread::park_timeout(Duration::from_millis(50));
    }
}
