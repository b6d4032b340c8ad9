//! `Serialize` for structures, written out instead of derived, so that a generated crate does
//! not compile serde's derive macro and the `syn` under it. The output is derive's: a struct
//! with the members in model order under their wire names, unset optional members skipped,
//! and timestamps and floats written as their `with` module's `ser` gives them.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::serde_attrs;
use super::tokens::ident;
use crate::plan::{MemberPlan, StructPlan};

/// `impl Serialize` for the struct of `plan`.
pub fn serialize_impl(plan: &StructPlan) -> TokenStream {
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    let body = if plan.members.is_empty() {
        quote!(serializer.serialize_struct(#type_name, 0)?.end())
    } else {
        let fields = plan.members.iter().map(field);
        let optional = plan.members.iter().any(|m| m.optional);
        let import = if optional {
            quote!(
                use crate::primitives::structure::optional;
            )
        } else {
            TokenStream::new()
        };
        let len = length(plan);
        quote! {
            #import
            let mut s = serializer.serialize_struct(#type_name, #len)?;
            #(#fields)*
            s.end()
        }
    };
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                #body
            }
        }
    }
}

/// The number of members that will be written, as derive gives it: the required ones and
/// the optional ones that are set.
fn length(plan: &StructPlan) -> TokenStream {
    let required = plan.members.iter().filter(|m| !m.optional).count();
    let mut terms: Vec<TokenStream> = plan
        .members
        .iter()
        .filter(|m| m.optional)
        .map(|m| {
            let field = ident(&m.field);
            quote!(usize::from(self.#field.is_some()))
        })
        .collect();
    if required > 0 || terms.is_empty() {
        terms.insert(0, Literal::usize_unsuffixed(required).into_token_stream());
    }
    quote!(#(#terms)+*)
}

/// One member: written, or skipped when it is an unset optional one.
fn field(member: &MemberPlan) -> TokenStream {
    let name = ident(&member.field);
    let wire = &member.wire_name;
    let module = serde_attrs::value_module(member);
    match (member.optional, module) {
        (true, Some(module)) => {
            quote!(optional(&mut s, #wire, self.#name.as_ref().map(#module::ser))?;)
        }
        (true, None) => quote!(optional(&mut s, #wire, self.#name.as_ref())?;),
        (false, Some(module)) => quote!(s.serialize_field(#wire, &#module::ser(&self.#name))?;),
        (false, None) => quote!(s.serialize_field(#wire, &self.#name)?;),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{json, Value};

    use super::*;

    /// The `Serialize` impl of the structure `ex#Thing` with `members`, as token text.
    fn impl_text(members: Value) -> String {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}},
            "ex#OpInput": {"type": "structure", "members": {"thing": {"target": "ex#Thing"}}},
            "ex#Thing": {"type": "structure", "members": members},
            "ex#Stamp": {"type": "timestamp"}
        }});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        let thing = plan
            .structures
            .iter()
            .find(|s| s.name.name == "Thing")
            .expect("planned");
        let tokens = serialize_impl(thing);
        syn::parse2::<syn::ItemImpl>(tokens.clone()).unwrap_or_else(|e| panic!("{e}"));
        tokens.to_string()
    }

    #[test]
    fn required_members_are_always_written_under_their_wire_names() {
        let out = impl_text(json!({"name": {"target": "smithy.api#String",
            "traits": {"smithy.api#required": {}, "smithy.api#jsonName": "Name"}}}));
        assert!(out.contains("serialize_struct (\"Thing\" , 1) ?"), "{out}");
        assert!(
            out.contains("s . serialize_field (\"Name\" , & self . name) ?"),
            "{out}"
        );
        assert!(!out.contains("skip_field"), "{out}");
    }

    #[test]
    fn unset_optional_members_are_skipped_and_not_counted() {
        let out = impl_text(json!({"size": {"target": "smithy.api#Integer"}}));
        assert!(
            out.contains(
                "serialize_struct (\"Thing\" , usize :: from (self . size . is_some ())) ?"
            ),
            "{out}"
        );
        assert!(
            out.contains("optional (& mut s , \"size\" , self . size . as_ref ()) ?"),
            "{out}"
        );
    }

    #[test]
    fn timestamps_with_a_format_go_through_their_module() {
        let out = impl_text(json!({"at": {"target": "ex#Stamp",
            "traits": {"smithy.api#timestampFormat": "date-time"}}}));
        assert!(
            out.contains("self . at . as_ref () . map (crate :: primitives :: date_time :: serde_date_time :: ser)"),
            "{out}"
        );
    }

    #[test]
    fn a_struct_without_members_is_an_empty_struct() {
        let out = impl_text(json!({}));
        assert!(out.contains("serialize_struct (\"Thing\" , 0)"), "{out}");
        assert!(!out.contains("let mut s"), "{out}");
        assert!(!out.contains("optional"), "{out}");
    }
}
