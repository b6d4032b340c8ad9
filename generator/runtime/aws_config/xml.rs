//! Just enough XML for STS's awsQuery answers: the text of the first element of a name, entities decoded.
//! STS answers are small and flat (no repeated or nested element of the same name), so no full parser is needed.

/// The decoded text of the first `<name>` element anywhere in `xml`; `None` when there is none.
pub fn text(xml: &str, name: &str) -> Option<String> {
    inner(xml, name).map(decode)
}

/// The raw content of the first `<name>` element (empty for `<name/>`).
pub fn inner<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(found) = xml[from..].find('<') {
        let start = from + found + 1;
        let rest = &xml[start..];
        from = start;
        let Some(after) = rest.strip_prefix(name) else {
            continue;
        };
        // `<name>`, `<name attr="...">` or `<name/>`, not `<nameLonger>`.
        if !after.starts_with(['>', '/', ' ', '\t', '\r', '\n']) {
            continue;
        }
        let open_end = after.find('>')?;
        if after[..open_end].ends_with('/') {
            return Some("");
        }
        let body = &after[open_end + 1..];
        let close = format!("</{name}");
        let end = body.find(&close)?;
        return Some(&body[..end]);
    }
    None
}

/// Decodes the five named entities, numeric references and CDATA sections.
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let end = after.find("]]>").unwrap_or(after.len());
            out.push_str(&after[..end]);
            rest = after.get(end + 3..).unwrap_or("");
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        if c == '&' {
            if let Some(semi) = rest.find(';').filter(|&i| i <= 10) {
                let entity = &rest[1..semi];
                let decoded = match entity {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => entity
                        .strip_prefix("#x")
                        .map(|h| u32::from_str_radix(h, 16))
                        .or_else(|| entity.strip_prefix('#').map(str::parse))
                        .and_then(Result::ok)
                        .and_then(char::from_u32),
                };
                if let Some(d) = decoded {
                    out.push(d);
                    rest = &rest[semi + 1..];
                    continue;
                }
            }
        }
        out.push(c);
        rest = chars.as_str();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_elements_by_exact_name() {
        let xml = r#"<?xml version="1.0"?><R xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
            <Credentials><AccessKeyIdX>no</AccessKeyIdX><AccessKeyId>AK</AccessKeyId>
            <SessionToken>a&amp;b&#43;c&#x2F;d</SessionToken><Empty/><C><![CDATA[<x>]]></C></Credentials></R>"#;
        assert_eq!(text(xml, "AccessKeyId").as_deref(), Some("AK"));
        assert_eq!(text(xml, "SessionToken").as_deref(), Some("a&b+c/d"));
        assert_eq!(text(xml, "Empty").as_deref(), Some(""));
        assert_eq!(text(xml, "C").as_deref(), Some("<x>"));
        assert_eq!(text(xml, "Missing"), None);
        assert!(inner(xml, "Credentials").unwrap().contains("SessionToken"));
        // Unclosed or broken documents give nothing, never a panic.
        assert_eq!(text("<A>x", "A"), None);
        assert_eq!(text("<A", "A"), None);
        assert_eq!(
            text("&bogus;<A>&;&#xZZ;é</A>", "A").as_deref(),
            Some("&;&#xZZ;é")
        );
    }
}
