//! The IDL grammar of the Smithy 2.0 specification ("IDL grammar", ABNF), production by
//! production: each test is named after a production and reads the forms it allows, and
//! refuses what it forbids. In the order of the specification: lexical notes, control
//! section, metadata section, node values, shape section, shapes, traits, shape IDs.

use std::path::Path;

use serde_json::{json, Value};

use super::parse_str;
use crate::model::{Member, Model, Shape, ShapeId, ShapeKind, SimpleType};

const HEADER: &str = "$version: \"2.0\"\nnamespace ex\n";

fn read(text: &str) -> Model {
    parse_str(text, Path::new("g.smithy")).unwrap_or_else(|diags| panic!("{text}\n{diags}"))
}

/// A 2.0 file with the shapes of `body`.
fn read_shapes(body: &str) -> Model {
    read(&format!("{HEADER}{body}"))
}

fn refuse(text: &str) -> String {
    match parse_str(text, Path::new("g.smithy")) {
        Ok(model) => panic!("expected an error for\n{text}\ngot {model:?}"),
        Err(diags) => diags.to_string(),
    }
}

fn refuse_shapes(body: &str) -> String {
    refuse(&format!("{HEADER}{body}"))
}

fn id(text: &str) -> ShapeId {
    ShapeId::parse(text).unwrap_or_else(|err| panic!("{err}"))
}

fn shape<'m>(model: &'m Model, name: &str) -> &'m Shape {
    model
        .shape(&ShapeId::new("ex", name))
        .unwrap_or_else(|| panic!("no shape ex#{name} in {:?}", model.shapes.keys()))
}

fn members<'m>(model: &'m Model, name: &str) -> Vec<&'m Member> {
    shape(model, name).kind.members()
}

fn member<'m>(model: &'m Model, name: &str, member: &str) -> &'m Member {
    members(model, name)
        .into_iter()
        .find(|m| m.name == member)
        .unwrap_or_else(|| panic!("no member {member} of {name}"))
}

fn trait_value<'m>(model: &'m Model, name: &str, trait_id: &str) -> &'m Value {
    shape(model, name)
        .traits
        .get(trait_id)
        .unwrap_or_else(|| panic!("no trait {trait_id} on {name}"))
}

/// The value of a `@tr(...)` trait on `string S`, with `tr` defined as a document trait.
fn node(value: &str) -> Value {
    let model = read_shapes(&format!("@trait document tr\n@tr({value})\nstring S\n"));
    trait_value(&model, "S", "ex#tr").clone()
}

// --- Lexical notes -----------------------------------------------------------------------

#[test]
fn ws_spaces_tabs_newlines_and_carriage_returns() {
    let model = read("$version: \"2.0\"\r\n\tnamespace ex\r\n\r\n  string\t A \r\n");
    assert!(model.shape(&id("ex#A")).is_some());
}

#[test]
fn comma_is_whitespace_wherever_ws_is() {
    // `WS` includes commas: between traits, members, node values, keys, mixins, errors.
    let model = read_shapes(
        ",,@trait document tr\n\
         @tr([1,, 2,],), @sensitive,\n\
         structure S with [M,] {,\n\
             a: String = \"x\",\n\
             @required, b: Integer,, c: Long = 1,\n\
             d: String = \"y\" , // comment after the comma\n\
         }\n\
         @mixin structure M {}\n\
         enum E { A = \"a\",\n B, C }\n\
         intEnum I { ONE = 1,\n TWO = 2,\n }\n\
         operation O { input: S, errors: [Err,], }\n\
         @error(\"client\") structure Err {}\n\
         apply S @tr(x: [1,],)\n",
    );
    assert_eq!(trait_value(&model, "S", "ex#tr"), &json!([1, 2]));
    assert!(shape(&model, "S").traits.has("smithy.api#sensitive"));
    let names: Vec<_> = members(&model, "S").iter().map(|m| &m.name).collect();
    assert_eq!(names, ["a", "b", "c", "d"]);
    assert_eq!(
        member(&model, "S", "c").traits.get("smithy.api#default"),
        Some(&json!(1))
    );
    assert!(member(&model, "S", "b").traits.is_required());
    assert_eq!(members(&model, "E").len(), 3);
    assert_eq!(members(&model, "I").len(), 2);
    assert_eq!(model.applied[0].1.get("ex#tr"), Some(&json!({"x": [1]})));
    // A break (`BR`) needs a newline or comment: a comma alone does not end a statement
    // or a value assignment.
    refuse_shapes("string A, string B\n");
    refuse_shapes("string A,\nstring B\n");
    refuse_shapes("structure S { a: String = \"x\", b: String }\n");
    refuse_shapes("enum E { A = \"a\", B }\n");
}

#[test]
fn line_comment_anywhere_whitespace_is_allowed() {
    let model = read(
        "// first\n$version: \"2.0\" // after a control statement\n\
         metadata m = [ // in a value\n 1 // after an item\n]\n\
         namespace ex // after the namespace\n\
         structure S { // after a brace\n a: String // after a member\n}\n\
         string A// right after a token\nstring B//\n\
         // at the end without newline",
    );
    assert_eq!(model.metadata.get("m"), Some(&json!([1])));
    assert_eq!(members(&model, "S").len(), 1);
}

#[test]
fn documentation_comment_becomes_documentation() {
    let model = read_shapes(
        "/// Shape docs.\n///   Indented.\nstructure S {\n    /// Member docs.\n    a: String\n}\n\
         /// Enum member docs.\nenum E {\n    /// A docs.\n    A\n}\n",
    );
    assert_eq!(
        shape(&model, "S").traits.documentation(),
        Some("Shape docs.\n  Indented.")
    );
    assert_eq!(
        member(&model, "S", "a").traits.documentation(),
        Some("Member docs.")
    );
    assert_eq!(
        member(&model, "E", "A").traits.documentation(),
        Some("A docs.")
    );
    // Documentation comments that document nothing are whitespace: after the last member,
    // before an apply statement, inside an apply block.
    let model = read_shapes(
        "structure S {\n    a: String\n    /// Dangling.\n}\n/// On apply.\napply S @sensitive\n\
         apply S {\n    /// In apply.\n    @tags([\"t\"])\n}\n",
    );
    assert_eq!(shape(&model, "S").traits.documentation(), None);
    assert_eq!(member(&model, "S", "a").traits.documentation(), None);
}

#[test]
fn br_is_a_newline_or_a_comment_after_optional_spaces() {
    let model = read(
        "$version: \"2.0\"   \nnamespace ex  // comment\nstring A\t\nstring B // comment\nstring C",
    );
    assert_eq!(model.shapes.len(), 3);
    refuse("$version: \"2.0\" namespace ex\n");
    refuse_shapes("string A @sensitive string B\n");
    refuse_shapes("structure S {} string B\n");
}

// --- Control section ---------------------------------------------------------------------

#[test]
fn control_statement_version_and_unknown_keys() {
    let model =
        read("$version: \"2\"\n$operationInputSuffix: \"In\"\n$\"quoted\": 1\nnamespace ex\n");
    assert!(model.shapes.is_empty());
    let model = read("$version:\"2.0\"\n$unknownKey: [1, 2]\nnamespace ex\nstring S\n");
    assert!(model.shape(&id("ex#S")).is_some());
    // A control statement ends with a break, and comes before everything else.
    refuse("$version: \"2.0\" $foo: 1\nnamespace ex\n");
    refuse("namespace ex\n$version: \"2.0\"\n");
    refuse("$version: \"9.0\"\nnamespace ex\n");
    refuse("$version: \"2.0\"\n$version: \"2.0\"\nnamespace ex\n");
}

// --- Metadata section --------------------------------------------------------------------

#[test]
fn metadata_statement_with_quoted_and_unquoted_keys() {
    let model = read(
        "$version: \"2.0\"\nmetadata a = 1\nmetadata \"b.c\" = {x: true}\n\
         metadata list = [1]\nmetadata list = [2]\nnamespace ex\n",
    );
    assert_eq!(model.metadata.get("a"), Some(&json!(1)));
    assert_eq!(model.metadata.get("b.c"), Some(&json!({"x": true})));
    assert_eq!(model.metadata.get("list"), Some(&json!([1, 2])));
    refuse("$version: \"2.0\"\nmetadata a = 1 metadata b = 2\n");
    refuse("$version: \"2.0\"\nmetadata a = 1\nmetadata a = 2\n");
}

// --- Node values -------------------------------------------------------------------------

#[test]
fn node_array_empty_and_populated() {
    assert_eq!(node("[]"), json!([]));
    assert_eq!(node("[ ]"), json!([]));
    assert_eq!(node("[1 2\n3]"), json!([1, 2, 3]));
    assert_eq!(node("[[], [\"a\"], {}]"), json!([[], ["a"], {}]));
    refuse_shapes("@trait document tr\n@tr([1\nstring S\n");
}

#[test]
fn node_object_with_quoted_and_unquoted_keys() {
    assert_eq!(node("{}"), json!({}));
    assert_eq!(
        node("{a: 1, \"b c\": 2\n_d:3 \"\": 4}"),
        json!({"a": 1, "b c": 2, "_d": 3, "": 4})
    );
    // Keywords are identifiers, so keys too.
    assert_eq!(
        node("{true: 1, null: 2, for: 3}"),
        json!({"true": 1, "null": 2, "for": 3})
    );
    // Keys are unique.
    refuse_shapes("@trait document tr\n@tr({a: 1, a: 2})\nstring S\n");
    // A key is a quoted string or an identifier.
    refuse_shapes("@trait document tr\n@tr({1: 2})\nstring S\n");
}

#[test]
fn number_forms() {
    // Compared by value: how a number is stored is not this production's business.
    for (text, value) in [
        ("0", 0.0),
        ("-12", -12.0),
        ("1.5", 1.5),
        ("-0.25e2", -25.0),
        ("1E+2", 100.0),
        ("1e-2", 0.01),
    ] {
        assert_eq!(node(text).as_f64(), Some(value), "{text}");
    }
    for bad in ["01", "1.", ".5", "+1", "1e", "-"] {
        refuse_shapes(&format!("@trait document tr\n@tr({bad})\nstring S\n"));
    }
}

#[test]
fn node_keyword_true_false_null() {
    assert_eq!(node("[true, false, null]"), json!([true, false, null]));
    // Only lower case; `True` is a shape ID, which names no shape here.
    refuse_shapes("@trait document tr\n@tr(True)\nstring S\n");
}

#[test]
fn node_string_value_shape_id_text_block_quoted_text() {
    let model = read_shapes(
        "@trait document tr\n@tr([S, ex#S, String, smithy.api#String, S$a])\nstructure S { a: String }\n",
    );
    assert_eq!(
        trait_value(&model, "S", "ex#tr"),
        &json!([
            "ex#S",
            "ex#S",
            "smithy.api#String",
            "smithy.api#String",
            "ex#S$a"
        ])
    );
}

#[test]
fn quoted_text_escapes_and_newlines() {
    assert_eq!(
        node(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00""#),
        json!("a\"b\\c/d\u{8}\u{c}\n\r\t\u{e9}\u{1F600}")
    );
    // A newline may appear in quoted text; an escaped newline is removed.
    assert_eq!(node("\"a\nb\""), json!("a\nb"));
    assert_eq!(node("\"a\\\nb\""), json!("ab"));
    refuse_shapes("@trait document tr\n@tr(\"\\q\")\nstring S\n");
    refuse_shapes("@trait document tr\n@tr(\"\\u12\")\nstring S\n");
    refuse_shapes("@trait document tr\n@tr(\"open)\nstring S\n");
}

#[test]
fn text_block_strips_indentation() {
    assert_eq!(
        node("\"\"\"\n    Hello\n      there \"quoted\" \"\"\n    end\\\n    ed\n    \"\"\""),
        json!("Hello\n  there \"quoted\" \"\"\nended\n")
    );
    assert_eq!(node("\"\"\"\n\"\"\""), json!(""));
    // The opening quotes must be followed by a newline.
    refuse_shapes("@trait document tr\n@tr(\"\"\"text\"\"\")\nstring S\n");
}

// --- Shape section -----------------------------------------------------------------------

#[test]
fn namespace_statement() {
    let model = read("namespace a.b_c.D1\nstring S\n");
    assert!(model.shape(&id("a.b_c.D1#S")).is_some());
    refuse("namespace a..b\n");
    refuse("namespace a.b string S\n");
    refuse("$version: \"2.0\"\nstring S\n");
}

#[test]
fn use_statement() {
    let model =
        read_shapes("use other.ns#Thing\nuse smithy.api#String\nstructure S { a: Thing }\n");
    assert_eq!(member(&model, "S", "a").target, id("other.ns#Thing"));
    // Only absolute root shape IDs; after the namespace, before any shape.
    refuse_shapes("use Thing\n");
    refuse_shapes("use other#Thing$member\n");
    refuse_shapes("string S\nuse other#Thing\n");
}

#[test]
fn shape_statements_are_separated_by_breaks() {
    let model = read_shapes("string A\n\n\nstring B // comment\nstring C");
    assert_eq!(model.shapes.len(), 3);
    refuse_shapes("string A string B\n");
}

// --- Shapes ------------------------------------------------------------------------------

#[test]
fn simple_shape_of_every_simple_type_name() {
    let names = [
        ("blob", SimpleType::Blob),
        ("boolean", SimpleType::Boolean),
        ("document", SimpleType::Document),
        ("string", SimpleType::String),
        ("byte", SimpleType::Byte),
        ("short", SimpleType::Short),
        ("integer", SimpleType::Integer),
        ("long", SimpleType::Long),
        ("float", SimpleType::Float),
        ("double", SimpleType::Double),
        ("bigInteger", SimpleType::BigInteger),
        ("bigDecimal", SimpleType::BigDecimal),
        ("timestamp", SimpleType::Timestamp),
    ];
    for (keyword, simple) in names {
        let model = read_shapes(&format!(
            "@mixin {keyword} M{keyword}\n{keyword} S{keyword} with [M{keyword}]\n"
        ));
        let shape = shape(&model, &format!("S{keyword}"));
        assert_eq!(shape.kind, ShapeKind::Simple(simple), "{keyword}");
        assert_eq!(shape.mixins, [ShapeId::new("ex", &format!("M{keyword}"))]);
    }
    // Keywords are case sensitive.
    refuse_shapes("String S\n");
}

#[test]
fn mixins_on_every_shape_type() {
    let model = read_shapes(
        "@mixin string MS\nstring S with [MS]\n\
         @mixin enum ME { X }\nenum E with [ME] { A }\n\
         @mixin intEnum MI { X = 1 }\nintEnum I with [MI] { A = 2 }\n\
         @mixin list ML { member: String }\nlist L with [ML] {}\n\
         @mixin map MM { key: String, value: String }\nmap M with [MM] {}\n\
         @mixin structure MSt {}\nstructure St with\n[\nMSt\n] {}\n\
         @mixin union MU { u: String }\nunion U with [MU] { v: String }\n\
         @mixin service MSv {}\nservice Sv with [MSv] {}\n\
         @mixin resource MR {}\nresource R with [MR] {}\n\
         @mixin operation MO {}\noperation O with [MO, MO2] {}\n@mixin operation MO2 {}\n",
    );
    for (name, mixin) in [
        ("S", "MS"),
        ("E", "ME"),
        ("I", "MI"),
        ("L", "ML"),
        ("M", "MM"),
        ("St", "MSt"),
        ("U", "MU"),
        ("Sv", "MSv"),
        ("R", "MR"),
    ] {
        assert_eq!(
            shape(&model, name).mixins,
            [ShapeId::new("ex", mixin)],
            "{name}"
        );
    }
    assert_eq!(shape(&model, "O").mixins.len(), 2);
    // `with` needs brackets and at least one shape ID.
    refuse_shapes("structure S with [] {}\n");
    refuse_shapes("structure S with M {}\n");
}

#[test]
fn enum_shape_members_with_traits_and_values() {
    let model = read_shapes(
        "enum E {\n    @deprecated\n    A\n    B = \"bee\"\n    @documentation(\"c\") C = \"c\",\n D\n}\n\
         intEnum I { @tags([\"t\"]) ONE = 1\n TWO = 2 }\n",
    );
    let values: Vec<_> = members(&model, "E")
        .iter()
        .map(|m| m.traits.string("smithy.api#enumValue").map(str::to_owned))
        .collect();
    assert_eq!(
        values,
        [
            Some("A".into()),
            Some("bee".into()),
            Some("c".into()),
            Some("D".into())
        ]
    );
    assert!(member(&model, "E", "A").traits.has("smithy.api#deprecated"));
    assert_eq!(
        member(&model, "I", "ONE")
            .traits
            .get("smithy.api#enumValue"),
        Some(&json!(1))
    );
    // At least one member; members are identifiers with no target.
    refuse_shapes("enum E {}\n");
    refuse_shapes("enum E { A: String }\n");
    refuse_shapes("intEnum I { A }\n");
}

#[test]
fn value_assignment_on_members_and_enum_members() {
    let model = read_shapes(
        "structure S {\n    a: String = \"x\"\n    b: Integer = 1,\n c: Boolean = true,\n    \
         d: Tags = []\n    e: Doc = {k: [null]} // comment\n    f: Long = -1\n}\n\
         list Tags { member: String }\ndocument Doc\n",
    );
    let default = |name: &str| {
        member(&model, "S", name)
            .traits
            .get("smithy.api#default")
            .cloned()
    };
    assert_eq!(default("a"), Some(json!("x")));
    assert_eq!(default("b"), Some(json!(1)));
    assert_eq!(default("c"), Some(json!(true)));
    assert_eq!(default("d"), Some(json!([])));
    assert_eq!(default("e"), Some(json!({"k": [null]})));
    assert_eq!(default("f"), Some(json!(-1)));
    // A value assignment ends with a break: the next member starts on a new line.
    refuse_shapes("structure S { a: String = \"x\" b: String }\n");
    refuse_shapes("structure S { a: String = }\n");
}

#[test]
fn aggregate_shape_list_map_structure_union() {
    let model = read_shapes(
        "list L { @length(min: 1) member: String }\n\
         map M { key: String\n value: L }\n\
         structure St { a: String, b: L }\n\
         union U { a: String\n b: St }\n",
    );
    assert!(
        matches!(&shape(&model, "L").kind, ShapeKind::List(m) if m.traits.has("smithy.api#length"))
    );
    assert!(
        matches!(&shape(&model, "M").kind, ShapeKind::Map { value, .. } if value.target == id("ex#L"))
    );
    assert_eq!(members(&model, "St").len(), 2);
    assert!(matches!(&shape(&model, "U").kind, ShapeKind::Union(m) if m.len() == 2));
    refuse_shapes("list L { item: String }\n");
    refuse_shapes("map M { key: String }\n");
    refuse_shapes("structure S { a: String, a: Integer }\n");
}

#[test]
fn for_resource_on_every_aggregate_shape() {
    let model = read_shapes(
        "resource R { identifiers: { id: String }, properties: { name: String, size: Long } }\n\
         structure S for R { $id\n $name }\n\
         union U for R { $size, $id }\n\
         list L for R { member: String }\n\
         map M for R { key: String, value: String }\n\
         operation O { input := for R { @required $id\n $name } output := for R with [Mx] { $size } }\n\
         @mixin structure Mx { extra: String }\n",
    );
    assert_eq!(member(&model, "S", "id").target, id("smithy.api#String"));
    assert_eq!(member(&model, "S", "name").target, id("smithy.api#String"));
    assert_eq!(member(&model, "U", "size").target, id("smithy.api#Long"));
    assert_eq!(member(&model, "U", "id").target, id("smithy.api#String"));
    assert_eq!(
        member(&model, "OInput", "name").target,
        id("smithy.api#String")
    );
    assert!(member(&model, "OInput", "id").traits.is_required());
    assert_eq!(
        member(&model, "OOutput", "size").target,
        id("smithy.api#Long")
    );
    assert_eq!(shape(&model, "OOutput").mixins, [id("ex#Mx")]);
    // `for` names a shape, not a member; an elided name must be an identifier or property.
    refuse_shapes("resource R {}\nstructure S for R$x { a: String }\n");
    refuse_shapes("resource R { identifiers: { id: String } }\nstructure S for R { $other }\n");
}

#[test]
fn shape_member_explicit_and_elided() {
    let model = read_shapes(
        "@mixin structure M { a: String, @required b: Integer }\n\
         structure S with [M] { $a = \"x\"\n @documentation(\"d\") $b, c : Long }\n",
    );
    assert_eq!(member(&model, "S", "a").target, id("smithy.api#String"));
    assert_eq!(
        member(&model, "S", "a").traits.get("smithy.api#default"),
        Some(&json!("x"))
    );
    assert_eq!(member(&model, "S", "b").target, id("smithy.api#Integer"));
    assert_eq!(member(&model, "S", "c").target, id("smithy.api#Long"));
    // An elided member needs a name; an explicit one a target.
    refuse_shapes("structure S { $ }\n");
    refuse_shapes("structure S { a: }\n");
    refuse_shapes("structure S { a String }\n");
}

#[test]
fn entity_shape_service_and_resource_bodies_are_node_objects() {
    let model = read_shapes(
        "service Sv { version: \"1\", operations: [O], resources: [R], errors: [E]\n rename: { \"x#Y\": \"Z\" } }\n\
         resource R { identifiers: { id: String }, properties: { p: String }, read: O, operations: [O2] }\n\
         operation O { input := { @required id: String } }\noperation O2 {}\n@error(\"server\") structure E {}\n",
    );
    let ShapeKind::Service(service) = &shape(&model, "Sv").kind else {
        panic!("not a service");
    };
    assert_eq!(service.version.as_deref(), Some("1"));
    assert_eq!(
        service.rename.get(&id("x#Y")).map(String::as_str),
        Some("Z")
    );
    let ShapeKind::Resource(resource) = &shape(&model, "R").kind else {
        panic!("not a resource");
    };
    assert_eq!(resource.properties.get("p"), Some(&id("smithy.api#String")));
    assert_eq!(resource.read, Some(id("ex#O")));
    refuse_shapes("resource R { identifiers: [String] }\n");
    // An unknown property is read past with a warning, as Smithy's loader does.
    let text = format!(
        "{HEADER}service Sv {{ version: \"1\", future: [1] }}\nresource R {{ later: {{}} }}\n"
    );
    let read = super::parse_files(&[(Path::new("g.smithy"), text.as_str())], &[])
        .unwrap_or_else(|diags| panic!("{diags}"));
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].contains("g.smithy:3:")
            && warnings[0].contains("unknown property `future` of service `ex#Sv`"),
        "{warnings:?}"
    );
}

#[test]
fn operation_shape_input_output_errors_and_inline_structures() {
    let model = read_shapes(
        "operation A { input: AIn\n output: AOut, errors: [E1 E2] }\n\
         structure AIn {}\nstructure AOut {}\n@error(\"client\") structure E1 {}\n@error(\"client\") structure E2 {}\n\
         operation B {\n    input := @sensitive\n    @documentation(\"in\") { a: String }\n    output := {}\n}\n",
    );
    let ShapeKind::Operation(op) = &shape(&model, "A").kind else {
        panic!("not an operation");
    };
    assert_eq!(op.input, Some(id("ex#AIn")));
    assert_eq!(op.errors.len(), 2);
    assert!(shape(&model, "BInput").traits.has("smithy.api#sensitive"));
    assert!(shape(&model, "BInput").traits.has("smithy.api#input"));
    assert!(shape(&model, "BOutput").traits.has("smithy.api#output"));
    refuse_shapes("operation A { input: AIn, input: AIn }\nstructure AIn {}\n");
    refuse_shapes("operation A { errors: E }\n");
    refuse_shapes("operation A { input := AIn }\nstructure AIn {}\n");
}

// --- Traits ------------------------------------------------------------------------------

#[test]
fn trait_statements_before_shapes_and_members() {
    let model = read_shapes(
        "@sensitive @documentation(\"d\")\n\n@tags([\"a\"])\nstring S\n\
         structure T { @required\n\n @sensitive a: String }\n",
    );
    assert_eq!(shape(&model, "S").traits.len(), 3);
    assert_eq!(member(&model, "T", "a").traits.len(), 2);
    // Traits must be followed by a shape.
    refuse_shapes("@sensitive\n");
}

#[test]
fn trait_body_empty_value_and_structure() {
    let model = read_shapes(
        "@trait structure st { a: String, b: String }\n@trait list lt { member: String }\n\
         @st string A\n@st() string B\n@st(a: \"x\", b: \"y\") string C\n@st(\n  a: \"x\"\n) string D\n\
         @lt string E\n@lt() string F\n@lt([\"x\"]) string G\n@st({a: \"x\"}) string H\n",
    );
    assert_eq!(trait_value(&model, "A", "ex#st"), &json!({}));
    assert_eq!(trait_value(&model, "B", "ex#st"), &json!({}));
    assert_eq!(
        trait_value(&model, "C", "ex#st"),
        &json!({"a": "x", "b": "y"})
    );
    assert_eq!(trait_value(&model, "D", "ex#st"), &json!({"a": "x"}));
    assert_eq!(trait_value(&model, "E", "ex#lt"), &json!([]));
    assert_eq!(trait_value(&model, "F", "ex#lt"), &json!([]));
    assert_eq!(trait_value(&model, "G", "ex#lt"), &json!(["x"]));
    assert_eq!(trait_value(&model, "H", "ex#st"), &json!({"a": "x"}));
    // A trait body holds one value or key-value pairs, not both.
    refuse_shapes("@trait structure st { a: String }\n@st(a: \"x\", \"y\") string A\n");
    refuse_shapes("@trait structure st { a: String }\n@st(\"x\" \"y\") string A\n");
}

#[test]
fn the_same_trait_twice_merges_by_the_conflict_rules() {
    let model = read_shapes(
        "@tags([\"a\"]) @tags([\"b\"]) @tags([\"a\"])\n\
         @documentation(\"same\") @documentation(\"same\")\nstring S\n\
         apply S @tags([\"c\"])\n",
    );
    // Lists concatenate first, equal lists too (the rules' order).
    assert_eq!(
        trait_value(&model, "S", "smithy.api#tags"),
        &json!(["a", "b", "a"])
    );
    assert_eq!(
        trait_value(&model, "S", "smithy.api#documentation"),
        &json!("same")
    );
    let text = refuse_shapes("@documentation(\"a\")\n@documentation(\"b\")\nstring S\n");
    assert!(
        text.contains("trait `smithy.api#documentation`") && text.contains("`ex#S`"),
        "{text}"
    );
}

#[test]
fn apply_statement_singular_and_block() {
    let model = read_shapes(
        "structure S { a: String }\n\
         apply S @sensitive\n\
         apply S$a @required\n\
         apply S {\n    @documentation(\"d\")\n    @tags([\"t\"])\n}\n\
         apply S$a {}\n\
         apply S$a\n    @documentation(\"next line\")\n\
         apply S // comment\n{\n    @deprecated\n}\n",
    );
    let targets: Vec<_> = model.applied.iter().map(|(t, _)| t.to_string()).collect();
    assert_eq!(targets, ["ex#S", "ex#S$a", "ex#S", "ex#S$a", "ex#S"]);
    refuse_shapes("structure S {}\napply S\n");
    refuse_shapes("structure S {}\napply S{ @sensitive }\n");
    refuse_shapes("structure S {}\napply S @sensitive string T\n");
}

// --- Shape IDs ---------------------------------------------------------------------------

#[test]
fn shape_id_relative_absolute_and_member() {
    let model = read_shapes(
        "structure S { a: smithy.api#String, b: String, c: ex#T }\nstring T\n\
         apply ex#S$a @required\napply S$b @required\n",
    );
    assert_eq!(member(&model, "S", "a").target, id("smithy.api#String"));
    assert_eq!(member(&model, "S", "c").target, id("ex#T"));
    assert_eq!(model.applied[0].0, id("ex#S$a"));
    // A member target is a shape, never a member.
    refuse_shapes("structure S { a: T$x }\nstructure T { x: String }\n");
    refuse_shapes("structure S { a: ex# }\n");
    refuse_shapes("structure S { a: #T }\n");
}

#[test]
fn identifier_start_and_chars() {
    let model = read_shapes("string _a\nstring __b1\nstring C_2_\nstring d\n");
    assert_eq!(model.shapes.len(), 4);
    // Keywords are not reserved: shapes and members may be named after them.
    let model = read_shapes(
        "string apply\nstring metadata\nstring use\nstring for\nstring with\n\
         structure S { for: String, with: String, apply: String, member: String }\n",
    );
    assert_eq!(model.shapes.len(), 6);
    assert_eq!(members(&model, "S").len(), 4);
    refuse_shapes("string _\n");
    refuse_shapes("string 1a\n");
    refuse_shapes("string a-b\n");
}
