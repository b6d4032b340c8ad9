//! The Rust type of a member or collection element, decided once in the plan stage.

use super::naming::RustIdent;

/// Where a generated type lives in the generated crate.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModulePath {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    TypesError,
    /// `crate::operation::<name>`
    Operation(RustIdent),
}

/// A Rust type, independent of how it is printed.
#[derive(Clone, Debug, PartialEq)]
pub enum RustType {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    Blob,
    /// A `@streaming` blob output payload: read as it arrives (`primitives::ByteStream`).
    ByteStream,
    DateTime,
    BigInteger,
    BigDecimal,
    Document,
    /// A generated struct, enum or union.
    Named {
        module: ModulePath,
        name: RustIdent,
    },
    /// A list or set; `sparse` lists hold optional elements.
    Vec(Box<RustType>),
    Map(Box<RustType>, Box<RustType>),
    Option(Box<RustType>),
    Box(Box<RustType>),
}

/// The runtime primitives a generated crate needs; only those are emitted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrimitiveUse {
    pub date_time: bool,
    pub blob: bool,
    /// A `@streaming` blob output (`primitives::ByteStream`, which reads into a `Blob`).
    pub byte_stream: bool,
    pub big_number: bool,
    pub document: bool,
    pub float: bool,
    /// The restJson1 wire layer (and with it the `http` crate).
    pub wire: bool,
    /// Big numbers are JSON strings in this crate's protocol (RPC v2 JSON).
    pub big_numbers_as_strings: bool,
}

impl RustType {
    pub fn option(self) -> Self {
        RustType::Option(Box::new(self))
    }

    pub fn boxed(self) -> Self {
        RustType::Box(Box::new(self))
    }

    /// Records which runtime primitives this type uses.
    pub fn note_primitives(&self, used: &mut PrimitiveUse) {
        match self {
            RustType::Blob => used.blob = true,
            RustType::ByteStream => {
                used.byte_stream = true;
                used.blob = true;
            }
            RustType::DateTime => used.date_time = true,
            RustType::BigInteger | RustType::BigDecimal => used.big_number = true,
            RustType::Document => used.document = true,
            RustType::F32 | RustType::F64 => used.float = true,
            RustType::Vec(inner) | RustType::Option(inner) | RustType::Box(inner) => {
                inner.note_primitives(used)
            }
            RustType::Map(key, value) => {
                key.note_primitives(used);
                value.note_primitives(used);
            }
            _ => {}
        }
    }

    /// Whether `Default::default()` of this type is what an absent collection or number means.
    pub fn is_collection(&self) -> bool {
        matches!(self, RustType::Vec(_) | RustType::Map(..))
    }
}
