//! The value of an enum variant this version of the crate does not know.

/// A string enum value outside the model; make enums with `From<&str>`, which picks the
/// known variant when there is one, so that equal values always compare equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariantValue(::std::string::String);

impl UnknownVariantValue {
    /// Only the generated `From<&str>` makes these.
    #[doc(hidden)]
    pub fn new(value: &str) -> Self {
        UnknownVariantValue(value.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}
