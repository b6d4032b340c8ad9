//! Every Rust name the generator emits is made here: case conversion (heck), keyword
//! escaping, and collision checks.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that are keywords in some Rust edition; as identifiers they need `r#` or a suffix.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// A Rust identifier as emitted: either plain or raw (`r#type`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RustIdent {
    pub name: String,
    pub raw: bool,
}

impl RustIdent {
    fn escape(name: String) -> Self {
        if NOT_RAW.contains(&name.as_str()) {
            RustIdent {
                name: format!("{name}_"),
                raw: false,
            }
        } else if KEYWORDS.contains(&name.as_str()) {
            RustIdent { name, raw: true }
        } else {
            RustIdent { name, raw: false }
        }
    }

    /// The identifier as source text (`r#type` for raw ones), for messages and tests.
    pub fn as_source(&self) -> String {
        if self.raw {
            format!("r#{}", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// Makes text start like an identifier: a leading digit gets a prefix letter-free underscore
/// handled by the caller's case rules.
fn leading_digit_safe(text: String, prefix: &str) -> String {
    match text.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("{prefix}{text}"),
        None => prefix.to_owned(),
        _ => text,
    }
}

/// Type names (structs, enums, unions, errors): `UpperCamelCase`.
pub fn type_name(shape_name: &str) -> RustIdent {
    let name = leading_digit_safe(shape_name.to_upper_camel_case(), "Shape");
    // `Self` is the one keyword in UpperCamelCase; `Self_` would not be camel case.
    if name == "Self" {
        return RustIdent {
            name: "SelfType".to_owned(),
            raw: false,
        };
    }
    RustIdent::escape(name)
}

/// Field, method and module names: `snake_case`.
pub fn field_name(member_name: &str) -> RustIdent {
    let name = leading_digit_safe(member_name.to_snake_case(), "member_");
    RustIdent::escape(name)
}

/// Module names (one per operation): `snake_case`, never raw (a raw module path reads badly).
pub fn module_name(shape_name: &str) -> RustIdent {
    let snake = leading_digit_safe(shape_name.to_snake_case(), "op_");
    if KEYWORDS.contains(&snake.as_str()) {
        RustIdent {
            name: format!("{snake}_"),
            raw: false,
        }
    } else {
        RustIdent {
            name: snake,
            raw: false,
        }
    }
}

/// Enum and union variant names: `UpperCamelCase`; `reserved` names (the generated fallback
/// variants such as `Unknown`) get a `Value` suffix so that a modeled value keeps its own variant.
pub fn variant_name(member_name: &str, reserved: &[&str]) -> RustIdent {
    let mut name = leading_digit_safe(member_name.to_upper_camel_case(), "Value");
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if reserved.contains(&name.as_str()) || name == "Self" {
        name.push_str("Value");
    }
    RustIdent::escape(name)
}

/// The builder type of a structure.
pub fn builder_name(type_name: &RustIdent) -> RustIdent {
    RustIdent {
        name: format!("{}Builder", type_name.name),
        raw: false,
    }
}

/// Finds the names given more than once, with every source name that produced them.
pub fn collisions<'a>(
    names: impl IntoIterator<Item = (&'a str, &'a RustIdent)>,
) -> Vec<(String, Vec<&'a str>)> {
    let mut by_name: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (source, ident) in names {
        by_name.entry(ident.name.as_str()).or_default().push(source);
    }
    by_name
        .into_iter()
        .filter(|(_, sources)| sources.len() > 1)
        .map(|(name, sources)| (name.to_owned(), sources))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_are_upper_camel_case() {
        for (input, expected) in [
            ("WhatsAppSetupFinalization", "WhatsAppSetupFinalization"),
            ("tag", "Tag"),
            ("ARNList", "ArnList"),
            ("snake_case_name", "SnakeCaseName"),
            ("Self", "SelfType"),
            ("9Lives", "Shape9lives"),
        ] {
            assert_eq!(type_name(input).as_source(), expected, "{input}");
        }
    }

    #[test]
    fn field_names_are_snake_case_and_escaped() {
        for (input, expected) in [
            ("accessToken", "access_token"),
            ("phoneNumberParent", "phone_number_parent"),
            ("type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("try", "r#try"),
            ("self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("Self", "self_"),
            ("ID", "id"),
            ("_leading", "leading"),
            ("2fa", "member_2fa"),
        ] {
            assert_eq!(field_name(input).as_source(), expected, "{input}");
        }
    }

    #[test]
    fn module_names_are_never_raw() {
        assert_eq!(
            module_name("AssociateWhatsAppBusinessAccount").as_source(),
            "associate_whats_app_business_account"
        );
        assert_eq!(module_name("Match").as_source(), "match_");
    }

    #[test]
    fn reserved_variants_get_a_suffix() {
        assert_eq!(
            variant_name("UNKNOWN", &["Unknown"]).as_source(),
            "UnknownValue"
        );
        assert_eq!(
            variant_name("COMPLETE", &["Unknown"]).as_source(),
            "Complete"
        );
        assert_eq!(variant_name("Self", &[]).as_source(), "SelfValue");
        assert_eq!(variant_name("1x", &[]).as_source(), "Value1x");
    }

    #[test]
    fn collisions_name_every_source() {
        let a = field_name("fooBar");
        let b = field_name("foo_bar");
        let c = field_name("baz");
        let found = collisions([("fooBar", &a), ("foo_bar", &b), ("baz", &c)]);
        assert_eq!(
            found,
            vec![("foo_bar".to_owned(), vec!["fooBar", "foo_bar"])]
        );
    }
}
