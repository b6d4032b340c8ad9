//! The serde attribute of a struct field, shared by generated structs and the request and
//! response body structs of the wire layer.

use proc_macro2::TokenStream;
use quote::quote;

use super::{defaults, tokens};
use crate::plan::{MemberPlan, RustType, StructPlan, TimestampFormat};

/// Which direction the attribute serves.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Serialize,
    Deserialize,
}

/// `#[serde(...)]` for `member` of `plan`, or nothing when serde's defaults already fit.
pub fn field_attr(plan: &StructPlan, member: &MemberPlan, purpose: Use) -> TokenStream {
    let wire = &member.wire_name;
    let mut args = Vec::new();
    if *wire != member.field.name {
        args.push(quote!(rename = #wire));
    }
    if purpose != Use::Serialize {
        for alias in &member.aliases {
            args.push(quote!(alias = #alias));
        }
    }
    if member.optional {
        if purpose != Use::Serialize {
            args.push(quote!(default));
        }
        if purpose != Use::Deserialize {
            args.push(quote!(
                skip_serializing_if = "::std::option::Option::is_none"
            ));
        }
    } else if purpose != Use::Serialize {
        if let Some(attr) = defaults::serde_attr_for(plan, member) {
            args.push(attr);
        }
    }
    if let Some(with) = with_module(member) {
        args.push(quote!(with = #with));
    }
    if args.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#args),*)])
    }
}

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
