//! Unit tests of the endpoint rules interpreter's `template` module (`runtime/endpoint_rules/template.rs`),
//! kept here so that generated crates carry that file whole.

use crate::rules::functions::PathSegment;
use crate::rules::template::*;

#[test]
fn braces_escape_and_references() {
    let t = Template::parse("https://{{x}}.{Region}.{url#authority}").unwrap();
    assert_eq!(
        t.parts,
        vec![
            Part::Text("https://{x}.".into()),
            Part::Ref("Region".into()),
            Part::Text(".".into()),
            Part::Attr("url".into(), vec![PathSegment::Key("authority".into())]),
        ]
    );
    assert_eq!(
        Template::parse("plain").unwrap().as_literal(),
        Some("plain")
    );
    assert_eq!(Template::parse("").unwrap().as_literal(), Some(""));
}

#[test]
fn unbalanced_braces_are_errors() {
    assert!(Template::parse("{Region").is_err());
    assert!(Template::parse("a}b").is_err());
    assert!(Template::parse("{}").is_err());
}
