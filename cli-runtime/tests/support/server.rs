//! A loopback HTTP server for one test: answers a fixed list of replies, one connection each, records the
//! requests, and stops by itself after the last reply or 10 seconds without a connection.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Wait this long before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn error(status: u16, code: &str) -> Reply {
        let mut reply = Reply::json(status, r#"{"message":"bad things"}"#);
        reply.headers.push(("x-amzn-errortype".into(), code.into()));
        reply
    }
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

pub struct Server {
    pub url: String,
    handle: JoinHandle<Vec<Recorded>>,
}

impl Server {
    pub fn start(replies: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let handle = std::thread::spawn(move || serve(listener, replies));
        Server { url, handle }
    }

    /// The requests the server saw, once it has stopped.
    pub fn finish(self) -> Vec<Recorded> {
        self.handle.join().expect("server thread")
    }
}

fn serve(listener: TcpListener, replies: Vec<Reply>) -> Vec<Recorded> {
    let mut seen = Vec::new();
    listener.set_nonblocking(true).expect("nonblocking");
    for reply in replies {
        let Some(stream) = accept(&listener, Duration::from_secs(10)) else {
            break;
        };
        if let Some(request) = answer(stream, &reply) {
            seen.push(request);
        }
    }
    seen
}

fn accept(listener: &TcpListener, patience: Duration) -> Option<TcpStream> {
    let deadline = Instant::now() + patience;
    while Instant::now() < deadline {
        match listener.accept() {
            Ok((stream, _)) => return Some(stream),
            Err(_) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
    None
}

fn answer(stream: TcpStream, reply: &Reply) -> Option<Recorded> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    std::thread::sleep(reply.delay);
    let mut response = format!(
        "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&reply.body);
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}
