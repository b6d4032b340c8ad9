//! `Serialize` for structures, written out instead of derived, so that a generated crate does
//! not compile serde's derive macro and the `syn` under it. The output is derive's: a struct
//! with the members in model order under their wire names, unset optional members skipped,
//! and timestamps and floats written as their `with` module's `ser` gives them. Each structure
//! says only what is its own (`WriteMembers`: its name and members); the runtime's
//! `structure::write_members` does the rest.

use proc_macro2::TokenStream;
use quote::quote;

use super::serde_attrs;
use super::tokens::ident;
use crate::emit::prelude::{OK, RESULT};
use crate::plan::{MemberPlan, StructPlan};

/// The `WriteMembers` impl of the struct of `plan` (its `Serialize` comes from the runtime's
/// `structure_api!`).
pub fn serialize_impl(plan: &StructPlan) -> TokenStream {
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    // A streaming body is no part of the structure's document (the command line's output).
    let fields: Vec<TokenStream> = plan
        .members
        .iter()
        .filter(|m| m.value_type != crate::plan::RustType::ByteStream)
        .map(field)
        .collect();
    // Nothing to write (no members, or only a streaming body): the writer goes unused.
    let out = if fields.is_empty() {
        quote!(_)
    } else {
        quote!(out)
    };
    quote! {
        impl crate::primitives::structure::WriteMembers for #name {
            const NAME: &'static str = #type_name;
            fn write_members<W: crate::primitives::structure::MemberWriter>(
                &self,
                #out: &mut W,
            ) -> #RESULT<(), W::Error> {
                #(#fields)*
                #OK(())
            }
        }
    }
}

/// One member: written, or skipped when it is an unset optional one.
fn field(member: &MemberPlan) -> TokenStream {
    let name = ident(&member.field);
    let wire = &member.wire_name;
    // Lists and maps of floats or formatted timestamps: through their `items::Form`.
    if let Some(form) = serde_attrs::items_form(&member.value_type, member.timestamp_format) {
        let ser = quote!(crate::primitives::items::Ser::<#form>);
        return if member.optional {
            quote!(out.optional(#wire, self.#name.as_ref().map(#ser))?;)
        } else {
            quote!(out.required(#wire, &#ser(&self.#name))?;)
        };
    }
    let module = serde_attrs::value_module(member);
    match (member.optional, module) {
        (true, Some(module)) => {
            quote!(out.optional(#wire, self.#name.as_ref().map(#module::ser))?;)
        }
        (true, None) => quote!(out.optional(#wire, self.#name.as_ref())?;),
        (false, Some(module)) => quote!(out.required(#wire, &#module::ser(&self.#name))?;),
        (false, None) => quote!(out.required(#wire, &self.#name)?;),
    }
}

#[cfg(test)]
mod tests {

    use serde_json::{json, Value};

    use super::*;

    /// The `Serialize` impl of the structure `ex#Thing` with `members`, as token text.
    fn impl_text(members: Value) -> String {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}},
            "ex#OpInput": {"type": "structure", "members": {"thing": {"target": "ex#Thing"}}},
            "ex#Thing": {"type": "structure", "members": members},
            "ex#Stamp": {"type": "timestamp"},
            "ex#Stamps": {"type": "list", "member": {"target": "ex#Stamp",
                "traits": {"smithy.api#timestampFormat": "http-date"}}},
            "ex#Floats": {"type": "list", "member": {"target": "smithy.api#Double"}}
        }});
        let plan = crate::plan::plan_of_json(&model);
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
        assert!(
            out.contains("const NAME : & 'static str = \"Thing\""),
            "{out}"
        );
        assert!(
            out.contains("out . required (\"Name\" , & self . name) ?"),
            "{out}"
        );
        assert!(!out.contains("optional"), "{out}");
    }

    #[test]
    fn optional_members_are_written_only_when_set() {
        let out = impl_text(json!({"size": {"target": "smithy.api#Integer"}}));
        assert!(
            out.contains("out . optional (\"size\" , self . size . as_ref ()) ?"),
            "{out}"
        );
        assert!(!out.contains("required"), "{out}");
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
    fn lists_of_floats_and_formatted_timestamps_go_through_their_form() {
        let out = impl_text(json!({
            "stamps": {"target": "ex#Stamps"},
            "floats": {"target": "ex#Floats", "traits": {"smithy.api#required": {}}}
        }));
        assert!(
            out.contains("self . stamps . as_ref () . map (crate :: primitives :: items :: Ser :: < crate :: primitives :: items :: List < crate :: primitives :: date_time :: serde_http_date :: Form > >)"),
            "{out}"
        );
        assert!(
            out.contains("out . required (\"floats\" , & crate :: primitives :: items :: Ser :: < crate :: primitives :: items :: List < crate :: primitives :: float :: f64_value :: Form > > (& self . floats)) ?"),
            "{out}"
        );
    }

    #[test]
    fn a_struct_without_members_writes_none() {
        let out = impl_text(json!({}));
        assert!(
            out.contains("const NAME : & 'static str = \"Thing\""),
            "{out}"
        );
        assert!(out.contains("_ : & mut W"), "{out}");
        assert!(!out.contains("optional"), "{out}");
        assert!(!out.contains("required"), "{out}");
    }
}
