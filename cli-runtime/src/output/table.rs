//! `--output table`: a simple boxed table. Each object becomes a titled section (the operation's name at the
//! top, then the key of each nested object or list): its scalar members as a header row and a value row (a single
//! scalar as one `key | value` row); a list of objects as a header row and one row per object. Sections are
//! stacked in one box of a common width.

use serde_json::{Map, Value};

struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// colorama's bright blue, then its reset: the AWS CLI's colour for a table's values (not its titles or headers).
const VALUE_STYLE: (&str, &str) = ("\x1b[1m\x1b[34m", "\x1b[0m");

#[cfg(test)]
pub(crate) fn to_table(value: &Value, title: &str) -> String {
    to_styled_table(value, title, false)
}

/// The table, its values coloured when `color` is set.
pub(crate) fn to_styled_table(value: &Value, title: &str, color: bool) -> String {
    let mut sections = Vec::new();
    collect(value, title, &mut sections);
    render(&sections, color)
}

fn collect(value: &Value, title: &str, sections: &mut Vec<Section>) {
    match value {
        Value::Object(map) => collect_object(map, title, sections),
        Value::Array(items) => collect_list(items, title, sections),
        scalar => sections.push(Section {
            title: title.to_owned(),
            headers: Vec::new(),
            rows: vec![vec![cell(scalar)]],
        }),
    }
}

fn collect_object(map: &Map<String, Value>, title: &str, sections: &mut Vec<Section>) {
    let (scalars, nested): (Vec<_>, Vec<_>) = map.iter().partition(|(_, v)| !is_nested(v));
    let mut section = Section {
        title: title.to_owned(),
        headers: Vec::new(),
        rows: Vec::new(),
    };
    match scalars.as_slice() {
        [] => {}
        [(key, value)] => section.rows.push(vec![(*key).clone(), cell(value)]),
        many => {
            section.headers = many.iter().map(|(k, _)| (*k).clone()).collect();
            section
                .rows
                .push(many.iter().map(|(_, v)| cell(v)).collect());
        }
    }
    sections.push(section);
    for (key, value) in nested {
        collect(value, key, sections);
    }
}

fn collect_list(items: &[Value], title: &str, sections: &mut Vec<Section>) {
    let mut headers: Vec<String> = Vec::new();
    for map in items.iter().filter_map(Value::as_object) {
        for (key, value) in map {
            if !is_nested(value) && !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let mut rows = Vec::new();
    for item in items {
        match item {
            Value::Object(map) => rows.push(
                headers
                    .iter()
                    .map(|h| map.get(h).map(cell).unwrap_or_default())
                    .collect(),
            ),
            Value::Array(_) => {}
            scalar => {
                let mut row = vec![cell(scalar)];
                row.resize(headers.len().max(1), String::new());
                rows.push(row);
            }
        }
    }
    sections.push(Section {
        title: title.to_owned(),
        headers,
        rows,
    });
    for item in items {
        match item {
            Value::Object(map) => {
                for (key, value) in map.iter().filter(|(_, v)| is_nested(v)) {
                    collect(value, key, sections);
                }
            }
            Value::Array(_) => collect(item, title, sections),
            _ => {}
        }
    }
}

fn is_nested(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

fn cell(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        other => other.to_string(),
    };
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// Column widths of a section (at least one column), widened so the row spans `total` characters.
fn column_widths(section: &Section, total: usize) -> Vec<usize> {
    let columns = section
        .rows
        .iter()
        .map(Vec::len)
        .chain([section.headers.len(), 1])
        .max()
        .unwrap_or(1);
    let mut widths = vec![0; columns];
    for row in section.rows.iter().chain([&section.headers]) {
        for (i, text) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(text));
        }
    }
    let natural = row_width(&widths);
    if let Some(last) = widths.last_mut() {
        *last += total.saturating_sub(natural);
    }
    widths
}

/// `| a | b |` is each width plus 3, plus 1.
fn row_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 3).sum::<usize>() + 1
}

fn render(sections: &[Section], color: bool) -> String {
    let total = sections
        .iter()
        .map(|s| row_width(&column_widths(s, 0)).max(width(&s.title) + 4))
        .max()
        .unwrap_or(4);
    let mut out = String::new();
    out.push_str(&border(&[total - 4]));
    for section in sections {
        let widths = column_widths(section, total);
        out.push_str(&format!("|{:^w$}|\n", section.title, w = total - 2));
        out.push_str(&border(&widths));
        if !section.headers.is_empty() {
            out.push_str(&row(&section.headers, &widths, false));
            out.push_str(&border(&widths));
        }
        for cells in &section.rows {
            out.push_str(&row(cells, &widths, color));
        }
        if !section.rows.is_empty() {
            out.push_str(&border(&widths));
        }
    }
    out
}

fn border(widths: &[usize]) -> String {
    let parts: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    format!("+{}+\n", parts.join("+"))
}

fn row(cells: &[String], widths: &[usize], color: bool) -> String {
    let parts: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            let padding = " ".repeat(w.saturating_sub(width(text)));
            match color && !text.is_empty() {
                true => format!(" {}{text}{}{padding} ", VALUE_STYLE.0, VALUE_STYLE.1),
                false => format!(" {text}{padding} "),
            }
        })
        .collect();
    format!("|{}|\n", parts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sections_rows_and_columns() {
        let v = json!({
            "statusCode": 200,
            "result": {"token": "t", "numbers": [{"arn": "a1", "phone": "+1"}, {"arn": "a2"}]}
        });
        let expected = "\
+------------------+
|   CreateThing    |
+------------+-----+
| statusCode | 200 |
+------------+-----+
|      result      |
+-------+----------+
| token | t        |
+-------+----------+
|     numbers      |
+-----+------------+
| arn | phone      |
+-----+------------+
| a1  | +1         |
| a2  |            |
+-----+------------+
";
        assert_eq!(to_table(&v, "CreateThing"), expected);
    }

    #[test]
    fn scalars_and_lists_of_scalars() {
        assert_eq!(
            to_table(&json!("x"), "T"),
            "+---+\n| T |\n+---+\n| x |\n+---+\n"
        );
        let text = to_table(&json!(["a", "bb"]), "Names");
        let colored = to_styled_table(&json!(["a", "bb"]), "Names", true);
        assert_eq!(
            colored
                .replace("\x1b[1m\x1b[34m", "")
                .replace("\x1b[0m", ""),
            text
        );
        assert!(colored.contains("| \x1b[1m\x1b[34mbb\x1b[0m "), "{colored}");
        assert_eq!(
            text,
            "+-------+\n| Names |\n+-------+\n| a     |\n| bb    |\n+-------+\n"
        );
    }
}
