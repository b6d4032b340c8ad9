//! Shape schemas as static data: generated code declares one `static` per shape, and recursive shapes refer to
//! each other through those statics.

/// The shape of a value, as far as the command line needs it: parsing shorthand, skeletons, help and redaction.
#[derive(Debug)]
pub enum Schema {
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Blob,
    Document,
    /// A string enum and its values.
    Enum(&'static [&'static str]),
    /// An integer enum and its values.
    IntEnum(&'static [i64]),
    /// A list and its element schema.
    List(&'static Schema),
    /// A map with string keys and its value schema.
    Map(&'static Schema),
    Structure(&'static [Field]),
    Union(&'static [Field]),
}

/// A member of a structure or union.
#[derive(Debug)]
pub struct Field {
    /// The wire name.
    pub name: &'static str,
    pub schema: &'static Schema,
    pub required: bool,
    /// Redacted in `--debug` output (the member or its target is `@sensitive`).
    pub sensitive: bool,
    pub docs: &'static str,
}

/// A top-level input member as a command-line option.
#[derive(Debug)]
pub struct Param {
    /// Kebab case, without the leading `--`, e.g. `signup-callback`.
    pub flag: &'static str,
    /// The wire name of the input member, e.g. `signupCallback`.
    pub member: &'static str,
    pub schema: &'static Schema,
    pub required: bool,
    pub sensitive: bool,
    pub docs: &'static str,
}

impl Schema {
    /// The name the AWS CLI shows for this kind of shape in help ("string", "structure", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Schema::String | Schema::Enum(_) => "string",
            Schema::Boolean => "boolean",
            Schema::Byte => "byte",
            Schema::Short => "short",
            Schema::Integer | Schema::IntEnum(_) => "integer",
            Schema::Long => "long",
            Schema::Float => "float",
            Schema::Double => "double",
            Schema::BigInteger => "bigInteger",
            Schema::BigDecimal => "bigDecimal",
            Schema::Timestamp => "timestamp",
            Schema::Blob => "blob",
            Schema::Document => "document",
            Schema::List(_) => "list",
            Schema::Map(_) => "map",
            Schema::Structure(_) => "structure",
            Schema::Union(_) => "union",
        }
    }

    /// The members of a structure or union, if it is one.
    pub fn fields(&self) -> Option<&'static [Field]> {
        match self {
            Schema::Structure(fields) | Schema::Union(fields) => Some(fields),
            _ => None,
        }
    }

    /// True for shapes written as one token (not lists, maps, structures, unions or documents).
    pub fn is_scalar(&self) -> bool {
        !matches!(
            self,
            Schema::List(_)
                | Schema::Map(_)
                | Schema::Structure(_)
                | Schema::Union(_)
                | Schema::Document
        )
    }
}
