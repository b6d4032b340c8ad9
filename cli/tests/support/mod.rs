//! Shared by the command line's integration tests: a loopback HTTP server of our own that records what it is
//! sent and answers with canned responses, and a way to run the real `socialmessaging` binary with exactly the
//! environment a test gives it.

#![allow(dead_code)] // each test file uses its own part of this

use std::io::{ErrorKind, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_socialmessaging");
/// The AWS CLI's name for the operation (the model's word breaks give `whats-app`; both must work).
const OPERATION: &str = "associate-whatsapp-business-account";
/// The longest the binary may run in any test before it is killed and the test fails.
const RUN_LIMIT: Duration = Duration::from_secs(20);
/// The most connections one test's server accepts; it closes its listener after that.
const MAX_CONNECTIONS: usize = 8;
/// How long a server lives at most, whatever the test does.
const SERVER_LIMIT: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------------------------------------------
// Canned responses

/// A canned HTTP response.
#[derive(Clone, Debug)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Canned {
    /// A response with a JSON body.
    pub fn json(status: u16, body: &str) -> Canned {
        Canned {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: body.to_owned(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn body_json(&self) -> Value {
        serde_json::from_str(&self.body).expect("canned body is JSON")
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The loopback server

/// One HTTP request as the server read it off the socket.
#[derive(Clone, Debug)]
pub struct Received {
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    /// The header's value; a header sent more than once fails the test.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let first = values.next();
        assert!(
            values.next().is_none(),
            "header {name} was sent more than once"
        );
        first
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "request body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// What the server saw: connections accepted, and the requests read from them.
#[derive(Debug)]
pub struct Seen {
    pub connections: usize,
    pub requests: Vec<Received>,
}

impl Seen {
    pub fn only_request(&self) -> &Received {
        match self.requests.as_slice() {
            [request] => request,
            other => panic!(
                "expected exactly one request, got {}: {other:#?}",
                other.len()
            ),
        }
    }

    pub fn assert_nothing(&self) {
        assert_eq!(
            (self.connections, self.requests.len()),
            (0, 0),
            "nothing should have been sent: {self:#?}"
        );
    }
}

pub enum Reply {
    /// Answer the n-th request with the n-th response (the last one repeats).
    With(Vec<Canned>),
    /// Read the request and never answer (the connection stays open until the server stops).
    Never,
}

pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    worker: Option<JoinHandle<Seen>>,
}

impl Server {
    pub fn start(reply: Reply) -> Server {
        let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let port = listener.local_addr().expect("local address").port();
        let stop = Arc::new(AtomicBool::new(false));
        let worker = {
            let stop = Arc::clone(&stop);
            thread::spawn(move || serve(listener, reply, &stop))
        };
        Server {
            port,
            stop,
            worker: Some(worker),
        }
    }

    pub fn answering(response: Canned) -> Server {
        Server::start(Reply::With(vec![response]))
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Stops the server (after taking any connection already waiting) and returns what it saw.
    pub fn finish(mut self) -> Seen {
        self.stop.store(true, Ordering::SeqCst);
        self.worker
            .take()
            .expect("server running")
            .join()
            .expect("the server thread panicked")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn serve(listener: TcpListener, reply: Reply, stop: &AtomicBool) -> Seen {
    let mut seen = Seen {
        connections: 0,
        requests: Vec::new(),
    };
    let mut held = Vec::new();
    let started = Instant::now();
    while seen.connections < MAX_CONNECTIONS && started.elapsed() < SERVER_LIMIT {
        match listener.accept() {
            Ok((mut stream, _)) => {
                seen.connections += 1;
                stream.set_nonblocking(false).expect("blocking stream");
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .expect("read timeout");
                let Some(request) = read_request(&mut stream) else {
                    continue;
                };
                let index = seen.requests.len();
                seen.requests.push(request);
                match &reply {
                    Reply::With(responses) => {
                        write_response(&mut stream, &responses[index.min(responses.len() - 1)])
                    }
                    Reply::Never => held.push(stream),
                }
            }
            // Stop only when no connection is waiting, so that a request already made is always seen.
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(e) => panic!("accept failed: {e}"),
        }
    }
    drop(held);
    seen
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Reads one HTTP/1.1 request with a `content-length` body; `None` when the client sent nothing.
fn read_request(stream: &mut TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(end) = find(&data, b"\r\n\r\n") {
            break end;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) if data.is_empty() => return None,
            Ok(0) => panic!(
                "connection closed mid-head: {}",
                String::from_utf8_lossy(&data)
            ),
            Ok(n) => data.extend_from_slice(&chunk[..n]),
            Err(e) => panic!("reading the request head: {e}"),
        }
        assert!(data.len() < 1 << 20, "request head too large");
    };
    let head = std::str::from_utf8(&data[..head_end]).expect("request head is UTF-8");
    let mut lines = head.split("\r\n");
    let request_line = lines.next().expect("request line");
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some("HTTP/1.1"), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        panic!("bad request line: {request_line:?}");
    };
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line
                .split_once(':')
                .unwrap_or_else(|| panic!("bad header line: {line:?}"));
            (name.to_owned(), value.trim().to_owned())
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    assert!(
        header("transfer-encoding").is_none(),
        "chunked requests are not expected"
    );
    let length: usize = header("content-length")
        .map(|v| v.parse().expect("numeric content-length"))
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).expect("reading the request body");
        assert!(n > 0, "connection closed mid-body");
        body.extend_from_slice(&chunk[..n]);
    }
    assert_eq!(body.len(), length, "more body than content-length");
    Some(Received {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    })
}

fn write_response(stream: &mut TcpStream, response: &Canned) {
    let reason = match response.status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        429 => "Too Many Requests",
        502 => "Bad Gateway",
        _ => "Whatever",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "x-amzn-requestid: e2e-request-id\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        response.body.len()
    ));
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(response.body.as_bytes()))
        .and_then(|_| stream.flush())
        .expect("writing the response");
}

// ---------------------------------------------------------------------------------------------------------------
// Running the binary

#[derive(Debug)]
pub struct Outcome {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Outcome {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    pub fn stdout_json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs the binary with exactly this environment (nothing inherited), killing it after `RUN_LIMIT`. Instance
/// metadata is off unless the test turns it back on: no test may reach 169.254.169.254.
pub fn run(args: &[String], env: &[(&str, &str)]) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .env_clear()
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
    let stdout = drain(child.stdout.take().expect("stdout pipe"));
    let stderr = drain(child.stderr.take().expect("stderr pipe"));
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for the binary") {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{BIN} {args:?} was still running after {RUN_LIMIT:?} and was killed");
        }
        thread::sleep(Duration::from_millis(10));
    };
    let elapsed = started.elapsed();
    Outcome {
        code: status.code(),
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
        elapsed,
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8(bytes).expect("output is UTF-8")
    })
}

/// The operation against `endpoint` in us-east-1, then `extra`.
pub fn call_at(endpoint: &str, extra: &[&str]) -> Vec<String> {
    [
        OPERATION,
        "--endpoint-url",
        endpoint,
        "--region",
        "us-east-1",
    ]
    .iter()
    .chain(extra)
    .map(|s| (*s).to_owned())
    .collect()
}

pub fn call(server: &Server, extra: &[&str]) -> Vec<String> {
    call_at(&server.url(), extra)
}
