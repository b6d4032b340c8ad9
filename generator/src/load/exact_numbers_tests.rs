//! Numbers beyond `u64` and `f64` read the same from the IDL and the JSON AST: the trait
//! values hold their stand-ins and the traits their written text, through `apply` too.

use std::path::Path;

use crate::model::traits::ids;
use crate::model::{Model, ShapeId};

const IDL: &str = r#"$version: "2"
namespace ex

structure S {
    @range(min: -18446744073709551616, max: 1.7976931348623157E+309)
    big: BigInteger = 18446744073709551616

    dec: BigDecimal = 2e+308

    plain: Integer = 7
}

apply S$plain @range(min: 1e2, max: 1E+400)
"#;

const JSON: &str = r#"{"smithy": "2.0", "shapes": {
    "ex#S": {"type": "structure", "members": {
        "big": {"target": "smithy.api#BigInteger", "traits": {
            "smithy.api#range": {"min": -18446744073709551616, "max": 1.7976931348623157E+309},
            "smithy.api#default": 18446744073709551616}},
        "dec": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 2e+308}},
        "plain": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 7}}}},
    "ex#S$plain": {"type": "apply", "traits": {"smithy.api#range": {"min": 1e2, "max": 1E+400}}}
}}"#;

fn idl_model() -> Model {
    let files = [(Path::new("m.smithy"), IDL)];
    match crate::idl::parse_files(&files, &[]) {
        Ok(mut read) if read.models.len() == 1 => read.models.remove(0),
        Ok(read) => panic!("{} models", read.models.len()),
        Err(diags) => panic!("{diags}"),
    }
}

fn json_model() -> Model {
    super::load_str(JSON, Path::new("m.json")).unwrap_or_else(|diags| panic!("{diags}"))
}

/// The written text of `trait_id` at `pointer` on member `name` of `ex#S`.
fn text(model: &Model, name: &str, trait_id: &str, pointer: &str) -> Option<String> {
    let shape = model.shape(&ShapeId::new("ex", "S"))?;
    let members = shape.kind.members();
    let member = members.iter().find(|m| m.name == name)?;
    member.traits.number_text(trait_id, pointer)
}

#[test]
fn both_formats_keep_every_digit() {
    for model in [idl_model(), json_model()] {
        let big = |t, p| text(&model, "big", t, p);
        assert_eq!(
            big(ids::DEFAULT, "").as_deref(),
            Some("18446744073709551616")
        );
        assert_eq!(
            big("smithy.api#range", "/min").as_deref(),
            Some("-18446744073709551616")
        );
        assert_eq!(
            big("smithy.api#range", "/max").as_deref(),
            Some("1.7976931348623157E+309")
        );
        let dec = text(&model, "dec", ids::DEFAULT, "");
        assert_eq!(dec.as_deref(), Some("2e+308"));
        assert_eq!(
            text(&model, "plain", ids::DEFAULT, "").as_deref(),
            Some("7")
        );
        let (_, applied) = model.applied.first().expect("one apply");
        assert_eq!(
            applied.number_text("smithy.api#range", "/max").as_deref(),
            Some("1E+400")
        );
        assert_eq!(
            applied.number_text("smithy.api#range", "/min").as_deref(),
            Some("1e2")
        );
    }
    assert_eq!(idl_model().shapes, json_model().shapes);
    assert_eq!(idl_model().applied, json_model().applied);
}
