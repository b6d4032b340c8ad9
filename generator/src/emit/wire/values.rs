//! Scalars in URIs and headers: how each kind of value becomes text and is read back.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::prelude::STRING;
use crate::plan::{MemberPlan, Plan, RustType, TimestampFormat};

/// A value that can stand in a label, a query parameter or a header.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Str,
    Enum,
    IntEnum,
    Bool,
    Number,
    /// `bigInteger` and `bigDecimal`: kept as their text.
    BigNumber,
    Float,
    DateTime,
    Blob,
}

/// The scalar kind of a type, when it has one.
pub fn scalar(plan: &Plan, ty: &RustType) -> Option<Scalar> {
    Some(match ty {
        RustType::String => Scalar::Str,
        RustType::Bool => Scalar::Bool,
        RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64 => Scalar::Number,
        RustType::BigInteger | RustType::BigDecimal => Scalar::BigNumber,
        RustType::F32 | RustType::F64 => Scalar::Float,
        RustType::DateTime => Scalar::DateTime,
        RustType::Blob => Scalar::Blob,
        RustType::Named { name, .. } => {
            let e = plan.enums.iter().find(|e| &e.name == name)?;
            if e.is_int {
                Scalar::IntEnum
            } else {
                Scalar::Enum
            }
        }
        RustType::Box(inner) => return scalar(plan, inner),
        _ => return None,
    })
}

/// Where a value is written: the default timestamp format differs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Uri,
    Header,
}

pub(super) fn format_tokens(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(crate::primitives::date_time::Format::EpochSeconds),
        TimestampFormat::DateTime => quote!(crate::primitives::date_time::Format::DateTime),
        TimestampFormat::HttpDate => quote!(crate::primitives::date_time::Format::HttpDate),
    }
}

/// The timestamp format of a member at a place: its own `@timestampFormat`, else
/// restJson1's default (http-date in headers, date-time in URIs).
pub fn timestamp_format(member: &MemberPlan, place: Place) -> TimestampFormat {
    member.timestamp_format.unwrap_or(match place {
        Place::Uri => TimestampFormat::DateTime,
        Place::Header => TimestampFormat::HttpDate,
    })
}

/// An expression turning `value` (a reference to the scalar) into a `String`.
pub fn to_text(kind: Scalar, member: &MemberPlan, place: Place, value: TokenStream) -> TokenStream {
    match kind {
        Scalar::Str if place == Place::Header && member.media_type.is_some() => {
            quote!(crate::primitives::blob::encode_base64(#value.as_bytes()))
        }
        _ => scalar_text(kind, timestamp_format(member, place), &value),
    }
}

/// The text of a scalar wherever it is written as text (URIs, headers, XML and form
/// bodies): `format` is the timestamp format the place gives.
pub(super) fn scalar_text(
    kind: Scalar,
    format: TimestampFormat,
    value: &TokenStream,
) -> TokenStream {
    match kind {
        Scalar::Str | Scalar::Enum | Scalar::Bool | Scalar::Number => quote!(#value.to_string()),
        Scalar::IntEnum => quote!(#value.value().to_string()),
        Scalar::BigNumber => quote!(#STRING::from(#value.as_str())),
        Scalar::Float => quote! {{
            let number = *#value;
            if number.is_nan() {
                #STRING::from("NaN")
            } else if number.is_infinite() {
                #STRING::from(if number > 0.0 { "Infinity" } else { "-Infinity" })
            } else {
                number.to_string()
            }
        }},
        Scalar::DateTime => {
            let format = format_tokens(format);
            quote!(#value.fmt(#format))
        }
        Scalar::Blob => quote!(crate::primitives::blob::encode_base64(#value.as_ref())),
    }
}

/// An expression reading `text` (a `&str` from a header named `name`) as the scalar,
/// with `?` on a `Result<_, InvalidResponse>`.
pub fn from_text(
    kind: Scalar,
    member: &MemberPlan,
    ty: &RustType,
    name: &str,
    text: TokenStream,
) -> TokenStream {
    let invalid = |what: TokenStream| {
        quote!(|e| crate::wire::InvalidResponse::new(
            status,
            ::std::format!("header `{}`: {}", #name, #what)
        ))
    };
    match kind {
        Scalar::Str if member.media_type.is_some() => {
            let bad = invalid(quote!(e));
            quote! {
                #STRING::from_utf8(
                    crate::primitives::blob::decode_base64(#text).map_err(#bad)?
                ).map_err(#bad)?
            }
        }
        Scalar::Str => quote!(#STRING::from(#text)),
        Scalar::Enum => {
            let ty = super::super::tokens::rust_type(ty);
            quote!(<#ty>::from(#text))
        }
        Scalar::IntEnum => {
            let ty = super::super::tokens::rust_type(ty);
            quote!(<#ty>::from(crate::wire::parse_header_value::<i32>(#name, #text, status)?))
        }
        Scalar::Bool => quote!(crate::wire::parse_header_bool(#name, #text, status)?),
        Scalar::Number | Scalar::BigNumber | Scalar::Float => {
            quote!(crate::wire::parse_header_value(#name, #text, status)?)
        }
        Scalar::DateTime => {
            let format = format_tokens(timestamp_format(member, Place::Header));
            let bad = invalid(quote!(e));
            quote!(crate::primitives::DateTime::parse(#text.trim(), #format).map_err(#bad)?)
        }
        Scalar::Blob => {
            let bad = invalid(quote!(e));
            quote!(crate::primitives::Blob::new(crate::primitives::blob::decode_base64(#text.trim()).map_err(#bad)?))
        }
    }
}
