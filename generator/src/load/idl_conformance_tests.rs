//! Smithy's own IDL loader cases (`../shared/smithy-tests/`, see its README):
//! - `idl-valid/X.smithy` + `__shared.json` loads to the same [`Model`] as `X.json` +
//!   `__shared.json` (after [`normalize`], which fills in what either form leaves implicit);
//! - `X.flattened.smithy` resolves (mixins flattened) to the same shapes as `X.smithy`;
//! - every `idl-invalid/` file is rejected: a syntax error at the line and column Smithy
//!   names, any other error for the right reason ([`REASONS`]);
//! - the trait definitions and the restJson1 protocol tests (`definitions/`,
//!   `protocol-tests/`), real IDL files, load together.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::load_paths;
use crate::diagnostics::{Diagnostics, Location};
use crate::model::traits::ids;
use crate::model::{Model, Service, Shape, ShapeId, ShapeKind, Traits};

const SMITHY_TESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/smithy-tests");

/// Valid cases whose IDL and JSON forms do not load to the same model yet: (case, reason).
/// A listed case that passes fails the test, so that the list only shrinks.
const SKIPPED: &[(&str, &str)] = &[];

/// Invalid cases that are not syntax errors: a fragment of the message that rejects them.
const REASONS: &[(&str, &str)] = &[
    ("elision/elide-nonexistent-id.smithy", "`smithy.example#ResourceStruct$id`: the member's target was elided, but no bound resource or mixin has an identifier, property or member named `id`"),
    ("elision/eliding-with-resources-in-v1.smithy", "structures can only be bound to resources (`for`) in Smithy version 2 or later"),
    ("elision/eliding-without-resources-v1.smithy", "members can only elide their target (`$name`) in Smithy version 2 or later"),
    ("enums/enum-with-bad-values.smithy", "`smithy.example#Foo$BAR`: enum members can only be assigned string values, found 10"),
    ("enums/enum-without-member.smithy", "`smithy.example#Enum`: an enum must have at least one member"),
    ("enums/idl-enums-in-v1.smithy", "enum shapes cannot be used in Smithy version 1.0"),
    ("enums/intEnum-with-bad-value.smithy", "`smithy.example#Foo$BAR`: intEnum members require integer values, found \"Abc\""),
    ("enums/intEnum-with-long.smithy", "`smithy.example#Foo$BAR`: intEnum members must fit within an integer, found 2147483648"),
    ("inline-io/inline-io-in-explicit-1-0.smithy", "inline operation input and output (`:=`) can only be used with Smithy version 2 or later"),
    ("inline-io/inline-io-in-implicit-1-0.smithy", "inline operation input and output (`:=`) can only be used with Smithy version 2 or later"),
    ("lists/list-empty-members.smithy", "`com.foo#MyList` is missing its required member `member`"),
    ("lists/no-sets-in-v2.smithy", "set shapes cannot be used in Smithy version 2.0"),
    ("lists/set-empty-members.smithy", "`com.foo#MySet` is missing its required member `member`"),
    ("maps/map-empty-members.smithy", "`com.foo#MyMap` is missing its required members `key` and `value`"),
    ("metadata/space-after-node-array-keyword.smithy", "unquoted `truefalse` is a shape ID, but the file has no namespace and the prelude has no such shape"),
    // Rejected when mixins are flattened (the resolve stage).
    ("mixins/member-mixin-conflict-1.smithy", "mixins of `com.amazon.example#Valid` define member `a` with different targets"),
    ("mixins/member-mixin-conflict-2.smithy", "mixins of `com.amazon.example#Valid` define member `a` with different targets"),
    ("mixins/mixins-trait-in-explicit-1-0.smithy", "mixins can only be used with Smithy version 2 or later (`com.foo#Foo` has the @mixin trait"),
    ("mixins/operation-mixin-with-io.smithy", "operation mixin `smithy.example#MixinOperation` must not define its input or output"),
    ("mixins/resource-mixin-with-properties.smithy", "resource mixin `smithy.example#MixinResource` must not define any properties"),
    ("operations/invalid-operation-properties.smithy", "unknown property `invalidOperationKey` of operation `com.example#Operation`"),
    ("use/conflicting-shape-def.smithy", "shape name `String` conflicts with imported shape `smithy.api#String`"),
    ("use/conflicting-trait-def.smithy", "shape name `deprecated` conflicts with imported shape `smithy.api#deprecated`"),
    ("use/conflicting-use.smithy", "cannot use `foo.baz#String`: its name conflicts with `smithy.api#String`"),
    ("version/idl-int-enums-in-v1.smithy", "intEnum shapes cannot be used in Smithy version 1.0"),
    ("version/invalid-version-type.smithy", "the `$version` control statement must have a string value"),
    ("version/properties-v2-only.smithy", "`example.weather#City`: resource `properties` can only be used with Smithy version 2 or later"),
    // The JSON loader's check.
    ("version/properties-v2-only.json", "smithy.example#Book: resource `properties` can only be used with Smithy 2.0 or later"),
];

fn root() -> PathBuf {
    let root = PathBuf::from(SMITHY_TESTS);
    assert!(
        root.join("idl-valid").is_dir(),
        "\n\n*** ../shared is missing: Smithy's IDL cases are expected at {} ***\n",
        root.display()
    );
    root
}

/// Files under `dir` (recursively) whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `mixins/loads-mixins` for `.../idl-valid/mixins/loads-mixins.smithy`.
fn case_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path).to_string_lossy();
    let relative = relative.replace('\\', "/");
    let end = relative.find('.').unwrap_or(relative.len());
    relative.get(..end).unwrap_or(&relative).to_owned()
}

fn load(paths: &[&Path]) -> Result<Model, String> {
    load_paths(paths)
        .map(|loaded| loaded.model)
        .map_err(|diags| diags.to_string())
}

/// What the JSON AST and the IDL say differently about the same model: `apply` merged into
/// the shapes, enum values that are member names made explicit, a missing operation input
/// or output is `smithy.api#Unit`, and source files ignored.
fn normalize(mut model: Model) -> Model {
    let applied = std::mem::take(&mut model.applied);
    for (target, traits) in applied {
        let merged = model
            .shapes
            .get_mut(&target.root())
            .and_then(|shape| match target.member() {
                None => Some(&mut shape.traits),
                Some(name) => shape
                    .kind
                    .members_mut()
                    .into_iter()
                    .find(|m| m.name == name)
                    .map(|m| &mut m.traits),
            });
        match merged {
            Some(existing) => {
                for (id, value) in traits.iter() {
                    existing.insert(id.clone(), value.clone());
                }
            }
            None => model.applied.push((target, traits)),
        }
    }
    for shape in model.shapes.values_mut() {
        normalize_shape(shape);
    }
    model.sources.clear();
    model
}

fn normalize_shape(shape: &mut Shape) {
    let unit = ShapeId::new("smithy.api", "Unit");
    match &mut shape.kind {
        ShapeKind::Enum(members) => {
            for member in members {
                if !member.traits.has(ids::ENUM_VALUE) {
                    let value = Value::String(member.name.clone());
                    member
                        .traits
                        .insert(ShapeId::new("smithy.api", "enumValue"), value);
                }
            }
        }
        ShapeKind::Operation(operation) => {
            operation.input.get_or_insert_with(|| unit.clone());
            operation.output.get_or_insert(unit);
        }
        _ => {}
    }
}

/// The first shape (or metadata) where two models differ, for messages.
fn difference(left: &Model, right: &Model) -> String {
    for id in left.shapes.keys().chain(right.shapes.keys()) {
        match (left.shapes.get(id), right.shapes.get(id)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => return format!("shape {id}:\n  IDL:  {a:?}\n  JSON: {b:?}"),
        }
    }
    if left.metadata != right.metadata {
        return format!(
            "metadata:\n  IDL:  {:?}\n  JSON: {:?}",
            left.metadata, right.metadata
        );
    }
    format!(
        "applied:\n  IDL:  {:?}\n  JSON: {:?}",
        left.applied, right.applied
    )
}

fn compare_with_json(smithy: &Path, json: &Path, shared: &Path) -> Result<(), String> {
    let from_idl = normalize(load(&[smithy, shared])?);
    let from_json = normalize(load(&[json, shared]).map_err(|e| format!("JSON form: {e}"))?);
    if from_idl == from_json {
        Ok(())
    } else {
        Err(difference(&from_idl, &from_json))
    }
}

/// Every non-prelude shape after resolve (mixins flattened and removed), through a service
/// added for the purpose.
fn flattened(paths: &[&Path]) -> Result<BTreeMap<ShapeId, Shape>, String> {
    let mut model = load(paths)?;
    let service = ShapeId::new("smithy.conformance.test", "Service");
    model.shapes.insert(
        service.clone(),
        Shape {
            id: service.clone(),
            kind: ShapeKind::Service(Service::default()),
            traits: Traits::new(),
            mixins: Vec::new(),
        },
    );
    let resolved = crate::resolve::resolve(model, Some(&service)).map_err(|d| d.to_string())?;
    let mut shapes = resolved.shapes;
    shapes.retain(|id, _| *id != service && !crate::resolve::is_prelude(id));
    for shape in shapes.values_mut() {
        normalize_shape(shape);
    }
    Ok(shapes)
}

/// Runs `check` on each case, honouring [`SKIPPED`]; returns (passed, skipped).
fn run_cases(cases: Vec<(String, Result<(), String>)>) -> (usize, usize) {
    let mut failures = Vec::new();
    let (mut passed, mut skipped) = (0, 0);
    for (case, outcome) in cases {
        let skip = SKIPPED.iter().find(|(name, _)| *name == case);
        match (outcome, skip) {
            (Ok(()), None) => passed += 1,
            (Err(err), None) => failures.push(format!("{case}: {err}")),
            (Ok(()), Some(_)) => failures.push(format!("{case} passes now: take it off SKIPPED")),
            (Err(_), Some(_)) => skipped += 1,
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    (passed, skipped)
}

#[test]
fn every_valid_case_loads_the_same_model_from_idl_and_json() {
    let dir = root().join("idl-valid");
    let shared = dir.join("__shared.json");
    let mut cases = Vec::new();
    for smithy in files(&dir, ".smithy") {
        if smithy.to_string_lossy().ends_with(".flattened.smithy") {
            continue;
        }
        let case = case_name(&dir, &smithy);
        let json = smithy.with_extension("json");
        let outcome = if json.is_file() {
            compare_with_json(&smithy, &json, &shared)
        } else {
            // No JSON form (e.g. trait-locations): it must load.
            load(&[&smithy, &shared]).map(|_| ())
        };
        cases.push((case, outcome));
    }
    let total = cases.len();
    let (passed, skipped) = run_cases(cases);
    eprintln!("idl-valid: {passed} of {total} cases pass, {skipped} skipped");
    assert!(passed > 40, "only {passed} cases ran");
}

#[test]
fn flattened_cases_match_after_mixins_are_flattened() {
    let dir = root().join("idl-valid");
    let shared = dir.join("__shared.json");
    let mut compared = 0;
    for flat in files(&dir, ".flattened.smithy") {
        let name = flat
            .to_string_lossy()
            .replace(".flattened.smithy", ".smithy");
        let smithy = PathBuf::from(name);
        let left =
            flattened(&[&smithy, &shared]).unwrap_or_else(|e| panic!("{}: {e}", smithy.display()));
        let right =
            flattened(&[&flat, &shared]).unwrap_or_else(|e| panic!("{}: {e}", flat.display()));
        for id in left.keys().chain(right.keys()) {
            assert_eq!(left.get(id), right.get(id), "{}: {id}", smithy.display());
        }
        compared += 1;
    }
    assert!(compared >= 8, "only {compared} flattened cases");
}

/// `Syntax error at line L, column C` from a case's first line.
fn syntax_error_position(first_line: &str) -> Option<(usize, usize)> {
    let (_, after) = first_line.split_once("Syntax error at line ")?;
    let number = |text: &str| -> Option<usize> {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let line = number(after)?;
    let column = after.split_once("column ").and_then(|(_, c)| number(c))?;
    Some((line, column))
}

/// Why `path` (expected to fail) is rejected: load, then resolve through a service.
fn rejection(path: &Path) -> Result<Diagnostics, String> {
    match load_paths(&[path]) {
        Err(diags) => Ok(diags),
        Ok(_) => match flattened(&[path]) {
            Err(message) => Ok(Diagnostics(vec![crate::diagnostics::Diagnostic::error(
                Location::Model,
                message,
            )])),
            Ok(_) => Err("accepted".to_owned()),
        },
    }
}

#[test]
fn every_invalid_case_is_rejected_where_smithy_says() {
    let dir = root().join("idl-invalid");
    let mut failures = Vec::new();
    let mut checked = 0;
    let mut paths = files(&dir, ".smithy");
    paths.extend(files(&dir, ".json"));
    for path in paths {
        let relative = path.strip_prefix(&dir).unwrap_or(&path).to_string_lossy();
        let case = relative.replace('\\', "/");
        let text = fs::read_to_string(&path).unwrap_or_default();
        let first_line = text.lines().next().unwrap_or_default();
        let diags = match rejection(&path) {
            Ok(diags) => diags,
            Err(_) => {
                failures.push(format!("{case}: accepted, but Smithy says: {first_line}"));
                continue;
            }
        };
        checked += 1;
        let shown = diags.to_string();
        if let Some((line, column)) = syntax_error_position(first_line) {
            let at_line: Vec<_> = diags
                .0
                .iter()
                .filter_map(|d| match &d.location {
                    Location::File {
                        line: Some(l),
                        column,
                        ..
                    } if *l == line => Some(*column),
                    _ => None,
                })
                .collect();
            if at_line.is_empty() {
                failures.push(format!(
                    "{case}: no error at line {line} ({first_line}):\n{shown}"
                ));
            } else if !at_line.contains(&Some(column)) {
                failures.push(format!(
                    "{case}: no error at {line}:{column} ({first_line}):\n{shown}"
                ));
            }
        } else {
            match REASONS.iter().find(|(name, _)| *name == case) {
                Some((_, fragment)) if shown.contains(fragment) => {}
                Some((_, fragment)) => failures.push(format!(
                    "{case}: expected an error containing `{fragment}` ({first_line}):\n{shown}"
                )),
                None => failures.push(format!(
                    "{case}: add to REASONS (Smithy: {first_line}):\n{shown}"
                )),
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
    eprintln!("idl-invalid: {checked} cases rejected as Smithy does");
}

#[test]
fn definitions_and_protocol_tests_load_together() {
    let root = root();
    let mut paths = files(&root.join("definitions"), ".smithy");
    // The prelude itself defines `smithy.api`, which models never redefine.
    paths.retain(|p| !p.ends_with("prelude.smithy"));
    paths.extend(files(&root.join("protocol-tests"), ".smithy"));
    let loaded = load_paths(&paths).unwrap_or_else(|diags| panic!("{diags}"));
    let service = ShapeId::new("aws.protocoltests.restjson", "RestJson");
    assert!(loaded.model.shapes.contains_key(&service));
    assert!(
        loaded.model.shapes.len() > 500,
        "{}",
        loaded.model.shapes.len()
    );
    crate::resolve::resolve(loaded.model, Some(&service)).unwrap_or_else(|diags| panic!("{diags}"));
}

#[test]
fn the_prelude_parses() {
    let path = root().join("definitions/prelude.smithy");
    let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{err}"));
    let model = crate::idl::parse_str(&text, &path).unwrap_or_else(|diags| panic!("{diags}"));
    let tags = model.shapes.get(&ShapeId::new("smithy.api", "tags"));
    assert!(matches!(tags.map(|s| &s.kind), Some(ShapeKind::List(_))));
}
