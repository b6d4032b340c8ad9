//! `Deserialize` for structures, written out instead of derived: only a JSON object is
//! accepted (serde's derive would also take an array, filling members by position), `null`
//! means absent, and a missing required member is an error naming its wire name, except
//! while reading a response, where client error correction gives it its zero value and
//! skips `null` in lists and maps that are not sparse (crates with the wire layer only).
//! Keys are looked up, and given twice refused, by the runtime's `structure::Keys`: each impl
//! holds only its members' names and how each is read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::correction;
use super::defaults;
use super::serde_attrs;
use super::tokens::ident;
use crate::emit::prelude::{OK, RESULT};
use crate::plan::{MemberPlan, Plan, StructPlan};

/// The impls for `target` (a type name) built from `members` of `plan`: `Deserialize`
/// through the runtime's `structure::read_members` and [`read_members_impl`].
pub fn deserialize_impl(
    service: &Plan,
    plan: &StructPlan,
    members: &[&MemberPlan],
    target: &TokenStream,
    partial: &TokenStream,
) -> TokenStream {
    let read_members = read_members_impl(service, plan, members, target, partial, false);
    quote! {
        crate::primitives::structure::deserialize!(#target);
        #read_members
    }
}

/// The `ReadMembers` impl for `target` built from `members` of `plan`: what is this
/// structure's own, with its builder (`partial`, a type path) holding the members read so far.
/// `own` when `target` is the structure itself and `members` all of its members: where no
/// member must be set, its builder's `build()` then makes it.
pub fn read_members_impl(
    service: &Plan,
    plan: &StructPlan,
    members: &[&MemberPlan],
    target: &TokenStream,
    partial: &TokenStream,
    own: bool,
) -> TokenStream {
    // Error correction lives in the wire layer's runtime: a crate without one reads no
    // responses and stays strict.
    let correcting = service.primitives.wire;
    let type_name = &plan.name.name;
    let names = members.iter().map(|m| &m.wire_name);
    let aliases: Vec<TokenStream> = members
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            let i = Literal::usize_unsuffixed(i);
            m.aliases.iter().map(move |alias| quote!((#alias, #i)))
        })
        .collect();
    let aliases = if aliases.is_empty() {
        TokenStream::new()
    } else {
        quote!(const ALIASES: &'static [(&'static str, usize)] = &[#(#aliases),*];)
    };
    let reads = members.iter().enumerate().map(|(index, m)| {
        let field = ident(&m.field);
        let read = read_value(m, correcting).unwrap_or_else(|| quote!(map.next_value()?));
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => partial.#field = #read,)
    });
    let fields = members.iter().map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        let value = quote!(partial.#field);
        if m.optional {
            quote!(#field: #value,)
        } else if m.default.is_some() {
            let fallback = defaults::fallback_path(plan, m);
            quote!(#field: #value.#fallback,)
        } else if correcting && correction::zero_is_default(&m.value_type) {
            quote!(#field: crate::wire::correction::or_default(#value, #wire)?,)
        } else if correcting && correction::is_structure(service, &m.value_type) {
            quote!(#field: crate::wire::correction::or_zero_structure(#value, #wire)?,)
        } else if correcting {
            let zero = correction::zero(service, &m.value_type, &quote!(E));
            quote!(#field: crate::wire::correction::or_zero(#value, #wire, || #zero)?,)
        } else {
            quote!(#field: crate::primitives::structure::required(#value, #wire)?,)
        }
    });
    let expecting = format!("a `{type_name}` object");
    // A structure without members reads none: every key is skipped.
    let read_member = if members.is_empty() {
        quote! {
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                _: &mut Self::Partial,
                _: usize,
                _: &mut A,
            ) -> #RESULT<bool, A::Error> {
                #OK(false)
            }
        }
    } else {
        quote! {
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                partial: &mut Self::Partial,
                index: usize,
                map: &mut A,
            ) -> #RESULT<bool, A::Error> {
                match index {
                    #(#reads)*
                    _ => return #OK(false),
                }
                #OK(true)
            }
        }
    };
    // Unset members with defaults get them as the builder gives them; nothing else differs.
    let by_builder = own && !members.is_empty() && !plan.builder_is_fallible();
    let finish_arg = if members.is_empty() {
        quote!(_)
    } else {
        quote!(partial)
    };
    let finished = if by_builder {
        quote!(partial.build())
    } else {
        // The structure's own impl also sets its request IDs' field (a response body's
        // struct has none).
        let ids = if own {
            super::structs::unset_request_ids(plan)
        } else {
            TokenStream::new()
        };
        // `Self`, not the type's name: a structure may be named like `finish`'s `E`.
        quote!(Self { #(#fields)* #ids })
    };
    quote! {
        impl crate::primitives::structure::ReadMembers for #target {
            type Partial = #partial;
            const EXPECTING: &'static str = #expecting;
            const KEYS: &'static [&'static str] = &[#(#names),*];
            #aliases
            #read_member
            fn finish<E: ::serde::de::Error>(#finish_arg: Self::Partial) -> #RESULT<Self, E> {
                #OK(#finished)
            }
        }
    }
}

/// How the value of member `m` is read from the map when not simply as its type
/// (`map.next_value()?`): through a `with` module's seed, error correction's reader
/// (`correcting`), or the form of a list or map of floats or formatted timestamps.
fn read_value(m: &MemberPlan, correcting: bool) -> Option<TokenStream> {
    if let Some(module) = serde_attrs::with_module(&as_optional(m)) {
        // Read through the `with` module's `option::Seed`.
        let path = module.split("::").map(super::tokens::plain);
        return Some(quote!(map.next_value_seed(#(#path)::*::Seed)?));
    }
    if let Some(reader) =
        correction::reader(&m.value_type, m.timestamp_format).filter(|_| correcting)
    {
        return Some(quote! {
            map.next_value_seed(crate::wire::correction::Nullable::<#reader>::new())?
        });
    }
    // Lists and maps of floats or formatted timestamps, read strictly.
    let form = serde_attrs::items_form(&m.value_type, m.timestamp_format)?;
    Some(quote!(map.next_value_seed(crate::primitives::items::Seed::<#form>::new())?))
}

/// The structure's `WriteMembers` and `ReadMembers` as one `structure::members!` line, when
/// nothing in them is its own beyond its members' names and how each is written, read and
/// finished (no alias, no stream): a member not written and read as its type is says how
/// (its `with` module, items form or error correction's reader, as [`read_value`] and the
/// written-out `WriteMembers` choose them). The structure is then made by its builder when no
/// member must be set, else member by member (`fields`), as [`read_members_impl`] would
/// write it: a member that must be set is serde's missing-field error, or, in a crate that
/// corrects responses, its zero value when that is its type's default or a structure read
/// from `{}`. `None` otherwise (a member with a default or another zero value among those
/// that must be set, or none at all): the impls are written out.
pub fn plain_members(
    service: &Plan,
    plan: &StructPlan,
    partial: &TokenStream,
) -> Option<TokenStream> {
    let correcting = service.primitives.wire;
    if plan
        .members
        .iter()
        .any(|m| m.value_type == crate::plan::RustType::ByteStream)
    {
        return None;
    }
    let by_builder = !plan.builder_is_fallible();
    let kind = |m: &MemberPlan| -> Option<&'static str> {
        if m.optional {
            Some("optional")
        } else if by_builder {
            Some("required")
        } else if let Some(default) = &m.default {
            // A default other than its type's is the structure's function to give.
            default.is_type_default().then_some("defaulted")
        } else if !correcting {
            Some("required")
        } else if correction::zero_is_default(&m.value_type) {
            Some("or_default")
        } else if correction::is_structure(service, &m.value_type) {
            Some("or_zero_structure")
        } else if correction::is_string_enum(service, &m.value_type) {
            Some("or_unknown")
        } else {
            None
        }
    };
    let members = plan
        .members
        .iter()
        .map(|m| {
            let kind = super::tokens::plain(kind(m)?);
            let field = ident(&m.field);
            let wire = &m.wire_name;
            let how = how_written_and_read(m, correcting);
            Some(quote!(#kind(#field, #wire #how)))
        })
        .collect::<Option<Vec<_>>>()?;
    let name = ident(&plan.name);
    let type_name = &plan.name.name;
    // Without members the structure is made as it is, with its request IDs unset.
    let ids = plan.response_ids.as_ref().map(|ids| {
        let ids = ident(ids);
        quote!((#ids))
    });
    let aliases: Vec<TokenStream> = plan
        .members
        .iter()
        .flat_map(|m| {
            let wire = &m.wire_name;
            m.aliases.iter().map(move |alias| quote!(#alias = #wire))
        })
        .collect();
    let aliases = if aliases.is_empty() {
        TokenStream::new()
    } else {
        quote!(, aliases(#(#aliases),*))
    };
    let finish = match (members.is_empty(), by_builder) {
        (true, _) if ids.is_some() => quote!(, fields #ids),
        (true, _) | (false, true) => TokenStream::new(),
        (false, false) => quote!(, fields #ids),
    };
    Some(quote! {
        crate::primitives::structure::members!(
            #name, #partial, #type_name #aliases #finish #(, #members)*
        );
    })
}

/// How `structure::members!` writes and reads member `m` when not as its type is, after its
/// wire name: `, with(module)`, `, items(form)`, `, read(reader)` or both of the last, as
/// [`read_value`] and the written-out `WriteMembers` would.
fn how_written_and_read(m: &MemberPlan, correcting: bool) -> TokenStream {
    if let Some(module) = serde_attrs::value_module(m) {
        return quote!(, with(#module));
    }
    let items = serde_attrs::items_form_args(&m.value_type, m.timestamp_format)
        .map(|form| quote!(, items(#form)));
    let read = correction::reader_args(&m.value_type, m.timestamp_format)
        .filter(|_| correcting)
        .map(|reader| quote!(, read(#reader)));
    quote!(#items #read)
}

/// The member as if optional: reading always yields an `Option` (null or absent is `None`).
fn as_optional(m: &MemberPlan) -> MemberPlan {
    let mut m = m.clone();
    m.optional = true;
    m
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use serde_json::{json, Value};

    /// `plain_members` of the structure `ex#Thing` with `members`, as token text, in a crate
    /// without a wire layer.
    fn plain_text(members: Value) -> Option<String> {
        plain_text_with(members, json!({}))
    }

    /// `plain_members` of `ex#Thing` with `members` in a crate of a service with `traits`
    /// (a protocol gives it a wire layer, which reads responses with error correction).
    fn plain_text_with(members: Value, traits: Value) -> Option<String> {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                "traits": traits},
            "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}},
            "ex#OpInput": {"type": "structure", "members": {"thing": {"target": "ex#Thing"}}},
            "ex#Thing": {"type": "structure", "members": members},
            "ex#Stamp": {"type": "timestamp"},
            "ex#Stamps": {"type": "list", "member": {"target": "ex#Stamp",
                "traits": {"smithy.api#timestampFormat": "http-date"}}},
            "ex#Inner": {"type": "structure", "members": {}},
            "ex#Inners": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "ex#InnerList"}, "traits": {"smithy.api#sparse": {}}},
            "ex#InnerList": {"type": "list", "member": {"target": "ex#Inner"}},
            "ex#Kind": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}
        }});
        let plan = crate::plan::plan_of_json(&model);
        let thing = plan
            .structures
            .iter()
            .find(|s| s.name.name == "Thing")
            .expect("planned");
        let tokens = super::plain_members(&plan, thing, &quote!(builders::ThingBuilder))?;
        syn::parse2::<syn::Item>(tokens.clone()).unwrap_or_else(|e| panic!("{e}"));
        Some(tokens.to_string())
    }

    #[test]
    fn members_read_and_written_as_they_are_make_one_line_under_their_wire_names() {
        let out = plain_text(json!({
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "Name"}},
            "size": {"target": "smithy.api#Integer",
                "traits": {"smithy.api#required": {}, "smithy.api#default": 0}}
        }))
        .expect("plain");
        assert_eq!(
            out,
            "crate :: primitives :: structure :: members ! (Thing , builders :: ThingBuilder , \
             \"Thing\" , optional (name , \"Name\") , required (size , \"size\")) ;"
        );
    }

    #[test]
    fn a_member_that_must_be_set_makes_the_structure_member_by_member() {
        // Its builder's `build()` is fallible: `finish` reports the missing member itself.
        let out = plain_text(json!({
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "size": {"target": "smithy.api#Integer"}
        }))
        .expect("plain");
        assert!(
            out.ends_with(
                "\"Thing\" , fields , required (name , \"name\") , optional (size , \"size\")) ;"
            ),
            "{out}"
        );
    }

    #[test]
    fn with_error_correction_a_missing_member_takes_its_zero_value() {
        let out = plain_text_with(
            json!({
                "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                "inner": {"target": "ex#Inner", "traits": {"smithy.api#required": {}}}
            }),
            json!({"aws.protocols#awsJson1_0": {}}),
        )
        .expect("plain");
        assert!(
            out.ends_with(
                "fields , or_default (name , \"name\") , or_zero_structure (inner , \"inner\")) ;"
            ),
            "{out}"
        );
    }

    /// The text of `out` from its first member on, without the spaces tokens print with.
    fn members_of(out: &str) -> String {
        out.replace(' ', "")
    }

    #[test]
    fn a_member_with_its_types_default_takes_it_and_another_default_is_written_out() {
        // A member with a default is never missing: the builder gives it when unset. The
        // type's own default needs nothing of the structure; another one is the
        // structure's function to give, which the line cannot name.
        let zero = plain_text(json!({
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "size": {"target": "smithy.api#Integer",
                "traits": {"smithy.api#required": {}, "smithy.api#default": 0}}
        }))
        .expect("plain");
        assert!(
            members_of(&zero)
                .ends_with("fields,required(name,\"name\"),defaulted(size,\"size\"));"),
            "{zero}"
        );
        let one = plain_text(json!({
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "size": {"target": "smithy.api#Integer",
                "traits": {"smithy.api#required": {}, "smithy.api#default": 1}}
        }));
        assert_eq!(one, None);
    }

    #[test]
    fn with_error_correction_a_missing_enum_is_its_unknown_value() {
        // Client error correction gives a string enum the unknown value `""`.
        let out = plain_text_with(
            json!({"kind": {"target": "ex#Kind", "traits": {"smithy.api#required": {}}}}),
            json!({"aws.protocols#awsJson1_0": {}}),
        )
        .expect("plain");
        assert!(
            members_of(&out).ends_with("fields,or_unknown(kind,\"kind\"));"),
            "{out}"
        );
        // Without error correction (no wire layer) it is a missing member.
        let strict = plain_text(
            json!({"kind": {"target": "ex#Kind", "traits": {"smithy.api#required": {}}}}),
        )
        .expect("plain");
        assert!(
            members_of(&strict).ends_with("fields,required(kind,\"kind\"));"),
            "{strict}"
        );
    }

    #[test]
    fn a_value_not_in_its_types_own_form_says_how_it_is_written_and_read() {
        // A timestamp is written as its type is unless the member gives it a format.
        let stamp = plain_text(json!({"at": {"target": "ex#Stamp"}})).expect("plain");
        assert!(
            members_of(&stamp).ends_with("optional(at,\"at\"));"),
            "{stamp}"
        );
        let formatted = plain_text(json!({"at": {"target": "ex#Stamp",
            "traits": {"smithy.api#timestampFormat": "date-time"}}}))
        .expect("plain");
        assert!(
            members_of(&formatted).ends_with(
                "optional(at,\"at\",with(crate::primitives::date_time::serde_date_time)));"
            ),
            "{formatted}"
        );
        let stamps = plain_text(json!({"at": {"target": "ex#Stamps"}})).expect("plain");
        assert!(
            members_of(&stamps).ends_with(
                "optional(at,\"at\",items(list(crate::primitives::date_time::serde_http_date))));"
            ),
            "{stamps}"
        );
        let float = plain_text(json!({"ratio": {"target": "smithy.api#Double"}})).expect("plain");
        assert!(
            members_of(&float)
                .ends_with("optional(ratio,\"ratio\",with(crate::primitives::float::f64_value)));"),
            "{float}"
        );
    }

    #[test]
    fn with_error_correction_lists_and_maps_name_their_reader() {
        let protocol = json!({"aws.protocols#awsJson1_0": {}});
        let stamps = plain_text_with(json!({"at": {"target": "ex#Stamps"}}), protocol.clone())
            .expect("plain");
        assert!(
            members_of(&stamps).ends_with(
                "optional(at,\"at\",items(list(crate::primitives::date_time::serde_http_date)),\
                 read(list(seeded(crate::primitives::date_time::serde_http_date)))));"
            ),
            "{stamps}"
        );
        let inners =
            plain_text_with(json!({"inners": {"target": "ex#Inners"}}), protocol).expect("plain");
        assert!(
            members_of(&inners).ends_with(
                "optional(inners,\"inners\",read(sparse_map(::std::string::String,\
                 list(plain(crate::types::Inner))))));"
            ),
            "{inners}"
        );
    }

    #[test]
    fn another_name_of_a_member_is_an_alias_of_its_wire_name() {
        // Errors also read their message from `Message`.
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]},
            "ex#Op": {"type": "operation", "errors": [{"target": "ex#Oops"}]},
            "ex#Oops": {"type": "structure", "traits": {"smithy.api#error": "client"},
                "members": {"message": {"target": "smithy.api#String"}}}
        }});
        let plan = crate::plan::plan_of_json(&model);
        let oops = plan
            .structures
            .iter()
            .find(|s| s.name.name == "Oops")
            .expect("planned");
        let out = super::plain_members(&plan, oops, &quote!(builders::OopsBuilder))
            .expect("plain")
            .to_string();
        assert!(
            members_of(&out).ends_with(
                "\"Oops\",aliases(\"Message\"=\"message\"),optional(message,\"message\"));"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_structure_without_members_names_only_itself() {
        let out = plain_text(json!({})).expect("plain");
        assert_eq!(
            members_of(&out),
            "crate::primitives::structure::members!(Thing,builders::ThingBuilder,\"Thing\");"
        );
    }
}
