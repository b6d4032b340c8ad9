//! Tests for the XML writer and reader that restXml crates embed verbatim.

#[allow(dead_code)]
#[path = "../runtime/xml.rs"]
mod xml;

use xml::{
    equivalent, error_code, error_code_and_message, parse, parse_body, query_result, read_bool,
    read_number, Writer,
};

#[test]
fn elements_attributes_text_and_cdata_are_read() {
    let root = parse(
        br#"<?xml version="1.0"?><A xmlns="https://x" id="1"><b>one &amp; two</b><c><![CDATA[<raw>]]></c><d/></A>"#,
    )
    .unwrap();
    assert_eq!(root.name, "A");
    assert_eq!(root.attribute("id"), Some("1"));
    assert_eq!(root.attribute("xmlns"), Some("https://x"));
    assert_eq!(root.child("b").unwrap().text, "one & two");
    assert_eq!(root.child("c").unwrap().text, "<raw>");
    assert_eq!(root.child("d").unwrap().text, "");
}

#[test]
fn malformed_bodies_are_errors_that_repeat_nothing_of_them() {
    for body in [
        &b"<a><b>secret</a>"[..],
        b"<a>secret",
        b"secret",
        b"<a x=>secret</a>",
    ] {
        let error = parse(body).unwrap_err();
        assert!(!error.contains("secret"), "{error}");
    }
    assert_eq!(parse_body(b"  \n").unwrap(), None);
}

#[test]
fn nesting_is_bounded() {
    let deep = "<a>".repeat(10_000);
    let error = parse(deep.as_bytes()).unwrap_err();
    assert!(error.contains("deeper"), "{error}");
}

#[test]
fn error_codes_are_read_wrapped_or_not() {
    let wrapped =
        b"<ErrorResponse><Error><Type>Sender</Type><Code>Bad</Code></Error></ErrorResponse>";
    assert_eq!(error_code(wrapped, true).as_deref(), Some("Bad"));
    assert_eq!(error_code(wrapped, false), None);
    let bare = b"<Error><Code> Bad </Code></Error>";
    assert_eq!(error_code(bare, false).as_deref(), Some("Bad"));
    assert_eq!(error_code(b"not xml", true), None);
    let with_message = b"<Error><Code>Bad</Code><Message>went wrong</Message></Error>";
    assert_eq!(
        error_code_and_message(with_message, false),
        (Some("Bad".to_owned()), Some("went wrong".to_owned()))
    );
    // ec2Query wraps its errors in `<Response><Errors>`.
    let ec2 = b"<Response><Errors><Error><Code>Bad</Code></Error></Errors><RequestID>r</RequestID></Response>";
    assert_eq!(error_code(ec2, true).as_deref(), Some("Bad"));
    assert_eq!(error_code(b"<Response><Error/></Response>", true), None);
}

#[test]
fn an_aws_query_result_is_the_child_named_after_the_operation() {
    let root =
        parse(b"<GetResponse><GetResult><a>1</a></GetResult><ResponseMetadata/></GetResponse>")
            .unwrap();
    let result = query_result(&root, &["GetResult"]).unwrap();
    assert_eq!(result.child("a").map(|a| a.text.as_str()), Some("1"));
    assert!(query_result(&root, &["PutResult"]).is_none());
}

#[test]
fn written_text_and_attributes_are_escaped_and_read_back() {
    let mut out = Writer::new();
    out.start("Root", Some(("xmlns:p", "https://x")));
    out.attribute("p:a", "\"q\" & <r>\n");
    out.open();
    out.text_element("v", None, "a < b & c > d\r\n");
    out.end("Root");
    let root = parse(&out.into_bytes()).unwrap();
    assert_eq!(root.attribute("p:a"), Some("\"q\" & <r>\n"));
    assert_eq!(root.child("v").unwrap().text, "a < b & c > d\r\n");
}

#[test]
fn scalars_are_read_strictly() {
    assert_eq!(read_bool(" true ", "x"), Ok(true));
    assert!(read_bool("yes", "x").unwrap_err().contains("`x`"));
    assert_eq!(read_number::<i32>("42", "n"), Ok(42));
    assert!(read_number::<f64>("NaN", "f").unwrap().is_nan());
    assert_eq!(read_number::<f64>("-Infinity", "f"), Ok(f64::NEG_INFINITY));
    assert!(read_number::<i8>("300", "n").is_err());
}

#[test]
fn equivalence_ignores_attribute_order_whitespace_and_sibling_order() {
    let a = br#"<A y="2" x="1"><b>1</b><c>2</c></A>"#;
    let b = b"<A x=\"1\" y=\"2\">\n  <c>2</c>\n  <b>1</b>\n</A>";
    assert_eq!(equivalent(a, b), Ok(()));
    assert!(equivalent(a, br#"<A x="1" y="2"><b>1</b><c>3</c></A>"#).is_err());
    assert!(equivalent(a, br#"<A x="1"><b>1</b><c>2</c></A>"#).is_err());
}
