//! Behaviour of the crates generated from the hostile models (compiled and run by
//! `tests/hostile_models.rs` as the library tests of the `hostile-behaviour` crate, beside the
//! generated crates). Each test uses names the model made hostile: keywords, helper names,
//! recursive shapes, odd enum values and numbers at the edges of their types.

#![cfg(test)]

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

const ENDPOINT: &str = "https://example.com";

/// `value` to JSON and back gives the same value, and the JSON is `expected`.
fn round_trip<T>(value: &T, expected: Value)
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(value).expect("serializes");
    assert_eq!(written, expected, "{value:?}");
    let text = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&text).expect("reads back what it wrote");
    assert_eq!(&back, value, "{text}");
}

fn headers(pairs: &[(&'static str, &str)]) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().expect("a valid header value"));
    }
    map
}

fn body_json(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).expect("a JSON body")
}

mod keywords {
    use super::*;
    use hostile_keywords::operation::type_::{self, TypeError, TypeInput};
    use hostile_keywords::types::{Async, Crate, Impl, Try};

    fn sample_crate() -> Crate {
        Crate::builder()
            .r#type("t")
            .self_(1)
            .super_(true)
            .r#as("as")
            .r#await("await")
            .r#dyn("dyn")
            .r#false(false)
            .r#true(true)
            .r#gen("gen")
            .r#yield("yield")
            .r#union("union")
            .macro_rules("rules")
            .build()
            .expect("every required member is set")
    }

    #[test]
    fn keyword_members_keep_their_wire_names() {
        let value = sample_crate();
        assert_eq!(value.crate_, "crate", "the default of `crate`");
        round_trip(
            &value,
            json!({
                "type": "t", "self": 1, "super": true, "crate": "crate", "as": "as",
                "await": "await", "dyn": "dyn", "false": false, "true": true, "gen": "gen",
                "yield": "yield", "union": "union", "macro_rules": "rules"
            }),
        );
    }

    #[test]
    fn a_missing_keyword_member_is_named() {
        let error = Crate::builder()
            .build()
            .expect_err("required members are missing");
        let text = error.to_string();
        for name in ["crate.type", "crate.self", "crate.super"] {
            assert!(text.contains(name), "`{name}` not in: {text}");
        }
    }

    #[test]
    fn keyword_enums_and_unions_round_trip() {
        for (value, text) in [
            (Try::Type, "type"),
            (Try::SelfValue, "self"),
            (Try::Crate, "crate"),
            (Try::Fn, "fn"),
            (Try::Async, "async"),
        ] {
            assert_eq!(Try::from(text), value);
            round_trip(&value, json!(text));
        }
        round_trip(&Async::Type("t".into()), json!({"type": "t"}));
        round_trip(&Async::SelfValue(-1), json!({"self": -1}));
        round_trip(&Async::Super, json!({"super": {}}));
        let nested = Impl::builder()
            .r#dyn("d")
            .self_(Impl::builder().r#dyn("inner").build())
            .build();
        round_trip(
            &Async::Mod(Box::new(Async::Impl(nested))),
            json!({"mod": {"impl": {"dyn": "d", "self": {"dyn": "inner"}}}}),
        );
    }

    #[test]
    fn keyword_members_bind_to_label_header_query_and_body() {
        let input = TypeInput::builder()
            .r#type("a b/c")
            .r#match("m")
            .self_("s&t")
            .r#fn(3)
            .r#mod(true)
            .r#try(Try::Match)
            .build();
        let request = type_::serialize_request_unchecked(&input, ENDPOINT).expect("builds");
        assert_eq!(request.method(), http::Method::PUT);
        assert_eq!(request.uri().path(), "/things/a%20b%2Fc");
        assert_eq!(request.uri().query(), Some("self=s%26t"));
        assert_eq!(request.headers()["x-match"], "m");
        assert_eq!(
            body_json(&request),
            json!({"fn": 3, "mod": true, "try": "match"})
        );
    }

    #[test]
    fn keyword_outputs_and_errors_parse() {
        let body = json!({
            "type": "t", "crate": {"type": "c", "self": 2, "super": false},
            "try": "fn", "super": [{"dyn": "x"}], "mod": true
        });
        let output = type_::parse_response(
            200,
            &headers(&[("x-match", "m")]),
            body.to_string().as_bytes(),
        )
        .expect("a valid response");
        assert_eq!(output.r#type, "t");
        assert_eq!(output.r#match.as_deref(), Some("m"));
        assert_eq!(output.self_, Some(200));
        assert_eq!(output.r#try, Try::Fn);
        assert_eq!(output.r#fn, 7, "the default of `fn`");
        assert_eq!(output.crate_.self_, 2);
        assert_eq!(output.super_[0].r#dyn.as_deref(), Some("x"));

        let error = type_::parse_response(
            400,
            &headers(&[("x-amzn-errortype", "loop"), ("x-type", "kind")]),
            br#"{"message": "went round"}"#,
        )
        .expect_err("an error status");
        let TypeError::Loop(error) = error else {
            panic!("expected the `loop` error, got {error:?}");
        };
        assert_eq!(error.r#type.as_deref(), Some("kind"));
        assert_eq!(error.message(), Some("went round"));
    }
}

mod helpers {
    use super::*;
    use hostile_helper_names::operation::build::{self as build_op, BuildError};
    use hostile_helper_names::types::{
        Box as BoxShape, Builder, Option as OptionShape, Result as ResultShape,
        String as StringShape, UnknownCase, UnknownInts, UnknownUnion, UnknownValues,
    };

    #[test]
    fn members_named_after_builder_methods_have_setters() {
        let built = Builder::builder()
            .builder("b")
            .build_value("v")
            .error("e")
            .validate("x")
            .new_value("n")
            .default_value("d")
            .clone_value("c")
            .build()
            .expect("every required member is set");
        assert_eq!(
            (
                built.builder.as_str(),
                built.build.as_str(),
                built.error.as_str()
            ),
            ("b", "v", "e")
        );
        assert_eq!(built.validate.as_deref(), Some("x"));
        assert!(built.validate().is_ok());
        let missing = Builder::builder().build().expect_err("nothing is set");
        let text = missing.to_string();
        assert!(
            text.contains("Builder.build") && text.contains(".build_value()"),
            "{text}"
        );
    }

    #[test]
    fn shapes_named_like_std_types_round_trip() {
        let value = ResultShape::builder()
            .ok("yes")
            .some("s")
            .none("n")
            .option(
                OptionShape::builder()
                    .some("inner")
                    .value(StringShape::builder().build())
                    .build(),
            )
            .build()
            .expect("`ok` is set");
        round_trip(
            &value,
            json!({"ok": "yes", "some": "s", "none": "n",
                   "option": {"some": "inner", "value": {"text": "text"}}}),
        );
        let boxed = BoxShape::builder()
            .inner(
                BoxShape::builder()
                    .vec(vec![BoxShape::builder().build()])
                    .build(),
            )
            .build();
        round_trip(&boxed, json!({"inner": {"vec": [{}]}}));
    }

    #[test]
    fn modeled_unknown_values_are_not_the_fallback() {
        assert_eq!(UnknownValues::from("UNKNOWN"), UnknownValues::UnknownValue);
        assert_eq!(UnknownValues::from("UNKNOWN").as_str(), "UNKNOWN");
        let other = UnknownValues::from("SOMETHING_ELSE");
        assert!(matches!(other, UnknownValues::Unknown(_)), "{other:?}");
        round_trip(&other, json!("SOMETHING_ELSE"));
        assert_eq!(UnknownCase::from("Unknown"), UnknownCase::UnknownValue);
        round_trip(&UnknownCase::UnknownValue, json!("Unknown"));
        assert_eq!(UnknownInts::from(0), UnknownInts::UnknownValue);
        assert_eq!(UnknownInts::from(7), UnknownInts::Unknown(7));
        round_trip(
            &UnknownUnion::UnknownValue("u".into()),
            json!({"unknown": "u"}),
        );
        let unmodeled: UnknownUnion = serde_json::from_value(json!({"zzz": 1})).expect("reads");
        assert_eq!(unmodeled, UnknownUnion::Unknown("zzz".into()));
    }

    #[test]
    fn an_error_shape_named_unhandled_is_its_own_variant() {
        let error = build_op::parse_response(
            418,
            &headers(&[("x-amzn-errortype", "Unhandled")]),
            br#"{"message": "modeled"}"#,
        )
        .expect_err("an error status");
        assert!(matches!(error, BuildError::UnhandledValue(_)), "{error:?}");
        assert_eq!(error.message(), Some("modeled"));
        let error = build_op::parse_response(
            418,
            &headers(&[("x-amzn-errortype", "SomethingElse")]),
            b"{}",
        )
        .expect_err("an error status");
        assert!(matches!(error, BuildError::Unhandled(_)), "{error:?}");
        let error =
            build_op::parse_response(500, &headers(&[("x-amzn-errortype", "Error")]), b"{}")
                .expect_err("an error status");
        assert!(matches!(error, BuildError::Error(_)), "{error:?}");
    }
}

mod recursion {
    use super::*;
    use hostile_recursion::operation::walk;
    use hostile_recursion::types::{Expr, Graph, Node, Pair, Ping, Pong, Tree};

    fn chain(depth: i32) -> Node {
        let mut node = Node::builder().value(depth).build().expect("value is set");
        for value in (0..depth).rev() {
            node = Node::builder()
                .value(value)
                .next(node)
                .build()
                .expect("value is set");
        }
        node
    }

    #[test]
    fn recursive_structures_round_trip() {
        let node = chain(50);
        let text = serde_json::to_string(&node).expect("writes");
        let back: Node = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, node);
        round_trip(
            &Ping::builder()
                .pong(Pong::builder().ping(Ping::builder().build()).build())
                .build(),
            json!({"pong": {"ping": {}, "label": "pong"}}),
        );
        let tree = Tree::builder()
            .name("root")
            .children(vec![Tree::builder().children(vec![]).build().expect("set")])
            .by_name(
                [(
                    "leaf".to_owned(),
                    Tree::builder().children(vec![]).build().expect("set"),
                )]
                .into_iter()
                .collect::<std::collections::HashMap<_, _>>(),
            )
            .build()
            .expect("children are set");
        round_trip(
            &tree,
            json!({"name": "root", "children": [{"children": []}],
                   "byName": {"leaf": {"children": []}}}),
        );
    }

    #[test]
    fn recursive_unions_round_trip() {
        let expr = Expr::Add(Box::new(
            Pair::builder()
                .left(Expr::Negate(Box::new(Expr::Literal(1))))
                .right(Expr::All(vec![Expr::Nothing, Expr::Literal(2)]))
                .build()
                .expect("both sides are set"),
        ));
        round_trip(
            &expr,
            json!({"add": {"left": {"negate": {"literal": 1}},
                           "right": {"all": [{"nothing": {}}, {"literal": 2}]}}}),
        );
        let graph = Graph::Edges(
            [("a".to_owned(), Graph::Leaf("b".into()))]
                .into_iter()
                .collect(),
        );
        round_trip(&graph, json!({"edges": {"a": {"leaf": "b"}}}));
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
        let depth = 100_000;
        let text = format!("{}{}", "{\"next\":".repeat(depth), "}".repeat(depth));
        let result: Result<Node, _> = serde_json::from_str(&text);
        assert!(result.is_err());
        let text = format!("{}1{}", "{\"negate\":".repeat(depth), "}".repeat(depth));
        assert!(serde_json::from_str::<Expr>(&text).is_err());
        let body = format!(
            "{{\"node\":{}{}}}",
            "{\"next\":".repeat(depth),
            "}".repeat(depth)
        );
        let parsed = walk::parse_response(200, &http::HeaderMap::new(), body.as_bytes());
        assert!(parsed.is_err());
    }
}

mod enum_values {
    use super::*;
    use hostile_enum_values::operation::echo::{self, EchoInput};
    use hostile_enum_values::types::Value as Hostile;

    #[test]
    fn every_value_round_trips_exactly() {
        assert_eq!(Hostile::values().len(), 20);
        for text in Hostile::values() {
            let value = Hostile::from(*text);
            assert!(!matches!(value, Hostile::Unknown(_)), "{text:?}");
            assert_eq!(value.as_str(), *text);
            round_trip(&value, json!(text));
        }
        assert_eq!(Hostile::from("say \"hi\""), Hostile::Quote);
        assert_eq!(Hostile::from("back\\slash\\"), Hostile::Backslash);
        assert_eq!(Hostile::from("naïve café 漢字 🦀"), Hostile::NonAscii);
        assert_eq!(Hostile::from("line one\nline two"), Hostile::Newline);
        assert_eq!(Hostile::from(""), Hostile::Empty);
        assert_eq!(Hostile::from("Unknown"), Hostile::UnknownText);
        let unknown = Hostile::from("line one");
        assert!(matches!(unknown, Hostile::Unknown(_)));
        round_trip(&unknown, json!("line one"));
    }

    #[test]
    fn defaults_keep_quotes_and_backslashes() {
        let output = echo::parse_response(200, &http::HeaderMap::new(), br#"{"body": ""}"#)
            .expect("a valid response");
        assert_eq!(output.body, Hostile::Empty);
        assert_eq!(output.defaulted, Hostile::Backslash);
    }

    #[test]
    fn odd_values_in_labels_headers_and_queries() {
        let input = EchoInput::builder()
            .label(Hostile::Quote)
            .query(Hostile::NonAscii)
            .body(Hostile::Newline)
            .build();
        let request = echo::serialize_request_unchecked(&input, ENDPOINT).expect("builds");
        assert_eq!(request.uri().path(), "/echo/say%20%22hi%22");
        assert_eq!(
            request.uri().query(),
            Some("value=na%C3%AFve%20caf%C3%A9%20%E6%BC%A2%E5%AD%97%20%F0%9F%A6%80")
        );
        assert_eq!(body_json(&request)["body"], "line one\nline two");

        // A value that cannot be a header is an error, never a panic.
        let input = EchoInput::builder()
            .label(Hostile::Space)
            .header(Hostile::Newline)
            .build();
        assert!(echo::serialize_request_unchecked(&input, ENDPOINT).is_err());
        // An empty label would change the path.
        let input = EchoInput::builder().label(Hostile::Empty).build();
        assert!(echo::serialize_request_unchecked(&input, ENDPOINT).is_err());
    }

    #[test]
    fn patterns_with_quotes_backslashes_and_newlines() {
        let valid = EchoInput::builder()
            .label(Hostile::Quote)
            .quoted("\"plain\"")
            .backslashes("\\\\")
            .non_ascii("é漢🦀")
            .newline("a\nb")
            .fence("x\n```\ny")
            .ticks("``")
            .comment("/* c */")
            .braces("{}")
            .lookahead("user")
            .build();
        assert!(valid.validate().is_ok(), "{:?}", valid.validate());
        let invalid = EchoInput::builder()
            .label(Hostile::Quote)
            .quoted("\"in\"side\"")
            .backslashes("/")
            .non_ascii("e")
            .newline("a b")
            .fence("x```y")
            .ticks("'")
            .comment("/* c")
            .braces("{ }")
            .lookahead("administrator")
            .build();
        let errors = invalid.validate().expect_err("every pattern fails");
        let text = errors.to_string();
        for member in [
            "quoted",
            "backslashes",
            "nonAscii",
            "newline",
            "fence",
            "ticks",
            "comment",
            "braces",
            // A lookahead: checked by `regress`, which the crate then depends on.
            "lookahead",
        ] {
            assert!(text.contains(member), "`{member}` not in: {text}");
        }
    }
}

mod numbers {
    use super::*;
    use hostile_numbers::operation::measure::{self, MeasureInput};
    use hostile_numbers::types::{BigDefaults, Bounded, Extremes};

    #[test]
    fn defaults_at_the_edges_of_every_type() {
        let built = Extremes::builder().build();
        let read: Extremes = serde_json::from_str("{}").expect("every member has a default");
        for value in [&built, &read] {
            assert_eq!((value.byte_min, value.byte_max), (i8::MIN, i8::MAX));
            assert_eq!((value.short_min, value.short_max), (i16::MIN, i16::MAX));
            assert_eq!((value.integer_min, value.integer_max), (i32::MIN, i32::MAX));
            assert_eq!((value.long_min, value.long_max), (i64::MIN, i64::MAX));
            assert_eq!((value.double_min, value.double_max), (f64::MIN, f64::MAX));
            assert_eq!(value.double_tiny, 5e-324);
            assert!(
                value.double_negative_zero == 0.0 && value.double_negative_zero.is_sign_negative()
            );
            assert_eq!(value.float_max, f32::MAX);
            assert_eq!(value.timestamp.as_secs_f64(), 253402300799.0);
        }
        let text = serde_json::to_string(&built).expect("writes");
        let back: Extremes = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, built, "{text}");
        assert!(text.contains("\"longMin\":-9223372036854775808"), "{text}");
        assert!(text.contains("\"longMax\":9223372036854775807"), "{text}");
    }

    #[test]
    fn big_number_defaults_keep_every_digit() {
        let small = serde_json::from_str::<BigDefaults>("{\"bigInteger\": 1, \"bigDecimal\": 2}")
            .expect("reads");
        assert_eq!(small.small_integer.as_str(), "42");
        let built = BigDefaults::builder().build();
        assert_eq!(built.big_integer.as_str(), "18446744073709551615");
        assert_eq!(
            built.big_decimal.as_str().parse::<f64>().ok(),
            Some(f64::MAX)
        );
        let read: BigDefaults = serde_json::from_str("{}").expect("every member has a default");
        assert_eq!(read, built);
    }

    #[test]
    fn full_ranges_accept_the_extremes() {
        for (long, double) in [(i64::MIN, f64::MIN), (i64::MAX, f64::MAX), (0, 0.0)] {
            let input = MeasureInput::builder()
                .long(long)
                .header_long(long)
                .query_double(double)
                .build();
            assert!(
                input.validate().is_ok(),
                "{long} {double}: {:?}",
                input.validate()
            );
            let request = measure::serialize_request(&input, ENDPOINT).expect("builds");
            assert_eq!(request.uri().path(), format!("/measure/{long}"));
            assert_eq!(request.headers()["x-long"], long.to_string().as_str());
            let query = request.uri().query().expect("a query").to_owned();
            let sent: f64 = query
                .strip_prefix("double=")
                .expect("the double")
                .parse()
                .expect("a number");
            assert_eq!(sent, double, "{query}");
        }
    }

    #[test]
    fn range_bounds_beyond_f64_precision_are_exact() {
        // 2^53 + 1 is not a double: the bound must not round to 2^53.
        let below = Bounded::builder()
            .above_odd_min(9_007_199_254_740_992_i64)
            .build();
        assert!(
            below.validate().is_err(),
            "9007199254740992 < min 9007199254740993"
        );
        let at = Bounded::builder()
            .above_odd_min(9_007_199_254_740_993_i64)
            .build();
        assert!(at.validate().is_ok(), "{:?}", at.validate());
        let above = Bounded::builder()
            .below_odd_max(-9_007_199_254_740_992_i64)
            .build();
        assert!(
            above.validate().is_err(),
            "-9007199254740992 > max -9007199254740993"
        );
        let over = Bounded::builder().near_long_max(i64::MAX).build();
        assert!(
            over.validate().is_err(),
            "i64::MAX > max 9223372036854775806"
        );
        let fraction = Bounded::builder().fraction(0.3).byte_range(i8::MIN).build();
        assert!(fraction.validate().is_ok(), "{:?}", fraction.validate());
        let fraction = Bounded::builder().fraction(0.30000000000000004).build();
        assert!(fraction.validate().is_err());
    }
}

mod minimal {
    use super::*;
    use hostile_empty_and_single::operation::{empty, nothing, single};
    use hostile_empty_and_single::types::{EmptyStructure, One, UnitOnly};

    #[test]
    fn empty_structures_and_single_member_unions_round_trip() {
        round_trip(&EmptyStructure::builder().build(), json!({}));
        let read: EmptyStructure =
            serde_json::from_value(json!({"anything": [1, 2]})).expect("extra members ignored");
        assert_eq!(read, EmptyStructure::builder().build());
        assert!(serde_json::from_value::<EmptyStructure>(json!([])).is_err());
        round_trip(&One::Only("x".into()), json!({"only": "x"}));
        round_trip(&UnitOnly::Flag, json!({"flag": {}}));
        assert!(serde_json::from_value::<One>(json!({})).is_err());
        assert!(serde_json::from_value::<One>(json!({"only": "x", "other": 1})).is_err());
    }

    #[test]
    fn operations_without_members_send_and_read_nothing() {
        let request =
            nothing::serialize_request(&nothing::NothingInput::builder().build(), ENDPOINT)
                .expect("builds");
        assert_eq!(request.method(), http::Method::DELETE);
        assert_eq!(request.uri().path(), "/");
        assert!(request.body().is_empty());
        nothing::parse_response(204, &http::HeaderMap::new(), b"").expect("no body is fine");
        let request =
            empty::serialize_request(&EmptyStructure::builder().build(), ENDPOINT).expect("builds");
        assert!(request.body().is_empty() || request.body() == b"{}");
        empty::parse_response(200, &http::HeaderMap::new(), b"{}").expect("an empty object");
        let error =
            empty::parse_response(400, &headers(&[("x-amzn-errortype", "EmptyError")]), b"")
                .expect_err("an error status");
        assert!(
            matches!(error, empty::EmptyError::EmptyError(_)),
            "{error:?}"
        );
        let output =
            single::parse_response(200, &http::HeaderMap::new(), br#"{"one": {"only": "y"}}"#)
                .expect("a valid response");
        assert_eq!(output.one, One::Only("y".into()));
        // Client error correction: the required union left out is its unknown variant.
        let output = single::parse_response(200, &http::HeaderMap::new(), b"{}")
            .expect("a required member left out is corrected");
        assert_eq!(output.one, One::Unknown(String::new()));
        assert!(single::parse_response(200, &http::HeaderMap::new(), br#"{"one": {}}"#).is_err());
    }
}
