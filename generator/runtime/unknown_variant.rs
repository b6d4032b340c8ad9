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

/// `FromStr`, `Display` and serde's `Serialize` and `Deserialize` of a string enum, from its
/// `as_str()` and its `From<&str>` (which keeps an unknown value in `Unknown`).
///
/// Paths are absolute: the expansion sits among the model's types, which may be named
/// `Option` or `Result`.
#[allow(unused_macros)]
macro_rules! string_enum_api {
    ($name:ident) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?;
                ::std::result::Result::Ok(Self::from(value.as_ref()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum_api;

/// serde's `Serialize` and `Deserialize` of an int enum, from its `value()` and its
/// `From<i32>` (which keeps an unknown value in `Unknown`).
#[allow(unused_macros)]
macro_rules! int_enum_api {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let value = <i32 as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_api;
