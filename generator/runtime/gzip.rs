//! gzip, the coding of `@requestCompression` (`flate2` on its pure-Rust backend), at the
//! library's default level as the specification asks of clients.

use std::io::Write;

/// The gzip member of `bytes`.
pub fn encode(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 2),
        flate2::Compression::default(),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// How an operation with `@requestCompression` marks its request for gzip.
pub fn compressible(unbounded_stream: bool) -> super::compression::Compressible {
    super::compression::Compressible {
        encoding: "gzip",
        encode,
        unbounded_stream,
    }
}
