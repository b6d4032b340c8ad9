//! The IDL reader through its public API: models read from text, files read together, and
//! inputs that must not panic. (Directories of JSON and IDL files are loaded in
//! `load/mixed_files_tests.rs`; the grammar production by production is in
//! `grammar_tests.rs`.)

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{parse_files, parse_str};
use crate::diagnostics::{Diagnostics, Location};
use crate::model::traits::ids;
use crate::model::{Model, Shape, ShapeId, ShapeKind, SimpleType};

fn model(text: &str) -> Model {
    parse_str(text, Path::new("model.smithy")).unwrap_or_else(|diags| panic!("{diags}"))
}

fn errors(text: &str) -> Diagnostics {
    match parse_str(text, Path::new("model.smithy")) {
        Ok(model) => panic!("expected errors, got {model:?}"),
        Err(diags) => diags,
    }
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap_or_else(|err| panic!("{err}"))
}

fn shape<'m>(model: &'m Model, text: &str) -> &'m Shape {
    model
        .shape(&id(text))
        .unwrap_or_else(|| panic!("no shape {text} in {:?}", model.shapes.keys()))
}

fn member<'m>(model: &'m Model, text: &str) -> &'m crate::model::Member {
    let member_id = id(text);
    let name = member_id.member().unwrap_or_default().to_owned();
    shape(model, &member_id.root().to_string())
        .kind
        .members()
        .into_iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no member {text}"))
}

#[test]
fn a_small_model_reads_into_the_typed_model() {
    let model = model(
        r#"$version: "2.0"
metadata tags = ["a"]
namespace ex

use other#Thing

/// A structure.
/// Two lines.
@sensitive
structure S {
    /// The id.
    @required
    id: String
    count: Integer = 0
    thing: Thing
    later: Later
}

string Later

enum E { A, B = "b" }
intEnum I { ONE = 1 }

@paginated(items: "things")
operation Op {
    input := { a: S }
    output: S
    errors: [Oops]
}

@error("client")
structure Oops {}

service Svc {
    version: "1"
    operations: [Op]
    rename: { "other#Thing": "OtherThing" }
}

apply S$id @documentation("Override")
"#,
    );
    let s = shape(&model, "ex#S");
    assert_eq!(s.traits.documentation(), Some("A structure.\nTwo lines."));
    assert!(s.traits.is_sensitive());
    assert_eq!(
        member(&model, "ex#S$id").traits.documentation(),
        Some("The id.")
    );
    assert!(member(&model, "ex#S$id").traits.is_required());
    assert_eq!(
        member(&model, "ex#S$count").traits.get(ids::DEFAULT),
        Some(&json!(0))
    );
    assert_eq!(member(&model, "ex#S$thing").target, id("other#Thing"));
    assert_eq!(member(&model, "ex#S$later").target, id("ex#Later"));
    assert_eq!(member(&model, "ex#S$id").target, id("smithy.api#String"));
    let values: Vec<_> = shape(&model, "ex#E")
        .kind
        .members()
        .iter()
        .map(|m| m.traits.get(ids::ENUM_VALUE).cloned())
        .collect();
    assert_eq!(values, vec![Some(json!("A")), Some(json!("b"))]);
    assert_eq!(
        member(&model, "ex#I$ONE").traits.get(ids::ENUM_VALUE),
        Some(&json!(1))
    );
    let ShapeKind::Operation(op) = &shape(&model, "ex#Op").kind else {
        panic!("not an operation");
    };
    assert_eq!(op.input, Some(id("ex#OpInput")));
    assert_eq!(op.errors, vec![id("ex#Oops")]);
    assert!(shape(&model, "ex#OpInput").traits.has(ids::INPUT));
    let ShapeKind::Service(svc) = &shape(&model, "ex#Svc").kind else {
        panic!("not a service");
    };
    assert_eq!(
        svc.rename.get(&id("other#Thing")).map(String::as_str),
        Some("OtherThing")
    );
    assert_eq!(model.applied.len(), 1);
    assert_eq!(model.metadata.get("tags"), Some(&json!(["a"])));
    assert_eq!(
        model.sources.get(&id("ex#S")),
        Some(&PathBuf::from("model.smithy"))
    );
}

#[test]
fn annotation_traits_are_empty_objects_or_lists() {
    let model = model(
        "$version: \"2\"\nnamespace ex\n@trait\nlist marks { member: String }\n@tags @marks @sensitive @deprecated() @ex#marks\nstring S\n",
    );
    let traits = &shape(&model, "ex#S").traits;
    assert_eq!(traits.get("smithy.api#tags"), Some(&json!([])));
    assert_eq!(traits.get("ex#marks"), Some(&json!([])));
    assert_eq!(traits.get("smithy.api#sensitive"), Some(&json!({})));
    assert_eq!(traits.get("smithy.api#deprecated"), Some(&json!({})));
}

#[test]
fn node_values_resolve_unquoted_shape_ids() {
    let model = model(
        "$version: \"2\"\nmetadata m = { String: String, u: Used, t: Target, a: x.y#Z$w }\nnamespace ex\nuse a.b#Used\n@trait\ndocument ref\n@ref([Target$m, Used, \"Target\", true, smithy.api#Integer])\nstring S\nstructure Target { m: String }\n",
    );
    assert_eq!(
        shape(&model, "ex#S").traits.get("ex#ref"),
        Some(&json!([
            "ex#Target$m",
            "a.b#Used",
            "Target",
            true,
            "smithy.api#Integer"
        ]))
    );
    // Object keys stay as written; metadata resolves like the rest of the file.
    assert_eq!(
        model.metadata.get("m"),
        Some(
            &json!({"String": "smithy.api#String", "u": "a.b#Used", "t": "ex#Target", "a": "x.y#Z$w"})
        )
    );
}

#[test]
fn unresolved_unquoted_strings_are_errors() {
    let text = errors("namespace ex\n@error(client)\nstructure E {}\n").to_string();
    assert!(
        text.contains("model.smithy:2:8: unquoted `client` is a shape ID, but no shape `ex#client` is defined"),
        "{text}"
    );
}

#[test]
fn v1_files_get_primitive_defaults_and_enum_conversion() {
    let model = model(
        "namespace ex\nstructure S { n: PrimitiveInteger, b: PrimitiveBoolean }\n@enum([{value: \"a\", name: \"A\"}])\nstring E\nset Tags { member: String }\n",
    );
    assert_eq!(
        member(&model, "ex#S$n").traits.get(ids::DEFAULT),
        Some(&json!(0))
    );
    assert_eq!(
        member(&model, "ex#S$b").traits.get(ids::DEFAULT),
        Some(&json!(false))
    );
    assert_eq!(shape(&model, "ex#E").kind.type_name(), "enum");
    assert_eq!(shape(&model, "ex#Tags").kind.type_name(), "set");
}

#[test]
fn elided_targets_come_from_resources_then_mixins() {
    let model = model(
        "$version: \"2\"\nnamespace ex\nresource R { identifiers: { id: RId } }\nstring RId\n@mixin\nstructure M { id: Blob, name: String }\n@mixin\nstructure N with [M] { $name }\nstructure S for R with [N] { $id\n $name }\n@mixin\nlist L { member: Long }\nlist Mixed with [L] {}\n@mixin\nmap MM { key: String, value: Integer }\nmap Redef with [MM] { value: Integer }\n",
    );
    assert_eq!(member(&model, "ex#S$id").target, id("ex#RId"));
    assert_eq!(member(&model, "ex#S$name").target, id("smithy.api#String"));
    assert_eq!(member(&model, "ex#N$name").target, id("smithy.api#String"));
    assert_eq!(
        member(&model, "ex#Mixed$member").target,
        id("smithy.api#Long")
    );
    assert_eq!(
        member(&model, "ex#Redef$key").target,
        id("smithy.api#String")
    );
}

#[test]
fn files_read_together_resolve_against_each_other() {
    let a = "$version: \"2\"\nnamespace ex\nstructure A { b: B, c: Json }\n@ref(B)\nstring WithRef\n@trait\nstring ref\n";
    let b = "$version: \"2\"\nnamespace ex\ninteger B\n";
    // A model read from another file (JSON, say) beside the IDL files.
    let mut json = Model::default();
    json.shapes.insert(
        id("ex#Json"),
        Shape {
            id: id("ex#Json"),
            kind: ShapeKind::Simple(SimpleType::String),
            traits: crate::model::Traits::new(),
            mixins: Vec::new(),
        },
    );
    let models = parse_files(
        &[(Path::new("a.smithy"), a), (Path::new("b.smithy"), b)],
        &[&json],
    )
    .unwrap_or_else(|diags| panic!("{diags}"))
    .models;
    let [first, second] = models.as_slice() else {
        panic!("two models expected");
    };
    assert_eq!(member(first, "ex#A$b").target, id("ex#B"));
    assert_eq!(member(first, "ex#A$c").target, id("ex#Json"));
    assert_eq!(
        shape(first, "ex#WithRef").traits.get("ex#ref"),
        Some(&json!("ex#B"))
    );
    assert!(second.shapes.contains_key(&id("ex#B")));
    // Read alone, A's references are unknown: the target stays in the namespace, but the
    // unquoted string in a trait value is an error.
    let alone = parse_files(&[(Path::new("a.smithy"), a)], &[]);
    assert!(alone.is_err_and(|d| d.to_string().contains("a.smithy:4:6")));
}

#[test]
fn every_error_of_every_file_is_reported() {
    let bad_a = "namespace ex\nstring (A)\nstructure B { x: }\n";
    let bad_b = "$version: \"2\"\nnamespace ex\nenum E {}\n";
    let diags = match parse_files(
        &[
            (Path::new("a.smithy"), bad_a),
            (Path::new("b.smithy"), bad_b),
        ],
        &[],
    ) {
        Ok(_) => panic!("expected errors"),
        Err(diags) => diags,
    };
    let located: Vec<_> = diags
        .0
        .iter()
        .map(|d| match &d.location {
            Location::File { path, line, column } => {
                format!(
                    "{}:{}:{}",
                    path.display(),
                    line.unwrap_or(0),
                    column.unwrap_or(0)
                )
            }
            other => other.to_string(),
        })
        .collect();
    assert_eq!(
        located,
        ["a.smithy:2:8", "a.smithy:3:18", "b.smithy:3:6"],
        "{diags}"
    );
}

#[test]
fn duplicate_and_conflicting_definitions() {
    let text = errors("$version: \"2\"\nnamespace ex\nstring A\nstring A\n@documentation(\"a\")\n@documentation(\"b\")\nstring B\n").to_string();
    assert!(
        text.contains("model.smithy:4:8: shape `ex#A` is defined more than once"),
        "{text}"
    );
    assert!(text.contains("model.smithy:6:1: trait `smithy.api#documentation` is applied to `ex#B` more than once"), "{text}");
    let text = errors(
        "$version: \"2\"\nnamespace ex\nlist L { item: String }\nunion U { a: String = \"x\" }\n",
    )
    .to_string();
    assert!(
        text.contains("`ex#L` can only have members `member`, not `item`"),
        "{text}"
    );
    assert!(
        text.contains("`ex#L` is missing its required member `member`"),
        "{text}"
    );
    assert!(
        text.contains("`ex#U$a`: only structure members can have a default value"),
        "{text}"
    );
}

#[test]
fn service_and_resource_properties() {
    let model = model(
        "$version: \"2\"\nnamespace ex\nresource R {\n  identifiers: { id: String }\n  properties: { name: String }\n  create: C, read: G, list: L\n  operations: [O], collectionOperations: [CO], resources: [Child]\n}\n",
    );
    let ShapeKind::Resource(r) = &shape(&model, "ex#R").kind else {
        panic!("not a resource");
    };
    assert_eq!(r.identifiers.get("id"), Some(&id("smithy.api#String")));
    assert_eq!(r.properties.get("name"), Some(&id("smithy.api#String")));
    assert_eq!(r.create, Some(id("ex#C")));
    assert_eq!(r.collection_operations, vec![id("ex#CO")]);
    let text = errors(
        "$version: \"2\"\nnamespace ex\nservice S { version: 1, operations: Op, bogus: 1 }\n",
    )
    .to_string();
    assert!(
        text.contains("`ex#S`: `version` must be a string, found 1"),
        "{text}"
    );
    assert!(
        text.contains("`ex#S`: `operations` must be an array of shape IDs"),
        "{text}"
    );
    // Smithy only warns about an unknown property.
    assert!(
        text.contains(
            "warning: model.smithy:3:48: unknown property `bogus` of service `ex#S`: ignored"
        ),
        "{text}"
    );
}

#[test]
fn simple_shapes_of_every_type() {
    let model = model("namespace ex\nblob A\ntimestamp B\ndocument C\nbigDecimal D\n");
    assert_eq!(
        shape(&model, "ex#B").kind,
        ShapeKind::Simple(SimpleType::Timestamp)
    );
    assert_eq!(
        shape(&model, "ex#D").kind,
        ShapeKind::Simple(SimpleType::BigDecimal)
    );
}

/// Every `.smithy` file of the shared cases, then many damaged copies of each: reading must
/// never panic, whatever the input.
#[test]
fn damaged_inputs_never_panic() {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/smithy-tests"
    ));
    let mut texts: Vec<String> = ["idl-valid", "idl-invalid", "definitions"]
        .iter()
        .flat_map(|dir| fs::read_dir(root.join(dir)).into_iter().flatten())
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .flat_map(|path| {
            if path.is_dir() {
                fs::read_dir(&path)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .collect()
            } else {
                vec![path]
            }
        })
        .filter(|path| path.extension().is_some_and(|ext| ext == "smithy"))
        .filter_map(|path| fs::read_to_string(path).ok())
        .collect();
    assert!(texts.len() > 100, "{}", texts.len());
    texts.extend(
        [
            "\"",
            "\"\"\"",
            "\"\"\"\n",
            "@",
            "@a(",
            "$",
            "$version:",
            "metadata",
            "namespace",
            "namespace a\nstructure S { $",
            "namespace a\napply",
            "\u{0}\u{7f}\u{feff}é",
            "namespace a\n@a(b: [{c: \"\\u",
            "-",
            "1e",
            "_",
            "namespace a\nstructure S for",
        ]
        .iter()
        .map(|s| (*s).to_owned()),
    );
    let pieces = [
        "{", "}", "[", "]", "(", ")", "\"", "\"\"\"", "\n", " ", ":", ":=", "=", "@", "$", "#",
        ".", ",", "//", "///", "\\", "\\u", "with", "for", "-", "1", "_", "é",
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = move |bound: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        usize::try_from(seed >> 33).unwrap_or(0) % bound.max(1)
    };
    for text in &texts {
        let chars: Vec<char> = text.chars().collect();
        let _ = parse_str(text, Path::new("x.smithy"));
        for _ in 0..40 {
            let mut damaged = chars.clone();
            let at = next(damaged.len() + 1);
            match next(3) {
                0 => damaged.truncate(at),
                1 => {
                    let piece = pieces.get(next(pieces.len())).copied().unwrap_or("{");
                    for (k, c) in piece.chars().enumerate() {
                        damaged.insert((at + k).min(damaged.len()), c);
                    }
                }
                _ => {
                    if at < damaged.len() {
                        damaged.remove(at);
                    }
                }
            }
            let damaged: String = damaged.into_iter().collect();
            let _ = parse_str(&damaged, Path::new("x.smithy"));
        }
    }
}

#[test]
fn a_node_document_is_json_with_comments() {
    let read = |text: &str| super::parse_node(text, Path::new("doc.json"));
    let value = read(
        "// A rule set.\n{\n  \"version\": \"1.0\", // trailing\n  \"rules\": [{\"a\": -15}, true, null,],\n  \"s\": \"\\u00e9\\n\"\n}\n",
    )
    .unwrap_or_else(|diags| panic!("{diags}"));
    assert_eq!(
        value,
        json!({"version": "1.0", "rules": [{"a": -15}, true, null], "s": "é\n"})
    );
    let text = read("{\"a\": b}").map(drop).unwrap_err().to_string();
    assert!(text.contains("doc.json:1:7: unquoted `b`"), "{text}");
    let text = read("[1] [2]").map(drop).unwrap_err().to_string();
    assert!(text.contains("doc.json:1:5"), "{text}");
    assert!(read("").is_err());
}
