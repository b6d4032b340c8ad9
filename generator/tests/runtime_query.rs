//! Tests for the form writer that awsQuery and ec2Query crates embed verbatim.

#[path = "../runtime/query.rs"]
mod query;

use query::{key, Form};

#[test]
fn keys_and_values_are_percent_encoded_after_action_and_version() {
    let mut form = Form::new("Op", "2020-01-08");
    form.push(&key("A", "b c"), "x=y&z/\u{e9}~");
    let body = String::from_utf8(form.into_bytes()).unwrap();
    assert_eq!(
        body,
        "Action=Op&Version=2020-01-08&A.b%20c=x%3Dy%26z%2F%C3%A9~"
    );
    assert_eq!(key("", "Top"), "Top");
}

#[test]
fn debug_shows_no_value() {
    let mut form = Form::new("Op", "1");
    form.push("Password", "hunter2");
    assert!(!format!("{form:?}").contains("hunter2"));
}

struct Pair {
    name: &'static str,
}

impl query::WriteQuery for Pair {
    fn write_query(&self, out: &mut Form, prefix: &str) {
        out.push(&key(prefix, "Name"), self.name);
    }
}

#[test]
fn a_boxed_structure_writes_its_members_inside_its_prefix() {
    let mut form = Form::new("Op", "1");
    let boxed = Box::new(Pair { name: "a b" });
    query::WriteQuery::write_query(&boxed, &mut form, "Outer.member.1");
    let body = String::from_utf8(form.into_bytes()).unwrap();
    assert_eq!(body, "Action=Op&Version=1&Outer.member.1.Name=a%20b");
}
