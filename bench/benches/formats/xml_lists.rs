//! The restXml suite's `XmlLists` body read and written two ways: by our runtime (`wire::xml`:
//! quick-xml events into an `Element` tree, walked as generated readers walk it; elements
//! written straight into bytes) and by roxmltree (a read-only DOM) for reading, quick-xml's own
//! `Writer` for writing. Both readers make the same `XmlLists`.

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::date_time::{DateTime, Format};
use crate::xml;

/// The response body of the suite's `XmlLists` test (restXml, `document-lists.smithy`).
pub const BODY: &str = r#"<XmlListsResponse>
    <stringList>
        <member>foo</member>
        <member>bar</member>
    </stringList>
    <stringSet>
        <member>foo</member>
        <member>bar</member>
    </stringSet>
    <integerList>
        <member>1</member>
        <member>2</member>
    </integerList>
    <booleanList>
        <member>true</member>
        <member>false</member>
    </booleanList>
    <timestampList>
        <member>2014-04-29T18:30:38Z</member>
        <member>2014-04-29T18:30:38Z</member>
    </timestampList>
    <enumList>
        <member>Foo</member>
        <member>0</member>
    </enumList>
    <intEnumList>
        <member>1</member>
        <member>2</member>
    </intEnumList>
    <nestedStringList>
        <member>
            <member>foo</member>
            <member>bar</member>
        </member>
        <member>
            <member>baz</member>
            <member>qux</member>
        </member>
    </nestedStringList>
    <renamed>
        <item>foo</item>
        <item>bar</item>
    </renamed>
    <flattenedList>hi</flattenedList>
    <flattenedList>bye</flattenedList>
    <customName>yep</customName>
    <customName>nope</customName>
    <myStructureList>
        <item>
            <value>1</value>
            <other>2</other>
        </item>
        <item>
            <value>3</value>
            <other>4</other>
        </item>
    </myStructureList>
    <flattenedStructureList>
        <value>5</value>
        <other>6</other>
    </flattenedStructureList>
    <flattenedStructureList>
        <value>7</value>
        <other>8</other>
    </flattenedStructureList>
</XmlListsResponse>
"#;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct XmlLists {
    pub string_list: Option<Vec<String>>,
    pub string_set: Option<Vec<String>>,
    pub integer_list: Option<Vec<i32>>,
    pub boolean_list: Option<Vec<bool>>,
    pub timestamp_list: Option<Vec<DateTime>>,
    pub enum_list: Option<Vec<String>>,
    pub int_enum_list: Option<Vec<i32>>,
    pub nested_string_list: Option<Vec<Vec<String>>>,
    pub renamed: Option<Vec<String>>,
    pub flattened_list: Option<Vec<String>>,
    pub flattened_list2: Option<Vec<String>>,
    pub structure_list: Option<Vec<Pair>>,
    pub flattened_structure_list: Option<Vec<Pair>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pair {
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A member's value from an element's text, for either reader.
fn timestamp(text: &str) -> Result<DateTime, String> {
    DateTime::parse(text.trim(), Format::DateTime)
        .map_err(|_| String::from("`timestampList` is not a timestamp of its format"))
}

// --- ours: the runtime's tree, walked as generated readers do -------------------------------

pub fn read_ours(body: &[u8]) -> Result<XmlLists, String> {
    let root = xml::parse_body(body)?.ok_or("an empty body")?;
    let mut out = XmlLists::default();
    let items = |list: &xml::Element, name: &str| -> Vec<String> {
        list.children
            .iter()
            .filter(|c| c.name == name)
            .map(|c| String::from(c.text.as_str()))
            .collect()
    };
    for child in &root.children {
        match child.name.as_str() {
            "stringList" => out.string_list = Some(items(child, "member")),
            "stringSet" => out.string_set = Some(items(child, "member")),
            "integerList" => {
                let mut list = Vec::new();
                for c in child.children.iter().filter(|c| c.name == "member") {
                    list.push(xml::read_number(&c.text, "integerList")?);
                }
                out.integer_list = Some(list);
            }
            "booleanList" => {
                let mut list = Vec::new();
                for c in child.children.iter().filter(|c| c.name == "member") {
                    list.push(xml::read_bool(&c.text, "booleanList")?);
                }
                out.boolean_list = Some(list);
            }
            "timestampList" => {
                let mut list = Vec::new();
                for c in child.children.iter().filter(|c| c.name == "member") {
                    list.push(timestamp(&c.text)?);
                }
                out.timestamp_list = Some(list);
            }
            "enumList" => out.enum_list = Some(items(child, "member")),
            "intEnumList" => {
                let mut list = Vec::new();
                for c in child.children.iter().filter(|c| c.name == "member") {
                    list.push(xml::read_number(&c.text, "intEnumList")?);
                }
                out.int_enum_list = Some(list);
            }
            "nestedStringList" => {
                out.nested_string_list = Some(
                    child
                        .children
                        .iter()
                        .filter(|c| c.name == "member")
                        .map(|c| items(c, "member"))
                        .collect(),
                )
            }
            "renamed" => out.renamed = Some(items(child, "item")),
            "flattenedList" => out
                .flattened_list
                .get_or_insert_with(Vec::new)
                .push(String::from(child.text.as_str())),
            "customName" => out
                .flattened_list2
                .get_or_insert_with(Vec::new)
                .push(String::from(child.text.as_str())),
            "myStructureList" => {
                out.structure_list = Some(
                    child
                        .children
                        .iter()
                        .filter(|c| c.name == "item")
                        .map(pair_ours)
                        .collect(),
                )
            }
            "flattenedStructureList" => out
                .flattened_structure_list
                .get_or_insert_with(Vec::new)
                .push(pair_ours(child)),
            _ => {}
        }
    }
    Ok(out)
}

fn pair_ours(element: &xml::Element) -> Pair {
    let mut pair = Pair::default();
    for child in &element.children {
        match child.name.as_str() {
            "value" => pair.a = Some(String::from(child.text.as_str())),
            "other" => pair.b = Some(String::from(child.text.as_str())),
            _ => {}
        }
    }
    pair
}

// --- roxmltree: its DOM, walked the same way ------------------------------------------------

type Node<'a, 'input> = roxmltree::Node<'a, 'input>;

fn elements<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The element's text: its text nodes (CDATA included) together, as the runtime's reader
/// gathers them; roxmltree's `text()` would give only the first.
fn text_of(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for child in node.children().filter(Node::is_text) {
        out.push_str(child.text().unwrap_or_default());
    }
    out
}

pub fn read_roxmltree(body: &[u8]) -> Result<XmlLists, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the body is not UTF-8")?;
    let document =
        roxmltree::Document::parse(text).map_err(|_| "the body is not well-formed XML")?;
    let root = document.root_element();
    let mut out = XmlLists::default();
    let items = |list: Node<'_, '_>, name: &'static str| -> Vec<String> {
        elements(list, name).map(text_of).collect()
    };
    for child in root.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "stringList" => out.string_list = Some(items(child, "member")),
            "stringSet" => out.string_set = Some(items(child, "member")),
            "integerList" => {
                let mut list = Vec::new();
                for c in elements(child, "member") {
                    list.push(xml::read_number(&text_of(c), "integerList")?);
                }
                out.integer_list = Some(list);
            }
            "booleanList" => {
                let mut list = Vec::new();
                for c in elements(child, "member") {
                    list.push(xml::read_bool(&text_of(c), "booleanList")?);
                }
                out.boolean_list = Some(list);
            }
            "timestampList" => {
                let mut list = Vec::new();
                for c in elements(child, "member") {
                    list.push(timestamp(&text_of(c))?);
                }
                out.timestamp_list = Some(list);
            }
            "enumList" => out.enum_list = Some(items(child, "member")),
            "intEnumList" => {
                let mut list = Vec::new();
                for c in elements(child, "member") {
                    list.push(xml::read_number(&text_of(c), "intEnumList")?);
                }
                out.int_enum_list = Some(list);
            }
            "nestedStringList" => {
                out.nested_string_list = Some(
                    elements(child, "member")
                        .map(|c| items(c, "member"))
                        .collect(),
                )
            }
            "renamed" => out.renamed = Some(items(child, "item")),
            "flattenedList" => out
                .flattened_list
                .get_or_insert_with(Vec::new)
                .push(text_of(child)),
            "customName" => out
                .flattened_list2
                .get_or_insert_with(Vec::new)
                .push(text_of(child)),
            "myStructureList" => {
                out.structure_list = Some(elements(child, "item").map(pair_roxmltree).collect())
            }
            "flattenedStructureList" => out
                .flattened_structure_list
                .get_or_insert_with(Vec::new)
                .push(pair_roxmltree(child)),
            _ => {}
        }
    }
    Ok(out)
}

fn pair_roxmltree(node: Node<'_, '_>) -> Pair {
    let mut pair = Pair::default();
    for child in node.children().filter(Node::is_element) {
        match child.tag_name().name() {
            "value" => pair.a = Some(text_of(child)),
            "other" => pair.b = Some(text_of(child)),
            _ => {}
        }
    }
    pair
}

// --- writing the request body ---------------------------------------------------------------

/// A list as `(element, item element, texts)`; a flattened one has no item element.
pub type TextList = (&'static str, Option<&'static str>, Vec<String>);

/// The lists of `value` as text, made once before timing and given to both writers: the
/// writers are measured, not the formatting of numbers and timestamps.
pub fn lists_of(value: &XmlLists) -> Vec<TextList> {
    let mut out = Vec::new();
    let mut push = |name, item, texts: Option<Vec<String>>| {
        if let Some(texts) = texts {
            out.push((name, item, texts));
        }
    };
    let strings = |list: &Option<Vec<String>>| list.clone();
    push("stringList", Some("member"), strings(&value.string_list));
    push("stringSet", Some("member"), strings(&value.string_set));
    push(
        "integerList",
        Some("member"),
        value
            .integer_list
            .as_ref()
            .map(|l| l.iter().map(i32::to_string).collect()),
    );
    push(
        "booleanList",
        Some("member"),
        value
            .boolean_list
            .as_ref()
            .map(|l| l.iter().map(bool::to_string).collect()),
    );
    push(
        "timestampList",
        Some("member"),
        value
            .timestamp_list
            .as_ref()
            .map(|l| l.iter().map(|t| t.fmt(Format::DateTime)).collect()),
    );
    push("enumList", Some("member"), strings(&value.enum_list));
    push(
        "intEnumList",
        Some("member"),
        value
            .int_enum_list
            .as_ref()
            .map(|l| l.iter().map(i32::to_string).collect()),
    );
    push("renamed", Some("item"), strings(&value.renamed));
    push("flattenedList", None, strings(&value.flattened_list));
    push("customName", None, strings(&value.flattened_list2));
    out
}

pub fn write_ours(value: &XmlLists, lists: &[TextList]) -> Vec<u8> {
    let mut w = xml::Writer::new();
    w.start("XmlListsRequest", None);
    w.open();
    for (name, item, texts) in lists {
        match item {
            Some(item) => {
                w.start(name, None);
                w.open();
                for text in texts {
                    w.text_element(item, None, text);
                }
                w.end(name);
            }
            None => {
                for text in texts {
                    w.text_element(name, None, text);
                }
            }
        }
    }
    if let Some(list) = &value.nested_string_list {
        w.start("nestedStringList", None);
        w.open();
        for inner in list {
            w.start("member", None);
            w.open();
            for text in inner {
                w.text_element("member", None, text);
            }
            w.end("member");
        }
        w.end("nestedStringList");
    }
    if let Some(list) = &value.structure_list {
        w.start("myStructureList", None);
        w.open();
        for pair in list {
            w.start("item", None);
            w.open();
            write_pair_ours(&mut w, pair);
            w.end("item");
        }
        w.end("myStructureList");
    }
    for pair in value.flattened_structure_list.iter().flatten() {
        w.start("flattenedStructureList", None);
        w.open();
        write_pair_ours(&mut w, pair);
        w.end("flattenedStructureList");
    }
    w.end("XmlListsRequest");
    w.into_bytes()
}

fn write_pair_ours(w: &mut xml::Writer, pair: &Pair) {
    if let Some(a) = &pair.a {
        w.text_element("value", None, a);
    }
    if let Some(b) = &pair.b {
        w.text_element("other", None, b);
    }
}

type QuickWriter = quick_xml::Writer<Vec<u8>>;

fn quick_text_element(w: &mut QuickWriter, name: &str, text: &str) {
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect("writing to a Vec");
    w.write_event(Event::Text(BytesText::new(text)))
        .expect("writing to a Vec");
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("writing to a Vec");
}

fn quick_open(w: &mut QuickWriter, name: &str) {
    w.write_event(Event::Start(BytesStart::new(name)))
        .expect("writing to a Vec");
}

fn quick_close(w: &mut QuickWriter, name: &str) {
    w.write_event(Event::End(BytesEnd::new(name)))
        .expect("writing to a Vec");
}

pub fn write_quick_xml(value: &XmlLists, lists: &[TextList]) -> Vec<u8> {
    let mut w = quick_xml::Writer::new(Vec::with_capacity(512));
    quick_open(&mut w, "XmlListsRequest");
    for (name, item, texts) in lists {
        match item {
            Some(item) => {
                quick_open(&mut w, name);
                for text in texts {
                    quick_text_element(&mut w, item, text);
                }
                quick_close(&mut w, name);
            }
            None => {
                for text in texts {
                    quick_text_element(&mut w, name, text);
                }
            }
        }
    }
    if let Some(list) = &value.nested_string_list {
        quick_open(&mut w, "nestedStringList");
        for inner in list {
            quick_open(&mut w, "member");
            for text in inner {
                quick_text_element(&mut w, "member", text);
            }
            quick_close(&mut w, "member");
        }
        quick_close(&mut w, "nestedStringList");
    }
    if let Some(list) = &value.structure_list {
        quick_open(&mut w, "myStructureList");
        for pair in list {
            quick_open(&mut w, "item");
            write_pair_quick(&mut w, pair);
            quick_close(&mut w, "item");
        }
        quick_close(&mut w, "myStructureList");
    }
    for pair in value.flattened_structure_list.iter().flatten() {
        quick_open(&mut w, "flattenedStructureList");
        write_pair_quick(&mut w, pair);
        quick_close(&mut w, "flattenedStructureList");
    }
    quick_close(&mut w, "XmlListsRequest");
    w.into_inner()
}

fn write_pair_quick(w: &mut QuickWriter, pair: &Pair) {
    if let Some(a) = &pair.a {
        quick_text_element(w, "value", a);
    }
    if let Some(b) = &pair.b {
        quick_text_element(w, "other", b);
    }
}
