use serde_json::json;

use super::*;
use crate::test_fixtures::field;

static TAG: Schema = Schema::Structure(&[
    field("key", &Schema::String),
    field("value", &Schema::String),
]);
static TAGS: Schema = Schema::List(&TAG);
static DESTINATION: Schema = Schema::Structure(&[field("eventDestinationArn", &Schema::String)]);
static WABA: Schema = Schema::Structure(&[
    field("id", &Schema::String),
    field("eventDestinations", &Schema::List(&DESTINATION)),
    field("tags", &TAGS),
]);
static SETUP: Schema = Schema::Structure(&[
    field("associateInProgressToken", &Schema::String),
    field("count", &Schema::Integer),
    field("enabled", &Schema::Boolean),
    field("names", &Schema::List(&Schema::String)),
    field("labels", &Schema::Map(&Schema::String)),
    field("waba", &WABA),
    field("extra", &Schema::Document),
]);
static CHOICE: Schema = Schema::Union(&[field("a", &Schema::String), field("b", &Schema::Integer)]);
static NODE: Schema = Schema::Structure(&[field("name", &Schema::String), field("child", &NODE)]);

#[test]
fn flat_structure_with_coerced_scalars() {
    let v = parse(
        "associateInProgressToken=tok-123,count=5,enabled=true",
        &SETUP,
    )
    .unwrap();
    assert_eq!(
        v,
        json!({"associateInProgressToken": "tok-123", "count": 5, "enabled": true})
    );
}

#[test]
fn nested_structures_and_lists() {
    let v = parse(
        "waba={id=x,tags=[{key=k,value=v}],eventDestinations=[{eventDestinationArn=arn:aws:sns:us-east-1:1:e}]}",
        &SETUP,
    )
    .unwrap();
    assert_eq!(
        v,
        json!({"waba": {"id": "x", "tags": [{"key": "k", "value": "v"}],
            "eventDestinations": [{"eventDestinationArn": "arn:aws:sns:us-east-1:1:e"}]}})
    );
}

#[test]
fn csv_lists_stop_at_the_next_member() {
    let v = parse("names=a,b,c,count=2", &SETUP).unwrap();
    assert_eq!(v, json!({"names": ["a", "b", "c"], "count": 2}));
    let v = parse("waba={tags={key=a},{key=b},id=w}", &SETUP).unwrap();
    assert_eq!(
        v,
        json!({"waba": {"tags": [{"key": "a"}, {"key": "b"}], "id": "w"}})
    );
    let v = parse("names=[],count=0", &SETUP).unwrap();
    assert_eq!(v, json!({"names": [], "count": 0}));
}

#[test]
fn maps_take_any_keys() {
    let v = parse("labels={team=support,'with space'=x,\"q\"=''}", &SETUP).unwrap();
    assert_eq!(
        v,
        json!({"labels": {"team": "support", "with space": "x", "q": ""}})
    );
    let top = parse("a=1,b=2", &Schema::Map(&Schema::Integer)).unwrap();
    assert_eq!(top, json!({"a": 1, "b": 2}));
}

#[test]
fn top_level_lists() {
    assert_eq!(
        parse("a,b,c", &Schema::List(&Schema::String)).unwrap(),
        json!(["a", "b", "c"])
    );
    assert_eq!(
        parse("1, 2", &Schema::List(&Schema::Long)).unwrap(),
        json!([1, 2])
    );
    assert_eq!(
        parse("key=k,value=v", &TAGS).unwrap(),
        json!([{"key": "k", "value": "v"}])
    );
    assert_eq!(
        parse("{key=a},{key=b}", &TAGS).unwrap(),
        json!([{"key": "a"}, {"key": "b"}])
    );
    assert_eq!(parse("[{key=a}]", &TAGS).unwrap(), json!([{"key": "a"}]));
}

#[test]
fn quoting_and_escapes() {
    let v = parse(r#"associateInProgressToken='a,b=c}'"#, &SETUP).unwrap();
    assert_eq!(v, json!({"associateInProgressToken": "a,b=c}"}));
    let v = parse(r#"associateInProgressToken="it's \"x\"""#, &SETUP).unwrap();
    assert_eq!(v, json!({"associateInProgressToken": "it's \"x\""}));
    let v = parse(r"associateInProgressToken='don\'t \\ \n'", &SETUP).unwrap();
    assert_eq!(v, json!({"associateInProgressToken": "don't \\ \\n"}));
    let v = parse(r"associateInProgressToken=a\,b\=c\\d\q", &SETUP).unwrap();
    assert_eq!(v, json!({"associateInProgressToken": "a,b=c\\d\\q"}));
    let v = parse(" count = 3 , names = [ x , 'y z' ] ", &SETUP).unwrap();
    assert_eq!(v, json!({"count": 3, "names": ["x", "y z"]}));
}

#[test]
fn documents_take_json() {
    let v = parse(r#"extra={"a":[1,"}"]},count=1"#, &SETUP).unwrap();
    assert_eq!(v, json!({"extra": {"a": [1, "}"]}, "count": 1}));
    let v = parse("extra=12", &SETUP).unwrap();
    assert_eq!(v, json!({"extra": 12}));
}

#[test]
fn unions_take_exactly_one_member() {
    assert_eq!(parse("b=2", &CHOICE).unwrap(), json!({"b": 2}));
    let err = parse("a=x,b=2", &CHOICE).unwrap_err();
    assert!(err.message.contains("exactly one member"), "{err:?}");
}

#[test]
fn recursive_structures_nest() {
    let v = parse("name=a,child={name=b,child={name=c}}", &NODE).unwrap();
    assert_eq!(
        v,
        json!({"name": "a", "child": {"name": "b", "child": {"name": "c"}}})
    );
}

#[test]
fn errors_say_where_and_what_was_expected() {
    let err = parse("count=5,bogus=1", &SETUP).unwrap_err();
    assert_eq!(err.position, 8);
    assert!(err
        .message
        .starts_with("unknown member 'bogus'; valid members are: associateInProgressToken"));

    let err = parse("count=five", &SETUP).unwrap_err();
    assert_eq!(err.position, 6);
    assert!(
        err.message.contains("expected an integer"),
        "{}",
        err.message
    );

    let err = parse("waba=x", &SETUP).unwrap_err();
    assert_eq!(err.position, 5);
    assert!(err.message.starts_with("expected '{'"), "{}", err.message);

    let err = parse("waba={id=x", &SETUP).unwrap_err();
    assert_eq!(err.position, 10);
    assert_eq!(
        err.message,
        "expected ',' or '}' after a member, found the end of the input"
    );

    let err = parse("count", &SETUP).unwrap_err();
    assert_eq!(
        (err.position, err.message.as_str()),
        (5, "expected '=' after 'count', found the end of the input")
    );

    let err = parse("associateInProgressToken='abc", &SETUP).unwrap_err();
    assert_eq!(err.position, 25);
    assert!(err.message.contains("unterminated"));

    let err = parse("count=1,count=2", &SETUP).unwrap_err();
    assert!(err.message.contains("more than once"));

    let err = parse("names=[a,b", &SETUP).unwrap_err();
    assert!(
        err.message.starts_with("expected ',' or ']'"),
        "{}",
        err.message
    );

    let err = parse("count=1,", &SETUP).unwrap_err();
    assert!(
        err.message.starts_with("expected a member name"),
        "{}",
        err.message
    );
}

#[test]
fn describe_points_at_the_position() {
    let input = "count=5,bogus=1";
    let err = parse(input, &SETUP).unwrap_err();
    let text = err.describe(input);
    assert!(
        text.ends_with("(at character 9):\n  count=5,bogus=1\n          ^"),
        "{text}"
    );
}

#[test]
fn hostile_nesting_is_an_error_not_a_crash() {
    let deep = "child={".repeat(500);
    let err = parse(&format!("name=a,{deep}"), &NODE).unwrap_err();
    assert!(err.message.contains("nested deeper"), "{}", err.message);
}

/// Random text over the syntax's special characters: always a value or an error, never a panic.
#[test]
fn random_input_never_panics() {
    const ALPHABET: &[char] = &[
        'a', '1', '=', ',', '{', '}', '[', ']', '\'', '"', '\\', ' ', 'é', '-', '.',
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push(ALPHABET[(seed % ALPHABET.len() as u64) as usize]);
        }
        for schema in [
            &SETUP,
            &TAGS,
            &CHOICE,
            &NODE,
            &Schema::Map(&Schema::Integer),
            &Schema::List(&Schema::String),
        ] {
            if let Err(err) = parse(&text, schema) {
                assert!(err.position <= text.chars().count(), "{text:?}: {err:?}");
                let _ = err.describe(&text);
            }
        }
    }
}
