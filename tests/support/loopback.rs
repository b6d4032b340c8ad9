//! A loopback HTTP/1.1 server and a minimal executor for the client tests. Only std: the
//! workspace's tests use it through `smithy_codegen_tests`, and `tests/loopback_clients.rs`
//! copies this file into the crate that calls the clients it generates.

use std::future::Future;
use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// One HTTP/1.1 request read from a loopback test server's connection: its head (request
/// line and headers, lossily decoded) and its `Content-Length` body; `None` when the
/// connection ends or fails first.
pub fn read_http_request(stream: &mut impl Read) -> Option<(String, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    while data.len() < end + 4 + length {
        let n = stream.read(&mut buf).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buf[..n]);
    }
    Some((head, data[end + 4..end + 4 + length].to_vec()))
}

/// A request as a [`Server`] read it.
#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    /// Names lower-cased, values trimmed, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The target's path, without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The target's query, if it has one.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    fn parse(head: &str, body: Vec<u8>) -> Option<Request> {
        let mut lines = head.split("\r\n");
        let mut first = lines.next()?.split(' ');
        let method = first.next()?.to_owned();
        let target = first.next()?.to_owned();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        Some(Request {
            method,
            target,
            headers,
            body,
        })
    }
}

/// What a [`Server`] answers to one connection.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.into(),
        }
    }
}

/// A server on 127.0.0.1 answering each connection with the next of its replies (then closing
/// it) and recording the requests; it stops after its last reply or after `lifetime`, and
/// waits at most five seconds for a request's bytes.
pub struct Server {
    url: String,
    thread: JoinHandle<Vec<Request>>,
}

impl Server {
    pub fn start(replies: Vec<Reply>, lifetime: Duration) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let url = format!("http://{}", listener.local_addr().expect("its address"));
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut received = Vec::new();
            let mut replies = replies.into_iter();
            let mut next = replies.next();
            while let Some(reply) = &next {
                if started.elapsed() > lifetime {
                    break;
                }
                let mut stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                    Err(_) => break,
                };
                if stream.set_nonblocking(false).is_err()
                    || stream
                        .set_read_timeout(Some(Duration::from_secs(5)))
                        .is_err()
                {
                    continue;
                }
                let Some(request) =
                    read_http_request(&mut stream).and_then(|(h, b)| Request::parse(&h, b))
                else {
                    continue;
                };
                received.push(request);
                let mut head = format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    reply.status,
                    reply.body.len()
                );
                for (name, value) in &reply.headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&reply.body);
                next = replies.next();
            }
            received
        });
        Server { url, thread }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Waits for the server to stop (it is bounded) and returns the requests it read.
    pub fn finish(self) -> Vec<Request> {
        self.thread.join().expect("the server thread")
    }
}

/// The next connection to a non-blocking `listener`, waiting at most `patience` for it; the
/// stream is blocking, with `patience` as its read timeout. `None` when none came in time.
pub fn accept_within(listener: &TcpListener, patience: Duration) -> Option<TcpStream> {
    let started = Instant::now();
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).ok()?;
                stream.set_read_timeout(Some(patience)).ok()?;
                return Some(stream);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock && started.elapsed() < patience => {
                std::thread::sleep(Duration::from_millis(2));
            }
            Err(_) => return None,
        }
    }
}

/// Polls `future` on this thread, parking between wake-ups, for at most `limit`: the async
/// clients' tests need no async runtime.
pub fn block_on<T>(future: impl Future<Output = T>, limit: Duration) -> T {
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
        assert!(started.elapsed() < limit, "not done within {limit:?}");
        std::thread::park_timeout(Duration::from_millis(50));
    }
}
