//! A model whose `@pattern`s are written for Java's `java.util.regex` (as Smithy's own
//! validator reads them) generates: patterns checked exactly are compiled to automata that
//! accept what Java accepts and refuse what it refuses (beside `regress` when a pattern's
//! ECMA-262 reading needs it); the rest go unchecked, named in one warning. Only a pattern
//! that neither dialect accepts stops generation.

use std::path::PathBuf;

use serde_json::json;
use smithy_codegen::plan::pattern::Matcher;
use smithy_codegen::plan::Plan;
use smithy_codegen::{Error, Severity};

/// Writes `model` to a file of its own and generates from it.
fn generate(name: &str, model: serde_json::Value) -> Result<smithy_codegen::Output, Error> {
    let dir = std::env::temp_dir().join(format!("java-patterns-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("model.json");
    std::fs::write(&path, model.to_string()).unwrap();
    let result = smithy_codegen::run(&[&path], None);
    std::fs::remove_dir_all(&dir).unwrap();
    result
}

/// A service with one operation whose input has these members (name -> member JSON), plus
/// `extra` shapes.
fn model(members: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    let mut shapes = json!({
        "example.java#Service": {"type": "service", "version": "2024-01-01",
            "operations": [{"target": "example.java#Put"}]},
        "example.java#Put": {"type": "operation",
            "input": {"target": "example.java#PutInput"},
            "output": {"target": "smithy.api#Unit"}},
        "example.java#PutInput": {"type": "structure", "members": members},
    });
    for (id, shape) in extra.as_object().unwrap() {
        shapes[id] = shape.clone();
    }
    json!({"smithy": "2.0", "shapes": shapes})
}

fn string_with(pattern: &str) -> serde_json::Value {
    json!({"target": "smithy.api#String", "traits": {"smithy.api#pattern": pattern}})
}

/// What the generated `validation::pattern_N` answers for the input member `member`, or
/// `None` when the member's pattern is not checked.
fn checker<'a>(plan: &'a Plan, member: &str) -> Option<impl Fn(&str) -> bool + 'a> {
    let pattern = &plan.patterns[pattern_index(plan, member)?];
    Some(move |value: &str| pattern.matches(value))
}

/// The index in `plan.patterns` of the input member's pattern, when it is checked.
fn pattern_index(plan: &Plan, member: &str) -> Option<usize> {
    let input = plan
        .structures
        .iter()
        .find(|s| s.id.to_string() == "example.java#PutInput")
        .expect("the input structure");
    let member = input
        .members
        .iter()
        .find(|m| m.member_name == member)
        .expect("the member");
    member.checks.pattern
}

/// Whether the input member's pattern is checked by `regress` (ECMA-262) beside the Java
/// reading's tables, rather than by tables alone.
fn beside_regress(plan: &Plan, member: &str) -> bool {
    let index = pattern_index(plan, member).expect("checked");
    match &plan.patterns[index].matcher {
        Matcher::Dfa(_) => false,
        Matcher::RegressOrDfa { .. } => true,
        Matcher::Regress { .. } => {
            panic!("{member}: a pattern Java reads is never `regress` alone")
        }
    }
}

#[test]
fn a_model_with_java_style_patterns_generates() {
    let members = json!({
        "flags": string_with("^(?i)[a-z]+(?s).$"),
        "unicode": {"target": "example.java#Name"},
        "possessive": string_with("^[a-z]*+[0-9]$"),
        "stacked": string_with("^[0-9]{11}{0,1011}$"),
        "dollar": string_with("^[a-z]+${1,128}"),
        "lookbehind": string_with("^[\\p{L}\\p{N} ]*(?<! )$"),
        "longLookbehind": string_with("^\\p{L}+(?<!ab)$"),
        "tagKey": string_with("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$"),
        "givesBack": string_with("^[a-z]*+a$"),
        "tags": {"target": "example.java#Tags"},
        "plain": string_with("^[a-z]+$"),
        "ecmaDot": string_with("^.$"),
        "ecmaLookbehind": string_with("^(?<!a)b"),
        "javaRefuses": string_with("^x{$"),
        "notAdmin": string_with("^(?!admin)[a-z]+$"),
        "caseless": string_with("^(?i:ab)c$"),
        "long": string_with("^.{1,2048}$"),
    });
    let extra = json!({
        "example.java#Name": {"type": "string",
            "traits": {"smithy.api#pattern": "^[\\p{L}\\p{N}\\p{Z}]+$"}},
        "example.java#Tags": {"type": "list", "member": string_with("(?<!xy)\\p{L}")},
    });
    let output = match generate("generates", model(members, extra)) {
        Ok(output) => output,
        Err(error) => panic!("{error}"),
    };
    let plan = &output.plan;

    let flags = checker(plan, "flags").unwrap();
    assert!(flags("abC\n") && flags("ABCx"));
    assert!(!flags("ab1x") && !flags("a"));
    let unicode = checker(plan, "unicode").unwrap();
    assert!(unicode("héllo wörld 42") && unicode("漢字\u{3000}٣"));
    assert!(!unicode("a-b") && !unicode("a\tb") && !unicode(""));
    let possessive = checker(plan, "possessive").unwrap();
    assert!(possessive("abc1") && possessive("7"));
    assert!(!possessive("abc") && !possessive("ab12"));
    let stacked = checker(plan, "stacked").unwrap();
    assert!(stacked("12345678901"));
    assert!(!stacked("1234567890") && !stacked(&"1".repeat(22)));
    let dollar = checker(plan, "dollar").unwrap();
    assert!(dollar("abc") && dollar("abc\n"));
    assert!(!dollar("abc1") && !dollar("abc\n\n"));
    let lookbehind = checker(plan, "lookbehind").unwrap();
    assert!(lookbehind("a b") && lookbehind("漢 1") && lookbehind(""));
    assert!(!lookbehind("a b ") && !lookbehind(" "));
    let tag_key = checker(plan, "tagKey").unwrap();
    assert!(tag_key("Name") && tag_key("my:aws:key") && tag_key("Ünïcode 1"));
    assert!(!tag_key("aws:reserved") && !tag_key("a\tb"));
    // A pattern both dialects read takes what either reading accepts: Java's `$` lets a
    // final line terminator through, ECMA-262's `.` takes U+0085.
    let plain = checker(plan, "plain").unwrap();
    assert!(plain("abc") && plain("abc\n") && plain("abc\r\n"));
    assert!(!plain("abc\n\n") && !plain("ab1") && !plain(""));
    let dot = checker(plan, "ecmaDot").unwrap();
    assert!(dot("\u{85}") && dot("a\n") && !dot("\n") && !dot("ab"));
    // Java refuses `x{`: its ECMA-262 reading alone.
    let refused = checker(plan, "javaRefuses").unwrap();
    assert!(refused("x{") && !refused("x{\n") && !refused("x"));

    // Both dialects read these, and the ECMA-262 reading needs `regress` (lookaround,
    // `(?i:...)`): `regress` beside the Java reading's tables, either accepting passes.
    for member in ["notAdmin", "caseless", "ecmaLookbehind"] {
        assert!(beside_regress(plan, member), "{member}");
    }
    let not_admin = checker(plan, "notAdmin").unwrap();
    assert!(not_admin("user") && not_admin("admi") && not_admin("useradmin"));
    // Java's `$` takes a final line terminator, which `regress` alone would refuse.
    assert!(not_admin("user\n") && not_admin("user\r\n"));
    assert!(!not_admin("admin") && !not_admin("administrator") && !not_admin(""));
    assert!(!not_admin("User") && !not_admin("user\n\n") && !not_admin("admin\n"));
    let caseless = checker(plan, "caseless").unwrap();
    assert!(caseless("abc") && caseless("ABc") && caseless("aBc\n"));
    assert!(!caseless("abC") && !caseless("ab") && !caseless("abc\n\n"));
    let lookbehind = checker(plan, "ecmaLookbehind").unwrap();
    assert!(lookbehind("b") && lookbehind("bc") && !lookbehind("ab") && !lookbehind(""));
    for member in ["plain", "ecmaDot", "tagKey"] {
        assert!(!beside_regress(plan, member), "{member}");
    }

    // Longer lookbehinds, and possessive runs that would have to give back: not checked,
    // so that nothing the service accepts is refused; one warning lists them all. So is
    // `^.{1,2048}$`: its ECMA-262 reading needs `regress` and its Java reading has too many
    // states, and `regress` alone would refuse what Java accepts (`"a\n"`).
    for member in ["longLookbehind", "givesBack", "long"] {
        assert!(checker(plan, member).is_none(), "{member}");
    }
    let warnings: Vec<String> = output
        .warnings
        .iter()
        .filter(|w| w.message.contains("@pattern"))
        .map(|w| w.to_string())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    for member in [
        "example.java#PutInput$longLookbehind",
        "example.java#PutInput$givesBack",
        "example.java#PutInput$long",
        "example.java#Tags$member",
    ] {
        assert!(warnings[0].contains(member), "{member}: {}", warnings[0]);
    }
    for checked in [
        "$unicode",
        "#Name",
        "PutInput$lookbehind",
        "$tagKey",
        "$plain",
        "$ecmaDot",
        "$javaRefuses",
        "$notAdmin",
        "$caseless",
        "$ecmaLookbehind",
    ] {
        assert!(!warnings[0].contains(checked), "{checked}: {}", warnings[0]);
    }
    assert!(output
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));
}

#[test]
fn a_pattern_neither_dialect_accepts_is_refused_with_its_place() {
    let members = json!({"broken": string_with("^[a-z")});
    match generate("refused", model(members, json!({}))) {
        Err(Error::Model(diagnostics)) => {
            let text = diagnostics.to_string();
            assert!(
                text.contains("example.java#PutInput$broken")
                    && text.contains("ECMA-262")
                    && text.contains("Java"),
                "{text}"
            );
        }
        Ok(_) => panic!("an invalid pattern must be refused"),
        Err(other) => panic!("{other}"),
    }
}
