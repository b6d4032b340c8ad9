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

mod big_numbers {
    use hostile_big_integer_default::operation::get::GetOutput;
    use hostile_big_integer_default::primitives::{BigDecimal, BigInteger};
    use hostile_big_integer_default::types::Bounds;

    #[test]
    fn defaults_are_the_written_text() {
        let built = GetOutput::builder().build();
        let read: GetOutput = serde_json::from_str("{}").expect("every member has a default");
        for value in [&built, &read] {
            assert_eq!(value.big_integer.as_str(), "123456789012345678901234567890");
            assert_eq!(value.negative_big_integer.as_str(), "-18446744073709551616");
            assert_eq!(value.big_decimal.as_str(), "1.7976931348623157E+309");
            assert_eq!(value.precise_decimal.as_str(), "0.100000000000000000000000000001");
        }
    }

    fn valid(bounds: &Bounds) -> bool {
        bounds.validate().is_ok()
    }

    #[test]
    fn bounds_beyond_every_type_compare_exactly() {
        // Beyond i128 on the open side: every value of the type meets the bound.
        for value in [i32::MIN, 0, i32::MAX] {
            assert!(valid(&Bounds::builder().any_integer(value).build()), "{value}");
        }
        // A `min` of 1e400 no `long` meets; 1e2 and 1.5e2 are whole.
        assert!(!valid(&Bounds::builder().no_long(i64::MAX).build()));
        assert!(valid(&Bounds::builder().whole_long(100).build()));
        assert!(valid(&Bounds::builder().whole_long(150).build()));
        assert!(!valid(&Bounds::builder().whole_long(99).build()));
        assert!(!valid(&Bounds::builder().whole_long(151).build()));
        let big = |text: &str| text.parse::<BigInteger>().expect("a big integer");
        assert!(valid(&Bounds::builder().big_integer_below(big("18446744073709551616")).build()));
        assert!(!valid(&Bounds::builder().big_integer_below(big("18446744073709551617")).build()));
        let decimal = |text: &str| text.parse::<BigDecimal>().expect("a big decimal");
        assert!(valid(&Bounds::builder().big_decimal_above(decimal("2e308")).build()));
        assert!(valid(&Bounds::builder().big_decimal_above(decimal("1.7976931348623157E+309")).build()));
        assert!(!valid(&Bounds::builder().big_decimal_above(decimal("1.9999999999999999999e308")).build()));
        // Beyond f64: every finite double is below 1e400, none above.
        assert!(valid(&Bounds::builder().any_double(f64::MAX).build()));
        assert!(!valid(&Bounds::builder().no_double(f64::MAX).build()));
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

mod name_collisions {
    use super::*;
    use hostile_name_collisions::operation::{foo_bar, foo_bar_2};
    use hostile_name_collisions::types::{
        FallbackEnum, FallbackInts, FallbackUnion, Shapes, ThingName, ThingName2, ThingName3,
    };

    #[test]
    fn colliding_members_keep_their_wire_names() {
        let input = foo_bar_2::FooBarInput::builder()
            .foo_bar("camel")
            .foo_bar_2("snake")
            .foo_bar_3("double")
            .set_foo("modeled set")
            .foo("plain")
            .build_value("build")
            .build_value_2("build value")
            .r#type("type")
            .type_2("type_")
            .self_("self")
            .self_2("self_")
            .a_b_2("a_b_2")
            .a_b("a_b")
            .a_b_3("aB")
            .build();
        let request = foo_bar_2::serialize_request(&input, ENDPOINT).expect("serializes");
        assert_eq!(
            body_json(&request),
            json!({"fooBar": "camel", "foo_bar": "snake", "foo__bar": "double",
                   "setFoo": "modeled set", "foo": "plain", "build": "build",
                   "buildValue": "build value", "type": "type", "type_": "type_",
                   "self": "self", "self_": "self_", "a_b_2": "a_b_2", "a_b": "a_b",
                   "aB": "aB"})
        );
        // The `set_` setter of `foo` took a number: `set_foo` is `setFoo`'s own setter.
        let cleared = foo_bar_2::FooBarInput::builder()
            .foo("x")
            .set_foo_2(None)
            .set_set_foo(Some("y".into()))
            .build();
        assert_eq!((cleared.foo, cleared.set_foo.as_deref()), (None, Some("y")));
    }

    #[test]
    fn colliding_types_keep_their_wire_shapes() {
        let shapes = Shapes::builder()
            .camel(ThingName3::builder().value("underscored").build())
            .snake(ThingName::builder().value("camel").build())
            .modeled(ThingName2::builder().value("modeled").build())
            .build();
        round_trip(
            &shapes,
            json!({"camel": {"value": "underscored"}, "snake": {"value": "camel"},
                   "modeled": {"value": "modeled"}}),
        );
    }

    #[test]
    fn modeled_variants_beside_the_fallback_keep_their_values() {
        let expected = [
            (FallbackEnum::UnknownValue, "Unknown"),
            (FallbackEnum::UnknownValue3, "UnknownValue"),
            (FallbackEnum::UnknownValue2, "UnknownValue2"),
            (FallbackEnum::SelfValue, "Self"),
            (FallbackEnum::SelfValue2, "SelfValue"),
            (FallbackEnum::UnknownValue4, "unknown_value"),
        ];
        for (variant, value) in expected {
            assert_eq!(FallbackEnum::from(value), variant);
            round_trip(&variant, json!(value));
        }
        let other = FallbackEnum::from("neither");
        assert!(matches!(other, FallbackEnum::Unknown(_)), "{other:?}");
        assert_eq!(FallbackInts::from(1), FallbackInts::UnknownValue3);
        assert_eq!(FallbackInts::from(6), FallbackInts::Unknown(6));
        round_trip(
            &FallbackUnion::UnknownValue4("u".into()),
            json!({"unknown_value": "u"}),
        );
        round_trip(&FallbackUnion::SelfValue("s".into()), json!({"Self": "s"}));
    }

    #[test]
    fn colliding_operations_and_errors_are_told_apart() {
        let request = foo_bar::serialize_request(&foo_bar::FooBarInput::builder().build(), ENDPOINT)
            .expect("serializes");
        assert_eq!(request.uri().path(), "/camel");
        let request =
            foo_bar_2::serialize_request(&foo_bar_2::FooBarInput::builder().build(), ENDPOINT)
                .expect("serializes");
        assert_eq!(request.uri().path(), "/underscored");
        for (code, underscored) in [("Oops_Now", true), ("OopsNow", false)] {
            let error = foo_bar::parse_response(
                400,
                &headers(&[("x-amzn-errortype", code)]),
                br#"{"message": "m"}"#,
            )
            .expect_err("an error status");
            match error {
                foo_bar::FooBarError::OopsNow2(_) => assert!(underscored, "{code}"),
                foo_bar::FooBarError::OopsNow(_) => assert!(!underscored, "{code}"),
                other => panic!("{code}: {other:?}"),
            }
        }
    }
}

mod constraints_everywhere {
    use super::*;
    use hostile_constraints_everywhere::operation::all::{self, AllInput};
    use hostile_constraints_everywhere::primitives::{BigDecimal, BigInteger, DateTime};
    use hostile_constraints_everywhere::types::{Code, Level};

    /// Every label set to a valid value; `small_int` is the label under test.
    fn labelled(small_int: i32) -> AllInput {
        AllInput::builder()
            .label_len_string("s")
            .label_pat_string("a-1")
            .label_level(Level::High)
            .label_code(Code::Two)
            .label_small_byte(-3_i8)
            .label_small_short(7_i16)
            .label_small_int(small_int)
            .label_small_long(5_000_000_000_i64)
            .label_small_float(1.5_f32)
            .label_small_double(2.0_f64)
            .label_big_int("1000000".parse::<BigInteger>().expect("a big integer"))
            .label_big_dec("0.25".parse::<BigDecimal>().expect("a big decimal"))
            .label_flag(true)
            .label_when(DateTime::from_secs(0))
            .query_small_int(small_int)
            .header_small_int(small_int)
            .body_small_int(small_int)
            .build()
    }

    #[test]
    fn valid_values_travel_in_every_location() {
        let request = all::serialize_request(&labelled(42), ENDPOINT).expect("valid input");
        let path = request.uri().path();
        assert!(path.starts_with("/all/s/a-1/high/2/-3/7/42/5000000000/"), "{path}");
        assert!(path.contains("/1000000/0.25/true/"), "{path}");
        assert!(request.uri().query().is_some_and(|q| q.contains("q-SmallInt=42")));
        assert_eq!(request.headers()["x-h-SmallInt"], "42");
        assert_eq!(body_json(&request)["bodySmallInt"], json!(42));
    }

    #[test]
    fn a_value_out_of_range_is_refused_wherever_it_is_bound() {
        let error = all::serialize_request(&labelled(0), ENDPOINT).expect_err("0 is below 1");
        let text = error.to_string();
        for member in ["labelSmallInt", "querySmallInt", "headerSmallInt", "bodySmallInt"] {
            assert!(text.contains(member), "{member} not in: {text}");
        }
    }
}

/// `http_locations`: constrained strings, numbers, enums, intEnums, timestamps, booleans and
/// lists and maps of them in every HTTP location; each lands where its binding says, with
/// the text restJson1 gives it, and reads back from a response.
mod http_locations {
    use super::*;
    use hostile_http_locations::operation::{locate, probe, tag};
    use hostile_http_locations::primitives::{BigDecimal, BigInteger, Blob, DateTime};
    use hostile_http_locations::types::{Body, Color, Level};
    use std::collections::HashMap;

    /// 2023-11-14T22:13:20Z.
    const WHEN: i64 = 1_700_000_000;

    fn header_text<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> &'a str {
        request
            .headers()
            .get(name)
            .unwrap_or_else(|| panic!("no header `{name}`"))
            .to_str()
            .expect("text")
    }

    fn input() -> locate::LocateInput {
        locate::LocateInput::builder()
            .name("abc")
            .small(-3)
            .level(Level::High)
            .color(Color::DarkBlue)
            .flag(true)
            .when(DateTime::from_secs(WHEN))
            .amount("12.50".parse::<BigDecimal>().expect("a decimal"))
            .rest("a/b c")
            .count(7)
            .query_level(Level::Low)
            .query_colors(vec![Color::Red, Color::DarkBlue])
            .query_levels(vec![Level::Low, Level::High])
            .query_times(vec![DateTime::from_secs(WHEN)])
            .query_epochs(vec![DateTime::from_secs(WHEN)])
            .query_flags(vec![true, false])
            .query_ratio(1.5)
            .query_huge("123".parse::<BigInteger>().expect("an integer"))
            .query_sparse(vec![Some("x".to_owned()), None, Some("y".to_owned())])
            .token("tok")
            .params(HashMap::from([
                ("b".to_owned(), vec![Color::Red, Color::Plain]),
                ("a".to_owned(), vec![Color::DarkBlue]),
                // An explicit `@httpQuery` key wins over the map's.
                ("count".to_owned(), vec![Color::Red]),
            ]))
            .header_colors(vec![Color::Red, Color::DarkBlue])
            .header_levels(vec![Level::Low, Level::High])
            .header_times(vec![DateTime::from_secs(WHEN), DateTime::from_secs(WHEN + 1)])
            .header_epochs(vec![DateTime::from_secs(WHEN)])
            .header_flags(vec![true, false])
            .header_counts(vec![1, 2])
            .header_ratios(vec![0.5, 2.5])
            .header_names(vec!["a".to_owned(), "b".to_owned()])
            .header_sparse(vec![Some("x".to_owned()), None, Some("y".to_owned())])
            .header_level(Level::High)
            .header_color(Color::Red)
            .header_short(2i16)
            .header_half(1.5)
            .header_big(10)
            .header_json("{\"a\":1}")
            .secret("hidden")
            .meta(HashMap::from([(Color::Red, Color::Plain)]))
            .body(
                Body::builder()
                    .name("abc")
                    .count(3)
                    .build()
                    .expect("name is set"),
            )
            .build()
    }

    #[test]
    fn labels_of_every_scalar_kind_fill_the_path() {
        let request = locate::serialize_request(&input(), ENDPOINT).expect("valid input");
        assert_eq!(request.method(), http::Method::PUT);
        assert_eq!(
            request.uri().path(),
            "/locate/abc/-3/9/dark%2C%20blue/true/1700000000/12.50/a/b%20c"
        );
    }

    #[test]
    fn query_members_lists_and_maps_of_enum_lists_repeat_their_keys() {
        let request = locate::serialize_request(&input(), ENDPOINT).expect("valid input");
        assert_eq!(
            request.uri().query(),
            Some(
                "fixed=1&count=7&level=1&color=red&color=dark%2C%20blue&levels=1&levels=9\
                 &times=2023-11-14T22%3A13%3A20Z&epochs=1700000000&flags=true&flags=false\
                 &ratio=1.5&huge=123&sparse=x&sparse=y&token=tok\
                 &a=dark%2C%20blue&b=red&b=PLAIN"
            )
        );
    }

    #[test]
    fn header_lists_of_enums_int_enums_timestamps_booleans_and_numbers_are_comma_joined() {
        let request = locate::serialize_request(&input(), ENDPOINT).expect("valid input");
        let expected = [
            ("x-colors", "red, \"dark, blue\""),
            ("x-levels", "1, 9"),
            (
                "x-times",
                "Tue, 14 Nov 2023 22:13:20 GMT, Tue, 14 Nov 2023 22:13:21 GMT",
            ),
            ("x-epochs", "1700000000"),
            ("x-flags", "true, false"),
            ("x-counts", "1, 2"),
            ("x-ratios", "0.5, 2.5"),
            ("x-names", "a, b"),
            ("x-sparse", "x, y"),
            ("x-level", "9"),
            ("x-color", "red"),
            ("x-short", "2"),
            ("x-half", "1.5"),
            ("x-big", "10"),
            ("x-json", "eyJhIjoxfQ=="),
            ("x-secret", "hidden"),
            ("x-meta-red", "PLAIN"),
        ];
        for (name, value) in expected {
            assert_eq!(header_text(&request, name), value, "{name}");
        }
        assert_eq!(body_json(&request), json!({"name": "abc", "count": 3}));
        assert_eq!(header_text(&request, "content-type"), "application/json");
    }

    #[test]
    fn constraints_of_bound_members_are_checked_before_sending() {
        let mut bad = input();
        bad.name = Some("ABC".to_owned());
        bad.small = Some(9);
        bad.header_colors = Some(vec![Color::Red, Color::Red]);
        bad.secret = Some("NOT-A-NAME".to_owned());
        // Constraints of enum and intEnum shapes hold for values the crate does not know.
        bad.header_color = Some(Color::from("not-a-known-color"));
        bad.header_level = Some(Level::from(999));
        let error = locate::serialize_request(&bad, ENDPOINT)
            .expect_err("constraints are broken")
            .to_string();
        for member in [
            "name",
            "small",
            "headerColors",
            "secret",
            "headerColor",
            "headerLevel",
        ] {
            let line = format!("  {member}: ");
            assert!(error.contains(&line), "`{member}` not in: {error}");
        }
        assert!(!error.contains("NOT-A-NAME"), "a sensitive value leaked: {error}");
    }

    #[test]
    fn responses_read_header_lists_prefix_headers_the_code_and_a_list_payload() {
        let response = headers(&[
            ("x-colors", "red, \"dark, blue\""),
            ("x-levels", "1,9"),
            ("x-times", "Tue, 14 Nov 2023 22:13:20 GMT"),
            ("x-epochs", "1700000000, 1700000001"),
            ("x-flags", "true, false"),
            ("x-counts", "1, 2"),
            ("x-sparse", "x, y"),
            ("x-level", "9"),
            ("x-color", "dark, blue"),
            ("x-meta-red", "PLAIN"),
        ]);
        let output = locate::parse_response(201, &response, br#"["red", "PLAIN"]"#)
            .expect("a valid response");
        assert_eq!(output.status, Some(201));
        assert_eq!(output.colors, Some(vec![Color::Red, Color::DarkBlue]));
        assert_eq!(output.levels, Some(vec![Level::Low, Level::High]));
        assert_eq!(output.times, Some(vec![DateTime::from_secs(WHEN)]));
        assert_eq!(
            output.epochs,
            Some(vec![DateTime::from_secs(WHEN), DateTime::from_secs(WHEN + 1)])
        );
        assert_eq!(output.flags, Some(vec![true, false]));
        assert_eq!(output.counts, Some(vec![1, 2]));
        assert_eq!(
            output.sparse,
            Some(vec![Some("x".to_owned()), Some("y".to_owned())])
        );
        assert_eq!(output.level, Level::High);
        assert_eq!(output.color, Some(Color::DarkBlue));
        assert_eq!(output.meta, Some(HashMap::from([(Color::Red, Color::Plain)])));
        assert_eq!(output.listed, Some(vec![Color::Red, Color::Plain]));
    }

    #[test]
    fn errors_read_enum_headers_and_an_int_enum_status() {
        let response = headers(&[
            ("x-amzn-errortype", "Refused"),
            ("x-reason", "dark, blue"),
            ("x-levels", "1"),
        ]);
        match locate::parse_response(409, &response, br#"{"message": "no"}"#) {
            Err(locate::LocateError::Refused(refused)) => {
                assert_eq!(refused.reason, Some(Color::DarkBlue));
                assert_eq!(refused.levels, Some(vec![Level::Low]));
                assert_eq!(refused.status, Some(Level::Unknown(409)));
                assert_eq!(refused.message.as_deref(), Some("no"));
            }
            other => panic!("expected Refused, got {other:?}"),
        }
    }

    #[test]
    fn query_maps_of_sparse_lists_and_empty_prefix_headers_are_sent() {
        let input = tag::TagInput::builder()
            .id(Level::Low)
            .names(HashMap::from([(
                "k".to_owned(),
                vec![Some("a".to_owned()), None, Some("b".to_owned())],
            )]))
            .headers("one")
            .all(HashMap::from([("x-two".to_owned(), "two".to_owned())]))
            .build();
        let request = tag::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(request.method(), http::Method::GET);
        assert_eq!(request.uri().path(), "/tags/1");
        assert_eq!(request.uri().query(), Some("k=a&k=b"));
        assert_eq!(header_text(&request, "x-one"), "one");
        assert_eq!(header_text(&request, "x-two"), "two");
    }

    #[test]
    fn resource_identifier_labels_sparse_query_maps_and_a_request_status_member_in_the_body() {
        let input = probe::ProbeInput::builder()
            .probe_name("abc")
            .params(HashMap::from([
                ("b".to_owned(), Some("two".to_owned())),
                ("a".to_owned(), None),
                ("code".to_owned(), Some("ignored".to_owned())),
            ]))
            .code(5)
            .echo(7)
            .detail(Body::builder().name("n").build().expect("name is set"))
            .build()
            .expect("the label is set");
        let request = probe::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(request.uri().path(), "/probe/abc");
        assert_eq!(request.uri().query(), Some("x&code=5&b=two"));
        assert_eq!(body_json(&request), json!({"echo": 7, "detail": {"name": "n"}}));
        let response = headers(&[("x-when", "2014-04-29T18:30:38Z")]);
        let output = probe::parse_response(200, &response, br#"{"detail": {"name": "m"}}"#)
            .expect("a valid response");
        assert_eq!(output.status, Some(Level::Unknown(200)));
        assert_eq!(output.when, Some(DateTime::from_secs(1_398_796_238)));
        assert_eq!(output.detail.map(|d| d.name), Some("m".to_owned()));
    }

    #[test]
    fn a_blob_payload_and_an_int_enum_code_read_back() {
        let output = tag::parse_response(200, &headers(&[("x-one", "abc")]), b"\x00bytes")
            .expect("a valid response");
        assert_eq!(output.code, Some(Level::Unknown(200)));
        assert_eq!(output.data, Some(Blob::new(b"\x00bytes".to_vec())));
        assert_eq!(output.one.as_deref(), Some("abc"));
    }
}

/// A transport for the client of crate `$lib` that answers each request with the next canned
/// body (then `{}`) and keeps what was sent: path, `X-Amz-Target` and JSON body.
macro_rules! canned_client {
    ($lib:ident) => {
        use std::sync::{Arc, Mutex};

        use $lib::client::{AttemptLimits, Config, Credentials, HttpTransport, TransportError};

        #[derive(Debug, Default)]
        struct Canned {
            bodies: Mutex<Vec<&'static str>>,
            seen: Mutex<Vec<(String, Option<String>, serde_json::Value)>>,
        }

        /// The client's copy of the transport; the test keeps another.
        #[derive(Debug)]
        struct Shared(Arc<Canned>);

        impl HttpTransport for Shared {
            fn send(
                &self,
                request: http::Request<Vec<u8>>,
                _limits: &AttemptLimits,
            ) -> Result<http::Response<Vec<u8>>, TransportError> {
                let body =
                    serde_json::from_slice(request.body()).unwrap_or(serde_json::Value::Null);
                let target = request
                    .headers()
                    .get("x-amz-target")
                    .map(|v| v.to_str().unwrap_or("").to_owned());
                self.0
                    .seen
                    .lock()
                    .unwrap()
                    .push((request.uri().path().to_owned(), target, body));
                let mut bodies = self.0.bodies.lock().unwrap();
                let next = if bodies.is_empty() { "{}" } else { bodies.remove(0) };
                Ok(http::Response::builder()
                    .status(200)
                    .body(next.as_bytes().to_vec())
                    .unwrap())
            }
        }

        fn client(canned: &Arc<Canned>) -> $lib::blocking::Client {
            let config = Config::builder()
                .region("us-east-1")
                .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
                .endpoint_url("http://127.0.0.1:9")
                .transport(Shared(Arc::clone(canned)))
                .build();
            $lib::blocking::Client::new(&config)
        }
    };
}

mod client_names {
    //! Operations named after prelude names and after another's bound builder, setters named
    //! like the bound builder's own methods, and two paginated operations sharing one input.
    use hostile_client_names::client::call::Spec;
    use hostile_client_names::client::fluent;
    use hostile_client_names::operation::option::OptionInput;

    canned_client!(hostile_client_names);

    #[test]
    fn setters_named_like_the_bound_builders_methods_step_aside() {
        let canned = Arc::new(Canned::default());
        let client = client(&canned);
        let bound = client
            .option()
            .send_value("s")
            .into_paginator_value("p")
            .with_input_value("w")
            .rebind_value("r")
            .client("c")
            .client_2("c2")
            .build_value("b")
            .secret("hidden");
        let debug = format!("{bound:?}");
        assert!(debug.starts_with("OptionInputBuilder {"), "{debug}");
        assert!(!debug.contains("hidden"), "{debug}");
        assert!(!debug.contains("Client"), "the client is not shown: {debug}");
        // A whole input replaces the members set before; the binding stays.
        let input = OptionInput::builder().send_value("whole").build();
        let output = bound.with_input(input).send().expect("sent");
        assert_eq!(output.send, None);
        let seen = canned.seen.lock().unwrap();
        assert_eq!(seen[0].0, "/option");
        assert_eq!(seen[0].2, serde_json::json!({"send": "whole"}));
    }

    #[test]
    fn a_required_member_left_unset_is_refused_not_sent() {
        let canned = Arc::new(Canned::default());
        let error = client(&canned).option().send().unwrap_err();
        assert!(error.to_string().contains("send"), "{error}");
        assert!(canned.seen.lock().unwrap().is_empty());
    }

    #[test]
    fn operations_named_after_prelude_names_are_called() {
        let canned = Arc::new(Canned::default());
        let client = client(&canned);
        client.some().send().expect("Some");
        client.result().send().expect("Result");
        client.vec().send().expect("Vec");
        client.list_fluent_builder().send().expect("ListFluentBuilder");
        let paths: Vec<String> = canned.seen.lock().unwrap().iter().map(|s| s.0.clone()).collect();
        assert_eq!(paths, ["/some", "/result", "/vec", "/list-fluent-builder"]);
        assert_eq!(<fluent::Result as Spec>::operation().name, "Result");
    }

    #[test]
    fn two_operations_share_one_input_and_each_pages_its_own_path() {
        let canned = Arc::new(Canned::default());
        canned.bodies.lock().unwrap().extend([
            r#"{"nextToken": "t1", "items": ["a", "b"]}"#,
            r#"{"items": ["c"]}"#,
            r#"{"nextToken": "u1"}"#,
            r#"{}"#,
        ]);
        let client = client(&canned);
        let items: Vec<String> = client
            .list()
            .max_results(2)
            .into_paginator()
            .items()
            .collect::<Result<_, _>>()
            .expect("pages");
        assert_eq!(items, ["a", "b", "c"]);
        let pages = client.list_again().into_paginator().pages().count();
        assert_eq!(pages, 2);
        let seen = canned.seen.lock().unwrap();
        let paths: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(paths, ["/list", "/list", "/list-again", "/list-again"]);
        assert_eq!(seen[1].2, serde_json::json!({"maxResults": 2, "nextToken": "t1"}));
        assert_eq!(seen[3].2, serde_json::json!({"nextToken": "u1"}));
    }
}

mod client_names_rpc {
    //! The same operations over awsJson1_0: each `POST /`, named in `X-Amz-Target`, its
    //! whole input in the body (the `@http` traits on the operations are ignored).
    use hostile_client_names_rpc::operation::option::OptionInput;

    canned_client!(hostile_client_names_rpc);

    fn targets(canned: &Canned) -> Vec<(String, Option<String>)> {
        let seen = canned.seen.lock().unwrap();
        seen.iter().map(|s| (s.0.clone(), s.1.clone())).collect()
    }

    #[test]
    fn every_operation_is_post_slash_named_in_the_target_header() {
        let canned = Arc::new(Canned::default());
        let client = client(&canned);
        client.some().send().expect("Some");
        client.result().send().expect("Result");
        let input = OptionInput::builder().send_value("s").client("c").build();
        client.option().with_input(input).send().expect("Option");
        let target = |op: &str| ("/".to_owned(), Some(format!("Service.{op}")));
        assert_eq!(
            targets(&canned),
            [target("Some"), target("Result"), target("Option")]
        );
        let seen = canned.seen.lock().unwrap();
        // An input without members is `{}`; the others are all in the body.
        assert_eq!(seen[0].2, serde_json::json!({}));
        assert_eq!(seen[2].2, serde_json::json!({"send": "s", "_client": "c"}));
    }

    #[test]
    fn paging_follows_the_token_through_the_body() {
        let canned = Arc::new(Canned::default());
        canned
            .bodies
            .lock()
            .unwrap()
            .extend([r#"{"nextToken": "t1", "items": ["a"]}"#, r#"{"items": ["b"]}"#]);
        let items: Vec<String> = client(&canned)
            .list()
            .into_paginator()
            .items()
            .collect::<Result<_, _>>()
            .expect("pages");
        assert_eq!(items, ["a", "b"]);
        let seen = canned.seen.lock().unwrap();
        assert_eq!(seen[1].1.as_deref(), Some("Service.List"));
        assert_eq!(seen[1].2, serde_json::json!({"nextToken": "t1"}));
    }
}

mod context_paths {
    use hostile_context_paths::endpoint::BuiltIns;
    use hostile_context_paths::operation::find::{self, FindInput};
    use hostile_context_paths::types::{Choice, Inner, Object, Outer};

    fn outer(foo: Option<&str>, bar: Option<&str>) -> Outer {
        let inner = Inner::builder().set_bar(bar.map(str::to_owned)).build();
        Outer::builder()
            .set_foo(foo.map(str::to_owned))
            .inner(inner)
            .build()
    }

    fn object(key: &str) -> Object {
        Object::builder().key(key).build()
    }

    fn strings(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn every_path_form_reads_the_input() {
        let back = outer(Some("back-foo"), None);
        let nested = Outer::builder()
            .foo("foo")
            .inner(Inner::builder().bar("bar").back(back).build())
            .build();
        let input = FindInput::builder()
            .resource_id("r-1")
            .outer(nested)
            .objects(vec![object("k1"), Object::builder().build(), object("k2")])
            .choices(vec![
                Choice::Object(object("o1")),
                Choice::Nothing,
                Choice::Outer(outer(Some("c-foo"), Some("ignored"))),
                Choice::Outer(outer(None, None)),
                Choice::Object(Object::builder().build()),
                Choice::Object(object("o2")),
            ])
            .tags(
                [("zeta", "1"), ("alpha", "2")]
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect::<std::collections::HashMap<_, _>>(),
            )
            .build();
        let params = find::endpoint_params(&input, &BuiltIns::default());
        assert_eq!(params.top.as_deref(), Some("r-1"));
        assert_eq!(params.deep.as_deref(), Some("bar"));
        assert_eq!(params.around.as_deref(), Some("back-foo"));
        // A projection leaves out the elements whose path is unset.
        assert_eq!(params.projected, strings(&["k1", "k2"]));
        assert_eq!(params.map_keys, strings(&["alpha", "zeta"]));
        // `outer.[foo, inner.bar, inner.back.foo]`: in the list's order.
        assert_eq!(params.picked, strings(&["foo", "bar", "back-foo"]));
        // `choices[*].[outer.foo, object.key][]`: each element's picks, in order, flattened;
        // a union member the element does not hold, or an unset member, gives nothing.
        assert_eq!(params.picked_each, strings(&["o1", "c-foo", "o2"]));
    }

    #[test]
    fn unset_members_leave_picks_out_and_parameters_unset() {
        let input = FindInput::builder()
            .outer(outer(None, Some("only-bar")))
            .choices(vec![Choice::Nothing])
            .build();
        let params = find::endpoint_params(&input, &BuiltIns::default());
        assert_eq!(params.top, None);
        assert_eq!(params.around, None);
        assert_eq!(params.picked, strings(&["only-bar"]));
        // Every element read, none holding a pick: an empty list, as JMESPath gives.
        assert_eq!(params.picked_each, Some(Vec::new()));
        let bare = find::endpoint_params(&FindInput::builder().build(), &BuiltIns::default());
        assert_eq!((bare.picked, bare.picked_each), (None, None));
    }
}

mod shared_element_names {
    use super::*;
    use hostile_shared_element_names::operation::get;
    use hostile_shared_element_names::types::{Config, Kind};
    use std::collections::HashMap;

    #[test]
    fn every_member_named_by_an_element_reads_it() {
        let body = b"<GetOutput><config><Event>old</Event><Event>x</Event><Event>y</Event>\
            </config></GetOutput>";
        let output = get::parse_response(200, &headers(&[]), body).expect("reads");
        let config = output.config.expect("a config");
        assert_eq!(
            config.events.as_deref(),
            Some(&["old".to_owned(), "x".to_owned(), "y".to_owned()][..])
        );
        // A repeated scalar element keeps the last value, as elsewhere.
        assert_eq!(config.event.as_deref(), Some("y"));
    }

    #[test]
    fn enum_map_keys_are_written_as_their_values() {
        let input = get::GetInput::builder()
            .labels(HashMap::from([(Kind::B, "bee".to_owned())]))
            .config(Config::builder().events(vec!["e".to_owned()]).build())
            .build();
        let request = get::serialize_request(&input, ENDPOINT).expect("builds");
        let body = String::from_utf8(request.body().clone()).expect("utf-8");
        assert!(body.contains("<key>b</key><value>bee</value>"), "{body}");
        assert!(body.contains("<config><Event>e</Event></config>"), "{body}");
    }
}

mod xml_shapes {
    use super::*;
    use hostile_xml_shapes::operation::{get, put};
    use hostile_xml_shapes::primitives::{BigDecimal, Blob, DateTime};
    use hostile_xml_shapes::types::{Choice, Color, Level, Node};
    use hostile_xml_shapes::wire::xml::{parse, Element};
    use std::collections::HashMap;

    fn node(name: &str, children: Vec<Node>, next: Option<Node>) -> Node {
        let builder = Node::builder().name(name).children(children);
        match next {
            Some(next) => builder.next(next).build(),
            None => builder.build(),
        }
    }

    fn child<'a>(element: &'a Element, name: &str) -> &'a Element {
        element
            .child(name)
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", element.name))
    }

    fn texts(element: &Element) -> Vec<&str> {
        element.children.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn requests_lay_out_every_xml_binding() {
        let input = put::PutInput::builder()
            .id("a b")
            .r#type("t")
            .self_("s\"<")
            .node(node(
                "root",
                vec![node("c1", vec![], None)],
                Some(node("n", vec![], None)),
            ))
            .grid(vec![
                vec![DateTime::from_secs(1), DateTime::from_secs(2)],
                vec![],
            ])
            .sparse(vec![Some("x".to_owned()), None])
            .index(HashMap::from([(
                "k1".to_owned(),
                vec!["v1".to_owned(), "v2".to_owned()],
            )]))
            .choice(Choice::None)
            .data(Blob::new(b"hi".to_vec()))
            .color(Color::Red)
            .level(Level::Low)
            .amount("1.50".parse::<BigDecimal>().expect("a decimal"))
            .secret("hunter2")
            .build();
        let request = put::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(request.uri().path(), "/put/a%20b");
        assert_eq!(request.headers()["content-type"], "application/xml");
        let root = parse(request.body()).expect("well-formed XML");
        assert_eq!(root.name, "PutRequest");
        assert_eq!(root.attribute("xmlns:h"), Some("https://example.com/ns"));
        assert_eq!(root.attribute("h:self"), Some("s\"<"));
        assert_eq!(child(&root, "Type").text, "t");
        let tree = child(&root, "node");
        assert_eq!(child(tree, "name").text, "root");
        let kids = child(tree, "children");
        assert_eq!(kids.children.len(), 1);
        assert_eq!(child(child(kids, "child"), "name").text, "c1");
        assert_eq!(child(child(tree, "next"), "name").text, "n");
        let rows = &child(&root, "grid").children;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].name.as_str(), texts(&rows[0])),
            ("row", vec!["1", "2"])
        );
        assert_eq!(texts(child(&root, "sparse")), ["x"]);
        let index: Vec<&Element> = root.children.iter().filter(|c| c.name == "index").collect();
        assert_eq!(index.len(), 1, "a flattened map: one element per entry");
        assert_eq!(child(index[0], "k").text, "k1");
        assert_eq!(texts(child(index[0], "v")), ["v1", "v2"]);
        assert_eq!(child(&root, "choice").children[0].name, "none");
        assert_eq!(child(&root, "data").text, "aGk=");
        assert_eq!(child(&root, "color").text, "red & <blue>");
        assert_eq!(child(&root, "level").text, "1");
        assert_eq!(child(&root, "amount").text, "1.50");
        assert!(root.child("count").is_none(), "unset members are left out");
    }

    #[test]
    fn responses_read_every_xml_binding() {
        let body = br#"<PutOutput xmlns="https://example.com/ns">
            <node><name>root</name><children><child><name>c1</name></child><child><name>c2</name></child></children>
              <next><name>n</name></next></node>
            <grid><row><member>1</member><member>2</member></row><row/></grid>
            <index><k>a</k><v><member>1</member></v></index><index><k>b</k><v/></index>
            <choice><times>5</times><times>6</times></choice>
            <secret>hunter2</secret><count>3</count><color>red &amp; &lt;blue&gt;</color><level>1</level>
        </PutOutput>"#;
        let output =
            put::parse_response(200, &headers(&[("x-flag", "true")]), body).expect("reads");
        assert!(!format!("{output:?}").contains("hunter2"));
        assert_eq!(output.flag, Some(true));
        assert_eq!(output.count, 3);
        let tree = output.node.expect("a node");
        assert_eq!(tree.children.as_ref().map(Vec::len), Some(2));
        assert_eq!(tree.next.and_then(|n| n.name), Some("n".to_owned()));
        assert_eq!(
            output.grid,
            Some(vec![
                vec![DateTime::from_secs(1), DateTime::from_secs(2)],
                vec![]
            ])
        );
        let index = output.index.expect("an index");
        assert_eq!(index["a"], ["1"]);
        assert!(index["b"].is_empty());
        assert_eq!(
            output.choice,
            Some(Choice::Times(vec![
                DateTime::from_secs(5),
                DateTime::from_secs(6)
            ]))
        );
        assert_eq!(output.color, Some(Color::Red));
        assert_eq!(output.level, Some(Level::Low));
        assert_eq!(output.secret.as_deref(), Some("hunter2"));
    }

    #[test]
    fn errors_are_read_from_the_error_element() {
        let body =
            b"<ErrorResponse><Error><Type>Sender</Type><Code>Boom</Code><message>bad</message>\
            <secret>hunter2</secret></Error><RequestId>r</RequestId></ErrorResponse>";
        match put::parse_response(400, &headers(&[]), body) {
            Err(put::PutError::Boom(error)) => {
                assert_eq!(error.message.as_deref(), Some("bad"));
                assert!(!format!("{error:?}").contains("hunter2"));
            }
            other => panic!("{other:?}"),
        }
        let body = b"<ErrorResponse><Error><Code>Other</Code><Message>went wrong</Message></Error></ErrorResponse>";
        match put::parse_response(500, &headers(&[]), body) {
            Err(put::PutError::Unhandled(error)) => {
                assert_eq!(error.code.as_deref(), Some("Other"));
                assert_eq!(error.message.as_deref(), Some("went wrong"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_bodies_are_invalid_responses_that_name_no_value() {
        for body in [
            &b"<PutOutput><count>3</PutOutput>"[..],
            b"<PutOutput><secret>hunter2</secret><count>hunter2</count></PutOutput>",
            b"hunter2",
            b"<PutOutput><choice></choice><secret>hunter2</secret></PutOutput>",
            b"<PutOutput><level>hunter2</level></PutOutput>",
        ] {
            match put::parse_response(200, &headers(&[]), body) {
                Err(put::PutError::InvalidResponse(e)) => {
                    assert!(!e.message.contains("hunter2"), "{}", e.message)
                }
                other => panic!("{other:?}"),
            }
        }
        // Client error correction: a required member the response left out is its zero value.
        for body in [&b"<PutOutput/>"[..], b""] {
            let output = put::parse_response(200, &headers(&[]), body).expect("reads");
            assert_eq!(output.count, 0);
        }
    }

    #[test]
    fn payloads_are_root_elements() {
        let input = get::GetInput::builder()
            .choice(Choice::Node(node("p", vec![], None)))
            .build();
        let request = get::serialize_request(&input, ENDPOINT).expect("valid input");
        let root = parse(request.body()).expect("well-formed XML");
        assert_eq!(root.name, "Choice");
        assert_eq!(root.attribute("xmlns:h"), Some("https://example.com/ns"));
        assert_eq!(child(child(&root, "node"), "name").text, "p");
        let unset = get::serialize_request(&get::GetInput::builder().build(), ENDPOINT)
            .expect("valid input");
        assert!(unset.body().is_empty());
        let output =
            get::parse_response(200, &headers(&[]), b"<Root><name>r</name></Root>").expect("reads");
        assert_eq!(output.node.and_then(|n| n.name), Some("r".to_owned()));
    }
}

mod query_shapes {
    use super::*;
    use hostile_query_shapes::operation::{form, put, query};
    use hostile_query_shapes::primitives::{Blob, DateTime};
    use hostile_query_shapes::types::{Choice, Form2, Level, Node, WriteQuery};
    use std::collections::HashMap;

    /// The form's pairs, decoded, in order.
    fn pairs(body: &[u8]) -> Vec<(String, String)> {
        let decode = |text: &str| {
            let mut out = Vec::new();
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'%' {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
                    out.push(u8::from_str_radix(hex, 16).expect("two hex digits"));
                    i += 3;
                } else {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
            String::from_utf8(out).expect("UTF-8")
        };
        std::str::from_utf8(body)
            .expect("a form is ASCII")
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').expect("key=value");
                (decode(key), decode(value))
            })
            .collect()
    }

    fn value<'a>(pairs: &'a [(String, String)], key: &str) -> &'a str {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no `{key}` in {pairs:?}"))
    }

    #[test]
    fn requests_are_forms_keyed_as_the_query_bindings_say() {
        let input = put::PutInput::builder()
            .r#type("t")
            .out("o")
            .prefix("p")
            .value("a b&c=d")
            .form(Form2::builder().key("k").build())
            .index(HashMap::from([
                ("b".to_owned(), vec!["2".to_owned()]),
                ("a".to_owned(), vec![]),
            ]))
            .item(vec![vec![DateTime::from_secs(1)], vec![]])
            .node(
                Node::builder()
                    .name("root")
                    .children(vec![Node::builder().name("c").build()])
                    .build(),
            )
            .choice(Choice::Many(vec!["m".to_owned()]))
            .secret("hunter2")
            .data(Blob::new(b"hi".to_vec()))
            .level(Level::Low)
            .sparse(vec![Some("x".to_owned()), None])
            .names(vec!["n1".to_owned()])
            .build();
        assert!(!format!("{input:?}").contains("hunter2"));
        let request = put::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri().path(), "/");
        assert_eq!(
            request.headers()["content-type"],
            "application/x-www-form-urlencoded"
        );
        let form = pairs(request.body());
        assert_eq!(form[0], ("Action".to_owned(), "Put".to_owned()));
        assert_eq!(form[1], ("Version".to_owned(), "2020-01-01".to_owned()));
        for (key, expected) in [
            ("Type", "t"),
            ("out", "o"),
            ("prefix", "p"),
            ("value", "a b&c=d"),
            ("form.key", "k"),
            // A flattened map in key order; the empty list of `a` is `key=`.
            ("index.1.K", "a"),
            ("index.1.value", ""),
            ("index.2.K", "b"),
            ("index.2.value.item.1", "2"),
            ("item.member.1.member.1", "1"),
            ("item.member.2", ""),
            ("node.name", "root"),
            ("node.children.member.1.name", "c"),
            ("choice.many.1", "m"),
            ("secret", "hunter2"),
            ("data", "aGk="),
            ("level", "lo w&"),
            ("sparse.member.1", "x"),
            ("Name.1", "n1"),
        ] {
            assert_eq!(value(&form, key), expected, "{key}");
        }
        // The idempotency token is filled; the sparse list's null is left out.
        assert!(!value(&form, "token").is_empty());
        assert!(!form.iter().any(|(k, _)| k == "sparse.member.2"));
        assert!(
            !form.iter().any(|(k, _)| k == "count"),
            "unset members are left out"
        );
        // Operations named like the runtime's module and type still send their forms.
        let request =
            query::serialize_request(&query::QueryInput::builder().query("q").build(), ENDPOINT)
                .expect("valid input");
        assert_eq!(
            pairs(request.body())[2],
            ("query".to_owned(), "q".to_owned())
        );
        let input = form::FormInput::builder()
            .write_query(
                WriteQuery::builder()
                    .form(Form2::builder().key("k").build())
                    .build(),
            )
            .build();
        let request = form::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(value(&pairs(request.body()), "writeQuery.form.key"), "k");
    }

    #[test]
    fn responses_are_read_from_the_operations_result() {
        let body = br#"<PutResponse xmlns="https://example.com/q"><PutResult>
            <out>o</out><node><name>root</name><next><name>n</name></next></node>
            <index><entry><K>a</K><value><item>1</item></value></entry></index>
            <secret>hunter2</secret></PutResult>
            <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutResponse>"#;
        let output = put::parse_response(200, &headers(&[]), body).expect("reads");
        assert!(!format!("{output:?}").contains("hunter2"));
        assert_eq!(output.out.as_deref(), Some("o"));
        assert_eq!(
            output.node.and_then(|n| n.next).and_then(|n| n.name),
            Some("n".to_owned())
        );
        assert_eq!(output.index.expect("an index")["a"], ["1"]);
        // Members outside the result element are not the output's.
        let elsewhere = b"<PutResponse><out>o</out></PutResponse>";
        let output = put::parse_response(200, &headers(&[]), elsewhere).expect("reads");
        assert_eq!(output.out, None);
    }

    #[test]
    fn errors_are_matched_by_their_aws_query_code() {
        let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>Boom.Custom</Code>\
            <message>bad</message><secret>hunter2</secret></Error><RequestId>r</RequestId></ErrorResponse>";
        match put::parse_response(400, &headers(&[]), body) {
            Err(put::PutError::Boom(error)) => {
                assert_eq!(error.message.as_deref(), Some("bad"));
                assert!(!format!("{error:?}").contains("hunter2"));
            }
            other => panic!("{other:?}"),
        }
        // The shape name is not the code of an error that has an awsQuery code.
        let body = b"<ErrorResponse><Error><Code>Boom</Code></Error></ErrorResponse>";
        assert!(matches!(
            put::parse_response(400, &headers(&[]), body),
            Err(put::PutError::Unhandled(_))
        ));
    }

    #[test]
    fn bad_bodies_are_invalid_responses_that_name_no_value() {
        for body in [
            &b"<PutResponse><PutResult><out>o</PutResult></PutResponse>"[..],
            b"hunter2",
            b"<PutResponse><PutResult><node><next>hunter2<next></node></PutResult></PutResponse>",
        ] {
            match put::parse_response(200, &headers(&[]), body) {
                Err(put::PutError::InvalidResponse(e)) => {
                    assert!(!e.message.contains("hunter2"), "{}", e.message)
                }
                other => panic!("{other:?}"),
            }
        }
        // An error body that is not XML is still an error, without a code.
        match put::parse_response(500, &headers(&[]), b"<<hunter2") {
            Err(put::PutError::Unhandled(error)) => assert_eq!(error.code, None),
            Err(put::PutError::InvalidResponse(e)) => assert!(!e.message.contains("hunter2")),
            other => panic!("{other:?}"),
        }
    }
}

/// In a module that imports a generated crate's `Decoder`, `HeaderValue` and `Message`:
/// `messages(bytes)`, the whole messages of a body, and `string(text)`, a string header.
macro_rules! event_stream_helpers {
    () => {
        fn messages(bytes: &[u8]) -> Vec<Message> {
            let mut decoder = Decoder::new();
            decoder.push(bytes);
            let mut out = Vec::new();
            while let Some(message) = decoder.next_message().expect("valid framing") {
                out.push(message);
            }
            decoder.finish().expect("whole messages");
            out
        }

        #[allow(dead_code)]
        fn string(text: &str) -> HeaderValue {
            HeaderValue::String(text.to_owned())
        }
    };
}

mod event_streams {
    use hostile_event_streams::operation::{publish, subscribe};
    use hostile_event_streams::primitives::{Blob, DateTime};
    use hostile_event_streams::types::error::Fault;
    use hostile_event_streams::types::{Events, Level, MessageEvent, ValueEvent};
    use hostile_event_streams::wire::event_stream::{
        Decoder, EventError, HeaderValue, Message,
    };

    use super::ENDPOINT;

    event_stream_helpers!();

    fn event(event_type: &str, payload: &str) -> Vec<u8> {
        let mut message = Message::default()
            .with_header(":message-type", string("event"))
            .with_header(":event-type", string(event_type))
            .with_header(":content-type", string("application/x-amz-json-1.1"));
        message.payload = payload.as_bytes().to_vec();
        message.encode().expect("encodes")
    }

    #[test]
    fn an_input_stream_starts_with_the_initial_request() {
        let input = publish::PublishInput::builder().room("lobby").build();
        let request = publish::serialize_request(&input, ENDPOINT).unwrap();
        assert_eq!(request.headers()["content-type"], "application/vnd.amazon.eventstream");
        assert_eq!(request.headers()["x-amz-target"], "Service.Publish");
        let sent = messages(request.body());
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].header(":event-type"), Some(&string("initial-request")));
        let document: serde_json::Value = serde_json::from_slice(&sent[0].payload).unwrap();
        assert_eq!(document, serde_json::json!({ "room": "lobby" }));

        // The input's events follow it, in order.
        let events = vec![
            Events::Message(MessageEvent::builder().message("one").build()),
            Events::Initial(hostile_event_streams::types::Empty::builder().build()),
        ];
        let input = publish::PublishInput::builder().room("lobby").stream(events.clone()).build();
        let request = publish::serialize_request(&input, ENDPOINT).unwrap();
        let sent = messages(request.body());
        assert_eq!(sent.len(), 3);
        assert_eq!(request.headers()["content-length"], request.body().len().to_string().as_str());
        let mut expected = publish::encode_event(&events[0]).unwrap();
        expected.extend(publish::encode_event(&events[1]).unwrap());
        assert!(request.body().ends_with(&expected));
    }

    #[test]
    fn events_are_messages_of_headers_and_payload() {
        let value = Events::Value(
            ValueEvent::builder()
                .header("h")
                .other(-7)
                .when(DateTime::from_secs_and_nanos(1_700_000_000, 250_000_000))
                .level(Level::from("high"))
                .payload(Blob::new(b"raw".to_vec()))
                .build()
                .unwrap(),
        );
        let bytes = publish::encode_event(&value).unwrap();
        let sent = messages(&bytes);
        let message = &sent[0];
        assert_eq!(message.header(":message-type"), Some(&string("event")));
        assert_eq!(message.header(":event-type"), Some(&string("value")));
        assert_eq!(message.header(":content-type"), Some(&string("application/octet-stream")));
        assert_eq!(message.header("header"), Some(&string("h")));
        assert_eq!(message.header("other"), Some(&HeaderValue::Long(-7)));
        assert_eq!(message.header("when"), Some(&HeaderValue::Timestamp(1_700_000_000_250)));
        assert_eq!(message.header("level"), Some(&string("high")));
        assert_eq!(message.payload, b"raw");
        // What is sent reads back as the same event.
        let back: Vec<_> = subscribe::event_receiver(&bytes).collect();
        assert_eq!(back, vec![Ok(value)]);

        let body = Events::Message(MessageEvent::builder().message("hi").out(3).build());
        let sent = messages(&publish::encode_event(&body).unwrap());
        assert_eq!(sent[0].header(":content-type"), Some(&string("application/x-amz-json-1.1")));
        let document: serde_json::Value = serde_json::from_slice(&sent[0].payload).unwrap();
        assert_eq!(document, serde_json::json!({ "message": "hi", "out": 3 }));
        // An error member is sent as an exception.
        let fault = Events::Fault(Fault::builder().message("no").build());
        let sent = messages(&publish::encode_event(&fault).unwrap());
        assert_eq!(sent[0].header(":message-type"), Some(&string("exception")));
        assert_eq!(sent[0].header(":exception-type"), Some(&string("fault")));
        assert!(publish::encode_event(&Events::Unknown("later".into())).is_err());
    }

    #[test]
    fn an_output_stream_reads_the_initial_response_then_the_events() {
        let mut body = event("initial-response", r#"{"requestId":"r-1"}"#);
        body.extend(event("message", r#"{"message":"hi","out":1,"parsed":"high"}"#));
        body.extend(event("initial", ""));
        body.extend(event("newer", "{}"));
        let mut fault = Message::default()
            .with_header(":message-type", string("exception"))
            .with_header(":exception-type", string("fault"));
        fault.payload = br#"{"message":"bad"}"#.to_vec();
        body.extend(fault.encode().unwrap());
        let headers = http::HeaderMap::new();
        let (output, events) =
            subscribe::parse_event_stream_response(200, &headers, &body).expect("the response reads");
        assert_eq!(output.request_id.as_deref(), Some("r-1"));
        let events: Vec<_> = events.collect();
        assert_eq!(events.len(), 4, "{events:?}");
        assert!(matches!(&events[0], Ok(Events::Message(m)) if m.message.as_deref() == Some("hi") && m.out == Some(1)));
        assert!(matches!(&events[1], Ok(Events::Initial(_))));
        assert!(matches!(&events[2], Ok(Events::Unknown(name)) if name == "newer"));
        assert!(matches!(&events[3], Err(EventError::Modeled(Events::Fault(f))) if f.message.as_deref() == Some("bad")));
    }

    #[test]
    fn a_missing_initial_response_leaves_the_output_empty_and_bad_events_are_errors() {
        let body = event("value", "raw");
        let headers = http::HeaderMap::new();
        let (output, mut events) =
            subscribe::parse_event_stream_response(200, &headers, &body).expect("reads");
        assert_eq!(output.request_id, None);
        // `other` is a required header the event lacks.
        assert!(matches!(events.next(), Some(Err(EventError::Invalid(m))) if m.contains("other")));
        assert_eq!(events.next(), None);
        let error = subscribe::parse_response(400, &headers, br#"{"__type":"Refused","message":"m"}"#);
        assert!(matches!(error, Err(subscribe::SubscribeError::Refused(_))));
    }

    /// A body read a few bytes at a time, as a slow connection gives it.
    struct Trickle(std::io::Cursor<Vec<u8>>);

    impl std::io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(5);
            self.0.read(&mut buf[..n])
        }
    }

    /// Streams `body` five bytes per read (the buffered `send` is never used).
    #[derive(Debug)]
    struct Streaming(Vec<u8>);

    impl hostile_event_streams::client::HttpTransport for Streaming {
        fn send(
            &self,
            _: http::Request<Vec<u8>>,
            _: &hostile_event_streams::client::AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, hostile_event_streams::client::TransportError> {
            panic!("an output stream is received with send_streaming")
        }

        fn send_streaming(
            &self,
            _: http::Request<Vec<u8>>,
            _: &hostile_event_streams::client::AttemptLimits,
        ) -> Result<
            http::Response<hostile_event_streams::client::BodyReader>,
            hostile_event_streams::client::TransportError,
        > {
            let body = Trickle(std::io::Cursor::new(self.0.clone()));
            Ok(http::Response::new(Box::new(body) as hostile_event_streams::client::BodyReader))
        }
    }

    #[test]
    fn the_client_reads_the_initial_response_from_a_streamed_body_then_the_events() {
        use hostile_event_streams::client::{Config, Credentials};
        let mut body = event("initial-response", r#"{"requestId":"r-9"}"#);
        body.extend(event("message", r#"{"message":"hi","out":1}"#));
        body.extend(event("initial", ""));
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
            .endpoint_url("http://127.0.0.1:9")
            .transport(Streaming(body))
            .build();
        let client = hostile_event_streams::blocking::Client::new(&config);
        let (output, events) = client.subscribe().send().expect("the call succeeds");
        assert_eq!(output.request_id.as_deref(), Some("r-9"));
        let events: Vec<_> = events.collect();
        assert_eq!(events.len(), 2, "{events:?}");
        assert!(matches!(&events[0], Ok(Events::Message(m)) if m.message.as_deref() == Some("hi")));
        assert!(matches!(&events[1], Ok(Events::Initial(_))));
    }
}

mod event_streams_cbor {
    use hostile_event_streams_cbor::operation::{publish, subscribe};
    use hostile_event_streams_cbor::types::{Events, MessageEvent, ValueEvent};
    use hostile_event_streams_cbor::wire::event_stream::{Decoder, EventError, HeaderValue, Message};

    use super::ENDPOINT;

    event_stream_helpers!();

    #[test]
    fn cbor_events_round_trip_and_the_initial_request_leaves_the_stream_out() {
        let events = vec![
            Events::Message(MessageEvent::builder().message("one").out(2).build()),
            Events::Value(ValueEvent::builder().header("h").other(1).build().unwrap()),
        ];
        let input = publish::PublishInput::builder().room("r").stream(events.clone()).build();
        let request = publish::serialize_request(&input, ENDPOINT).unwrap();
        let sent = messages(request.body());
        assert_eq!(sent.len(), 3);
        assert_eq!(sent[0].header(":event-type"), Some(&HeaderValue::String("initial-request".into())));
        assert_eq!(sent[0].header(":content-type"), Some(&HeaderValue::String("application/cbor".into())));
        // {"room": "r"} and nothing of the stream.
        assert_eq!(sent[0].payload, [0xa1, 0x64, b'r', b'o', b'o', b'm', 0x61, b'r']);
        let mut body = Vec::new();
        for event in &events {
            body.extend(publish::encode_event(event).unwrap());
        }
        let back: Vec<_> = subscribe::event_receiver(&body).collect();
        assert_eq!(back, events.into_iter().map(Ok).collect::<Vec<_>>());
        let mut initial = Message::default()
            .with_header(":message-type", HeaderValue::String("event".into()))
            .with_header(":event-type", HeaderValue::String("initial-response".into()));
        // {"requestId": "x"}
        initial.payload = vec![0xa1, 0x69, b'r', b'e', b'q', b'u', b'e', b's', b't', b'I', b'd', 0x61, b'x'];
        let mut response = initial.encode().unwrap();
        response.extend(&body);
        let (output, events) = subscribe::parse_event_stream_response(200, &http::HeaderMap::new(), &response).unwrap();
        assert_eq!(output.request_id.as_deref(), Some("x"));
        assert_eq!(events.count(), 2);
        let _ = EventError::<Events>::Invalid(String::new());
    }
}

mod event_stream_plain_input {
    use hostile_event_stream_plain_input::operation::send;
    use hostile_event_stream_plain_input::primitives::Blob;
    use hostile_event_stream_plain_input::types::{Chunk, SendInput};

    use super::ENDPOINT;

    #[test]
    fn an_input_without_the_input_trait_sends_its_events_in_order() {
        let events = vec![
            SendInput::Chunk(Chunk::builder().bytes(Blob::new(b"one".to_vec())).build()),
            SendInput::Chunk(Chunk::builder().bytes(Blob::new(b"two".to_vec())).build()),
        ];
        let input = send::SendInput::builder().room("r").body(events.clone()).build().unwrap();
        let request = send::serialize_request(&input, ENDPOINT).unwrap();
        assert_eq!(request.uri().path(), "/send/r");
        let mut expected = Vec::new();
        for event in &events {
            expected.extend(send::encode_event(event).unwrap());
        }
        assert_eq!(request.body(), &expected[..]);
    }
}

mod event_streams_xml {
    use std::sync::{Arc, Mutex};

    use hostile_event_streams_xml::client::{
        AttemptLimits, Config, Credentials, HttpTransport, TransportError,
    };
    use hostile_event_streams_xml::operation::{publish, subscribe};
    use hostile_event_streams_xml::primitives::{Blob, DateTime};
    use hostile_event_streams_xml::types::error::Fault;
    use hostile_event_streams_xml::types::{
        DetailEvent, Events, Level, MessageEvent, NoteEvent, Stats, TextEvent, ValueEvent,
    };
    use hostile_event_streams_xml::wire::event_stream::{
        Decoder, EventError, HeaderValue, Message,
    };

    use super::{headers, ENDPOINT};

    event_stream_helpers!();

    /// One message of `kind` (`event`, `exception`) with its type header, an XML content
    /// type and `payload`.
    fn message(kind: &str, name: &str, payload: &str) -> Vec<u8> {
        let type_header = if kind == "exception" { ":exception-type" } else { ":event-type" };
        let mut message = Message::default()
            .with_header(":message-type", string(kind))
            .with_header(type_header, string(name))
            .with_header(":content-type", string("application/xml"));
        message.payload = payload.as_bytes().to_vec();
        message.encode().expect("encodes")
    }

    fn events() -> Vec<Events> {
        vec![
            Events::Message(
                MessageEvent::builder()
                    .tag("t")
                    .id("7")
                    .message("a < b")
                    .out(3)
                    .parsed(Level::from("high"))
                    .items(vec!["x".to_owned(), "y".to_owned()])
                    .build(),
            ),
            Events::Note(NoteEvent::builder().body("n").build()),
            Events::Value(
                ValueEvent::builder()
                    .header("h")
                    .other(-7)
                    .flag(true)
                    .when(DateTime::from_secs_and_nanos(1_700_000_000, 250_000_000))
                    .level(Level::from("high"))
                    .payload(Blob::new(b"\0raw".to_vec()))
                    .build()
                    .unwrap(),
            ),
            Events::Text(TextEvent::builder().body("héllo").build()),
            Events::Detail(
                DetailEvent::builder()
                    .seq(2)
                    .details(Stats::builder().scanned(10).names(vec!["a".to_owned(), "b".to_owned()]).build())
                    .build(),
            ),
            Events::Initial(hostile_event_streams_xml::types::Empty::builder().build()),
        ]
    }

    #[test]
    fn the_initial_request_is_the_http_request_and_its_body_the_events() {
        let input = publish::PublishInput::builder().room("lobby").mode("fast").stream(events()).build();
        let request = publish::serialize_request(&input, ENDPOINT).unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri().path(), "/rooms/lobby/events");
        assert_eq!(request.headers()["x-mode"], "fast");
        assert_eq!(request.headers()["content-type"], "application/vnd.amazon.eventstream");
        // No `initial-request` message: the HTTP request carries the input's other members.
        let sent = messages(request.body());
        assert_eq!(sent.len(), events().len());
        let mut expected = Vec::new();
        for event in &events() {
            expected.extend(publish::encode_event(event).unwrap());
        }
        assert_eq!(request.body(), &expected[..]);
    }

    #[test]
    fn events_are_headers_and_an_xml_payload() {
        let sent: Vec<Message> =
            events().iter().flat_map(|e| messages(&publish::encode_event(e).unwrap())).collect();
        // Body members: one document named by the event structure's `@xmlName`, with the
        // protocol's content type; the header member apart.
        let body = &sent[0];
        assert_eq!(body.header(":message-type"), Some(&string("event")));
        assert_eq!(body.header(":event-type"), Some(&string("message")));
        assert_eq!(body.header(":content-type"), Some(&string("application/xml")));
        assert_eq!(body.header("tag"), Some(&string("t")));
        let expected = br#"<Msg id="7"><message>a &lt; b</message><Out>3</Out><parsed>high</parsed><items><item>x</item><item>y</item></items></Msg>"#;
        hostile_event_streams_xml::wire::xml::equivalent(&body.payload, expected).unwrap();
        // The union member's `@xmlName` names the root before the structure's name.
        assert_eq!(sent[1].payload, b"<Remark><body>n</body></Remark>");
        // Header members of each kind, a blob payload raw.
        let value = &sent[2];
        assert_eq!(value.header(":content-type"), Some(&string("application/octet-stream")));
        assert_eq!(value.header("other"), Some(&HeaderValue::Long(-7)));
        assert_eq!(value.header("flag"), Some(&HeaderValue::Bool(true)));
        assert_eq!(value.header("when"), Some(&HeaderValue::Timestamp(1_700_000_000_250)));
        assert_eq!(value.header("level"), Some(&string("high")));
        assert_eq!(value.payload, b"\0raw");
        // A string payload as UTF-8 text.
        assert_eq!(sent[3].header(":content-type"), Some(&string("text/plain")));
        assert_eq!(sent[3].payload, "héllo".as_bytes());
        // A structure payload: its own document, named by its target.
        assert_eq!(sent[4].header(":content-type"), Some(&string("application/xml")));
        assert_eq!(sent[4].header("seq"), Some(&HeaderValue::Int(2)));
        hostile_event_streams_xml::wire::xml::equivalent(
            &sent[4].payload,
            b"<Stats><BytesScanned>10</BytesScanned><names>a</names><names>b</names></Stats>",
        )
        .unwrap();
        // An event of no members is its headers alone.
        assert!(sent[5].payload.is_empty());
        // An error member is an exception.
        let fault = Events::Fault(Fault::builder().message("no").reason("r").build());
        let sent = messages(&publish::encode_event(&fault).unwrap());
        assert_eq!(sent[0].header(":message-type"), Some(&string("exception")));
        assert_eq!(sent[0].header(":exception-type"), Some(&string("fault")));
        hostile_event_streams_xml::wire::xml::equivalent(
            &sent[0].payload,
            b"<Fault><message>no</message><Reason>r</Reason></Fault>",
        )
        .unwrap();
        assert!(publish::encode_event(&Events::Unknown("later".into())).is_err());
    }

    #[test]
    fn what_is_sent_reads_back_as_the_same_events() {
        let mut body = Vec::new();
        for event in &events() {
            body.extend(publish::encode_event(event).unwrap());
        }
        let back: Vec<_> = subscribe::event_receiver(&body).collect();
        assert_eq!(back, events().into_iter().map(Ok).collect::<Vec<_>>());
    }

    #[test]
    fn an_output_stream_reads_the_http_response_then_the_events() {
        let mut body = message("event", "message", r#"<Msg id="9"><Out>1</Out><message>hi</message><unknown/></Msg>"#);
        body.extend(message(
            "event",
            "detail",
            "<Stats><names>p</names><BytesScanned>5</BytesScanned><names>q</names></Stats>",
        ));
        body.extend(message("event", "initial", ""));
        body.extend(message("event", "newer", "<Newer/>"));
        body.extend(message("exception", "fault", "<Fault><message>bad</message><Reason>why</Reason></Fault>"));
        let response_headers = headers(&[("x-request-id", "r-1"), ("x-count", "4")]);
        let (output, events) = subscribe::parse_event_stream_response(200, &response_headers, &body)
            .expect("the response reads");
        assert_eq!(output.request_id, "r-1");
        assert_eq!((output.count, output.code), (Some(4), Some(200)));
        let events: Vec<_> = events.collect();
        assert_eq!(events.len(), 5, "{events:?}");
        let expected = MessageEvent::builder().id("9").out(1).message("hi").build();
        assert_eq!(events[0], Ok(Events::Message(expected)));
        let stats = Stats::builder().scanned(5).names(vec!["p".to_owned(), "q".to_owned()]).build();
        assert_eq!(events[1], Ok(Events::Detail(DetailEvent::builder().details(stats).build())));
        assert!(matches!(&events[2], Ok(Events::Initial(_))));
        assert!(matches!(&events[3], Ok(Events::Unknown(name)) if name == "newer"));
        let fault = Fault::builder().message("bad").reason("why").build();
        assert_eq!(events[4], Err(EventError::Modeled(Events::Fault(fault))));
    }

    #[test]
    fn exceptions_may_be_wrapped_as_error_responses_and_errors_are_unhandled() {
        let wrapped = "<ErrorResponse><Error><message>w</message></Error></ErrorResponse>";
        let mut body = message("exception", "fault", wrapped);
        let mut events = subscribe::event_receiver(&body);
        let fault = Fault::builder().message("w").build();
        assert_eq!(events.next(), Some(Err(EventError::Modeled(Events::Fault(fault)))));
        assert_eq!(events.next(), None);

        body = message("exception", "fault", "<Error><Reason>u</Reason></Error>");
        let fault = Fault::builder().reason("u").build();
        let first = subscribe::event_receiver(&body).next();
        assert_eq!(first, Some(Err(EventError::Modeled(Events::Fault(fault)))));

        let mut error = Message::default()
            .with_header(":message-type", string("error"))
            .with_header(":error-code", string("Throttled"))
            .with_header(":error-message", string("slow down"));
        error.payload = Vec::new();
        let first = subscribe::event_receiver(&error.encode().unwrap()).next();
        assert!(
            matches!(&first, Some(Err(EventError::Unhandled { code, message }))
                if code == "Throttled" && message.as_deref() == Some("slow down")),
            "{first:?}"
        );
    }

    #[test]
    fn bad_events_are_invalid_without_their_values() {
        // Not well-formed XML.
        let body = message("event", "message", "<Msg><message>hunter2</Msg>");
        let first = subscribe::event_receiver(&body).next();
        assert!(matches!(&first, Some(Err(EventError::Invalid(m))) if !m.contains("hunter2")), "{first:?}");
        // A value that does not read as its type.
        let body = message("event", "message", "<Msg><Out>hunter2</Out></Msg>");
        let first = subscribe::event_receiver(&body).next();
        assert!(matches!(&first, Some(Err(EventError::Invalid(m))) if m.contains("MessageEvent.out")), "{first:?}");
        if let Some(Err(EventError::Invalid(m))) = &first {
            assert!(!m.contains("hunter2"), "{m}");
        }
        // A required header missing; a string payload that is not UTF-8.
        let body = message("event", "value", "");
        let first = subscribe::event_receiver(&body).next();
        assert!(matches!(&first, Some(Err(EventError::Invalid(m))) if m.contains("other")), "{first:?}");
        let mut text = Message::default()
            .with_header(":message-type", string("event"))
            .with_header(":event-type", string("text"));
        text.payload = vec![0xff, 0xfe];
        let first = subscribe::event_receiver(&text.encode().unwrap()).next();
        assert!(matches!(&first, Some(Err(EventError::Invalid(_)))), "{first:?}");
    }

    #[test]
    fn the_initial_response_needs_its_required_header_and_errors_are_xml() {
        let body = message("event", "initial", "");
        let missing = subscribe::parse_event_stream_response(200, &headers(&[]), &body);
        assert!(
            matches!(&missing, Err(subscribe::SubscribeError::InvalidResponse(e)) if e.message.contains("x-request-id") || e.message.contains("requestId")),
            "{missing:?}"
        );
        let error = b"<ErrorResponse><Error><Code>Refused</Code><message>no</message></Error></ErrorResponse>";
        let refused = subscribe::parse_event_stream_response(400, &headers(&[]), error);
        assert!(matches!(refused, Err(subscribe::SubscribeError::Refused(_))), "{refused:?}");
    }

    /// Answers every request with `response` and keeps the last one sent.
    #[derive(Debug)]
    struct Canned {
        response: (u16, Vec<(&'static str, &'static str)>, Vec<u8>),
        seen: Mutex<Option<http::Request<Vec<u8>>>>,
    }

    #[derive(Debug)]
    struct Shared(Arc<Canned>);

    impl HttpTransport for Shared {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
            _limits: &AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            *self.0.seen.lock().unwrap() = Some(request);
            let (status, headers, body) = &self.0.response;
            let mut response = http::Response::builder().status(*status);
            for (name, value) in headers {
                response = response.header(*name, *value);
            }
            Ok(response.body(body.clone()).unwrap())
        }
    }

    fn client_answering(
        response: (u16, Vec<(&'static str, &'static str)>, Vec<u8>),
    ) -> (hostile_event_streams_xml::blocking::Client, Arc<Canned>) {
        let canned = Arc::new(Canned { response, seen: Mutex::new(None) });
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
            .endpoint_url("http://127.0.0.1:9")
            .transport(Shared(Arc::clone(&canned)))
            .build();
        (hostile_event_streams_xml::blocking::Client::new(&config), canned)
    }

    #[test]
    fn the_client_gives_the_output_and_a_receiver_and_signs_each_sent_event() {
        let body = message("event", "note", "<Remark><body>b</body></Remark>");
        let (client, _) = client_answering((200, vec![("x-request-id", "r-2")], body));
        let (output, receiver) = client.subscribe().room("lobby").send().expect("the call succeeds");
        assert_eq!(output.request_id, "r-2");
        let received: Vec<_> = receiver.collect();
        assert_eq!(received, vec![Ok(Events::Note(NoteEvent::builder().body("b").build()))]);

        let (client, canned) = client_answering((200, vec![("x-accepted", "2")], Vec::new()));
        let output = client.publish().room("lobby").stream(events()).send().expect("sent");
        assert_eq!(output.accepted, Some(2));
        let request = canned.seen.lock().unwrap().take().expect("a request");
        assert_eq!(request.uri().path(), "/rooms/lobby/events");
        assert_eq!(request.headers()["x-amz-content-sha256"], "STREAMING-AWS4-HMAC-SHA256-EVENTS");
        // Each event's message inside a signed one, then the empty signed message.
        let envelopes = messages(request.body());
        assert_eq!(envelopes.len(), events().len() + 1);
        for (envelope, event) in envelopes.iter().zip(events()) {
            assert!(matches!(envelope.header(":chunk-signature"), Some(HeaderValue::Bytes(s)) if s.len() == 32));
            assert_eq!(envelope.payload, publish::encode_event(&event).unwrap());
        }
        assert!(envelopes.last().unwrap().payload.is_empty());
    }
}

mod big_numbers_cbor {
    use std::collections::HashMap;

    use hostile_big_numbers_cbor::operation::convert::{self, ConvertInput};
    use hostile_big_numbers_cbor::primitives::{BigDecimal, BigInteger};

    use super::ENDPOINT;

    fn int(text: &str) -> BigInteger {
        text.parse().expect("a big integer")
    }

    fn dec(text: &str) -> BigDecimal {
        text.parse().expect("a big decimal")
    }

    /// A CBOR text string of fewer than 24 bytes.
    fn key(name: &str) -> Vec<u8> {
        let mut out = vec![0x60 + name.len() as u8];
        out.extend(name.as_bytes());
        out
    }

    /// Tag 2 or 3 (`tag_byte` 0xc2 or 0xc3) of h'010000000000000000' (2^64).
    fn bignum_two_to_64(tag_byte: u8) -> Vec<u8> {
        let mut out = vec![tag_byte, 0x49, 0x01];
        out.extend([0; 8]);
        out
    }

    /// RFC 8949 sections 3.4.3 and 3.4.4: integers beyond 64 bits are bignums, decimals are
    /// tag 4 of [exponent, mantissa], in members, lists and maps alike.
    #[test]
    fn big_numbers_are_written_as_bignums_and_decimal_fractions() {
        let input = ConvertInput::builder()
            .value(int("18446744073709551616"))
            .mantissa(dec("273.15"))
            .exponents(vec![int("-1"), int("-18446744073709551617")])
            .tag(HashMap::from([("t".to_owned(), dec("-0.5"))]))
            .secret(dec("1e-2"))
            .build();
        let request = convert::serialize_request(&input, ENDPOINT).expect("serializes");
        let mut expected = vec![0xa5];
        expected.extend(key("value"));
        expected.extend(bignum_two_to_64(0xc2));
        expected.extend(key("mantissa"));
        expected.extend([0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3]);
        expected.extend(key("exponents"));
        expected.extend([0x82, 0x20]);
        expected.extend(bignum_two_to_64(0xc3));
        expected.extend(key("tag"));
        expected.extend([0xa1, 0x61, b't', 0xc4, 0x82, 0x20, 0x24]);
        expected.extend(key("secret"));
        expected.extend([0xc4, 0x82, 0x21, 0x01]);
        assert_eq!(request.body(), &expected);
    }

    #[test]
    fn every_valid_form_is_read_exactly() {
        let mut body = vec![0xa5];
        // -1 as tag 3 of an empty byte string.
        body.extend(key("value"));
        body.extend([0xc3, 0x40]);
        // 2^64 * 10^-2 with a bignum mantissa.
        body.extend(key("mantissa"));
        body.extend([0xc4, 0x82, 0x21]);
        body.extend(bignum_two_to_64(0xc2));
        // -2^64 as a plain integer, and zero as a bignum with a leading zero byte.
        body.extend(key("exponents"));
        body.extend([0x82, 0x3b]);
        body.extend([0xff; 8]);
        body.extend([0xc2, 0x41, 0x00]);
        // A plain integer where a decimal fraction is expected: exponent 0.
        body.extend(key("tag"));
        body.extend([0xa1, 0x61, b't', 0x05]);
        body.extend(key("bounded"));
        body.extend(bignum_two_to_64(0xc3));
        let output = convert::parse_response(200, &http::HeaderMap::new(), &body).expect("reads");
        assert_eq!(output.value, int("-1"));
        assert_eq!(output.mantissa, dec("184467440737095516.16"));
        assert_eq!(
            output.exponents,
            Some(vec![int("-18446744073709551616"), int("0")])
        );
        assert_eq!(output.tag, Some(HashMap::from([("t".to_owned(), dec("5"))])));
        // -2^64 - 1: one below the range's minimum.
        let bounded = output.bounded.clone().expect("read");
        assert_eq!(bounded, int("-18446744073709551617"));
        assert!(!bounded.within(Some("-18446744073709551616"), None));

        // Absent members take their defaults, beyond 64 bits too.
        let output = convert::parse_response(200, &http::HeaderMap::new(), &[0xa0]).unwrap();
        assert_eq!(output.value, int("-18446744073709551617"));
        assert_eq!(output.mantissa, dec("273.15"));
    }

    #[test]
    fn floats_and_wrong_tags_are_errors_that_keep_secrets() {
        let mut body = vec![0xa1];
        body.extend(key("mantissa"));
        body.extend([0xf9, 0x38, 0x00]);
        let error = convert::parse_response(200, &http::HeaderMap::new(), &body)
            .expect_err("a float is not a decimal fraction");
        assert!(format!("{error}").contains("float"), "{error}");
        let mut body = vec![0xa1];
        body.extend(key("value"));
        body.extend([0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3]);
        let error = convert::parse_response(200, &http::HeaderMap::new(), &body)
            .expect_err("a decimal fraction is not an integer");
        assert!(format!("{error}").contains("tag 4"), "{error}");
        // The sensitive member reads and is not shown.
        let mut body = vec![0xa1];
        body.extend(key("secret"));
        // 314159e-5
        body.extend([0xc4, 0x82, 0x24, 0x1a, 0x00, 0x04, 0xcb, 0x2f]);
        let output = convert::parse_response(200, &http::HeaderMap::new(), &body).unwrap();
        assert_eq!(output.secret, Some(dec("3.14159")));
        assert!(!format!("{output:?}").contains("14159"), "{output:?}");
    }
}

mod checksums {
    //! `@httpChecksum` and `@httpChecksumRequired`: request checksums of each algorithm, the
    //! default when none is named, Content-MD5, and response checks, sans I/O and by the client.
    use std::sync::{Arc, Mutex};

    use hostile_checksums::client::{
        AttemptLimits, ChecksumWhen, Config, Credentials, HttpTransport, SdkError, TransportError,
    };
    use hostile_checksums::operation::{checksum, download, put_legacy, put_required, upload};
    use hostile_checksums::primitives::Blob;
    use hostile_checksums::types::{ChecksumAlgorithm, ChecksumMode};
    use hostile_checksums::wire::checksum::{
        add_request_checksum, validate_response, RequestChecksumCalculation, ResponseChecksum,
        ResponseChecksumValidation,
    };
    use hostile_checksums::wire::checksum_algorithms::{crc32, md5, base64};

    use super::{headers, ENDPOINT};

    const BODY: &[u8] = b"123456789";
    /// The base64 of each algorithm's checksum of `BODY` (CRC check values; SHA and MD5 from
    /// Python's hashlib).
    const EXPECTED: [(&str, &str, &str); 5] = [
        ("CRC32", "x-amz-checksum-crc32", "y/Q5Jg=="),
        ("CRC32C", "x-amz-checksum-crc32c", "4waSgw=="),
        ("CRC64NVME", "x-amz-checksum-crc64nvme", "rosUhgp5mIg="),
        ("SHA1", "x-amz-checksum-sha1", "98O8HYCOBHMq32eZZczDTKeuNEE="),
        ("SHA256", "x-amz-checksum-sha256", "FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU="),
    ];

    fn checksum_headers(request: &http::Request<Vec<u8>>) -> Vec<String> {
        request
            .headers()
            .keys()
            .map(|k| k.as_str().to_owned())
            .filter(|k| {
                (k.starts_with("x-amz-checksum-") && k != "x-amz-checksum-mode") || k == "content-md5"
            })
            .collect()
    }

    fn upload_input(algorithm: Option<&str>) -> upload::UploadInput {
        upload::UploadInput::builder()
            .key("k")
            .request("r")
            .chosen("c")
            .body(Blob::new(BODY))
            .set_checksum_algorithm(algorithm.map(ChecksumAlgorithm::from))
            .build()
            .expect("built")
    }

    #[test]
    fn each_named_algorithm_gives_its_header() {
        for (name, header, value) in EXPECTED {
            let request = upload::serialize_request(&upload_input(Some(name)), ENDPOINT).unwrap();
            assert_eq!(request.headers()[header], value, "{name}");
            assert_eq!(request.headers()["x-amz-sdk-checksum-algorithm"], name);
            assert_eq!(checksum_headers(&request), [header], "{name}: one checksum");
            assert_eq!(request.headers()["x-request"], "r");
            assert_eq!(request.uri().query(), Some("chosen=c"));
        }
    }

    #[test]
    fn without_a_named_algorithm_crc32_is_sent_when_supported() {
        let request = upload::serialize_request(&upload_input(None), ENDPOINT).unwrap();
        assert_eq!(request.headers()["x-amz-checksum-crc32"], "y/Q5Jg==");
        assert_eq!(request.headers()["x-amz-sdk-checksum-algorithm"], "CRC32");
        // `when_required`: not required, none named, none sent.
        let mut request =
            upload::serialize_request_without_checksum(&upload_input(None), ENDPOINT).unwrap();
        assert!(checksum_headers(&request).is_empty());
        add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
        assert!(checksum_headers(&request).is_empty());
        assert!(request.headers().get("x-amz-sdk-checksum-algorithm").is_none());
    }

    #[test]
    fn a_required_checksum_without_a_member_is_crc32_whatever_the_setting() {
        let input = put_required::PutRequiredInput::builder().note("n").checksum("mine").build();
        let mut request = put_required::serialize_request_without_checksum(&input, ENDPOINT).unwrap();
        add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
        assert_eq!(request.headers()["x-amz-checksum-crc32"], base64(&crc32(request.body()).to_be_bytes()));
        assert_eq!(request.headers()["x-checksum"], "mine");
        assert!(request.headers().get("x-amz-sdk-checksum-algorithm").is_none());
        assert_eq!(checksum_headers(&request), ["x-amz-checksum-crc32"]);
    }

    #[test]
    fn http_checksum_required_sends_content_md5() {
        let input = put_legacy::PutLegacyInput::builder().note("n").build();
        let request = put_legacy::serialize_request(&input, ENDPOINT).unwrap();
        assert_eq!(request.body(), br#"{"note":"n"}"#);
        assert_eq!(request.headers()["content-md5"], "0/A6tICxnyVpL0x8hyk7fQ==");
        assert_eq!(request.headers()["content-md5"], base64(&md5(request.body())));
        assert_eq!(checksum_headers(&request), ["content-md5"]);
    }

    #[test]
    fn both_traits_prefer_the_flexible_checksum_and_fall_back_to_md5() {
        let named = checksum::ChecksumInput::builder().algorithm("sha256").mode("x").headers("h").build().unwrap();
        let request = checksum::serialize_request(&named, ENDPOINT).unwrap();
        assert_eq!(checksum_headers(&request), ["x-amz-checksum-sha256"]);
        assert_eq!(request.headers()["x-algorithm"], "sha256");

        let unnamed = checksum::ChecksumInput::builder().mode("x").build().unwrap();
        let request = checksum::serialize_request(&unnamed, ENDPOINT).unwrap();
        assert_eq!(checksum_headers(&request), ["x-amz-checksum-crc32"]);
        // The algorithm member is bound to `x-algorithm`, which then names the default.
        assert_eq!(request.headers()["x-algorithm"], "CRC32");

        let mut request = checksum::serialize_request_without_checksum(&unnamed, ENDPOINT).unwrap();
        add_request_checksum(&mut request, RequestChecksumCalculation::WhenRequired).unwrap();
        assert_eq!(checksum_headers(&request), ["content-md5"]);

        let unknown = checksum::ChecksumInput::builder().algorithm("XXHASH3").mode("x").build().unwrap();
        let error = checksum::serialize_request(&unknown, ENDPOINT).unwrap_err();
        assert!(error.message().contains("XXHASH3"), "{error}");
    }

    fn download_mark(mode: Option<&str>) -> ResponseChecksum {
        let input = download::DownloadInput::builder()
            .key("k")
            .set_checksum_mode(mode.map(ChecksumMode::from))
            .build()
            .unwrap();
        let request = download::serialize_request(&input, ENDPOINT).unwrap();
        assert!(checksum_headers(&request).is_empty(), "a GET without a checksum trait of its own");
        assert_eq!(request.headers().get("x-amz-checksum-mode").is_some(), mode.is_some());
        request.extensions().get::<ResponseChecksum>().cloned().expect("marked")
    }

    #[test]
    fn responses_are_checked_sans_io() {
        let mark = download_mark(None);
        let names: Vec<_> = mark.algorithms.iter().map(|a| a.name).collect();
        assert_eq!(names, ["CRC64NVME", "CRC32C", "CRC32", "SHA1", "SHA256"], "XXHASH64 left out");
        let good = headers(&[("x-amz-checksum-crc32", "y/Q5Jg==")]);
        let bad = headers(&[("x-amz-checksum-crc32", "AAAAAA==")]);
        let supported = ResponseChecksumValidation::WhenSupported;
        let required = ResponseChecksumValidation::WhenRequired;
        assert_eq!(validate_response(&mark, supported, &good, BODY), Ok(Some("CRC32")));
        assert!(validate_response(&mark, supported, &bad, BODY).is_err());
        assert_eq!(validate_response(&mark, required, &bad, BODY), Ok(None));
        let enabled = download_mark(Some("ENABLED"));
        assert!(enabled.enabled);
        assert!(validate_response(&enabled, required, &bad, BODY).is_err());
        let output = download::parse_response(200, &good, BODY).unwrap();
        assert_eq!(output.body.as_ref().map(|b| b.as_ref()), Some(BODY));
    }

    /// Answers every request with `response` and keeps the last one sent.
    #[derive(Debug)]
    struct Canned {
        response: (Vec<(&'static str, &'static str)>, Vec<u8>),
        seen: Mutex<Option<http::Request<Vec<u8>>>>,
    }

    #[derive(Debug)]
    struct Shared(Arc<Canned>);

    impl HttpTransport for Shared {
        fn send(
            &self,
            request: http::Request<Vec<u8>>,
            _limits: &AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, TransportError> {
            *self.0.seen.lock().unwrap() = Some(request);
            let (headers, body) = &self.0.response;
            let mut response = http::Response::builder().status(200);
            for (name, value) in headers {
                response = response.header(*name, *value);
            }
            Ok(response.body(body.clone()).unwrap())
        }
    }

    fn client(
        response: (Vec<(&'static str, &'static str)>, Vec<u8>),
        requests: ChecksumWhen,
        responses: ChecksumWhen,
    ) -> (hostile_checksums::blocking::Client, Arc<Canned>) {
        let canned = Arc::new(Canned { response, seen: Mutex::new(None) });
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
            .endpoint_url("http://127.0.0.1:9")
            .request_checksum_calculation(requests)
            .response_checksum_validation(responses)
            .transport(Shared(Arc::clone(&canned)))
            .build();
        (hostile_checksums::blocking::Client::new(&config), canned)
    }

    #[test]
    fn the_client_sends_checksums_as_its_setting_says_and_signs_them() {
        let supported = ChecksumWhen::WhenSupported;
        let (c, canned) = client((vec![], Vec::new()), supported, supported);
        c.upload().key("k").body(Blob::new(BODY)).send().expect("sent");
        let request = canned.seen.lock().unwrap().take().unwrap();
        assert_eq!(request.headers()["x-amz-checksum-crc32"], "y/Q5Jg==");
        let authorization = request.headers()["authorization"].to_str().unwrap().to_owned();
        assert!(authorization.contains("x-amz-checksum-crc32"), "{authorization}");

        let (c, canned) = client((vec![], Vec::new()), ChecksumWhen::WhenRequired, supported);
        c.upload().key("k").body(Blob::new(BODY)).send().expect("sent");
        let request = canned.seen.lock().unwrap().take().unwrap();
        assert!(checksum_headers(&request).is_empty());
        c.upload()
            .key("k")
            .checksum_algorithm(ChecksumAlgorithm::from("CRC32C"))
            .body(Blob::new(BODY))
            .send()
            .expect("sent");
        let request = canned.seen.lock().unwrap().take().unwrap();
        assert_eq!(request.headers()["x-amz-checksum-crc32c"], "4waSgw==");
    }

    #[test]
    fn the_client_checks_responses_as_its_setting_says() {
        let supported = ChecksumWhen::WhenSupported;
        let required = ChecksumWhen::WhenRequired;
        let good = (vec![("x-amz-checksum-crc32", "y/Q5Jg==")], BODY.to_vec());
        let (c, _) = client(good, supported, supported);
        let output = c.download().key("k").send().expect("a matching checksum");
        assert_eq!(output.checksum_crc32.as_deref(), Some("y/Q5Jg=="));

        let bad = || (vec![("x-amz-checksum-crc32", "y/Q5Jg=="), ("x-amz-checksum-crc32c", "AAAAAA==")], BODY.to_vec());
        let (c, _) = client(bad(), supported, supported);
        let error = c.download().key("k").send().expect_err("CRC32C is checked first and fails");
        assert!(matches!(&error, SdkError::Checksum(m) if m.header == "x-amz-checksum-crc32c"), "{error:?}");
        assert!(error.to_string().contains("does not match"), "{error}");

        let (c, _) = client(bad(), supported, required);
        c.download().key("k").send().expect("not checked without the mode");
        let error = c
            .download()
            .key("k")
            .checksum_mode(ChecksumMode::from("ENABLED"))
            .send()
            .expect_err("checked with the mode");
        assert!(matches!(error, SdkError::Checksum(_)), "{error:?}");

        // A checksum of parts is not the body's: nothing to check.
        let parts = (vec![("x-amz-checksum-crc32", "AAAAAA==-2")], BODY.to_vec());
        let (c, _) = client(parts, supported, supported);
        c.download().key("k").send().expect("a checksum of parts is skipped");
    }
}

mod request_ids {
    //! Every output and error carries its response's request IDs: from `x-amzn-RequestId`
    //! (restJson1, awsJson, rpcv2Cbor), S3's `x-amz-request-id` and `x-amz-id-2` (restXml),
    //! and the body for awsQuery and ec2Query. They are metadata: builders leave them unset,
    //! equality and serde ignore them.
    use super::*;

    const AMZN: (&str, &str) = ("x-amzn-requestid", "amzn-1");

    #[test]
    fn rest_json_outputs_and_errors_read_the_header() {
        use hostile_http_locations::operation::{locate, tag};
        let output = tag::parse_response(200, &headers(&[AMZN]), b"x").expect("reads");
        assert_eq!(output.request_id(), Some("amzn-1"));
        assert_eq!(output.extended_request_id(), None);
        // Equality, serde and builders are about the data only.
        let built = tag::TagOutput::builder()
            .code(output.code.clone().unwrap())
            .data(output.data.clone().unwrap())
            .build();
        assert_eq!(built.request_id(), None);
        assert_eq!(built, output);
        let back: tag::TagOutput =
            serde_json::from_value(serde_json::to_value(&output).unwrap()).unwrap();
        assert_eq!(back.request_id(), None);
        assert!(!serde_json::to_string(&output).unwrap().contains("amzn-1"));
        assert!(format!("{output:?}").contains("amzn-1"), "{output:?}");
        // Without the header there is none.
        let output = tag::parse_response(200, &headers(&[]), b"x").expect("reads");
        assert_eq!(output.request_id(), None);

        let modeled = headers(&[("x-amzn-errortype", "Refused"), AMZN]);
        let error = locate::parse_response(409, &modeled, br#"{"message": "no"}"#).unwrap_err();
        assert!(matches!(&error, locate::LocateError::Refused(r) if r.request_id() == Some("amzn-1")));
        assert_eq!(error.request_id(), Some("amzn-1"));
        let unhandled = headers(&[("x-amzn-errortype", "Other"), AMZN]);
        let error = locate::parse_response(500, &unhandled, b"{}").unwrap_err();
        assert!(matches!(&error, locate::LocateError::Unhandled(u) if u.request_id() == Some("amzn-1")));
        assert_eq!(error.request_id(), Some("amzn-1"));
        let error = locate::parse_response(201, &headers(&[AMZN]), b"{not json").unwrap_err();
        assert!(matches!(&error, locate::LocateError::InvalidResponse(e) if e.request_id() == Some("amzn-1")));
        assert_eq!(error.request_id(), Some("amzn-1"));
    }

    #[test]
    fn aws_json_and_rpcv2_cbor_read_the_header() {
        use hostile_client_names_rpc::operation::option;
        let output = option::parse_response(200, &headers(&[AMZN]), b"{}").expect("reads");
        assert_eq!(output.request_id(), Some("amzn-1"));
        let error = option::parse_response(400, &headers(&[AMZN]), b"{}").unwrap_err();
        assert_eq!(error.request_id(), Some("amzn-1"));

        use hostile_big_numbers_cbor::operation::convert;
        let cbor = headers(&[AMZN, ("smithy-protocol", "rpc-v2-cbor")]);
        let output = convert::parse_response(200, &cbor, &[0xa0]).expect("reads");
        assert_eq!(output.request_id(), Some("amzn-1"));
        let error = convert::parse_response(500, &cbor, &[0xa0]).unwrap_err();
        assert_eq!(error.request_id(), Some("amzn-1"));
    }

    #[test]
    fn rest_xml_reads_s3s_headers() {
        use hostile_xml_shapes::operation::put;
        let s3 = [("x-amz-request-id", "s3-1"), ("x-amz-id-2", "host-2")];
        let output = put::parse_response(200, &headers(&s3), b"<PutOutput/>").expect("reads");
        assert_eq!(output.request_id(), Some("s3-1"));
        assert_eq!(output.extended_request_id(), Some("host-2"));
        let body = b"<ErrorResponse><Error><Code>Boom</Code></Error></ErrorResponse>";
        let error = put::parse_response(400, &headers(&s3), body).unwrap_err();
        assert!(matches!(error, put::PutError::Boom(_)), "{error:?}");
        assert_eq!(error.request_id(), Some("s3-1"));
        assert_eq!(error.extended_request_id(), Some("host-2"));
    }

    #[test]
    fn aws_query_reads_the_body() {
        use hostile_query_shapes::operation::put;
        let body = b"<PutResponse><PutResult><out>o</out></PutResult>\
            <ResponseMetadata><RequestId>query-1</RequestId></ResponseMetadata></PutResponse>";
        let output = put::parse_response(200, &headers(&[]), body).expect("reads");
        assert_eq!(output.request_id(), Some("query-1"));
        let body = b"<ErrorResponse><Error><Code>Boom.Custom</Code></Error>\
            <RequestId>query-2</RequestId></ErrorResponse>";
        let error = put::parse_response(400, &headers(&[]), body).unwrap_err();
        assert!(matches!(error, put::PutError::Boom(_)), "{error:?}");
        assert_eq!(error.request_id(), Some("query-2"));
        let body = b"<ErrorResponse><Error><Code>Other</Code></Error>\
            <ResponseMetadata><RequestId>query-3</RequestId></ResponseMetadata></ErrorResponse>";
        let error = put::parse_response(400, &headers(&[]), body).unwrap_err();
        assert!(matches!(error, put::PutError::Unhandled(_)), "{error:?}");
        assert_eq!(error.request_id(), Some("query-3"));
        // A body without one leaves the header's.
        let body = b"<PutResponse><PutResult><out>o</out></PutResult></PutResponse>";
        let output = put::parse_response(200, &headers(&[AMZN]), body).expect("reads");
        assert_eq!(output.request_id(), Some("amzn-1"));
    }

    #[test]
    fn ec2_query_reads_the_body() {
        use hostile_request_ids_ec2::operation::describe;
        let body = b"<DescribeResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\
            <requestId>ec2-1</requestId><name>n</name></DescribeResponse>";
        let output = describe::parse_response(200, &headers(&[]), body).expect("reads");
        assert_eq!(output.request_id(), Some("ec2-1"));
        // The member named `requestId` is data, read as modeled.
        assert_eq!(output.request_id.as_deref(), Some("ec2-1"));
        assert_eq!(output.name.as_deref(), Some("n"));
        let body = b"<Response><Errors><Error><Code>Refused</Code><Message>no</Message></Error>\
            </Errors><RequestID>ec2-2</RequestID></Response>";
        let error = describe::parse_response(400, &headers(&[]), body).unwrap_err();
        assert!(matches!(&error, describe::DescribeError::Refused(r) if r.request_id() == Some("ec2-2")));
        assert_eq!(error.request_id(), Some("ec2-2"));
        let error = describe::parse_response(200, &headers(&[]), b"<Describe").unwrap_err();
        assert!(matches!(error, describe::DescribeError::InvalidResponse(_)), "{error:?}");
        assert_eq!(error.request_id(), None);
    }

    /// A transport answering every request with one canned response.
    #[derive(Debug)]
    struct Answer(u16, Vec<(&'static str, &'static str)>, &'static [u8]);

    impl hostile_request_ids_ec2::client::HttpTransport for Answer {
        fn send(
            &self,
            _: http::Request<Vec<u8>>,
            _: &hostile_request_ids_ec2::client::AttemptLimits,
        ) -> Result<http::Response<Vec<u8>>, hostile_request_ids_ec2::client::TransportError> {
            let mut response = http::Response::builder().status(self.0);
            for (name, value) in &self.1 {
                response = response.header(*name, *value);
            }
            Ok(response.body(self.2.to_vec()).unwrap())
        }
    }

    #[test]
    fn the_clients_error_has_the_body_request_id() {
        let body = b"<Response><Errors><Error><Code>Refused</Code></Error></Errors>\
            <RequestID>ec2-3</RequestID></Response>";
        use hostile_request_ids_ec2::client::{Config, Credentials};
        let config = Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "secret-key", None))
            .endpoint_url("http://127.0.0.1:9")
            .transport(Answer(400, vec![], body))
            .build();
        let client = hostile_request_ids_ec2::blocking::Client::new(&config);
        let error = client.describe().send().unwrap_err();
        assert_eq!(error.request_id(), Some("ec2-3"));
        assert_eq!(error.as_service_error().and_then(|e| e.request_id()), Some("ec2-3"));
    }
}

mod s3_errors_in_ok {
    //! S3's customization: CopyObject's `200 OK` with an `<Error>` document is that error;
    //! PutObject's is its payload.
    use super::*;
    use hostile_s3_errors_in_ok::operation::{copy_object, put_object};

    const S3: [(&str, &str); 2] = [("x-amz-request-id", "s3-1"), ("x-amz-id-2", "host-2")];

    #[test]
    fn copy_object_reads_an_error_document_in_200_as_the_error() {
        let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>\
            <Message>We encountered an internal error. Please try again.</Message>\
            <RequestId>s3-1</RequestId><HostId>host-2</HostId></Error>";
        match copy_object::parse_response(200, &headers(&S3), body) {
            Err(copy_object::CopyObjectError::Unhandled(error)) => {
                assert_eq!(error.code.as_deref(), Some("InternalError"));
                assert_eq!(error.http_status, Some(200));
                assert!(error.message.as_deref().unwrap().starts_with("We encountered"));
                assert_eq!(error.request_id(), Some("s3-1"));
                assert_eq!(error.extended_request_id(), Some("host-2"));
            }
            other => panic!("expected the error, got {other:?}"),
        }
        let body = b"<Error><Code>ObjectNotInActiveTierError</Code><Message>cold</Message></Error>";
        match copy_object::parse_response(200, &headers(&S3), body) {
            Err(copy_object::CopyObjectError::ObjectNotInActiveTierError(error)) => {
                assert_eq!(error.message.as_deref(), Some("cold"));
                assert_eq!(error.extended_request_id(), Some("host-2"));
            }
            other => panic!("expected the modeled error, got {other:?}"),
        }
        // The result document is the output, an element named `Error` inside it no error.
        let body = b"<CopyObjectResult><ETag>\"e\"</ETag><Error/></CopyObjectResult>";
        let output = copy_object::parse_response(200, &headers(&S3), body).expect("the output");
        assert_eq!(
            output.copy_object_result.as_ref().and_then(|r| r.e_tag.as_deref()),
            Some("\"e\"")
        );
        assert_eq!(output.request_id(), Some("s3-1"));
        assert_eq!(output.extended_request_id(), Some("host-2"));
    }

    #[test]
    fn other_operations_read_an_error_document_in_200_as_their_output() {
        let body = b"<Error><Code>InternalError</Code></Error>";
        let output = put_object::parse_response(200, &headers(&S3), body).expect("the output");
        assert_eq!(output.error.map(|b| b.into_inner()), Some(body.to_vec()));
    }
}

mod expires_header {
    //! An `Expires` header that is not a date means "already expired" (RFC 9111, 5.3), so it
    //! leaves the member unset; other headers' bad timestamps still fail the response.
    use super::*;
    use hostile_expires_header::operation::get_thing;

    #[test]
    fn an_expires_header_that_is_no_date_is_unset() {
        for bad in ["0", "-1", "never", "Thu, 32 Foo 2026 99:00:00 GMT"] {
            let output = get_thing::parse_response(200, &headers(&[("Expires", bad)]), b"{}")
                .unwrap_or_else(|e| panic!("`Expires: {bad}` failed the response: {e}"));
            assert_eq!(output.expires, None, "`Expires: {bad}`");
        }
        let output = get_thing::parse_response(
            200,
            &headers(&[("Expires", "Tue, 29 Apr 2014 18:30:38 GMT")]),
            b"{}",
        )
        .unwrap();
        assert_eq!(output.expires.map(|t| t.secs()), Some(1398796238));
    }

    #[test]
    fn other_headers_bad_timestamps_are_still_errors() {
        for (name, bad) in [("Last-Modified", "0"), ("X-Expires", "soon")] {
            let result = get_thing::parse_response(200, &headers(&[(name, bad)]), b"{}");
            assert!(result.is_err(), "`{name}: {bad}` was accepted: {result:?}");
        }
        let output =
            get_thing::parse_response(200, &headers(&[("X-Expires", "1398796238")]), b"{}").unwrap();
        assert_eq!(output.expires_at.map(|t| t.secs()), Some(1398796238));
    }
}

/// Floats and timestamps inside lists, maps and unions (`models/hostile/items_*.json`): each
/// item in its member's `@timestampFormat`, NaN and the infinities as `"NaN"`, `"Infinity"`,
/// `"-Infinity"` in JSON and as text in XML and forms, native in CBOR; lists of lists, maps of
/// lists, sparse lists and maps with nulls.
macro_rules! items_sample {
    ($krate:ident, sparse: $sparse:tt) => {{
        use std::collections::HashMap;
        use $krate::primitives::DateTime;
        use $krate::types::{Items, Reading};
        let (t1, t0) = (DateTime::from_secs(1_576_540_098), DateTime::from_secs(0));
        let builder = Items::builder()
            .dates(vec![t1, t0])
            .http_dates(vec![t1])
            .epochs(vec![t1])
            .grid(vec![vec![t1], vec![]])
            .date_index(HashMap::from([("a".to_owned(), vec![t0])]))
            .http_by_name(HashMap::from([("b".to_owned(), t1)]))
            .doubles(vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1.5])
            .float_table(HashMap::from([("t".to_owned(), vec![f64::NEG_INFINITY, 0.25])]))
            .reading(Reading::Real(f64::NAN))
            .required(vec![f64::INFINITY]);
        items_sample!(@sparse $sparse, builder, t1)
            .build()
            .expect("every required member is set")
    }};
    (@sparse true, $builder:ident, $t1:ident) => {
        $builder
            .sparse_dates(vec![Some($t1), None])
            .sparse_floats(vec![Some(f32::NAN), None, Some(2.5)])
            .sparse_double_map(HashMap::from([("x".to_owned(), Some(f64::NEG_INFINITY))]))
    };
    (@sparse false, $builder:ident, $t1:ident) => {
        $builder
    };
}

const T1_DATE_TIME: &str = "2019-12-16T23:48:18Z";
const T0_DATE_TIME: &str = "1970-01-01T00:00:00Z";
const T1_HTTP_DATE: &str = "Mon, 16 Dec 2019 23:48:18 GMT";
const T0_HTTP_DATE: &str = "Thu, 01 Jan 1970 00:00:00 GMT";

/// The JSON of `items_sample!` (with its sparse members when `sparse`).
fn items_json(sparse: bool) -> Value {
    let mut items = json!({
        "dates": [T1_DATE_TIME, T0_DATE_TIME],
        "httpDates": [T1_HTTP_DATE],
        "epochs": [1_576_540_098],
        "grid": [[T1_DATE_TIME], []],
        "dateIndex": {"a": [T0_DATE_TIME]},
        "httpByName": {"b": T1_HTTP_DATE},
        "doubles": ["NaN", "Infinity", "-Infinity", 1.5],
        "floatTable": {"t": ["-Infinity", 0.25]},
        "reading": {"real": "NaN"},
        "required": ["Infinity"]
    });
    if sparse {
        items["sparseDates"] = json!([T1_DATE_TIME, null]);
        items["sparseFloats"] = json!(["NaN", null, 2.5]);
        items["sparseDoubleMap"] = json!({"x": "-Infinity"});
    }
    items
}

/// `value` as JSON is `expected`, and reads back as a value written the same (NaN is not
/// equal to itself: the comparison is of what is written, `Debug` and JSON).
fn round_trip_formats<T>(value: &T, expected: &Value)
where
    T: Serialize + DeserializeOwned + std::fmt::Debug,
{
    let written = serde_json::to_value(value).expect("serializes");
    assert_eq!(&written, expected, "{value:?}");
    let text = serde_json::to_string(value).expect("serializes");
    let back: T = serde_json::from_str(&text).expect("reads back what it wrote");
    assert_eq!(serde_json::to_value(&back).expect("serializes"), written);
    assert_eq!(format!("{back:?}"), format!("{value:?}"));
}

mod items_rest_json {
    use super::*;
    use hostile_items_rest_json::operation::exchange::{self, ExchangeInput};
    use hostile_items_rest_json::primitives::DateTime;
    use hostile_items_rest_json::types::{Items, Reading};
    use std::collections::HashMap;

    #[test]
    fn items_are_written_in_their_formats_and_read_back() {
        let items = items_sample!(hostile_items_rest_json, sparse: true);
        round_trip_formats(&items, &items_json(true));
        let stamps = Reading::Stamps(vec![DateTime::from_secs(0)]);
        round_trip_formats(&stamps, &json!({"stamps": [T0_DATE_TIME]}));
        let table = Reading::Table(HashMap::from([("t".to_owned(), vec![f64::NAN])]));
        round_trip_formats(&table, &json!({"table": {"t": ["NaN"]}}));
        round_trip_formats(&Reading::Small(f32::INFINITY), &json!({"small": "Infinity"}));
        round_trip_formats(&Reading::Real(-0.5), &json!({"real": -0.5}));
    }

    #[test]
    fn requests_and_responses_carry_items_in_body_headers_and_query() {
        let (t1, t0) = (DateTime::from_secs(1_576_540_098), DateTime::from_secs(0));
        let input = ExchangeInput::builder()
            .items(items_sample!(hostile_items_rest_json, sparse: true))
            .header_dates(vec![t1, t0])
            .header_stamps(vec![t1, t0])
            .header_doubles(vec![f64::NAN, f64::NEG_INFINITY, 0.5])
            .query_dates(vec![t0])
            .query_stamps(vec![t1])
            .query_doubles(vec![f64::INFINITY])
            .build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(body_json(&request), json!({"items": items_json(true)}));
        let header = |name: &str| request.headers()[name].to_str().expect("ASCII").to_owned();
        assert_eq!(header("x-dates"), format!("{T1_DATE_TIME}, {T0_DATE_TIME}"));
        // A list member without a format: http-date, the header default.
        assert_eq!(header("x-stamps"), format!("{T1_HTTP_DATE}, {T0_HTTP_DATE}"));
        assert_eq!(header("x-doubles"), "NaN, -Infinity, 0.5");
        assert_eq!(
            request.uri().query(),
            Some("dates=1970-01-01T00%3A00%3A00Z&stamps=2019-12-16T23%3A48%3A18Z&doubles=Infinity")
        );
        let output =
            exchange::parse_response(200, request.headers(), request.body()).expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
        assert_eq!(output.header_dates, input.header_dates);
        assert_eq!(output.header_stamps, input.header_stamps);
        let doubles = output.header_doubles.expect("read");
        assert!(doubles[0].is_nan());
        assert_eq!(doubles[1..], [f64::NEG_INFINITY, 0.5]);
    }

    /// Client error correction is as before: a `null` in a list or map that is not sparse is
    /// skipped in a response (and refused by a plain read), a sparse one keeps it.
    #[test]
    fn nulls_in_lists_and_maps_that_are_not_sparse_are_skipped_in_responses() {
        let body = json!({"items": {
            "required": [1.5, null, "NaN"],
            "doubles": [null],
            "dates": [null, T1_DATE_TIME],
            "grid": [null, [null, T0_DATE_TIME]],
            "httpByName": {"z": null},
            "floatTable": {"t": [null, "Infinity"], "u": null},
            "sparseFloats": [null, "-Infinity"],
            "sparseDoubleMap": {"n": null}
        }});
        let output = exchange::parse_response(200, &headers(&[]), body.to_string().as_bytes())
            .expect("a response with nulls in lists and maps is read");
        let items = output.items.expect("read");
        assert_eq!(items.required.len(), 2);
        assert_eq!(items.required[0], 1.5);
        assert!(items.required[1].is_nan());
        assert_eq!(items.doubles, Some(vec![]));
        let (t1, t0) = (DateTime::from_secs(1_576_540_098), DateTime::from_secs(0));
        assert_eq!(items.dates, Some(vec![t1]));
        assert_eq!(items.grid, Some(vec![vec![t0]]));
        assert_eq!(items.http_by_name, Some(HashMap::new()));
        assert_eq!(
            items.float_table,
            Some(HashMap::from([("t".to_owned(), vec![f64::INFINITY])]))
        );
        assert_eq!(items.sparse_floats, Some(vec![None, Some(f32::NEG_INFINITY)]));
        assert_eq!(
            items.sparse_double_map,
            Some(HashMap::from([("n".to_owned(), None)]))
        );
        // A required list left out or `null` is empty, as for any list.
        let output = exchange::parse_response(200, &headers(&[]), br#"{"items":{"required":null}}"#)
            .expect("reads");
        assert_eq!(output.items.expect("read").required, Vec::<f64>::new());
        // Outside a response, nulls in lists that are not sparse are refused.
        for bad in [
            json!({"required": [null]}),
            json!({"required": [], "dates": [null]}),
            json!({"required": [], "httpByName": {"z": null}}),
            json!({"required": [], "floatTable": {"t": [null]}}),
            json!({"required": ["nan"]}),
        ] {
            assert!(serde_json::from_value::<Items>(bad.clone()).is_err(), "{bad}");
        }
        let sparse: Items =
            serde_json::from_value(json!({"required": [], "sparseDates": [null]})).expect("reads");
        assert_eq!(sparse.sparse_dates, Some(vec![None]));
    }
}

mod items_aws_json {
    use super::*;
    use hostile_items_aws_json::operation::exchange::{self, ExchangeInput};

    #[test]
    fn awsjson_bodies_write_and_read_items_in_their_formats() {
        let items = items_sample!(hostile_items_aws_json, sparse: true);
        round_trip_formats(&items, &items_json(true));
        let input = ExchangeInput::builder().items(items).build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(body_json(&request), json!({"items": items_json(true)}));
        let output =
            exchange::parse_response(200, &headers(&[]), request.body()).expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
    }
}

mod items_cbor {
    use super::*;
    use hostile_items_cbor::operation::exchange::{self, ExchangeInput};

    /// RPC v2 CBOR ignores `@timestampFormat` (every timestamp is tag 1 epoch seconds) and
    /// writes NaN and the infinities as CBOR floats.
    #[test]
    fn cbor_items_are_epoch_seconds_and_native_floats() {
        let input = ExchangeInput::builder()
            .items(items_sample!(hostile_items_cbor, sparse: true))
            .build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        let body = request.body();
        let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
        for text in ["NaN", "Infinity", "2019", "GMT"] {
            assert!(!contains(text.as_bytes()), "{text} in {body:x?}");
        }
        // `epochs`: [1(1576540098.0)], a tag 1 double.
        let mut epochs = vec![0x66];
        epochs.extend(b"epochs");
        epochs.extend([0x81, 0xc1, 0xfb]);
        epochs.extend(1_576_540_098f64.to_be_bytes());
        assert!(contains(&epochs), "{body:x?}");
        // `required`: [Infinity], the shortest float that holds it (half precision).
        let mut required = vec![0x68];
        required.extend(b"required");
        required.extend([0x81, 0xf9, 0x7c, 0x00]);
        assert!(contains(&required), "{body:x?}");
        let response = headers(&[("smithy-protocol", "rpc-v2-cbor")]);
        let output = exchange::parse_response(200, &response, body).expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
    }
}

/// The XML of `items_sample!` without its sparse members (restXml and the query protocols'
/// responses): the query protocols' default is date-time, as restXml's.
fn items_xml() -> String {
    [
        format!("<items><dates><member>{T1_DATE_TIME}</member><member>{T0_DATE_TIME}</member></dates>"),
        format!("<httpDates><member>{T1_HTTP_DATE}</member></httpDates>"),
        format!("<epochs><member>{T1_DATE_TIME}</member></epochs>"),
        format!("<grid><member><member>{T1_DATE_TIME}</member></member><member></member></grid>"),
        format!("<dateIndex><entry><key>a</key><value><member>{T0_DATE_TIME}</member></value></entry></dateIndex>"),
        format!("<httpByName><entry><key>b</key><value>{T1_HTTP_DATE}</value></entry></httpByName>"),
        "<doubles><member>NaN</member><member>Infinity</member><member>-Infinity</member><member>1.5</member></doubles>".to_owned(),
        "<floatTable><entry><key>t</key><value><member>-Infinity</member><member>0.25</member></value></entry></floatTable>".to_owned(),
        "<reading><real>NaN</real></reading>".to_owned(),
        "<required><member>Infinity</member></required></items>".to_owned(),
    ]
    .concat()
}

mod items_rest_xml {
    use super::*;
    use hostile_items_rest_xml::operation::exchange::{self, ExchangeInput};
    use hostile_items_rest_xml::primitives::DateTime;

    #[test]
    fn xml_items_are_text_in_their_formats_and_read_back() {
        let t1 = DateTime::from_secs(1_576_540_098);
        let input = ExchangeInput::builder()
            .items(items_sample!(hostile_items_rest_xml, sparse: false))
            .header_dates(vec![t1])
            .header_stamps(vec![t1])
            .header_doubles(vec![f64::INFINITY])
            .build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        let body = std::str::from_utf8(request.body()).expect("UTF-8");
        assert!(body.contains(&items_xml()), "{body}");
        assert_eq!(request.headers()["x-dates"], T1_DATE_TIME);
        assert_eq!(request.headers()["x-stamps"], T1_HTTP_DATE);
        assert_eq!(request.headers()["x-doubles"], "Infinity");
        let response = body.replace("ExchangeInput", "ExchangeOutput");
        let output = exchange::parse_response(200, request.headers(), response.as_bytes())
            .expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
        assert_eq!(output.header_dates, input.header_dates);
        assert_eq!(output.header_stamps, input.header_stamps);
        assert_eq!(output.header_doubles, input.header_doubles);
    }
}

/// The form pairs of `items_sample!` without its sparse members, keyed under `items` as
/// awsQuery keys them (`member`, `entry`).
const ITEMS_QUERY_FORM: &str = "items.dates.member.1=2019-12-16T23%3A48%3A18Z\
    &items.dates.member.2=1970-01-01T00%3A00%3A00Z\
    &items.httpDates.member.1=Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT\
    &items.epochs.member.1=2019-12-16T23%3A48%3A18Z\
    &items.grid.member.1.member.1=2019-12-16T23%3A48%3A18Z&items.grid.member.2=\
    &items.dateIndex.entry.1.key=a&items.dateIndex.entry.1.value.member.1=1970-01-01T00%3A00%3A00Z\
    &items.httpByName.entry.1.key=b\
    &items.httpByName.entry.1.value=Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT\
    &items.doubles.member.1=NaN&items.doubles.member.2=Infinity&items.doubles.member.3=-Infinity\
    &items.doubles.member.4=1.5\
    &items.floatTable.entry.1.key=t&items.floatTable.entry.1.value.member.1=-Infinity\
    &items.floatTable.entry.1.value.member.2=0.25\
    &items.reading.real=NaN&items.required.member.1=Infinity";

mod items_query {
    use super::*;
    use hostile_items_query::operation::exchange::{self, ExchangeInput};

    #[test]
    fn query_forms_and_responses_carry_items_in_their_formats() {
        let input = ExchangeInput::builder()
            .items(items_sample!(hostile_items_query, sparse: false))
            .build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        assert_eq!(
            std::str::from_utf8(request.body()).expect("ASCII"),
            format!("Action=Exchange&Version=1&{ITEMS_QUERY_FORM}")
        );
        let response = format!(
            "<ExchangeResponse xmlns=\"https://example.com/items\"><ExchangeResult>{}\
             </ExchangeResult></ExchangeResponse>",
            items_xml()
        );
        let output =
            exchange::parse_response(200, &headers(&[]), response.as_bytes()).expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
    }
}

mod items_ec2 {
    use super::*;
    use hostile_items_ec2::operation::exchange::{self, ExchangeInput};

    #[test]
    fn ec2_forms_and_responses_carry_items_in_their_formats() {
        let input = ExchangeInput::builder()
            .items(items_sample!(hostile_items_ec2, sparse: false))
            .build();
        let request = exchange::serialize_request(&input, ENDPOINT).expect("valid input");
        // ec2Query: capitalized keys, no `member` or `member.N` for list items, empty lists
        // left out.
        let form = ITEMS_QUERY_FORM
            .replace("items.", "Items.")
            .replace(".member.", ".")
            .replace("&Items.grid.2=", "");
        let form = ["dates", "httpDates", "epochs", "grid", "dateIndex", "httpByName", "doubles", "floatTable", "reading", "required", "real"]
            .iter()
            .fold(form, |form, name| {
                let upper = format!(".{}{}", name[..1].to_uppercase(), &name[1..]);
                form.replace(&format!(".{name}"), &upper)
            });
        assert_eq!(
            std::str::from_utf8(request.body()).expect("ASCII"),
            format!("Action=Exchange&Version=1&{form}")
        );
        let response = format!("<ExchangeResponse>{}</ExchangeResponse>", items_xml());
        let output =
            exchange::parse_response(200, &headers(&[]), response.as_bytes()).expect("reads");
        assert_eq!(format!("{:?}", output.items), format!("{:?}", input.items));
    }
}
