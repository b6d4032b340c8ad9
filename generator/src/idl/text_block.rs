//! String contents: escape sequences, new line normalization and text blocks (`"""`) with
//! the specification's removal of incidental whitespace.

/// CR LF and lone CR become LF, as the specification requires of every string.
pub(super) fn normalize_newlines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Expands the escapes of a string's raw content (between the quotes).
pub(super) fn unescape(raw: &str) -> Result<String, String> {
    let text = normalize_newlines(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            // An escaped new line expands to nothing.
            Some('\n') => {}
            Some('u') => out.push(unicode_escape(&mut chars)?),
            Some(other) if other.is_control() => {
                return Err(format!("invalid escape `\\{}`", other.escape_debug()))
            }
            Some(other) => return Err(format!("invalid escape `\\{other}`")),
            None => return Err("a backslash must start an escape sequence".to_owned()),
        }
    }
    Ok(out)
}

/// The four hex digits after `\u` (the `\u` already read); a UTF-16 surrogate pair is two
/// escapes in a row.
fn unicode_escape(chars: &mut std::str::Chars<'_>) -> Result<char, String> {
    let first = hex4(chars)?;
    let code = if (0xD800..0xDC00).contains(&first) {
        let low = match (chars.next(), chars.next()) {
            (Some('\\'), Some('u')) => hex4(chars)?,
            _ => return Err(format!("unpaired surrogate `\\u{first:04X}`")),
        };
        if !(0xDC00..0xE000).contains(&low) {
            return Err(format!("unpaired surrogate `\\u{first:04X}`"));
        }
        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
    } else {
        first
    };
    char::from_u32(code).ok_or_else(|| format!("`\\u{first:04X}` is not a character"))
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut code = 0;
    for _ in 0..4 {
        let Some(c) = chars.next() else {
            return Err("unclosed unicode escape: `\\u` needs four hex digits".to_owned());
        };
        let Some(digit) = c.to_digit(16) else {
            return Err(format!(
                "invalid unicode escape character `{}`",
                c.escape_debug()
            ));
        };
        code = code * 16 + digit;
    }
    Ok(code)
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The value of a text block from its raw content (between the `"""` delimiters).
pub(super) fn text_block(raw: &str) -> Result<String, String> {
    let text = normalize_newlines(raw);
    if text.is_empty() {
        return Err("the text block is empty".to_owned());
    }
    let content = match text.split_once('\n') {
        Some((opening, content)) if opening.chars().all(is_blank) => content,
        _ => return Err("a line break must follow the opening `\"\"\"`".to_owned()),
    };
    let lines: Vec<&str> = content.split('\n').collect();
    let last = lines.len().saturating_sub(1);
    // Blank lines do not count, except the last (the closing delimiter's own line).
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| *i == last || !line.chars().all(is_blank))
        .map(|(_, line)| line.chars().take_while(|c| is_blank(*c)).count())
        .min()
        .unwrap_or(0);
    let stripped: Vec<String> = lines
        .iter()
        .map(|line| {
            let rest: String = line.chars().skip(indent).collect();
            rest.trim_end_matches(is_blank).to_owned()
        })
        .collect();
    unescape(&stripped.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_expand() {
        let raw = r#"a\"b\\c\/d\b\f\n\r\t\u0041\uD83D\uDE00"#;
        assert_eq!(
            unescape(raw).as_deref(),
            Ok("a\"b\\c/d\u{8}\u{c}\n\r\tA\u{1F600}")
        );
        assert_eq!(unescape("a\\\nb").as_deref(), Ok("ab"));
        assert_eq!(unescape("a\\\r\nb").as_deref(), Ok("ab"));
        assert_eq!(unescape("a\r\nb\rc").as_deref(), Ok("a\nb\nc"));
    }

    #[test]
    fn bad_escapes_are_named() {
        assert_eq!(unescape("\\'"), Err("invalid escape `\\'`".to_owned()));
        assert!(unescape("\\ua").is_err_and(|e| e.contains("unclosed unicode escape")));
        assert!(unescape("\\uaaat").is_err_and(|e| e.contains("character `t`")));
        assert!(unescape("\\uD800x").is_err_and(|e| e.contains("unpaired surrogate")));
        assert!(unescape("\\uDC00").is_err_and(|e| e.contains("not a character")));
        assert!(unescape("\\").is_err());
    }

    #[test]
    fn text_blocks_remove_incidental_whitespace() {
        // The specification's example: "." is a space.
        let raw = "\n....Foo\n........Baz\n\n..\n....Bar\n....".replace('.', " ");
        assert_eq!(text_block(&raw).as_deref(), Ok("Foo\n    Baz\n\n\nBar\n"));
        // A closing delimiter at the margin keeps all indentation.
        let raw = "\n    Foo\n        Baz\n    Bar\n";
        assert_eq!(
            text_block(raw).as_deref(),
            Ok("    Foo\n        Baz\n    Bar\n")
        );
        // Right of the content, it does not count.
        let raw = "\n    Foo\n        Baz\n    Bar\n            ";
        assert_eq!(text_block(raw).as_deref(), Ok("Foo\n    Baz\nBar\n"));
        // On the content's line: no trailing new line.
        assert_eq!(text_block("\n    0.9").as_deref(), Ok("0.9"));
        assert_eq!(text_block("  \r\n  a").as_deref(), Ok("a"));
    }

    #[test]
    fn text_block_escapes_come_after_indentation() {
        let raw = "\n  <div>\n    <p>Hi\\n    bar</p>\n  </div>\n  ";
        assert_eq!(
            text_block(raw).as_deref(),
            Ok("<div>\n  <p>Hi\n    bar</p>\n</div>\n")
        );
        assert_eq!(
            text_block("\n    Foo \\\n    Baz \\\n    Bam").as_deref(),
            Ok("Foo Baz Bam")
        );
        assert_eq!(
            text_block("\n    foo \\\"\"\"\n    baz").as_deref(),
            Ok("foo \"\"\"\nbaz")
        );
    }

    #[test]
    fn ill_formed_text_blocks() {
        assert_eq!(text_block(""), Err("the text block is empty".to_owned()));
        assert!(text_block("foo").is_err_and(|e| e.contains("line break")));
        assert!(text_block(" x\n").is_err_and(|e| e.contains("line break")));
        assert!(text_block("\n    \\ua").is_err());
        assert_eq!(text_block("\n").as_deref(), Ok(""));
    }
}
