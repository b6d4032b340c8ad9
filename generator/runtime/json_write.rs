//! Writing request bodies as JSON straight into a byte buffer.
//!
//! The generated types also implement `serde::Serialize`, and `serde_json::to_vec` of them
//! gives the same bytes. This path exists for speed: the generated code writes each member
//! name as one pre-escaped byte string (`"name":`), where serde escapes it again on every
//! call, and only the values go through `serde_json`'s escaping and number formatting.
//! Values whose JSON form needs a serde `with` module (timestamps, floats, blobs, documents,
//! big numbers, unions) are written through `serde::Serialize`, exactly as derive would.

use std::collections::HashMap;

/// Writes `self` as JSON at the end of `out`.
pub trait WriteJson {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error>;
}

/// Writes any `Serialize` value with `serde_json`, appending to `out`.
pub fn write_serde<T: serde::Serialize + ?Sized>(
    value: &T,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    value.serialize(&mut serde_json::Serializer::new(out))
}

/// Writes a member name given as its JSON form with the colon (`"name":`), preceded by a
/// comma unless it is the first member written (`written` tracks that).
#[inline]
pub fn key(out: &mut Vec<u8>, written: &mut bool, name: &[u8]) {
    if *written {
        out.push(b',');
    }
    *written = true;
    out.extend_from_slice(name);
}

/// A JSON object whose members are all optional, written member by member: `{` when
/// started, each set member with the comma before it that it needs, `}` at the end.
pub struct Object<'a> {
    out: &'a mut Vec<u8>,
    written: bool,
}

impl<'a> Object<'a> {
    #[inline]
    pub fn start(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Object {
            out,
            written: false,
        }
    }

    /// The member named `name` (its JSON form with the colon, `"name":`) when `value` is set.
    #[inline]
    pub fn optional<T: WriteJson>(
        &mut self,
        name: &[u8],
        value: &Option<T>,
    ) -> Result<(), serde_json::Error> {
        match value {
            Some(value) => {
                key(self.out, &mut self.written, name);
                value.write_json(self.out)
            }
            None => Ok(()),
        }
    }

    #[inline]
    pub fn end(self) {
        self.out.push(b'}');
    }
}

/// A JSON string, escaped.
#[inline]
pub fn write_str(value: &str, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    serde::Serializer::serialize_str(&mut serde_json::Serializer::new(out), value)
}

impl WriteJson for str {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_str(self, out)
    }
}

impl WriteJson for String {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        write_str(self, out)
    }
}

impl WriteJson for bool {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
        Ok(())
    }
}

macro_rules! integers {
    ($($ty:ty => $method:ident),*) => {$(
        impl WriteJson for $ty {
            fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                serde::Serializer::$method(&mut serde_json::Serializer::new(out), *self)
            }
        }
    )*};
}

integers!(i8 => serialize_i8, i16 => serialize_i16, i32 => serialize_i32, i64 => serialize_i64);

impl<T: WriteJson + ?Sized> WriteJson for Box<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        (**self).write_json(out)
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.push(b'[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            item.write_json(out)?;
        }
        out.push(b']');
        Ok(())
    }
}

/// Sparse lists: a missing element is `null`.
impl<T: WriteJson> WriteJson for Option<T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        match self {
            Some(value) => value.write_json(out),
            None => {
                out.extend_from_slice(b"null");
                Ok(())
            }
        }
    }
}

/// Entries in the map's own order, as `serde_json::to_vec` writes them.
impl<T: WriteJson> WriteJson for HashMap<String, T> {
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        out.push(b'{');
        for (i, (key, value)) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_str(key, out)?;
            out.push(b':');
            value.write_json(out)?;
        }
        out.push(b'}');
        Ok(())
    }
}
