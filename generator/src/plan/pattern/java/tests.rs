//! Each construct with values Java accepts and values it refuses (each checked against
//! `java.util.regex.Pattern.compile(pattern).matcher(value).find()`).

use super::{read, Refusal};
use crate::plan::pattern::compile_java;

/// The generated matcher for `pattern` read as Java: it must accept each of `accepted`
/// and refuse each of `refused`. (Each expectation here was checked against
/// `java.util.regex.Pattern.compile(pattern).matcher(value).find()`.)
fn agrees(pattern: &str, accepted: &[&str], refused: &[&str]) {
    let reading = read(pattern);
    let tree = match reading.result {
        Ok(tree) => tree,
        Err(refusal) => panic!("{pattern}: {refusal:?}"),
    };
    let tables = compile_java(&tree).unwrap();
    for value in accepted {
        assert!(tables.matches(value), "{pattern} must accept {value:?}");
    }
    for value in refused {
        assert!(!tables.matches(value), "{pattern} must refuse {value:?}");
    }
}

fn unchecked(pattern: &str, why: &str) {
    match read(pattern).result {
        Err(Refusal::Unchecked(reason)) => assert!(reason.contains(why), "{pattern}: {reason}"),
        other => panic!("{pattern}: {other:?}"),
    }
}

fn invalid(pattern: &str) {
    let reading = read(pattern);
    assert!(
        matches!(reading.result, Err(Refusal::Invalid(_))),
        "{pattern}: {reading:?}"
    );
}

#[test]
fn inline_flags_at_the_start_and_in_the_middle() {
    agrees("^(?i)[a-z]+$", &["abc", "ABC", "aBc"], &["ab1", "", "é"]);
    agrees("^ab(?i)cd$", &["abcd", "abCD"], &["ABcd", "abc"]);
    agrees("^(?i:ab)c$", &["ABc", "abc"], &["ABC"]);
    // Flags end with the group that sets them, and reach across `|` within it.
    agrees("^(a(?i)b)c$", &["aBc"], &["aBC", "ABc"]);
    agrees("^(?:a(?i)b|c)$", &["C", "aB"], &["AB"]);
    agrees("^(?i)\\Qa.b\\E$", &["A.B"], &["AxB"]);
    agrees("^(?i)[^a]$", &["b"], &["a", "A"]);
    // `(?s)`: `.` reads line terminators too; without it, not even U+0085.
    agrees("^(?s).+$", &["a\nb", "\r"], &[""]);
    agrees("^(?s)a.b$", &["a\u{85}b"], &["ab"]);
    agrees(
        "^(?-s)a.b$",
        &["a\u{2027}b"],
        &["a\u{85}b", "a\nb", "a\u{2028}b"],
    );
    agrees("^(?s-i)x(?i).$", &["x\n"], &["X\n"]);
    // Classes that folding would change, and flags we do not model, are not checked.
    unchecked("(?i)\\p{Lu}", "under `(?i)`");
    unchecked("(?m)^a$", "multiline");
    unchecked("(?x)a b", "comments");
    unchecked("(?x)[a b]", "comments");
    unchecked("(?iu)é", "Unicode case");
    unchecked("(?U)\\w", "(?U)");
    unchecked("(?d).", "Unix-lines");
}

#[test]
fn possessive_quantifiers() {
    // What follows cannot start with the class: possessive and greedy agree.
    agrees("^[a-z]*+[0-9]$", &["abc1", "1"], &["abc", "abc12"]);
    agrees("^\\s?+x$", &[" x", "x"], &["  x"]);
    agrees("^[a-z]++$", &["abc"], &["", "ab1"]);
    agrees("^a{2,3}+$", &["aa", "aaa"], &["a", "aaaa"]);
    agrees("^a{2}+b$", &["aab"], &["ab", "aaab"]);
    agrees("x[0-9]*+", &["x", "ax12"], &["y1"]);
    // Otherwise Java gives back nothing where greedy would: not checked.
    unchecked("^[a-z]*+a$", "possessive");
    unchecked("^(ab)*+$", "possessive");
    unchecked("^[a-z]*+[a-c]?$", "possessive");
    unchecked("^([a-z]*+)*$", "possessive");
}

#[test]
fn unicode_classes() {
    agrees(
        "^\\p{L}+$",
        &["héllo", "漢字", "Ωmega"],
        &["abc1", "", "a b"],
    );
    agrees(
        "^[\\p{L}\\p{N}\\p{Z}]+$",
        &["a 1", "٣", "x\u{3000}y", "½"],
        &["a-b", "a\tb", "a_b"],
    );
    agrees("^\\pL\\pN$", &["a1", "é٣"], &["1a"]);
    agrees("^\\P{N}+$", &["abc", "a-b"], &["a1", "٣"]);
    agrees("^[^\\p{L}]+$", &["123"], &["a"]);
    agrees("^\\p{Lu}\\p{Ll}*$", &["Hello", "Élan"], &["hello", "HEllo"]);
    agrees("^\\p{IsAlphabetic}+$", &["Ⅻa", "aé"], &["a1"]);
    agrees("^\\p{IsLatin}+$", &["aé"], &["aα"]);
    agrees("^\\p{Alpha}+$", &["abc", "ABC"], &["é", "a1"]);
    agrees("^(?i)\\p{L}+$", &["aB"], &["1"]);
    agrees("^\\p{Punct}$", &["~", "!"], &["a", "¡"]);
    unchecked("\\p{InGreek}", "InGreek");
    unchecked("\\p{javaLowerCase}", "javaLowerCase");
}

#[test]
fn lookaheads_at_the_start_are_checked() {
    agrees(
        "^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$",
        &["Name", "aws", "aws-x", "my:aws:", "", "Ünïcode 1"],
        &["aws:x", "aws:", "a\tb", "AWS:x!"],
    );
    agrees("^(?i)(?!aws:)\\w", &["a", "AWSx"], &["aws:", "AWS:"]);
    agrees("^(?=a)\\w+", &["ab", "a"], &["ba", ""]);
    agrees("^(?!a)(?!b)[a-z]", &["c", "cab"], &["a", "b", "1"]);
    agrees("^(?![^@]*$).+$", &["a@b"], &["ab"]);
    agrees(
        "^(?=.*[0-9]$)(?!0)\\d+",
        &["12", "1a2"],
        &["01", "12a", "a"],
    );
}

#[test]
fn lookbehinds_of_one_character_are_checked() {
    agrees("^(?<! )\\p{L}+$", &["abc", "é"], &[" abc", "a1"]);
    agrees("^[a-z ]*(?<! )$", &["", "a b", "ab"], &["a ", " ", "a b "]);
    agrees("(?<![.-])x", &["x", "ax", ".ax"], &[".x", "-x"]);
    agrees("^a+(?<=a)b", &["aab"], &["b", "ba"]);
    agrees("(?<=\\s)\\d", &["a 1"], &["a1", "1"]);
    agrees("^(?i)a(?<=[a])", &["a", "A"], &["b"]);
    agrees(
        "^[a-z]+(?<!x)(?<!y)$",
        &["ab", "ab\n"],
        &["abx", "aby", "ab1"],
    );
}

#[test]
fn other_lookaround_is_not_checked() {
    unchecked("^(?<!ab)c", "lookbehind");
    unchecked("(?<!a|bc)d", "lookbehind");
    // After `$`, a lookbehind would look at the terminator `$` stands before.
    unchecked("a$(?<!\\n)", "`$`");
    unchecked("^[a-z]*+(?<!a)", "possessive");
    unchecked("a(?!b)", "lookahead");
    unchecked("^a(?=b)", "lookahead");
    unchecked("^((?!a)b)", "lookahead");
    unchecked("^(?!(?!a)b)", "lookahead");
    unchecked("(?>a|ab)c", "atomic");
    unchecked("(a)\\1", "\\1");
    unchecked("\\bword\\b", "\\b");
}

#[test]
fn a_quantifier_after_a_quantifier_repeats_nothing() {
    // Java reads `{0,1011}` here as repeating an empty atom: exactly 11 digits.
    agrees(
        "^[0-9]{11}{0,1011}$",
        &["12345678901"],
        &["1234567890", "1234567890112345678901", ""],
    );
    agrees("^a{2}{3}$", &["aa"], &["aaaaaa", "a"]);
    agrees("^{2}a$", &["a"], &["aa"]);
    invalid("a{2}{x}");
    invalid("a{2}*");
}

#[test]
fn quantified_anchors() {
    // `$` repeated is `$`; it holds at the end or before a final line terminator.
    agrees(
        "^[a-z]+${1,128}",
        &["abc", "abc\n", "abc\r\n"],
        &["abc1", "abc\n\n", "", "abc\nd"],
    );
    agrees("^a$?b", &["ab"], &["a"]);
    agrees("^*a", &["ba"], &["b"]);
    agrees("\\Aa\\z", &["a"], &["a\n", "ba"]);
    agrees("^a\\Z", &["a", "a\u{2028}"], &["a\n\n"]);
}

#[test]
fn dollar_is_exact_unless_a_line_terminator_may_follow_it() {
    agrees(
        "^a$",
        &["a", "a\n", "a\r\n", "a\r", "a\u{85}"],
        &["a\n\n", "a\nb", "ab"],
    );
    agrees("^a$b?", &["a", "a\n"], &["ab"]);
    // `$` never stands between the two halves of `\r\n`.
    agrees("^a\r$", &["a\r", "a\r\r"], &["a\r\n"]);
    agrees("^a[\r]?$", &["a\r\n", "a\r"], &["a\r\n\n"]);
    agrees("\r$", &["\r", "a\r\r"], &["\r\n"]);
    unchecked("^a$\\n", "`$`");
    unchecked("^a$(?s).?", "`$`");
    // Java's `$` does not read the terminator: `\z` or `^` after it still see it.
    unchecked("a$\\z", "`$`");
    unchecked("\\Z^", "`$`");
}

#[test]
fn other_java_syntax() {
    agrees("^\\Q.*\\E$", &[".*"], &["ab", "."]);
    agrees("^[a-z&&[^aeiou]]+$", &["bcd"], &["bad", "B"]);
    agrees("^[a-f[0-9]]+$", &["a1", "f9"], &["g"]);
    agrees("^\\x{1F980}\\x41\\u00e9\\0101$", &["🦀AéA"], &["🦀Aé"]);
    agrees("^\\uD83E\\uDD80$", &["🦀"], &["x"]);
    agrees("^\\h\\v$", &["\u{A0}\u{2028}"], &[" a"]);
    agrees("^\\a\\e\\cA$", &["\u{7}\u{1B}\u{1}"], &["aec"]);
    agrees("^[a-c-e]$", &["b", "-", "e"], &["d"]);
    agrees("^[]a]$", &["]", "a"], &["b"]);
    agrees("^(?<name>ab)$", &["ab"], &["a"]);
    agrees("^\\s+$", &[" \t\n\u{B}"], &["\u{A0}"]);
}

#[test]
fn what_java_refuses() {
    for pattern in [
        "(unclosed",
        "[a",
        "a)",
        "*a",
        "a{2,1}",
        "a**",
        "a{",
        "(?q)a",
        "\\0",
        "[a-\\d]",
        "(?i)*a",
        "\\p{L",
    ] {
        invalid(pattern);
    }
}

#[test]
fn java_only_syntax_is_noticed() {
    for pattern in [
        "\\p{L}", "(?i)a", "a*+", "[a[b]]", "a{2}{3}", "$*", "\\Qa\\E", "\\x{41}", "(?x:a)",
        "(?>a)",
    ] {
        assert!(read(pattern).java_only, "{pattern}");
    }
    for pattern in [
        "^[a-z]+$",
        "(?:a)",
        "(?<n>a)",
        "(?<=a)",
        "\\d\\s\\w",
        "a{2,3}?",
        "(?i:a)",
        "(?-s:.)",
    ] {
        assert!(!read(pattern).java_only, "{pattern}");
    }
}
