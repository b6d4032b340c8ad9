//! Converts the HTML that AWS models use in `documentation` into Markdown for rustdoc.
//!
//! A small tag walker, not a full HTML parser: paragraphs, line breaks, lists, links,
//! code, bold and italic become Markdown; other tags are dropped, their text kept.

use std::borrow::Cow;

/// Whether text looks like HTML documentation rather than Markdown or plain text.
pub fn is_html(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.starts_with('<') && trimmed.contains('>')
}

/// The Markdown form of HTML documentation.
pub fn to_markdown(html: &str) -> String {
    let mut out = Markdown::default();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.text(&rest[..start]);
        let starts_tag = rest[start + 1..]
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        if !starts_tag {
            // A `<` not followed by a tag name is text (`2 < 3`).
            out.text("<");
            rest = &rest[start + 1..];
            continue;
        }
        let Some(end) = rest[start..].find('>') else {
            // A lone `<` is text, not a tag.
            out.text(&rest[start..]);
            rest = "";
            break;
        };
        out.tag(&rest[start + 1..start + end]);
        rest = &rest[start + end + 1..];
    }
    out.text(rest);
    out.finish()
}

#[derive(Default)]
struct Markdown {
    out: String,
    /// Pending link target while inside `<a href=...>`.
    link: Option<String>,
    list_depth: usize,
    in_code: bool,
}

impl Markdown {
    fn text(&mut self, text: &str) {
        let text = decode_entities(text);
        let mut collapsed = String::new();
        for (i, word) in text.split_whitespace().enumerate() {
            if i > 0 {
                collapsed.push(' ');
            }
            collapsed.push_str(word);
        }
        if collapsed.is_empty() {
            if text.chars().any(char::is_whitespace)
                && !self.out.ends_with([' ', '\n'])
                && !self.out.is_empty()
            {
                self.out.push(' ');
            }
            return;
        }
        if text.starts_with(char::is_whitespace)
            && !self.out.ends_with([' ', '\n'])
            && !self.out.is_empty()
        {
            self.out.push(' ');
        }
        if self.in_code {
            self.out.push_str(&collapsed.replace('`', "'"));
        } else {
            self.out.push_str(&escape_markdown(&collapsed));
        }
        if text.ends_with(char::is_whitespace) {
            self.out.push(' ');
        }
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            (
                "p" | "div" | "note" | "important" | "ul" | "ol" | "dl" | "h1" | "h2" | "h3" | "h4",
                _,
            ) => {
                if matches!(name.as_str(), "ul" | "ol") {
                    self.list_depth = if closing {
                        self.list_depth.saturating_sub(1)
                    } else {
                        self.list_depth + 1
                    };
                }
                self.paragraph();
            }
            ("br", _) => self.newline(),
            ("li" | "dt" | "dd", false) => {
                self.newline();
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.out.push_str(&indent);
                self.out.push_str("- ");
            }
            ("code", false) => {
                self.out.push('`');
                self.in_code = true;
            }
            ("code", true) => {
                self.out.push('`');
                self.in_code = false;
            }
            ("b" | "strong", _) => self.out.push_str("**"),
            ("i" | "em", _) => self.out.push('*'),
            ("a", false) => {
                self.link = href(body);
                if self.link.is_some() {
                    self.out.push('[');
                }
            }
            ("a", true) => {
                if let Some(link) = self.link.take() {
                    self.out.push_str(&format!("]({link})"));
                }
            }
            _ => {}
        }
    }

    fn trim_trailing_spaces(&mut self) {
        while self.out.ends_with(' ') {
            self.out.pop();
        }
    }

    fn newline(&mut self) {
        self.trim_trailing_spaces();
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn paragraph(&mut self) {
        if self.list_depth > 0 {
            // Paragraphs inside list items stay in the item.
            if !self.out.is_empty() && !self.out.ends_with(['\n', ' ']) {
                self.out.push(' ');
            }
            return;
        }
        self.trim_trailing_spaces();
        if self.out.is_empty() {
            return;
        }
        while !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn finish(mut self) -> String {
        if self.in_code {
            self.out.push('`');
        }
        let lines: Vec<&str> = self.out.lines().map(str::trim_end).collect();
        let mut text = lines.join("\n");
        while text.contains("\n\n\n") {
            text = text.replace("\n\n\n", "\n\n");
        }
        text.trim().to_owned()
    }
}

fn href(tag: &str) -> Option<String> {
    let start = tag.find("href=")? + 5;
    let rest = &tag[start..];
    let quote = rest.chars().next()?;
    let url = if quote == '"' || quote == '\'' {
        rest[1..].split(quote).next()?
    } else {
        rest.split_whitespace().next()?
    };
    // Only absolute web links: anything else would be a broken intra-doc link.
    (url.starts_with("https://") || url.starts_with("http://"))
        .then(|| url.replace(['(', ')', ' '], ""))
}

fn decode_entities(text: &str) -> Cow<'_, str> {
    // Most text has no entity: it is not copied four times to find none.
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    // `&lt;`, `&gt;` and `&amp;` stay encoded: Markdown renders them, and decoding `&lt;`
    // could make text look like an HTML tag.
    Cow::Owned(
        text.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&apos;", "'")
            .replace("&nbsp;", " "),
    )
}

/// Characters that would make Markdown structure (or intra-doc links) out of plain text.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '*' | '_' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_code_and_emphasis() {
        assert_eq!(
            to_markdown("<p>Uses <code>WhatsAppSignupCallback</code> and <b>bold</b>.</p>\n   <p>Second <i>one</i>.</p>"),
            "Uses `WhatsAppSignupCallback` and **bold**.\n\nSecond *one*."
        );
    }

    #[test]
    fn lists_become_bullets() {
        assert_eq!(
            to_markdown("<p>Regions:</p><ul><li><p>Australia <b>AU</b></p></li><li><p>Japan <b>JP</b></p></li></ul>"),
            "Regions:\n\n- Australia **AU**\n- Japan **JP**"
        );
    }

    #[test]
    fn links_keep_absolute_targets_only() {
        assert_eq!(
            to_markdown(
                r##"<p>See <a href="https://example.com/x">the guide</a> or <a href="#local">here</a>.</p>"##
            ),
            "See [the guide](https://example.com/x) or here."
        );
    }

    #[test]
    fn text_cannot_become_markdown_or_tags() {
        assert_eq!(
            to_markdown("<p>a [link] *star* &lt;tag&gt; 2 < 3</p>"),
            "a \\[link\\] \\*star\\* &lt;tag&gt; 2 &lt; 3"
        );
    }

    #[test]
    fn plain_text_is_not_html() {
        assert!(!is_html("Just text with a < sign"));
        assert!(is_html("<p>x</p>"));
    }
}
