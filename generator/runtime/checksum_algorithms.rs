//! The checksum algorithms of `@httpChecksum` and `@httpChecksumRequired`, in plain Rust:
//! CRC32, CRC32C and CRC64NVME (table-driven, reflected), MD5 (RFC 1321), SHA-1 and SHA-256
//! (FIPS 180-4). A header carries the base64 of the checksum's big-endian bytes.
//!
//! These are integrity checks of bodies against corruption, not security measures.

use super::checksum::Algorithm;

pub const CRC32: Algorithm = Algorithm {
    name: "CRC32",
    header: "x-amz-checksum-crc32",
    compute: |body| base64(&crc32(body).to_be_bytes()),
};
pub const CRC32C: Algorithm = Algorithm {
    name: "CRC32C",
    header: "x-amz-checksum-crc32c",
    compute: |body| base64(&crc32c(body).to_be_bytes()),
};
pub const CRC64NVME: Algorithm = Algorithm {
    name: "CRC64NVME",
    header: "x-amz-checksum-crc64nvme",
    compute: |body| base64(&crc64nvme(body).to_be_bytes()),
};
pub const SHA1: Algorithm = Algorithm {
    name: "SHA1",
    header: "x-amz-checksum-sha1",
    compute: |body| base64(&sha1(body)),
};
pub const SHA256: Algorithm = Algorithm {
    name: "SHA256",
    header: "x-amz-checksum-sha256",
    compute: |body| base64(&sha256(body)),
};
/// `@httpChecksumRequired`'s checksum.
pub const MD5: Algorithm = Algorithm {
    name: "MD5",
    header: "content-md5",
    compute: |body| base64(&md5(body)),
};

/// The request algorithm an input names (the model's enum value, in any case).
pub fn by_name(name: &str) -> Option<Algorithm> {
    [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]
        .into_iter()
        .find(|a| a.name.eq_ignore_ascii_case(name.trim()))
}

/// An input's algorithm member: the algorithm, or an error naming the value when it is
/// none of the supported ones.
pub fn requested(name: Option<&str>) -> Result<Option<Algorithm>, super::RequestError> {
    match name {
        None => Ok(None),
        Some(name) => by_name(name).map(Some).ok_or_else(|| {
            super::RequestError::new(format!(
                "the checksum algorithm {name:?} is not supported (supported: CRC32, CRC32C, CRC64NVME, SHA1, SHA256)"
            ))
        }),
    }
}

/// A reflected CRC-32's table: the 64-bit table of the same polynomial, whose entries stay
/// below 2^32 when the polynomial does.
const fn crc32_table(polynomial: u32) -> [u32; 256] {
    let wide = crc64_table(polynomial as u64);
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = wide[i] as u32;
        i += 1;
    }
    table
}

const fn crc64_table(polynomial: u64) -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u64;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ polynomial
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
}

/// Reflected polynomials: CRC-32 (ISO-HDLC), CRC-32C (Castagnoli), CRC-64/NVME.
static CRC32_TABLE: [u32; 256] = crc32_table(0xEDB8_8320);
static CRC32C_TABLE: [u32; 256] = crc32_table(0x82F6_3B78);
static CRC64NVME_TABLE: [u64; 256] = crc64_table(0x9A6C_9329_AC4B_C9B5);

fn crc32_with(table: &[u32; 256], body: &[u8]) -> u32 {
    !body.iter().fold(u32::MAX, |crc, &b| {
        table[usize::from(crc as u8 ^ b)] ^ (crc >> 8)
    })
}

pub fn crc32(body: &[u8]) -> u32 {
    crc32_with(&CRC32_TABLE, body)
}

pub fn crc32c(body: &[u8]) -> u32 {
    crc32_with(&CRC32C_TABLE, body)
}

pub fn crc64nvme(body: &[u8]) -> u64 {
    !body.iter().fold(u64::MAX, |crc, &b| {
        CRC64NVME_TABLE[usize::from(crc as u8 ^ b)] ^ (crc >> 8)
    })
}

/// The message padded to 64-byte blocks with its bit length, little- or big-endian.
fn padded(body: &[u8], big_endian: bool) -> Vec<u8> {
    let bits = (body.len() as u64).wrapping_mul(8);
    let mut message = Vec::with_capacity(body.len() + 72);
    message.extend_from_slice(body);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    match big_endian {
        true => message.extend_from_slice(&bits.to_be_bytes()),
        false => message.extend_from_slice(&bits.to_le_bytes()),
    }
    message
}

pub fn md5(body: &[u8]) -> [u8; 16] {
    const SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    // floor(abs(sin(i + 1)) * 2^32), RFC 1321's table T.
    const K: [u32; 64] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391,
    ];
    let mut state: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for block in padded(body, false).chunks_exact(64) {
        let mut m = [0u32; 16];
        for (word, bytes) in m.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let [mut a, mut b, mut c, mut d] = state;
        for i in 0..64 {
            let (f, g) = match i / 16 {
                0 => ((b & c) | (!b & d), i),
                1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                2 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let rotated = a
                .wrapping_add(f)
                .wrapping_add(K[i])
                .wrapping_add(m[g])
                .rotate_left(SHIFTS[(i / 16) * 4 + i % 4]);
            a = d;
            d = c;
            c = b;
            b = b.wrapping_add(rotated);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 16];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_le_bytes());
    }
    out
}

/// The 16 big-endian words of a 64-byte block.
fn words(block: &[u8]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        *word = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    }
    w
}

pub fn sha1(body: &[u8]) -> [u8; 20] {
    let mut state: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    for block in padded(body, true).chunks_exact(64) {
        let mut w = [0u32; 80];
        w[..16].copy_from_slice(&words(block));
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = state;
        for (i, word) in w.iter().enumerate() {
            let (f, k) = match i / 20 {
                0 => ((b & c) | (!b & d), 0x5A827999),
                1 => (b ^ c ^ d, 0x6ED9EBA1),
                2 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*word);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 20];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

pub fn sha256(body: &[u8]) -> [u8; 32] {
    // The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut state: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    for block in padded(body, true).chunks_exact(64) {
        let mut w = [0u32; 64];
        w[..16].copy_from_slice(&words(block));
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = state;
        for (k, word) in K.iter().zip(w) {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let choice = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(choice)
                .wrapping_add(*k)
                .wrapping_add(word);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let majority = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(majority);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

/// Padded standard base64.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
