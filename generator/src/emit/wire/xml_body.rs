//! XML bodies (restXml): writers and readers of structures, unions, lists, maps and scalars as
//! Smithy's XML binding traits lay them out (the plan's `XmlPlan`). Values are written
//! through the runtime's `wire::xml::Writer` and read from its parsed `Element` tree.
//! Structures and unions get `WriteXml` / `ReadXml` impls; lists, maps and scalars are
//! written and read inline, as their layout depends on the member.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::values::{self, Scalar};
use crate::emit::tokens::{ident, rust_type};
use crate::plan::xml::{Layout, XmlMember, XmlNamespace, XmlPlan, XmlShape};
use crate::plan::{MemberPlan, Plan, RustType, StructPlan, TimestampFormat, UnionPlan};

/// `Option<(&str, &str)>`: the namespace declaration to write on an element.
fn namespace(ns: Option<&XmlNamespace>) -> TokenStream {
    match ns {
        Some(ns) => {
            let (attribute, uri) = (ns.attribute(), &ns.uri);
            quote!(::std::option::Option::Some((#attribute, #uri)))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn format_tokens(format: Option<TimestampFormat>) -> TokenStream {
    // Timestamps in XML bodies are date-time unless the model says otherwise.
    match format.unwrap_or(TimestampFormat::DateTime) {
        TimestampFormat::EpochSeconds => quote!(crate::primitives::date_time::Format::EpochSeconds),
        TimestampFormat::DateTime => quote!(crate::primitives::date_time::Format::DateTime),
        TimestampFormat::HttpDate => quote!(crate::primitives::date_time::Format::HttpDate),
    }
}

/// An expression giving the text (`String`) of the scalar `value` (a reference).
fn scalar_text(kind: Scalar, format: Option<TimestampFormat>, value: &TokenStream) -> TokenStream {
    match kind {
        Scalar::Str | Scalar::Enum | Scalar::Bool | Scalar::Number => quote!(#value.to_string()),
        Scalar::IntEnum => quote!(#value.value().to_string()),
        Scalar::BigNumber => quote!(::std::string::String::from(#value.as_str())),
        Scalar::Float => quote! {{
            let number = *#value;
            if number.is_nan() {
                ::std::string::String::from("NaN")
            } else if number.is_infinite() {
                ::std::string::String::from(if number > 0.0 { "Infinity" } else { "-Infinity" })
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

/// An expression reading the scalar `ty` from `text` (a `&str`), with `?` on a
/// `Result<_, String>`; `what` names it in errors.
fn scalar_from_text(
    kind: Scalar,
    ty: &RustType,
    format: Option<TimestampFormat>,
    text: &TokenStream,
    what: &str,
) -> TokenStream {
    let path = rust_type(ty);
    match kind {
        Scalar::Str => quote!(::std::string::String::from(#text)),
        Scalar::Enum => quote!(<#path>::from(#text)),
        Scalar::IntEnum => {
            quote!(<#path>::from(crate::wire::xml::read_number::<i32>(#text, #what)?))
        }
        Scalar::Bool => quote!(crate::wire::xml::read_bool(#text, #what)?),
        Scalar::Number | Scalar::BigNumber | Scalar::Float => {
            quote!(crate::wire::xml::read_number::<#path>(#text, #what)?)
        }
        Scalar::DateTime => {
            let format = format_tokens(format);
            let message = format!("`{what}` is not a timestamp of its format");
            quote! {
                crate::primitives::DateTime::parse(#text.trim(), #format)
                    .map_err(|_| ::std::string::String::from(#message))?
            }
        }
        Scalar::Blob => {
            let message = format!("`{what}` is not base64");
            quote! {
                crate::primitives::Blob::new(
                    crate::primitives::blob::decode_base64(#text.trim())
                        .map_err(|_| ::std::string::String::from(#message))?,
                )
            }
        }
    }
}

/// What the emitted code needs to lay out values.
pub struct Xml<'a> {
    plan: &'a Plan,
    xml: &'a XmlPlan,
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

    pub fn errors_wrapped(&self) -> bool {
        !self.xml.no_error_wrapping
    }

    /// Writes `value` (a reference to a `ty`) as the element `name`.
    fn write_value(
        &self,
        ty: &RustType,
        layout: &Layout,
        format: Option<TimestampFormat>,
        name: &str,
        ns: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        match (ty, layout) {
            (RustType::Option(inner), _) => {
                // A `@sparse` collection's null is left out: XML has no null.
                let inner = self.write_value(inner, layout, format, name, ns, quote!(value));
                quote! {
                    if let ::std::option::Option::Some(value) = #value {
                        #inner
                    }
                }
            }
            (RustType::Vec(item_ty), Layout::List(item)) => {
                let items = self.write_items(item_ty, item, value);
                quote! {
                    out.start(#name, #ns);
                    out.open();
                    #items
                    out.end(#name);
                }
            }
            (RustType::Map(key_ty, value_ty), Layout::Map { .. }) => {
                let entries = self.write_entries(
                    key_ty,
                    value_ty,
                    layout,
                    "entry",
                    quote!(::std::option::Option::None),
                    value,
                );
                quote! {
                    out.start(#name, #ns);
                    out.open();
                    #entries
                    out.end(#name);
                }
            }
            _ => match values::scalar(self.plan, ty) {
                Some(kind) => {
                    let text = scalar_text(kind, format, &value);
                    quote!(out.text_element(#name, #ns, &#text);)
                }
                None if self.is_generated(ty) => {
                    quote!(crate::wire::xml::WriteXml::write_xml(#value, out, #name, #ns);)
                }
                // Documents have no XML form; nothing is written.
                None => quote!(let _ = #value;),
            },
        }
    }

    /// The items of a list, each as an element named as `item` says.
    fn write_items(
        &self,
        item_ty: &RustType,
        item: &crate::plan::xml::XmlItem,
        value: TokenStream,
    ) -> TokenStream {
        let one = self.write_value(
            item_ty,
            &item.layout,
            item.timestamp_format,
            &item.name,
            namespace(item.namespace.as_ref()),
            quote!(item),
        );
        quote! {
            for item in #value.iter() {
                #one
            }
        }
    }

    /// A map's entries, each an element `entry_name` with a key and a value element.
    fn write_entries(
        &self,
        key_ty: &RustType,
        value_ty: &RustType,
        layout: &Layout,
        entry_name: &str,
        entry_ns: TokenStream,
        value: TokenStream,
    ) -> TokenStream {
        let Layout::Map { key, value: v } = layout else {
            return TokenStream::new();
        };
        let key_write = self.write_value(
            key_ty,
            &key.layout,
            key.timestamp_format,
            &key.name,
            namespace(key.namespace.as_ref()),
            quote!(key),
        );
        let value_write = self.write_value(
            value_ty,
            &v.layout,
            v.timestamp_format,
            &v.name,
            namespace(v.namespace.as_ref()),
            quote!(item),
        );
        quote! {
            for (key, item) in #value.iter() {
                out.start(#entry_name, #entry_ns);
                out.open();
                #key_write
                #value_write
                out.end(#entry_name);
            }
        }
    }

    fn is_generated(&self, ty: &RustType) -> bool {
        match ty {
            RustType::Box(inner) => self.is_generated(inner),
            RustType::Named { name, .. } => {
                self.plan.struct_of(ty).is_some()
                    || self.plan.unions.iter().any(|u| &u.name == name)
            }
            _ => false,
        }
    }

    /// Writes one member of a structure or union (`value` a reference to its value): an
    /// element, or for a flattened list or map, one element per item.
    fn write_member(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
        value: TokenStream,
    ) -> TokenStream {
        let ns = namespace(member.namespace.as_ref());
        let name = &member.name;
        match (ty, &member.layout, member.flattened) {
            (RustType::Vec(item_ty), Layout::List(item), true) => {
                let flat = crate::plan::xml::XmlItem {
                    name: name.clone(),
                    namespace: member.namespace.clone(),
                    layout: item.layout.clone(),
                    timestamp_format: item.timestamp_format.or(format),
                };
                self.write_items(item_ty, &flat, value)
            }
            (RustType::Map(key_ty, value_ty), layout @ Layout::Map { .. }, true) => {
                self.write_entries(key_ty, value_ty, layout, name, ns, value)
            }
            (_, layout, _) => self.write_value(ty, layout, format, name, ns, value),
        }
    }

    /// Writes an element `name` holding `members` (each with where its value is).
    pub fn write_element(
        &self,
        name: TokenStream,
        ns: TokenStream,
        shape: &XmlShape,
        members: &[(&MemberPlan, TokenStream)],
    ) -> TokenStream {
        let mut attributes = Vec::new();
        let mut elements = Vec::new();
        for (m, place) in members {
            let Some(xml) = shape.member(&m.member_name) else {
                continue;
            };
            let get = |body: TokenStream| {
                if m.fills_idempotency_token() {
                    quote! {{
                        let token = #place.clone().unwrap_or_else(crate::wire::idempotency_token);
                        let value = &token;
                        #body
                    }}
                } else if m.optional {
                    quote! {
                        if let ::std::option::Option::Some(value) = &#place {
                            #body
                        }
                    }
                } else {
                    quote! {{
                        let value = &#place;
                        #body
                    }}
                }
            };
            if xml.attribute {
                let kind = values::scalar(self.plan, &m.value_type).unwrap_or(Scalar::Str);
                let text = scalar_text(kind, m.timestamp_format, &quote!(value));
                let attribute = &xml.name;
                attributes.push(get(quote!(out.attribute(#attribute, &#text);)));
            } else {
                let write =
                    self.write_member(&m.value_type, m.timestamp_format, xml, quote!(value));
                elements.push(get(write));
            }
        }
        quote! {
            out.start(#name, #ns);
            #(#attributes)*
            out.open();
            #(#elements)*
            out.end(#name);
        }
    }

    /// The input's body members as its root element (its `@xmlName`, else its name), and the
    /// statements that bind `body` and `content_type`.
    pub fn request_body(&self, input: &StructPlan, members: &[&MemberPlan]) -> TokenStream {
        let Some(shape) = self.shape(&input.id) else {
            return quote!(let (body, content_type): (::std::vec::Vec<u8>, &str) = (::std::vec::Vec::new(), ""););
        };
        let fields: Vec<(&MemberPlan, TokenStream)> = members
            .iter()
            .map(|m| {
                let field = ident(&m.field);
                (*m, quote!(input.#field))
            })
            .collect();
        let content_type = crate::plan::protocol::Protocol::RestXml.body_content_type();
        let root = &shape.name;
        let ns = namespace(
            shape
                .namespace
                .as_ref()
                .or(self.xml.service_namespace.as_ref()),
        );
        let write = self.write_element(quote!(#root), ns, shape, &fields);
        quote! {
            let mut writer = crate::wire::xml::Writer::new();
            {
                let out = &mut writer;
                #write
            }
            let body = writer.into_bytes();
            let content_type = #content_type;
        }
    }

    /// The bytes of a structure or union payload `value` (a reference): its root element is
    /// named by the member's `@xmlName`, else the target's.
    pub fn payload_bytes(&self, owner: &StructPlan, payload: &MemberPlan) -> TokenStream {
        let member = self
            .shape(&owner.id)
            .and_then(|s| s.member(&payload.member_name));
        let target = self.shape(&payload.target);
        let name = match (member, target) {
            (Some(m), _) if m.name != m.member_name => m.name.clone(),
            (_, Some(t)) => t.name.clone(),
            _ => payload.member_name.clone(),
        };
        let ns = namespace(
            member
                .and_then(|m| m.namespace.as_ref())
                .or(target.and_then(|t| t.namespace.as_ref()))
                .or(self.xml.service_namespace.as_ref()),
        );
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
        let decls = members.iter().map(|m| {
            let name = ident(&m.field);
            let ty = rust_type(&m.field_type());
            quote!(#name: #ty,)
        });
        let read = self.read_members(s, shape, members, &quote!(root));
        let (statements, fields) = (read.statements, read.fields);
        let root = if s.error.is_some() {
            let wrapped = self.errors_wrapped();
            quote!(crate::wire::xml::error_element(document, #wrapped).unwrap_or(&empty))
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
            struct ResponseBody {
                #(#decls)*
            }
            fn read_body(root: &crate::wire::xml::Element) -> ::std::result::Result<ResponseBody, ::std::string::String> {
                #statements
                ::std::result::Result::Ok(ResponseBody { #fields })
            }
            let invalid = |message| crate::wire::InvalidResponse { status, message };
            let document = crate::wire::xml::parse_body(body).map_err(invalid)?;
            let empty = crate::wire::xml::Element::default();
            #wrapper
            let root = match &document {
                ::std::option::Option::Some(document) => #root,
                ::std::option::Option::None => &empty,
            };
            let parsed = read_body(root).map_err(invalid)?;
        }
    }

    /// `WriteXml` and `ReadXml` for a structure.
    pub fn struct_impls(&self, s: &StructPlan) -> TokenStream {
        let Some(shape) = self.shape(&s.id) else {
            return TokenStream::new();
        };
        let type_name = ident(&s.name);
        let members: Vec<(&MemberPlan, TokenStream)> = s
            .members
            .iter()
            .map(|m| {
                let field = ident(&m.field);
                (m, quote!(self.#field))
            })
            .collect();
        // A structure's own `@xmlNamespace` is declared where it is the root (the caller
        // passes it), not where it is a member's value.
        let write = self.write_element(quote!(name), quote!(namespace), shape, &members);
        let all: Vec<&MemberPlan> = s.members.iter().collect();
        let read = self.read_members(s, shape, &all, &quote!(element));
        let fields = read.fields;
        let statements = read.statements;
        quote! {
            impl crate::wire::xml::WriteXml for #type_name {
                fn write_xml(&self, out: &mut crate::wire::xml::Writer, name: &str, namespace: ::std::option::Option<(&str, &str)>) {
                    #write
                }
            }
            impl crate::wire::xml::ReadXml for #type_name {
                fn read_xml(element: &crate::wire::xml::Element) -> ::std::result::Result<Self, ::std::string::String> {
                    #statements
                    ::std::result::Result::Ok(Self { #fields })
                }
            }
        }
    }

    /// `WriteXml` and `ReadXml` for a union: one child element, the set member.
    pub fn union_impls(&self, u: &UnionPlan) -> TokenStream {
        let Some(shape) = self.shape(&u.id) else {
            return TokenStream::new();
        };
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
                    read_arms
                        .push(quote!(#name => ::std::result::Result::Ok(Self::#variant(#read)),));
                }
                None => {
                    write_arms.push(quote!(Self::#variant => out.text_element(#name, #ns, ""),));
                    read_arms.push(quote!(#name => ::std::result::Result::Ok(Self::#variant),));
                }
            }
        }
        let what = format!("the union `{}` has no member set", u.name.name);
        quote! {
            impl crate::wire::xml::WriteXml for #type_name {
                fn write_xml(&self, out: &mut crate::wire::xml::Writer, name: &str, namespace: ::std::option::Option<(&str, &str)>) {
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
            impl crate::wire::xml::ReadXml for #type_name {
                fn read_xml(element: &crate::wire::xml::Element) -> ::std::result::Result<Self, ::std::string::String> {
                    let ::std::option::Option::Some(child) = element.children.first() else {
                        return ::std::result::Result::Err(::std::string::String::from(#what));
                    };
                    match child.name.as_str() {
                        #(#read_arms)*
                        other => ::std::result::Result::Ok(Self::Unknown(::std::string::String::from(other))),
                    }
                }
            }
        }
    }

    /// A union member's value from its element `child` of the union's `element`; a flattened
    /// list or map is every child of the member's name.
    fn read_union_value(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
    ) -> TokenStream {
        let name = &member.name;
        match (ty, &member.layout, member.flattened) {
            (RustType::Vec(item_ty), Layout::List(item), true) => {
                let one = self.read_value(
                    item_ty,
                    &item.layout,
                    item.timestamp_format.or(format),
                    &quote!(child),
                    name,
                );
                quote! {{
                    let mut items = ::std::vec::Vec::new();
                    for child in element.children.iter().filter(|c| c.name == #name) {
                        items.push(#one);
                    }
                    items
                }}
            }
            (RustType::Map(..), layout @ Layout::Map { .. }, true) => {
                let insert = self.read_entry(ty, layout, &quote!(child), name);
                let map_type = rust_type(ty);
                quote! {{
                    let mut map: #map_type = ::std::default::Default::default();
                    for child in element.children.iter().filter(|c| c.name == #name) {
                        #insert
                    }
                    map
                }}
            }
            _ => self.read_member_value(ty, format, member, &quote!(child), name),
        }
    }

    /// Reads `ty` from the element `el` (an `&Element`), with `?` on `Result<_, String>`.
    fn read_value(
        &self,
        ty: &RustType,
        layout: &Layout,
        format: Option<TimestampFormat>,
        el: &TokenStream,
        what: &str,
    ) -> TokenStream {
        match (ty, layout) {
            (RustType::Option(inner), _) => {
                let inner = self.read_value(inner, layout, format, el, what);
                quote!(::std::option::Option::Some(#inner))
            }
            (RustType::Vec(item_ty), Layout::List(item)) => {
                let name = &item.name;
                let one = self.read_value(
                    item_ty,
                    &item.layout,
                    item.timestamp_format,
                    &quote!(child),
                    what,
                );
                quote! {{
                    let mut items = ::std::vec::Vec::new();
                    for child in #el.children.iter().filter(|c| c.name == #name) {
                        items.push(#one);
                    }
                    items
                }}
            }
            (RustType::Map(..), Layout::Map { .. }) => {
                let insert = self.read_entry(ty, layout, &quote!(entry), what);
                let map_type = rust_type(ty);
                quote! {{
                    let mut map: #map_type = ::std::default::Default::default();
                    for entry in #el.children.iter().filter(|c| c.name == "entry") {
                        #insert
                    }
                    map
                }}
            }
            _ => match values::scalar(self.plan, ty) {
                Some(kind) => scalar_from_text(kind, ty, format, &quote!(#el.text.as_str()), what),
                None if self.is_generated(ty) => {
                    let path = rust_type(ty);
                    quote!(<#path as crate::wire::xml::ReadXml>::read_xml(#el)?)
                }
                None => quote!(::std::default::Default::default()),
            },
        }
    }

    /// Inserts the entry element `entry` of a map of type `ty` into `map`.
    fn read_entry(
        &self,
        ty: &RustType,
        layout: &Layout,
        entry: &TokenStream,
        what: &str,
    ) -> TokenStream {
        let (RustType::Map(key_ty, value_ty), Layout::Map { key, value }) = (ty, layout) else {
            return TokenStream::new();
        };
        let (key_name, value_name) = (&key.name, &value.name);
        let read_key = self.read_value(
            key_ty,
            &key.layout,
            key.timestamp_format,
            &quote!(key),
            what,
        );
        let read_value = self.read_value(
            value_ty,
            &value.layout,
            value.timestamp_format,
            &quote!(value),
            what,
        );
        let no_key = format!("an entry of `{what}` has no `{key_name}`");
        // A missing value element is an empty one (an empty string, list or structure).
        quote! {{
            let key = #entry.child(#key_name).ok_or_else(|| ::std::string::String::from(#no_key))?;
            let empty = crate::wire::xml::Element::default();
            let value = #entry.child(#value_name).unwrap_or(&empty);
            map.insert(#read_key, #read_value);
        }}
    }

    /// Reads a (not flattened) member's value from its element `el`.
    fn read_member_value(
        &self,
        ty: &RustType,
        format: Option<TimestampFormat>,
        member: &XmlMember,
        el: &TokenStream,
        what: &str,
    ) -> TokenStream {
        self.read_value(ty, &member.layout, format, el, what)
    }

    /// Statements reading `members` of `s` from `el` into locals, and the field
    /// initializers that use them.
    pub fn read_members(
        &self,
        s: &StructPlan,
        shape: &XmlShape,
        members: &[&MemberPlan],
        el: &TokenStream,
    ) -> ReadMembers {
        let mut slots = Vec::new();
        let mut arms = Vec::new();
        let mut attributes = Vec::new();
        let mut fields = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let slot = format_ident!("m{}", i);
            let ty = rust_type(&m.value_type);
            slots.push(
                quote!(let mut #slot: ::std::option::Option<#ty> = ::std::option::Option::None;),
            );
            let what = format!("{}.{}", s.name.name, m.member_name);
            if let Some(xml) = shape.member(&m.member_name) {
                let name = &xml.name;
                if xml.attribute {
                    let kind = values::scalar(self.plan, &m.value_type).unwrap_or(Scalar::Str);
                    let read = scalar_from_text(
                        kind,
                        &m.value_type,
                        m.timestamp_format,
                        &quote!(text),
                        &what,
                    );
                    attributes.push(quote! {
                        if let ::std::option::Option::Some(text) = #el.attribute(#name) {
                            #slot = ::std::option::Option::Some(#read);
                        }
                    });
                } else {
                    let read = match (&m.value_type, &xml.layout, xml.flattened) {
                        (RustType::Vec(item_ty), Layout::List(item), true) => {
                            let one = self.read_value(
                                item_ty,
                                &item.layout,
                                item.timestamp_format.or(m.timestamp_format),
                                &quote!(child),
                                &what,
                            );
                            quote!(#slot.get_or_insert_with(::std::default::Default::default).push(#one);)
                        }
                        (map @ RustType::Map(..), layout @ Layout::Map { .. }, true) => {
                            let insert = self.read_entry(map, layout, &quote!(child), &what);
                            quote! {{
                                let map = #slot.get_or_insert_with(::std::default::Default::default);
                                #insert
                            }}
                        }
                        _ => {
                            let read = self.read_member_value(
                                &m.value_type,
                                m.timestamp_format,
                                xml,
                                &quote!(child),
                                &what,
                            );
                            quote!(#slot = ::std::option::Option::Some(#read);)
                        }
                    };
                    arms.push(quote!(#name => { #read }));
                }
            }
            let field = ident(&m.field);
            let value = if m.optional {
                quote!(#slot)
            } else if m.default.is_some() {
                let fallback = crate::emit::defaults::fallback_path(s, m);
                quote!(#slot.#fallback)
            } else {
                // Client error correction (on while a response is read): the zero value.
                let zero = crate::emit::correction::zero(
                    self.plan,
                    &m.value_type,
                    &quote!(::serde_json::Error),
                );
                let wire = &m.member_name;
                quote! {
                    match #slot {
                        ::std::option::Option::Some(value) => value,
                        ::std::option::Option::None => crate::wire::correction::missing::<_, ::serde_json::Error>(#wire, || #zero)
                            .map_err(|e| ::std::format!("`{}`: {}", #what, e))?,
                    }
                }
            };
            fields.push(quote!(#field: #value,));
        }
        let walk = if arms.is_empty() {
            quote!(let _ = &#el;)
        } else {
            quote! {
                for child in &#el.children {
                    match child.name.as_str() {
                        #(#arms)*
                        _ => {}
                    }
                }
            }
        };
        ReadMembers {
            statements: quote! {
                #(#slots)*
                #walk
                #(#attributes)*
            },
            fields: quote!(#(#fields)*),
        }
    }
}

/// Code reading members: statements, then field initializers.
pub struct ReadMembers {
    pub statements: TokenStream,
    pub fields: TokenStream,
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

    #[test]
    fn timestamps_in_bodies_are_date_time_unless_the_model_says() {
        let text = scalar_text(Scalar::DateTime, None, &quote!(value)).to_string();
        assert!(text.contains("Format :: DateTime"), "{text}");
        let text = scalar_text(
            Scalar::DateTime,
            Some(TimestampFormat::EpochSeconds),
            &quote!(v),
        )
        .to_string();
        assert!(text.contains("EpochSeconds"), "{text}");
    }
}
