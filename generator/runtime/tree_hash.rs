//! The SHA-256 tree hash (Glacier, as the SDKs customize it): the SHA-256 of each 1 MiB
//! chunk of the body, then of each pair of hashes, level by level, to one (an odd hash out
//! goes up a level as it is).

use sha2::{Digest, Sha256};

const CHUNK: usize = 1024 * 1024;

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(&Sha256::digest(bytes));
    out
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// The tree hash of `body` (that of an empty body is its SHA-256).
pub fn tree_hash(body: &[u8]) -> [u8; 32] {
    let mut level: Vec<[u8; 32]> = body.chunks(CHUNK).map(sha256).collect();
    if level.is_empty() {
        return sha256(body);
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [left, right] => {
                    let mut both = [0u8; 64];
                    both[..32].copy_from_slice(left);
                    both[32..].copy_from_slice(right);
                    sha256(&both)
                }
                [one] => *one,
                _ => sha256(&[]),
            })
            .collect();
    }
    level[0]
}

/// Sets `X-Amz-Content-Sha256` from the body and, unless the input set it,
/// `X-Amz-Sha256-Tree-Hash`.
pub fn add_checksum_headers(request: &mut http::Request<Vec<u8>>) {
    let content = hex(&sha256(request.body()));
    let tree = hex(&tree_hash(request.body()));
    let headers = request.headers_mut();
    if let Ok(value) = http::HeaderValue::from_str(&content) {
        headers.insert("x-amz-content-sha256", value);
    }
    if !headers.contains_key("x-amz-sha256-tree-hash") {
        if let Ok(value) = http::HeaderValue::from_str(&tree) {
            headers.insert("x-amz-sha256-tree-hash", value);
        }
    }
}
