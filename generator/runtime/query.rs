//! Request bodies of the query protocols (awsQuery, ec2Query): forms
//! (`application/x-www-form-urlencoded`) of `key=value` pairs whose keys say where a value
//! sits in the input (`Outer.Inner`, `List.member.1`, `Map.entry.1.key`).

/// A form being written: `Action` and `Version` first, then the input's values.
pub struct Form {
    out: String,
}

/// Only the length: the form may hold `@sensitive` values.
impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Form")
            .field("len", &self.out.len())
            .finish_non_exhaustive()
    }
}

impl Form {
    pub fn new(action: &str, version: &str) -> Self {
        let mut form = Form {
            out: String::with_capacity(256),
        };
        form.push("Action", action);
        form.push("Version", version);
        form
    }

    /// Appends `key=value`, both percent-encoded.
    pub fn push(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        encode(key, &mut self.out);
        self.out.push('=');
        encode(value, &mut self.out);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out.into_bytes()
    }
}

/// The key of `name` inside `prefix` (empty at the top of the form).
pub fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters, as the AWS SDKs do (a space is
/// `%20`, never `+`).
fn encode(text: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// A structure or union written into a form, its members' keys inside `prefix`.
pub trait WriteQuery {
    fn write_query(&self, out: &mut Form, prefix: &str);
}

impl<T: WriteQuery> WriteQuery for Box<T> {
    fn write_query(&self, out: &mut Form, prefix: &str) {
        (**self).write_query(out, prefix)
    }
}
