//! Java's `\p{..}` classes as sets of code points: general categories, the binary
//! properties Java names with `Is`, scripts, and the ASCII-only POSIX names. The Unicode
//! tables are `regex-syntax`'s; names Java reads otherwise, or that we do not know, are
//! `None` (the pattern is then not checked).

use regex_syntax::hir::{Class, HirKind};

use super::charset::CharSet;

/// The set `\p{name}` stands for in Java, where we know it exactly.
pub fn property(name: &str) -> Option<CharSet> {
    if let Some((key, value)) = name.split_once('=') {
        return match key {
            "gc" | "general_category" => category(value),
            "sc" | "script" => table(&format!("Script={value}")),
            _ => None,
        };
    }
    if let Some(rest) = name.strip_prefix("Is") {
        return binary(rest)
            .or_else(|| category(rest))
            .or_else(|| posix(rest))
            .or_else(|| table(&format!("Script={rest}")));
    }
    if name.starts_with("In") {
        // Unicode blocks: `regex-syntax` has no tables for them.
        return None;
    }
    category(name).or_else(|| posix(name))
}

/// General categories, named as Java names them (case matters).
fn category(name: &str) -> Option<CharSet> {
    const NAMES: &[&str] = &[
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "LC", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P",
        "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl",
        "Zp", "C", "Cc", "Cf", "Co", "Cn",
    ];
    NAMES
        .contains(&name)
        .then(|| table(&format!("gc={name}")))
        .flatten()
}

/// The binary properties Java reads after `Is`, whatever their case, where Java's
/// definition is the Unicode property's.
fn binary(name: &str) -> Option<CharSet> {
    let unicode = match name.to_ascii_uppercase().as_str() {
        "ALPHABETIC" => "Alphabetic",
        "LETTER" => "gc=L",
        "IDEOGRAPHIC" => "Ideographic",
        "LOWERCASE" => "Lowercase",
        "UPPERCASE" => "Uppercase",
        "TITLECASE" => "gc=Lt",
        "PUNCTUATION" => "gc=P",
        "CONTROL" => "gc=Cc",
        "WHITE_SPACE" | "WHITESPACE" => "White_Space",
        "DIGIT" => "gc=Nd",
        _ => return None,
    };
    table(unicode)
}

/// Java's POSIX classes: ASCII only (without `(?U)`).
fn posix(name: &str) -> Option<CharSet> {
    const PUNCT: &[(u32, u32)] = &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)];
    const LOWER: (u32, u32) = (0x61, 0x7A);
    const UPPER: (u32, u32) = (0x41, 0x5A);
    const DIGIT: (u32, u32) = (0x30, 0x39);
    let alnum = [LOWER, UPPER, DIGIT];
    let graph: Vec<(u32, u32)> = alnum.iter().chain(PUNCT).copied().collect();
    let ranges: Vec<(u32, u32)> = match name {
        "Lower" => vec![LOWER],
        "Upper" => vec![UPPER],
        "ASCII" => vec![(0, 0x7F)],
        "Alpha" => vec![LOWER, UPPER],
        "Digit" => vec![DIGIT],
        "Alnum" => alnum.to_vec(),
        "Punct" => PUNCT.to_vec(),
        "Graph" => graph,
        "Print" => graph.into_iter().chain([(0x20, 0x20)]).collect(),
        "Blank" => vec![(0x20, 0x20), (0x09, 0x09)],
        "Cntrl" => vec![(0, 0x1F), (0x7F, 0x7F)],
        "XDigit" => vec![DIGIT, (0x41, 0x46), (0x61, 0x66)],
        "Space" => vec![(0x09, 0x0D), (0x20, 0x20)],
        _ => return None,
    };
    Some(CharSet::from_ranges(&ranges))
}

/// `\p{expr}` from `regex-syntax`'s Unicode tables.
fn table(expr: &str) -> Option<CharSet> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&format!("\\p{{{expr}}}"))
        .ok()?;
    let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
        return None;
    };
    let ranges: Vec<(u32, u32)> = class
        .ranges()
        .iter()
        .map(|r| (u32::from(r.start()), u32::from(r.end())))
        .collect();
    Some(CharSet::from_ranges(&ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_binary_properties_scripts_and_posix_names() {
        let letters = property("L").unwrap();
        assert!(letters.contains(u32::from('é')) && letters.contains(u32::from('漢')));
        assert!(!letters.contains(u32::from('1')) && !letters.contains(u32::from(' ')));
        assert_eq!(property("IsL"), Some(letters.clone()));
        assert_eq!(property("gc=L"), Some(letters.clone()));
        assert_eq!(property("IsLetter"), Some(letters));
        let numbers = property("N").unwrap();
        assert!(numbers.contains(u32::from('٣')) && numbers.contains(u32::from('½')));
        let separators = property("Z").unwrap();
        assert!(separators.contains(0x20) && separators.contains(0x3000));
        assert!(
            !separators.contains(0x09),
            "a tab is a control, not a separator"
        );
        let alphabetic = property("IsAlphabetic").unwrap();
        assert_eq!(property("IsALPHABETIC"), Some(alphabetic.clone()));
        assert_eq!(property("isAlphabetic"), None, "the `Is` is case-sensitive");
        assert!(
            alphabetic.contains(u32::from('Ⅻ')),
            "letter numbers are alphabetic"
        );
        let latin = property("IsLatin").unwrap();
        assert!(latin.contains(u32::from('é')) && !latin.contains(u32::from('α')));
        // POSIX names are ASCII only.
        let alpha = property("Alpha").unwrap();
        assert!(alpha.contains(u32::from('a')) && !alpha.contains(u32::from('é')));
        assert!(property("Punct").unwrap().contains(u32::from('~')));
        // Names we do not know, blocks, and wrong case for categories.
        for unknown in ["InGreek", "javaLowerCase", "l", "Nonsense", "blk=Greek"] {
            assert_eq!(property(unknown), None, "{unknown}");
        }
    }
}
