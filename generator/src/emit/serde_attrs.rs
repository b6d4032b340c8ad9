//! The runtime's `with` modules of values whose JSON form is not serde's default: the
//! written-out `Serialize` and `Deserialize` impls and the JSON body writer call them.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens;
use crate::plan::{MemberPlan, RustType, TimestampFormat};

/// The serde `with` module for values whose JSON form is not serde's default: timestamps
/// with an explicit format, and floats (restJson1 writes non-finite values as strings).
pub fn with_module(member: &MemberPlan) -> Option<String> {
    let module = base_module(member)?;
    Some(if member.optional {
        format!("{module}::option")
    } else {
        module.to_owned()
    })
}

/// [`with_module`] for the value itself (never its `Option`), as a path.
pub fn value_module(member: &MemberPlan) -> Option<TokenStream> {
    let module = base_module(member)?;
    let path = module.split("::").map(tokens::plain);
    Some(quote!(#(#path)::*))
}

fn base_module(member: &MemberPlan) -> Option<&'static str> {
    Some(match (&member.value_type, member.timestamp_format) {
        (RustType::DateTime, Some(TimestampFormat::EpochSeconds)) => {
            "crate::primitives::date_time::serde_epoch_seconds"
        }
        (RustType::DateTime, Some(TimestampFormat::DateTime)) => {
            "crate::primitives::date_time::serde_date_time"
        }
        (RustType::DateTime, Some(TimestampFormat::HttpDate)) => {
            "crate::primitives::date_time::serde_http_date"
        }
        (RustType::F64, _) => "crate::primitives::float::f64_value",
        (RustType::F32, _) => "crate::primitives::float::f32_value",
        _ => return None,
    })
}
