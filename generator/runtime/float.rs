//! Floating-point members on the restJson1 wire: finite values are JSON numbers, and the
//! non-finite values, which JSON cannot write as numbers, are the strings `"NaN"`,
//! `"Infinity"` and `"-Infinity"`.
//!
//! The generated `Serialize` impls write members through `f64_value::ser` (likewise
//! `f32_value`); the `Deserialize` impls read them with `deserialize` (`option::deserialize`
//! for an `Option`). Each module's `Form` is the form of its values inside lists, maps and
//! unions (`primitives::items`).

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};

const NAN: &str = "NaN";
const INFINITY: &str = "Infinity";
const NEG_INFINITY: &str = "-Infinity";

/// The wire string of a non-finite value, `None` for a finite one.
fn non_finite_name(value: f64) -> Option<&'static str> {
    if value.is_nan() {
        Some(NAN)
    } else if value == f64::INFINITY {
        Some(INFINITY)
    } else if value == f64::NEG_INFINITY {
        Some(NEG_INFINITY)
    } else {
        None
    }
}

/// Accepts any JSON number or one of the three non-finite strings, as an `f64`.
struct FloatVisitor;

impl<'de> Visitor<'de> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a number or one of the strings "NaN", "Infinity", "-Infinity""#)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
        match value {
            NAN => Ok(f64::NAN),
            INFINITY => Ok(f64::INFINITY),
            NEG_INFINITY => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(Unexpected::Str(value), &self)),
        }
    }
}

fn deserialize_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    deserializer.deserialize_any(FloatVisitor)
}

/// Accepts `null` as `None`, otherwise what [`FloatVisitor`] accepts.
struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<f64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"null, a number or one of the strings "NaN", "Infinity", "-Infinity""#)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<f64>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<f64>, D::Error> {
        deserialize_f64(deserializer).map(Some)
    }
}

fn deserialize_option_f64<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    deserializer.deserialize_option(OptionVisitor)
}

/// A float that serializes as its module's `serialize` writes it: what the modules' `ser`
/// return.
pub enum Number {
    F64(f64),
    F32(f32),
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Number::F64(value) => f64_value::serialize(value, serializer),
            Number::F32(value) => f32_value::serialize(value, serializer),
        }
    }
}

/// `Seed`: the `option` module's `deserialize` as a `DeserializeSeed`, so that a structure's
/// reader reads a member through it in one call (`map.next_value_seed(option::Seed)`).
macro_rules! option_seed {
    ($value:ty) => {
        /// [`deserialize`] as a `DeserializeSeed`.
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Seed;

        impl<'de> serde::de::DeserializeSeed<'de> for Seed {
            type Value = Option<$value>;

            fn deserialize<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Option<$value>, D::Error> {
                deserialize(deserializer)
            }
        }
    };
}

/// `f64` members: finite values as numbers, non-finite ones as `"NaN"`, `"Infinity"` or
/// `"-Infinity"`.
pub mod f64_value {
    use serde::{Deserializer, Serializer};

    use super::Number;

    /// The value as [`serialize`] writes it, for a written-out `Serialize`.
    pub fn ser(value: &f64) -> Number {
        Number::F64(*value)
    }

    /// A number, or the string for a non-finite value.
    pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        // Binary formats (CBOR) have NaN and the infinities as floats.
        match super::non_finite_name(*value).filter(|_| serializer.is_human_readable()) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f64(*value),
        }
    }

    /// A number, or one of `"NaN"`, `"Infinity"`, `"-Infinity"`; any other string is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        super::deserialize_f64(deserializer)
    }

    super::super::items::leaf_form!(f64);

    /// Reading `Option<f64>` members: `null` is `None`.
    pub mod option {
        use serde::Deserializer;

        /// `null` as `None`, otherwise what [`super::deserialize`] accepts.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<f64>, D::Error> {
            super::super::deserialize_option_f64(deserializer)
        }

        option_seed!(f64);
    }
}

/// `f32` members: finite values as numbers, non-finite ones as `"NaN"`, `"Infinity"` or
/// `"-Infinity"`. Numbers outside the `f32` range round to infinity, as serde's own `f32` does.
pub mod f32_value {
    use serde::{Deserializer, Serializer};

    use super::Number;

    /// The value as [`serialize`] writes it, for a written-out `Serialize`.
    pub fn ser(value: &f32) -> Number {
        Number::F32(*value)
    }

    /// A number, or the string for a non-finite value.
    pub fn serialize<S: Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        match super::non_finite_name(f64::from(*value)).filter(|_| serializer.is_human_readable()) {
            Some(name) => serializer.serialize_str(name),
            None => serializer.serialize_f32(*value),
        }
    }

    /// A number, or one of `"NaN"`, `"Infinity"`, `"-Infinity"`; any other string is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        super::deserialize_f64(deserializer).map(|value| value as f32)
    }

    super::super::items::leaf_form!(f32);

    /// Reading `Option<f32>` members: `null` is `None`.
    pub mod option {
        use serde::Deserializer;

        /// `null` as `None`, otherwise what [`super::deserialize`] accepts.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<f32>, D::Error> {
            super::super::deserialize_option_f64(deserializer)
                .map(|value| value.map(|value| value as f32))
        }

        option_seed!(f32);
    }
}
