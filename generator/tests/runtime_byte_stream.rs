//! Tests for the runtime's `ByteStream` (a `@streaming` blob output's body), which generated
//! crates embed verbatim: complete and live bodies, read blocking and async, collected whole,
//! compared, cloned and shown.

#[allow(dead_code)]
#[path = "../runtime/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "../runtime/byte_stream.rs"]
mod byte_stream;

use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use blob::Blob;
use byte_stream::{BodyChunks, ByteStream};

/// A live body of `pieces`, each an `Ok` piece or an `Err` reason; `Pending` once before
/// each piece (a source that has to wait), waking the task at once.
fn live(pieces: Vec<Result<&'static [u8], &'static str>>) -> ByteStream {
    let mut pieces: VecDeque<_> = pieces.into();
    let mut waited = false;
    let source: BodyChunks = Box::new(move |cx: &mut Context<'_>| {
        if !waited {
            waited = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        waited = false;
        Poll::Ready(
            pieces
                .pop_front()
                .map(|p| p.map(<[u8]>::to_vec).map_err(str::to_owned)),
        )
    });
    ByteStream::from_chunks(source)
}

/// Polls `stream` on this thread until it gives a result (bounded: the sources here wake at
/// once).
fn next(stream: &mut ByteStream) -> Option<Result<Vec<u8>, byte_stream::ByteStreamError>> {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    for _ in 0..1000 {
        if let Poll::Ready(item) = stream.poll_next(&mut cx) {
            return item;
        }
    }
    panic!("the stream never became ready");
}

#[test]
fn a_complete_body_reads_its_bytes() {
    let mut body = ByteStream::from(&b"hello world"[..]);
    assert!(!body.is_live());
    let mut first = [0u8; 5];
    body.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"hello");
    let mut rest = Vec::new();
    body.read_to_end(&mut rest).unwrap();
    assert_eq!(rest, b" world");
    assert_eq!(body.read(&mut first).unwrap(), 0);
    assert_eq!(
        ByteStream::from(Blob::new(b"x".to_vec())).into_bytes(),
        Ok(b"x".to_vec())
    );
    assert_eq!(ByteStream::default().into_blob(), Ok(Blob::default()));
}

#[test]
fn a_live_body_is_read_piece_by_piece_blocking() {
    let mut body = live(vec![Ok(b"ab"), Ok(b""), Ok(b"cdef")]);
    assert!(body.is_live());
    // A small buffer takes a piece in parts, keeping the rest for the next read.
    let mut buf = [0u8; 3];
    assert_eq!(body.read(&mut buf).unwrap(), 2);
    assert_eq!(&buf[..2], b"ab");
    assert_eq!(body.read(&mut buf).unwrap(), 3);
    assert_eq!(&buf, b"cde");
    assert_eq!(body.read(&mut buf).unwrap(), 1);
    assert_eq!(buf[0], b'f');
    assert_eq!(body.read(&mut buf).unwrap(), 0);
}

#[test]
fn a_live_body_gives_its_pieces_when_polled() {
    let mut body = live(vec![Ok(b"one"), Ok(b""), Ok(b"two")]);
    assert_eq!(next(&mut body), Some(Ok(b"one".to_vec())));
    // An empty piece is skipped, never taken for the end.
    assert_eq!(next(&mut body), Some(Ok(b"two".to_vec())));
    assert_eq!(next(&mut body), None);
    assert_eq!(next(&mut body), None);
}

#[test]
fn a_failed_read_is_an_error_once_then_the_end() {
    let mut body = live(vec![Ok(b"one"), Err("connection reset")]);
    assert_eq!(next(&mut body), Some(Ok(b"one".to_vec())));
    let error = next(&mut body).unwrap().unwrap_err();
    assert!(error.message().contains("connection reset"), "{error}");
    assert_eq!(next(&mut body), None);

    let mut body = live(vec![Ok(b"one"), Err("timed out")]);
    let mut all = Vec::new();
    let error = body.read_to_end(&mut all).unwrap_err();
    assert!(error.to_string().contains("timed out"), "{error}");
    assert_eq!(all, b"one");
}

#[test]
fn collecting_gives_the_rest_of_the_body() {
    let mut body = live(vec![Ok(b"ab"), Ok(b"cd"), Ok(b"ef")]);
    assert_eq!(next(&mut body), Some(Ok(b"ab".to_vec())));
    assert_eq!(body.into_bytes(), Ok(b"cdef".to_vec()));
    let body = live(vec![Ok(b"ab"), Err("broken")]);
    assert!(body.into_blob().is_err());
}

#[test]
fn complete_bodies_compare_by_bytes_live_ones_never() {
    assert_eq!(ByteStream::new(b"a".to_vec()), ByteStream::from(&b"a"[..]));
    assert_ne!(
        ByteStream::new(b"a".to_vec()),
        ByteStream::new(b"b".to_vec())
    );
    let body = live(vec![Ok(b"a")]);
    assert_ne!(body, body, "a live body equals no body, itself included");
    assert_ne!(body, ByteStream::new(b"a".to_vec()));
}

#[test]
fn cloning_a_live_body_gives_one_that_fails_to_read() {
    let complete = ByteStream::new(b"abc".to_vec());
    assert_eq!(complete.clone().into_bytes(), Ok(b"abc".to_vec()));

    let original = live(vec![Ok(b"abc")]);
    let clone = original.clone();
    assert!(clone.is_live());
    let error = clone.into_bytes().unwrap_err();
    assert!(error.message().contains("clone"), "{error}");
    // The original still has every byte.
    assert_eq!(original.into_bytes(), Ok(b"abc".to_vec()));
}

#[test]
fn debug_never_shows_the_bytes() {
    let shown = format!("{:?}", ByteStream::new(b"password123".to_vec()));
    assert_eq!(shown, "ByteStream(<11 bytes>)");
    let shown = format!("{:?}", live(vec![Ok(b"password123")]));
    assert!(!shown.contains("password"), "{shown}");
}

#[test]
fn serde_leaves_the_body_out() {
    let json = serde_json::to_string(&ByteStream::new(b"abc".to_vec())).unwrap();
    assert_eq!(json, "null");
    let read: ByteStream = serde_json::from_str("\"anything\"").unwrap();
    assert_eq!(read, ByteStream::default());
}

/// A blocking read waits for a source that is pending and is woken when it is ready.
#[test]
fn a_read_waits_for_the_source() {
    type Shared = Arc<Mutex<(Option<Vec<u8>>, Option<Waker>)>>;
    let shared: Shared = Arc::new(Mutex::new((None, None)));
    let source_side = Arc::clone(&shared);
    let mut done = false;
    let source: BodyChunks = Box::new(move |cx: &mut Context<'_>| {
        if done {
            return Poll::Ready(None);
        }
        let mut slot = source_side.lock().unwrap();
        match slot.0.take() {
            Some(piece) => {
                done = true;
                Poll::Ready(Some(Ok(piece)))
            }
            None => {
                slot.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    });
    let mut body = ByteStream::from_chunks(source);
    let feeder = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let waker = {
            let mut slot = shared.lock().unwrap();
            slot.0 = Some(b"late".to_vec());
            slot.1.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    });
    // `read` parks this thread until the feeder wakes it.
    let mut all = Vec::new();
    body.read_to_end(&mut all).unwrap();
    assert_eq!(all, b"late");
    feeder.join().unwrap();
}
