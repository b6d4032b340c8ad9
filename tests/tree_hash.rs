//! The SHA-256 tree hash of Glacier's customization (`generator/runtime/tree_hash.rs`, which
//! generated crates of Glacier carry), checked here where `sha2` is at hand.

#[path = "../generator/runtime/tree_hash.rs"]
mod tree_hash;

use sha2::{Digest, Sha256};
use tree_hash::tree_hash;

const CHUNK: usize = 1024 * 1024;

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn pair(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    sha256(&[a.as_slice(), b.as_slice()].concat())
}

#[test]
fn one_chunk_is_its_sha256_and_more_are_paired_level_by_level() {
    assert_eq!(tree_hash(b"hello world"), sha256(b"hello world"));
    assert_eq!(tree_hash(b""), sha256(b""));
    let body = vec![7u8; 3 * CHUNK + 5];
    let leaves: Vec<[u8; 32]> = body.chunks(CHUNK).map(sha256).collect();
    let expected = pair(&pair(&leaves[0], &leaves[1]), &pair(&leaves[2], &leaves[3]));
    assert_eq!(tree_hash(&body), expected);
    let odd = vec![1u8; 2 * CHUNK + 1];
    let leaves: Vec<[u8; 32]> = odd.chunks(CHUNK).map(sha256).collect();
    assert_eq!(
        tree_hash(&odd),
        pair(&pair(&leaves[0], &leaves[1]), &leaves[2])
    );
}

#[test]
fn the_headers_carry_the_hashes_and_keep_the_callers_tree_hash() {
    let mut request = http::Request::new(b"hello world".to_vec());
    tree_hash::add_checksum_headers(&mut request);
    let hello = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    assert_eq!(request.headers()["x-amz-content-sha256"], hello);
    assert_eq!(request.headers()["x-amz-sha256-tree-hash"], hello);
    let mut given = http::Request::new(b"hello world".to_vec());
    given.headers_mut().insert(
        "x-amz-sha256-tree-hash",
        http::HeaderValue::from_static("mine"),
    );
    tree_hash::add_checksum_headers(&mut given);
    assert_eq!(given.headers()["x-amz-sha256-tree-hash"], "mine");
}
