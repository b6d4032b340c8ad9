//! Every Rust name the generator emits is made here: case conversion (heck), keyword
//! escaping, and the one scheme that makes colliding names distinct ([`unique`]).

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

/// How a disambiguating suffix is joined to a name of one case style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `UnknownValue`, `FooBar2`.
    UpperCamel,
    /// `build_value`, `foo_bar_2`.
    Snake,
    /// `region-value`, `foo-bar-2` (command-line names).
    Kebab,
}

impl Style {
    fn join(self, base: &str, suffix: &str) -> String {
        // `self_` and `r#type` are escapes, not part of the name: `self_value`, `type_2`.
        let base = base.trim_end_matches('_');
        match self {
            Style::UpperCamel => format!("{base}{suffix}"),
            Style::Snake => format!("{base}_{}", suffix.to_lowercase()),
            Style::Kebab => format!("{base}-{}", suffix.to_lowercase()),
        }
    }
}

/// Gives every candidate a name no other candidate and no `reserved` name has, by the one
/// scheme of the README's "Names" section; it cannot fail.
///
/// 1. A candidate equal to a reserved name (one the generated code itself uses, such as the
///    `Unknown` variant or the builder's `build`) gets the suffix `Value` (`UnknownValue`,
///    `build_value`), again while the result is still reserved.
/// 2. In the given order (declaration order for members, shape-ID order for shapes), every
///    candidate whose name no earlier candidate has taken keeps it.
/// 3. The others, in the same order, take the first free name of `2`, `3`, ... appended
///    (`FooBar2`, `foo_bar_2`).
///
/// So a name that converts uniquely is never changed by collisions elsewhere. Suffixed names
/// are never raw identifiers (no keyword ends in a digit or `Value`).
pub fn unique(candidates: &[RustIdent], reserved: &[&str], style: Style) -> Vec<RustIdent> {
    let mut wanted: Vec<RustIdent> = candidates
        .iter()
        .map(|c| {
            let mut c = c.clone();
            while reserved.contains(&c.name.as_str()) {
                c = RustIdent {
                    name: style.join(&c.name, "Value"),
                    raw: false,
                };
            }
            c
        })
        .collect();
    let mut taken: std::collections::BTreeSet<String> =
        reserved.iter().map(|r| (*r).to_owned()).collect();
    let mut keeps = vec![false; wanted.len()];
    for (keep, c) in keeps.iter_mut().zip(&wanted) {
        *keep = taken.insert(c.name.clone());
    }
    for (keep, c) in keeps.iter().zip(wanted.iter_mut()) {
        if *keep {
            continue;
        }
        let mut n = 2u64;
        let mut name = style.join(&c.name, &n.to_string());
        while taken.contains(&name) {
            n += 1;
            name = style.join(&c.name, &n.to_string());
        }
        taken.insert(name.clone());
        *c = RustIdent { name, raw: false };
    }
    wanted
}

/// [`unique`] for plain text names (command-line flags and subcommands).
pub fn unique_text(candidates: &[String], reserved: &[&str], style: Style) -> Vec<String> {
    let idents: Vec<RustIdent> = candidates
        .iter()
        .map(|name| RustIdent {
            name: name.clone(),
            raw: false,
        })
        .collect();
    unique(&idents, reserved, style)
        .into_iter()
        .map(|i| i.name)
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

    fn idents(names: &[&str], convert: fn(&str) -> RustIdent) -> Vec<RustIdent> {
        names.iter().map(|n| convert(n)).collect()
    }

    fn sources(names: &[RustIdent]) -> Vec<String> {
        names.iter().map(RustIdent::as_source).collect()
    }

    #[test]
    fn colliding_members_get_numbers_in_declaration_order() {
        let names = idents(&["fooBar", "foo_bar", "FooBar", "baz"], field_name);
        assert_eq!(
            sources(&unique(&names, &[], Style::Snake)),
            ["foo_bar", "foo_bar_2", "foo_bar_3", "baz"]
        );
    }

    #[test]
    fn reserved_names_get_value_before_any_number() {
        let names = idents(&["Unknown", "UnknownValue", "Self", "SelfValue"], |n| {
            variant_name(n, &[])
        });
        assert_eq!(
            sources(&unique(&names, &["Unknown"], Style::UpperCamel)),
            ["UnknownValue", "UnknownValue2", "SelfValue", "SelfValue2"]
        );
    }

    #[test]
    fn a_name_that_converts_uniquely_keeps_it_whatever_comes_first() {
        // `a_b` and `aB` collide; `a_b_2` was modeled as such and keeps its name.
        let names = idents(&["a_b", "aB", "a_b_2"], field_name);
        assert_eq!(
            sources(&unique(&names, &[], Style::Snake)),
            ["a_b", "a_b_3", "a_b_2"]
        );
    }

    #[test]
    fn escaped_names_drop_their_escape_before_a_suffix() {
        let names = idents(&["type", "Type", "self", "SELF"], field_name);
        assert_eq!(
            sources(&unique(&names, &[], Style::Snake)),
            ["r#type", "type_2", "self_", "self_2"]
        );
        let reserved = unique(&idents(&["build"], field_name), &["build"], Style::Snake);
        assert_eq!(sources(&reserved), ["build_value"]);
    }

    #[test]
    fn reserved_suffixes_repeat_until_free() {
        let names = idents(&["Unknown"], |n| variant_name(n, &[]));
        assert_eq!(
            sources(&unique(
                &names,
                &["Unknown", "UnknownValue"],
                Style::UpperCamel
            )),
            ["UnknownValueValue"]
        );
    }

    #[test]
    fn command_line_names_use_dashes() {
        let names = ["region".to_owned(), "a-b".to_owned(), "a-b".to_owned()];
        assert_eq!(
            unique_text(&names, &["region"], Style::Kebab),
            ["region-value", "a-b", "a-b-2"]
        );
    }
}
