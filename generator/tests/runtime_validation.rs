//! Tests for `runtime/validation.rs`, the checks generated crates run, used the way the
//! generated `validate_into` uses them. The rules are those of Smithy's constraint traits:
//! `length` and `range` bounds are inclusive and either may be left out; `length` counts the
//! Unicode scalar values of a string, the items of a list, the entries of a map and the bytes
//! of a blob; `required` members must be set; an optional member that is not set has no
//! other violation.

#[allow(dead_code)]
#[path = "../runtime/validation.rs"]
mod validation;

use std::collections::HashMap;

use validation::{Path, Pattern, Rule, Validate, ValidationErrors};

const UPPER: Pattern = Pattern {
    source: "^[A-Z]+$",
    matches: |text| !text.is_empty() && text.chars().all(|c| c.is_ascii_uppercase()),
};

/// Every violation as `path: message`.
fn found(errors: &ValidationErrors) -> Vec<String> {
    errors.violations().iter().map(|v| v.to_string()).collect()
}

fn checked(check: impl FnOnce(&Path<'_>, &mut ValidationErrors)) -> Vec<String> {
    let mut errors = ValidationErrors::new();
    check(&Path::Root, &mut errors);
    found(&errors)
}

#[test]
fn text_length_counts_unicode_scalar_values_inclusively() {
    for (text, ok) in [
        ("", false),
        ("a", true),
        ("abc", true),
        ("abcd", false),
        // Three characters of two, three and four bytes (the last two UTF-16 units).
        ("é€😀", true),
        ("😀😀😀", true),
        ("😀😀😀😀", false),
    ] {
        let text = text.to_owned();
        let out = checked(|path, errors| {
            errors.member(path, "name", &text).length(1..=3);
        });
        let expected: &[&str] = if ok {
            &[]
        } else {
            &["name: length must be between 1 and 3"]
        };
        assert_eq!(out, expected, "{text:?}");
    }
    // Either bound may be left out.
    let long = "x".repeat(10);
    assert_eq!(
        checked(|path, errors| {
            errors.member(path, "a", &long).length(11..);
            errors.member(path, "b", &long).length(..=9);
            errors.member(path, "c", &long).length(10..);
            errors.member(path, "d", &long).length(..=10);
        }),
        [
            "a: length must be at least 11",
            "b: length must be at most 9"
        ]
    );
}

#[test]
fn lists_maps_and_bytes_count_items_entries_and_bytes() {
    let list = vec![1, 2, 3];
    let map: HashMap<String, i32> = [("a".to_owned(), 1)].into();
    let bytes: &[u8] = "éé".as_bytes();
    assert_eq!(
        checked(|path, errors| {
            errors.member(path, "list", &list).length(..=2);
            errors.member(path, "map", &map).length(2..);
            errors.member(path, "bytes", bytes).length(..=2);
            errors.member(path, "fits", bytes).length(4..=4);
        }),
        [
            "list: length must be at most 2",
            "map: length must be at least 2",
            "bytes: length must be at most 2",
        ]
    );
}

#[test]
fn an_unset_member_has_no_violation_unless_required() {
    let unset: Option<String> = None;
    let unset_list: Option<Vec<String>> = None;
    let unset_number: Option<i32> = None;
    assert_eq!(
        checked(|path, errors| {
            errors
                .member(path, "text", &unset)
                .length(1..)
                .matches(&UPPER);
            errors
                .member(path, "list", &unset_list)
                .length(1..)
                .unique();
            errors.member(path, "number", &unset_number).range(1..=2);
            errors.required(path, "needed", &unset).length(1..);
            errors
                .required(path, "set", &Some("AB".to_owned()))
                .length(1..);
        }),
        ["needed: is required"]
    );
    // A set optional member is checked like any other.
    assert_eq!(
        checked(|path, errors| {
            errors
                .member(path, "text", &Some("ab".to_owned()))
                .length(3..)
                .matches(&UPPER);
        }),
        [
            "text: length must be at least 3",
            "text: must match the pattern ^[A-Z]+$"
        ]
    );
}

#[test]
fn integer_ranges_compare_exactly() {
    // `i64::MAX` and the bound below it are the same `f64`; the comparison tells them apart.
    let max = i64::MAX;
    let small: i8 = -128;
    assert_eq!(
        checked(|path, errors| {
            errors
                .member(path, "max", &max)
                .range(..=i128::from(i64::MAX) - 1);
            errors
                .member(path, "fits", &max)
                .range(..=i128::from(i64::MAX));
            errors.member(path, "small", &small).range(-127..=127);
            errors
                .member(path, "beyond", &small)
                .range(i128::MIN..=i128::MAX);
        }),
        [
            // The message shows the bound as its nearest `f64`.
            "max: must be at most 9223372036854776000",
            "small: must be between -127 and 127",
        ]
    );
}

#[test]
fn float_ranges_and_nan() {
    let values = [0.25, 0.5, 1.0, f64::NAN, f64::INFINITY];
    let out = checked(|path, errors| {
        for (index, value) in values.iter().enumerate() {
            errors.check(&path.index(index), value).range(0.5..=1.0);
        }
        // `NaN` lies within no bounds, even none at all.
        errors.member(path, "unbounded", &f32::NAN).range(..);
        errors
            .member(path, "infinite", &f64::INFINITY)
            .range(..=f64::INFINITY);
    });
    assert_eq!(
        out,
        [
            "[0]: must be between 0.5 and 1",
            "[3]: must be between 0.5 and 1",
            "[4]: must be between 0.5 and 1",
            "unbounded: must be unbounded",
        ]
    );
}

/// A number compared by its text, as big numbers are (their impl is generated beside the
/// crate's `primitives`): here, whole numbers of up to 38 digits.
struct Big(&'static str);

impl validation::Number for Big {
    type Bound = &'static str;
    fn within(&self, min: Option<&'static str>, max: Option<&'static str>) -> bool {
        let value: i128 = self.0.parse().unwrap();
        min.is_none_or(|min| value >= min.parse().unwrap())
            && max.is_none_or(|max| value <= max.parse().unwrap())
    }
    fn approx(bound: &'static str) -> Option<f64> {
        bound.parse().ok()
    }
}

#[test]
fn bounds_as_text_show_as_numbers() {
    assert_eq!(
        checked(|path, errors| {
            errors.member(path, "big", &Big("100")).range("1"..="99");
            errors.member(path, "set", &Some(Big("0"))).range("1"..);
            errors.member(path, "unset", &None::<Big>).range("1"..);
        }),
        ["big: must be between 1 and 99", "set: must be at least 1"]
    );
}

#[test]
fn unique_items() {
    let repeated = vec!["a", "b", "a"];
    let distinct = vec!["a", "b"];
    assert_eq!(
        checked(|path, errors| {
            errors.member(path, "repeated", &repeated).unique();
            errors
                .member(path, "distinct", &Some(distinct.clone()))
                .unique();
            errors
                .member(path, "boxed", &Box::new(repeated.clone()))
                .unique();
        }),
        [
            "repeated: items must be unique",
            "boxed: items must be unique"
        ]
    );
}

struct Inner {
    id: Option<String>,
}

impl Validate for Inner {
    fn validate_into(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        errors.required(path, "id", &self.id).length(2..);
    }
}

#[test]
fn checks_run_in_order_with_paths_in_wire_names() {
    let items = vec![
        Inner { id: None },
        Inner {
            id: Some("x".to_owned()),
        },
    ];
    let map: HashMap<String, String> = [("key".to_owned(), "secret value".to_owned())].into();
    let out = checked(|path, errors| {
        let outer = path.member("outer");
        errors.member(&outer, "items", &items).length(3..).nested();
        for (key, value) in map.iter() {
            let path = outer.member("map");
            let path = path.key(key.as_str());
            errors.check(&path, key).length(..=2);
            errors.check(&path, value).length(..=5).matches(&UPPER);
        }
        errors.nested(&path.member("one"), &Some(Inner { id: None }));
    });
    assert_eq!(
        out,
        [
            "outer.items: length must be at least 3",
            "outer.items[0].id: is required",
            "outer.items[1].id: length must be at least 2",
            "outer.map.key: length must be at most 2",
            "outer.map.key: length must be at most 5",
            "outer.map.key: must match the pattern ^[A-Z]+$",
            "one.id: is required",
        ]
    );
    // Values never appear in the messages, so `@sensitive` data cannot leak through them.
    assert!(out.iter().all(|line| !line.contains("secret")));
    let mut errors = ValidationErrors::new();
    errors.required(&Path::Root, "x", &None::<String>);
    assert_eq!(errors.violations()[0].rule, Rule::Required);
}

/// A structure whose members' checks are each one chain: its impl comes from `checks!`, as a
/// generated crate's does.
struct Account {
    id: Option<String>,
    code: Option<String>,
    inner: Option<Counted>,
}

struct Counted {
    count: i32,
}

validation::checks!(
    Account,
    required("Id", id).length(1..=3),
    member("code", code).matches(&UPPER),
    member("inner", inner).nested(),
);
validation::checks!(Counted, member("count", count).range(0..=5));

#[test]
fn checks_written_by_the_macro_report_every_member_in_order() {
    let bad = Account {
        id: None,
        code: Some("abc".to_owned()),
        inner: Some(Counted { count: 9 }),
    };
    let mut errors = ValidationErrors::new();
    bad.validate_into(&Path::Root, &mut errors);
    assert_eq!(
        found(&errors),
        [
            "Id: is required",
            "code: must match the pattern ^[A-Z]+$",
            "inner.count: must be between 0 and 5",
        ]
    );
    // Members not set have no checks but `required`; set and valid, nothing is found.
    let good = Account {
        id: Some("abc".to_owned()),
        code: None,
        inner: None,
    };
    assert_eq!(
        checked(|path, errors| good.validate_into(path, errors)),
        Vec::<String>::new()
    );
}
