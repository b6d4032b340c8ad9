//! restXml event bodies (smithy.io, "Event streams", over "AWS restXml protocol"): an event's
//! body members are one XML document whose root element is named as a structure payload's is
//! (the union member's `@xmlName`, else the event structure's `@xmlName` or name); a structure
//! or union `@eventPayload` is a document of its own, read and written by the target's impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::xml_body::{member_fields, Xml};
use crate::emit::prelude::VEC;
use crate::emit::tokens::rust_type;
use crate::plan::{MemberPlan, RustType, StructPlan, UnionPlan};

impl Xml<'_> {
    /// An expression of the bytes of the document of `members` of `value` (a `&S`), the event
    /// `s` of the union `u`'s member `member_name`.
    pub(super) fn event_document(
        &self,
        u: &UnionPlan,
        member_name: &str,
        s: &StructPlan,
        members: &[&MemberPlan],
    ) -> TokenStream {
        let Some(shape) = self.shape(&s.id) else {
            return quote!(#VEC::new());
        };
        let (root, ns) = self.value_root(&u.id, member_name, &s.id);
        let fields = member_fields(members.iter().copied(), &quote!(value));
        self.document(&root, ns, shape, &fields)
    }

    /// Statements binding `parsed` (a struct of `members`) from `message.payload`: the root
    /// element's children, whatever its name. An exception's document may be wrapped as an
    /// error response's (`<ErrorResponse><Error>`, `<Error>`).
    pub(super) fn read_event_document(
        &self,
        s: &StructPlan,
        members: &[&MemberPlan],
        exception: bool,
    ) -> TokenStream {
        let Some(shape) = self.shape(&s.id) else {
            return TokenStream::new();
        };
        let reader = self.body_reader(s, shape, members, &quote!(EventBody));
        quote! {
            #reader
            let document = crate::wire::xml::event_element(&message.payload, #exception)
                .map_err(|e| ::std::format!("the event body: {e}"))?;
            let parsed = read_body(&document).map_err(|e| ::std::format!("the event body: {e}"))?;
        }
    }

    /// An expression reading a structure or union `@eventPayload` of type `ty` from
    /// `message.payload`, or returning the error text.
    pub(super) fn read_event_payload(&self, ty: &RustType, member_name: &str) -> TokenStream {
        let ty = rust_type(ty);
        quote! {
            crate::wire::xml::read_document::<#ty>(&message.payload)
                .map_err(|e| ::std::format!("the event payload (`{}`): {}", #member_name, e))?
        }
    }
}
