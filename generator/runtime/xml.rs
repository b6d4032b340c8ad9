//! XML bodies (restXml, and the query protocols' responses): a writer of elements straight into bytes, and a reader that parses a
//! body (with quick-xml) into a tree of [`Element`]s that the generated readers walk.
//!
//! Messages never repeat a value from the body: it may be `@sensitive`.

use std::fmt::Write as _;
use std::str::FromStr;

use quick_xml::events::Event;

/// Nesting deeper than this is refused: generated readers recurse once per level.
const MAX_DEPTH: usize = 256;

/// One element of a parsed body: its name as written (with any prefix), its attributes
/// (namespace declarations too), child elements and text (CDATA included).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    /// The value of the attribute `name`.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
}

/// Parses `body` into its root element.
pub fn parse(body: &[u8]) -> Result<Element, String> {
    let mut reader = quick_xml::Reader::from_reader(body);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let malformed = |position: u64| format!("the body is not well-formed XML (at byte {position})");
    loop {
        let event = reader
            .read_event()
            .map_err(|_| malformed(reader.error_position()))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "the XML body nests deeper than {MAX_DEPTH} elements"
                    ));
                }
                stack.push(element(&start).map_err(|_| malformed(reader.buffer_position()))?);
            }
            Event::Empty(start) => {
                let empty = element(&start).map_err(|_| malformed(reader.buffer_position()))?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(empty),
                    None => return Ok(empty),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(malformed(reader.buffer_position()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Ok(done),
                }
            }
            Event::Text(text) => {
                let text = text
                    .unescape()
                    .map_err(|_| malformed(reader.buffer_position()))?;
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(&text);
                }
            }
            Event::CData(data) => {
                let bytes = data.into_inner();
                let text =
                    std::str::from_utf8(&bytes).map_err(|_| malformed(reader.buffer_position()))?;
                if let Some(open) = stack.last_mut() {
                    open.text.push_str(text);
                }
            }
            Event::Eof => {
                return Err(String::from(if stack.is_empty() {
                    "the body holds no XML element"
                } else {
                    "the XML body ends before its elements do"
                }))
            }
            _ => {}
        }
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>) -> Result<Element, ()> {
    let name = std::str::from_utf8(start.name().as_ref())
        .map_err(|_| ())?
        .to_owned();
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|_| ())?;
        let key = std::str::from_utf8(attribute.key.as_ref()).map_err(|_| ())?;
        let value = attribute.unescape_value().map_err(|_| ())?;
        attributes.push((key.to_owned(), value.into_owned()));
    }
    Ok(Element {
        name,
        attributes,
        children: Vec::new(),
        text: String::new(),
    })
}

/// The root element of a response body; `None` for an empty (or whitespace-only) body.
pub fn parse_body(body: &[u8]) -> Result<Option<Element>, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    parse(body).map(Some)
}

/// The root element of an event's XML document, an element of no children for an empty
/// payload. An exception's may be wrapped as an error response's: then its `<Error>` element
/// (`<ErrorResponse><Error>` or `<Error>`).
pub fn event_element(payload: &[u8], exception: bool) -> Result<Element, String> {
    let Some(root) = parse_body(payload)? else {
        return Ok(Element::default());
    };
    if exception {
        if let Some(error) = error_element(&root, true).or_else(|| error_element(&root, false)) {
            return Ok(error.clone());
        }
    }
    Ok(root)
}

/// A structure or union read from a whole XML document (an event's payload).
pub fn read_document<T: ReadXml>(payload: &[u8]) -> Result<T, String> {
    T::read_xml(&parse(payload)?)
}

/// A boolean element or attribute `name`.
pub fn read_bool(text: &str, name: &str) -> Result<bool, String> {
    match text.trim() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(format!("`{name}` is not a boolean")),
    }
}

/// A number (integers, floats with `NaN` and `Infinity`, big numbers) in `name`.
pub fn read_number<T: FromStr>(text: &str, name: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{name}` is not a number of its type"))
}

/// A value read by a generated reader; `Box` for recursive members.
pub trait ReadXml: Sized {
    fn read_xml(element: &Element) -> Result<Self, String>;
}

impl<T: ReadXml> ReadXml for Box<T> {
    fn read_xml(element: &Element) -> Result<Self, String> {
        T::read_xml(element).map(Box::new)
    }
}

/// A value written by a generated writer as the element `name`, declaring `namespace`
/// (`(attribute, uri)`) when given.
pub trait WriteXml {
    fn write_xml(&self, out: &mut Writer, name: &str, namespace: Option<(&str, &str)>);
}

impl<T: WriteXml> WriteXml for Box<T> {
    fn write_xml(&self, out: &mut Writer, name: &str, namespace: Option<(&str, &str)>) {
        (**self).write_xml(out, name, namespace)
    }
}

/// Writes elements into bytes. Names come from the model; text and attribute values are
/// escaped.
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    pub fn new() -> Self {
        Writer {
            out: Vec::with_capacity(512),
        }
    }

    /// `<name`: attributes may follow, then [`Writer::open`].
    pub fn start(&mut self, name: &str, namespace: Option<(&str, &str)>) {
        self.out.push(b'<');
        self.out.extend_from_slice(name.as_bytes());
        if let Some((attribute, uri)) = namespace {
            self.attribute(attribute, uri);
        }
    }

    pub fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(b' ');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape(value, true, &mut self.out);
        self.out.push(b'"');
    }

    /// `>`, after the start and its attributes.
    pub fn open(&mut self) {
        self.out.push(b'>');
    }

    pub fn text(&mut self, text: &str) {
        escape(text, false, &mut self.out);
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        self.out.extend_from_slice(b"</");
        self.out.extend_from_slice(name.as_bytes());
        self.out.push(b'>');
    }

    /// An element holding only `text`.
    pub fn text_element(&mut self, name: &str, namespace: Option<(&str, &str)>, text: &str) {
        self.start(name, namespace);
        self.open();
        self.text(text);
        self.end(name);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }
}

fn escape(text: &str, attribute: bool, out: &mut Vec<u8>) {
    for c in text.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' if attribute => out.extend_from_slice(b"&quot;"),
            // Kept as written: a parser would turn a raw CR into LF.
            '\r' => out.extend_from_slice(b"&#xD;"),
            '\n' if attribute => out.extend_from_slice(b"&#xA;"),
            c => {
                let mut buffer = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
        }
    }
}

/// The error code of an XML error body: `<ErrorResponse><Error><Code>` (ec2Query:
/// `<Response><Errors><Error><Code>`), or `<Error><Code>` when the service does not wrap its
/// errors; `None` for a body that is neither.
pub fn error_code(body: &[u8], wrapped: bool) -> Option<String> {
    error_code_and_message(body, wrapped).0
}

/// The error code (see [`error_code`]) and the `<Message>` beside it, each `None` when
/// absent or empty; the body is parsed once.
pub fn error_code_and_message(body: &[u8], wrapped: bool) -> (Option<String>, Option<String>) {
    let Ok(root) = parse(body) else {
        return (None, None);
    };
    let Some(error) = error_element(&root, wrapped) else {
        return (None, None);
    };
    let text = |name: &str| {
        let text = error.child(name)?.text.trim();
        (!text.is_empty()).then(|| text.to_owned())
    };
    (text("Code"), text("Message"))
}

/// The `<Error>` element of an error body (see [`error_code`]); wrapped, it is in
/// `<ErrorResponse>` (restXml, awsQuery) or in `<Response><Errors>` (ec2Query).
pub fn error_element(root: &Element, wrapped: bool) -> Option<&Element> {
    if wrapped {
        match root.name.as_str() {
            "ErrorResponse" => root.child("Error"),
            "Response" => root.child("Errors")?.child("Error"),
            _ => None,
        }
    } else {
        (root.name == "Error").then_some(root)
    }
}

/// Whether `body` is an XML document whose root element is `Error` (S3's error document,
/// which some S3 operations send with `200 OK`).
pub fn is_error_document(body: &[u8]) -> bool {
    // A body without the tag is told apart without parsing it.
    body.windows(6).any(|w| w == b"<Error") && parse(body).is_ok_and(|root| root.name == "Error")
}

/// The request ID the query protocols put in the body: awsQuery's
/// `<ResponseMetadata><RequestId>` (or `<RequestId>` beside an error), ec2Query's
/// `<RequestID>` in errors and `<requestId>` in responses.
pub fn body_request_id(body: &[u8]) -> Option<String> {
    let root = parse(body).ok()?;
    let holders = std::iter::once(&root).chain(root.child("ResponseMetadata"));
    holders
        .flat_map(|holder| &holder.children)
        .filter(|c| matches!(c.name.as_str(), "RequestId" | "RequestID" | "requestId"))
        .map(|c| c.text.trim())
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

/// awsQuery: the element holding an output's members, the child of the response's root named
/// as one of `names` (`<Operation>Result`); `None` when there is none (no member is set).
pub fn query_result<'a>(root: &'a Element, names: &[&str]) -> Option<&'a Element> {
    root.children
        .iter()
        .find(|c| names.contains(&c.name.as_str()))
}

/// Whether two XML documents say the same: equal names, attributes in any order, equal
/// trimmed text, and the same children in any order (maps are written in hash order).
/// Used by the protocol tests; the error shows both canonical forms.
#[doc(hidden)]
pub fn equivalent(actual: &[u8], expected: &[u8]) -> Result<(), String> {
    let canonical = |body: &[u8]| -> Result<String, String> {
        let mut text = String::new();
        canonical_form(&parse(body)?, &mut text);
        Ok(text)
    };
    let (a, e) = (canonical(actual)?, canonical(expected)?);
    if a == e {
        Ok(())
    } else {
        Err(format!("XML bodies differ:\nactual:   {a}\nexpected: {e}"))
    }
}

fn canonical_form(element: &Element, out: &mut String) {
    let mut attributes = element.attributes.clone();
    attributes.sort();
    let _ = write!(out, "<{}", element.name);
    for (name, value) in &attributes {
        let _ = write!(out, " {name}={value:?}");
    }
    out.push('>');
    if element.children.is_empty() {
        out.push_str(element.text.trim());
    } else {
        let mut children: Vec<String> = element
            .children
            .iter()
            .map(|child| {
                let mut text = String::new();
                canonical_form(child, &mut text);
                text
            })
            .collect();
        children.sort();
        out.push_str(&children.concat());
    }
    let _ = write!(out, "</{}>", element.name);
}
