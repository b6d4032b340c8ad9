//! XML bodies (restXml; the query protocols' responses): request bodies, payloads, response
//! and error bodies, and the `WriteXml` / `ReadXml` impls of structures and unions, laid out as Smithy's XML binding
//! traits say (the plan's `XmlPlan`). Values are written through the runtime's
//! `wire::xml::Writer` (`xml_write`) and read from its parsed `Element` tree (`xml_read`);
//! lists, maps and scalars inline, as their layout depends on the member.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::prelude::{ERR, NONE, OK, OPTION, RESULT, SOME, STRING, VEC};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::xml::{XmlNamespace, XmlPlan, XmlShape};
use crate::plan::{MemberPlan, Plan, RustType, StructPlan, TimestampFormat, UnionPlan};

/// `Option<(&str, &str)>`: the namespace declaration to write on an element.
pub(super) fn namespace(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        Some(ns) => {
            let (attribute, uri) = (ns.attribute(), &ns.uri);
            quote!(#SOME((#attribute, #uri)))
        }
        None => quote!(#NONE),
    }
}

/// Each member with the expression of its field in `owner` (`self`, `input`), as the body
/// writers take them.
pub(super) fn member_fields<'m>(
    members: impl IntoIterator<Item = &'m MemberPlan>,
    owner: &TokenStream,
) -> Vec<(&'m MemberPlan, TokenStream)> {
    members
        .into_iter()
        .map(|m| {
            let field = ident(&m.field);
            (m, quote!(#owner.#field))
        })
        .collect()
}

pub(super) fn format_tokens(format: Option<TimestampFormat>) -> TokenStream {
    // Timestamps in XML bodies are date-time unless the model says otherwise.
    super::values::format_tokens(format.unwrap_or(TimestampFormat::DateTime))
}

/// What the emitted code needs to lay out values.
pub struct Xml<'a> {
    pub(super) plan: &'a Plan,
    pub(super) xml: &'a XmlPlan,
}

impl<'a> Xml<'a> {
    /// `None` unless the plan's protocol is XML.
    pub fn of(plan: &'a Plan) -> Option<Self> {
        Some(Xml {
            plan,
            xml: plan.xml.as_ref()?,
        })
    }

    pub fn shape(&self, id: &crate::model::ShapeId) -> Option<&'a XmlShape> {
        self.xml.shapes.get(id)
    }

    /// Whether requests are query forms (awsQuery, ec2Query), not XML documents.
    pub fn query_forms(&self) -> bool {
        self.plan.service.protocol.is_some_and(|p| p.query())
    }

    pub fn errors_wrapped(&self) -> bool {
        !self.xml.no_error_wrapping
    }

    /// Whether `ty` is a generated structure or union (written and read through its impls).
    pub(super) fn is_generated(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Box(inner) => self.is_generated(inner),
            RustType::Named { name, .. } => {
                self.plan.struct_of(ty).is_some()
                    || self.plan.unions.iter().any(|u| &u.name == name)
            }
            _ => false,
        }
    }

    /// The input's body members as its root element (its `@xmlName`, else its name), and the
    /// statements that bind `body` and `content_type`.
    pub fn request_body(&self, input: &StructPlan, members: &[&MemberPlan]) -> TokenStream {
        let Some(shape) = self.shape(&input.id) else {
            return quote!(let (body, content_type): (#VEC<u8>, &str) = (#VEC::new(), ""););
        };
        let fields = member_fields(members.iter().copied(), &quote!(input));
        let content_type = crate::plan::protocol::Protocol::RestXml.body_content_type();
        let root = &shape.name;
        let ns = namespace(
            shape
                .namespace
                .as_ref()
                .or(self.xml.service_namespace.as_ref()),
        );
        let body = self.document(root, ns, shape, &fields);
        quote! {
            let body = #body;
            let content_type = #content_type;
        }
    }

    /// An expression of the bytes of a document whose root element `root` holds `members`
    /// (each with where its value is).
    pub(super) fn document(
        &self,
        root: &str,
        ns: TokenStream,
        shape: &XmlShape,
        members: &[(&MemberPlan, TokenStream)],
    ) -> TokenStream {
        let write = self.write_element(quote!(#root), ns, shape, members);
        quote! {{
            let mut writer = crate::wire::xml::Writer::new();
            {
                let out = &mut writer;
                #write
            }
            writer.into_bytes()
        }}
    }

    /// The root element of a document that is the value of `owner`'s member `member_name`
    /// (a payload, an event): named by the member's `@xmlName`, else the target's (its
    /// `@xmlName` or name); declaring the member's, else the target's, else the service's
    /// namespace.
    pub(super) fn value_root(
        &self,
        owner: &crate::model::ShapeId,
        member_name: &str,
        target: &crate::model::ShapeId,
    ) -> (String, TokenStream) {
        let member = self.shape(owner).and_then(|s| s.member(member_name));
        let target = self.shape(target);
        let name = match (member, target) {
            (Some(m), _) if m.name != m.member_name => m.name.clone(),
            (_, Some(t)) => t.name.clone(),
            _ => member_name.to_owned(),
        };
        let ns = namespace(
            member
                .and_then(|m| m.namespace.as_ref())
                .or(target.and_then(|t| t.namespace.as_ref()))
                .or(self.xml.service_namespace.as_ref()),
        );
        (name, ns)
    }

    /// The bytes of a structure or union payload `value` (a reference): its root element is
    /// named by the member's `@xmlName`, else the target's.
    pub fn payload_bytes(&self, owner: &StructPlan, payload: &MemberPlan) -> TokenStream {
        let (name, ns) = self.value_root(&owner.id, &payload.member_name, &payload.target);
        quote! {{
            let mut writer = crate::wire::xml::Writer::new();
            crate::wire::xml::WriteXml::write_xml(value, &mut writer, #name, #ns);
            writer.into_bytes()
        }}
    }

    /// Statements binding `parsed` (a `ResponseBody` of `members`) from the XML `body`: the
    /// root element, or for an error its `<Error>` element.
    pub fn response_body(&self, s: &StructPlan, members: &[&MemberPlan]) -> TokenStream {
        let Some(shape) = self.shape(&s.id) else {
            return TokenStream::new();
        };
        let reader = self.body_reader(s, shape, members, &quote!(ResponseBody));
        let root = if s.error.is_some() {
            let wrapped = self.errors_wrapped();
            quote!(crate::wire::xml::error_element(document, #wrapped).unwrap_or(&empty))
        } else if let Some(names) = self.xml.query_results.get(&s.id) {
            // awsQuery: the members are in `<OperationResult>` inside the root.
            quote!(crate::wire::xml::query_result(document, &[#(#names),*]).unwrap_or(&empty))
        } else {
            quote!(document)
        };
        // `@s3UnwrappedXmlOutput`: the root is the member's element; it is read as the one
        // child of an element standing for the output.
        let unwrapped = self.xml.unwrapped_outputs.contains(&s.id);
        let (wrapper, root) = if unwrapped {
            (
                quote!(let mut wrapper = crate::wire::xml::Element::default();),
                quote! {{
                    wrapper.children.push(#root.clone());
                    &wrapper
                }},
            )
        } else {
            (TokenStream::new(), root)
        };
        quote! {
            #reader
            let invalid = |message| crate::wire::InvalidResponse::new(status, message);
            let document = crate::wire::xml::parse_body(body).map_err(invalid)?;
            let empty = crate::wire::xml::Element::default();
            #wrapper
            let root = match &document {
                #SOME(document) => #root,
                #NONE => &empty,
            };
            let parsed = read_body(root).map_err(invalid)?;
        }
    }

    /// A struct `body` of `members` (fields as `s`'s) and `fn read_body(root: &Element) ->
    /// Result<body, String>` reading them from an element.
    pub(super) fn body_reader(
        &self,
        s: &StructPlan,
        shape: &XmlShape,
        members: &[&MemberPlan],
        body: &TokenStream,
    ) -> TokenStream {
        let decls = members.iter().map(|m| {
            let name = ident(&m.field);
            let ty = rust_type(&m.field_type());
            quote!(#name: #ty,)
        });
        let read = self.read_members(s, shape, members, &quote!(root));
        let (statements, fields) = (read.statements, read.fields);
        quote! {
            struct #body {
                #(#decls)*
            }
            fn read_body(root: &crate::wire::xml::Element) -> #RESULT<#body, #STRING> {
                #statements
                #OK(#body { #fields })
            }
        }
    }

    /// `WriteXml` for a structure some request holds, `ReadXml` for one some response holds.
    pub fn struct_impls(&self, s: &StructPlan) -> TokenStream {
        let Some(shape) = self.shape(&s.id) else {
            return TokenStream::new();
        };
        let (written, read) = (
            self.xml.written.contains(&s.id),
            self.xml.read.contains(&s.id),
        );
        if !(written || read) {
            return TokenStream::new();
        }
        let type_name = ident(&s.name);
        let members = member_fields(&s.members, &quote!(self));
        // A structure's own `@xmlNamespace` is declared where it is the root (the caller
        // passes it), not where it is a member's value.
        let write = self.write_element(quote!(name), quote!(namespace), shape, &members);
        let all: Vec<&MemberPlan> = s.members.iter().collect();
        let members_read = self.read_members(s, shape, &all, &quote!(element));
        let (fields, statements) = (members_read.fields, members_read.statements);
        let query = self.query_forms();
        let write = written.then(|| {
            if query {
                return self.struct_write_query(s, shape);
            }
            quote! {
                impl crate::wire::xml::WriteXml for #type_name {
                    fn write_xml(&self, out: &mut crate::wire::xml::Writer, name: &str, namespace: #OPTION<(&str, &str)>) {
                        #write
                    }
                }
            }
        });
        let ids = crate::emit::structs::unset_request_ids(s);
        let read = read.then(|| {
            quote! {
                impl crate::wire::xml::ReadXml for #type_name {
                    fn read_xml(element: &crate::wire::xml::Element) -> #RESULT<Self, #STRING> {
                        #statements
                        #OK(Self { #fields #ids })
                    }
                }
            }
        });
        quote!(#write #read)
    }

    /// `WriteXml` and `ReadXml` for a union (as for structures, each where needed): one child
    /// element, the set member.
    pub fn union_impls(&self, u: &UnionPlan) -> TokenStream {
        let Some(shape) = self.shape(&u.id) else {
            return TokenStream::new();
        };
        let (written, read) = (
            self.xml.written.contains(&u.id),
            self.xml.read.contains(&u.id),
        );
        let type_name = ident(&u.name);
        let mut write_arms = Vec::new();
        let mut read_arms = Vec::new();
        for v in &u.variants {
            let Some(member) = shape.member(&v.member_name) else {
                continue;
            };
            let variant = ident(&v.name);
            let name = &member.name;
            let ns = namespace(member.namespace.as_ref());
            match &v.value_type {
                Some(ty) => {
                    let write = self.write_member(ty, v.timestamp_format, member, quote!(value));
                    write_arms.push(quote!(Self::#variant(value) => { #write }));
                    let read = self.read_union_value(ty, v.timestamp_format, member);
                    read_arms.push(quote!(#name => #OK(Self::#variant(#read)),));
                }
                None => {
                    write_arms.push(quote!(Self::#variant => out.text_element(#name, #ns, ""),));
                    read_arms.push(quote!(#name => #OK(Self::#variant),));
                }
            }
        }
        let what = format!("the union `{}` has no member set", u.name.name);
        let query = self.query_forms();
        let write = written.then(|| if query { self.union_write_query(u, shape) } else { quote! {
            impl crate::wire::xml::WriteXml for #type_name {
                fn write_xml(&self, out: &mut crate::wire::xml::Writer, name: &str, namespace: #OPTION<(&str, &str)>) {
                    out.start(name, namespace);
                    out.open();
                    match self {
                        #(#write_arms)*
                        // An unknown member cannot be sent: its value is not kept.
                        Self::Unknown(_) => {}
                    }
                    out.end(name);
                }
            }
        }});
        let read = read.then(|| {
            quote! {
                impl crate::wire::xml::ReadXml for #type_name {
                    fn read_xml(element: &crate::wire::xml::Element) -> #RESULT<Self, #STRING> {
                        let #SOME(child) = element.children.first() else {
                            return #ERR(#STRING::from(#what));
                        };
                        match child.name.as_str() {
                            #(#read_arms)*
                            other => #OK(Self::Unknown(#STRING::from(other))),
                        }
                    }
                }
            }
        });
        quote!(#write #read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_are_declared_with_their_prefix() {
        let ns = XmlNamespace {
            uri: "https://example.com".to_owned(),
            prefix: Some("baz".to_owned()),
        };
        let tokens = namespace(Some(&ns)).to_string();
        assert!(tokens.contains("\"xmlns:baz\""), "{tokens}");
        assert!(namespace(None).to_string().contains("None"));
    }
}
