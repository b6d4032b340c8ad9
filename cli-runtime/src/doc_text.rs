//! Documentation strings as plain text: Smithy docs are often HTML (`<p>`, `<code>`, `<ul><li>`), so tags are
//! turned into line breaks and bullets and dropped, and the common entities decoded.

/// Plain text, paragraphs separated by one blank line, no leading or trailing blank lines.
pub(crate) fn plain(docs: &str) -> String {
    let mut text = String::new();
    let mut rest = docs;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + len].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        match name {
            "p" | "ul" | "ol" | "br" | "br/" => text.push_str("\n\n"),
            "li" if !tag.starts_with('/') => text.push_str("\n\n- "),
            _ => {}
        }
        rest = &rest[start + len + 1..];
    }
    text.push_str(rest);
    let text = decode_entities(&text);
    let mut paragraphs: Vec<String> = Vec::new();
    for paragraph in text.split("\n\n") {
        let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        match paragraphs.last_mut() {
            _ if paragraph.is_empty() => {}
            // A bullet whose text came in a paragraph of its own (`<li><p>text</p></li>`).
            Some(bullet) if bullet == "-" => *bullet = format!("- {paragraph}"),
            _ => paragraphs.push(paragraph),
        }
    }
    paragraphs.join("\n\n")
}

/// The first paragraph, for one-line summaries.
pub(crate) fn summary(docs: &str) -> String {
    plain(docs).split("\n\n").next().unwrap_or("").to_owned()
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// Each line of `text` indented by `indent` spaces (blank lines stay empty).
pub(crate) fn indent(text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let docs = "<p>Creates a <code>thing</code> &amp; more.</p>\n<ul><li><p>one</p></li><li>two</li></ul>";
        assert_eq!(plain(docs), "Creates a thing & more.\n\n- one\n\n- two");
        assert_eq!(summary(docs), "Creates a thing & more.");
        assert_eq!(plain("Plain text.\n\nSecond."), "Plain text.\n\nSecond.");
        assert_eq!(plain("a < b"), "a < b");
        assert_eq!(indent("a\n\nb", 2), "  a\n\n  b");
    }
}
