//! `--generate-cli-skeleton`: a JSON value of the schema's shape with placeholder leaves, like the AWS CLI's:
//! `""` for strings (the first value for enums), `0` for integers, `0.0` for floats, `false` for booleans, one
//! element for lists, `{"KeyName": ...}` for maps. A structure already being expanded (recursion) becomes `{}`.

use serde_json::{Map, Value};

use crate::schema::Schema;

/// Deeper than any real model; a guard against self-referential lists or maps, which Smithy does not allow.
const MAX_DEPTH: usize = 32;

pub(crate) fn skeleton(schema: &'static Schema) -> Value {
    node(schema, &mut Vec::new())
}

fn node(schema: &'static Schema, path: &mut Vec<*const Schema>) -> Value {
    let recursive = path.iter().any(|p| std::ptr::eq(*p, schema));
    if (recursive || path.len() >= MAX_DEPTH) && !schema.is_scalar() {
        return match schema {
            Schema::List(_) => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        };
    }
    path.push(schema);
    let value = match schema {
        Schema::String | Schema::Blob => Value::String(String::new()),
        Schema::Enum(values) => Value::String(values.first().copied().unwrap_or("").to_owned()),
        Schema::Timestamp => Value::String("1970-01-01T00:00:00".to_owned()),
        Schema::Boolean => Value::Bool(false),
        Schema::Byte | Schema::Short | Schema::Integer | Schema::Long | Schema::BigInteger => {
            Value::from(0)
        }
        Schema::IntEnum(values) => Value::from(values.first().copied().unwrap_or(0)),
        Schema::Float | Schema::Double | Schema::BigDecimal => Value::from(0.0),
        Schema::Document => Value::Object(Map::new()),
        Schema::List(element) => Value::Array(vec![node(element, path)]),
        Schema::Map(values) => {
            Value::Object(Map::from_iter([("KeyName".to_owned(), node(values, path))]))
        }
        Schema::Structure(fields) | Schema::Union(fields) => Value::Object(
            fields
                .iter()
                .map(|f| (f.name.to_owned(), node(f.schema, path)))
                .collect(),
        ),
    };
    path.pop();
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{INPUT, NODE};
    use serde_json::json;

    #[test]
    fn placeholders_by_type() {
        assert_eq!(
            skeleton(&INPUT),
            json!({
                "name": "",
                "count": 0,
                "ratio": 0.0,
                "enabled": false,
                "color": "RED",
                "signupCallback": {"accessToken": ""},
                "tags": [{"key": "", "value": ""}],
                "labels": {"KeyName": ""},
                "when": "1970-01-01T00:00:00",
                "node": {"name": "", "child": {}, "children": [{}]},
                "pin": ""
            })
        );
    }

    #[test]
    fn recursion_stops_at_a_structure_already_expanded() {
        assert_eq!(
            skeleton(&NODE),
            json!({"name": "", "child": {}, "children": [{}]})
        );
    }

    #[test]
    fn self_referential_lists_end() {
        static LOOP: Schema = Schema::List(&LOOP);
        assert_eq!(skeleton(&LOOP), json!([[]]));
    }
}
