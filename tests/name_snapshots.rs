//! Snapshots of the Rust names the generator plans for models whose names collide in Rust or
//! are Rust keywords and generated helper names (`models/hostile/*.json`): one readable table
//! per model, from Smithy name to every Rust name made from it, so a change to the naming
//! scheme (README, "Names") shows up as a reviewable diff. `hostile_models.rs` compiles the
//! same models and `behaviour.rs` checks that the wire names stay exact.

use std::fmt::Write as _;

use smithy_codegen::plan::{ModulePath, Plan, RustIdent, RustType};
use smithy_codegen_tests::repo_root;

/// The models whose names are snapshotted.
const MODELS: &[&str] = &[
    "name_collisions",
    "underscore_collisions",
    "error_variants",
    "keywords",
    "keyword_shapes",
    "keyword_operations",
    "helper_names",
    "self_type",
    "self_operation",
    "client_names",
];

fn path_of(module: &ModulePath, name: &RustIdent) -> String {
    let module = match module {
        ModulePath::Types => "types".to_owned(),
        ModulePath::TypesError => "types::error".to_owned(),
        ModulePath::Operation(op) => format!("operation::{}", op.as_source()),
    };
    format!("{module}::{}", name.as_source())
}

fn type_path(ty: &RustType) -> String {
    match ty {
        RustType::Named { module, name } => path_of(module, name),
        other => format!("{other:?}"),
    }
}

/// Every planned name of `plan`, sorted by shape ID within each kind.
fn names(plan: &Plan) -> String {
    let mut out = String::new();
    let mut operations: Vec<_> = plan.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));
    for op in operations {
        let _ = writeln!(
            out,
            "operation {}: module operation::{}, error enum {}, command `{}`",
            op.id,
            op.module.as_source(),
            op.error_enum.as_source(),
            op.cli_name
        );
        let _ = writeln!(out, "  input {}", type_path(&op.input));
        let _ = writeln!(out, "  output {}", type_path(&op.output));
        for e in &op.errors {
            let _ = writeln!(out, "  error {} -> {}", e.shape, e.variant.as_source());
        }
    }
    let mut structures: Vec<_> = plan.structures.iter().collect();
    structures.sort_by(|a, b| a.id.cmp(&b.id));
    for s in structures {
        let _ = writeln!(out, "structure {} -> {}", s.id, path_of(&s.module, &s.name));
        for m in &s.members {
            let _ = writeln!(
                out,
                "  {} (wire `{}`): field {}, setters {} / {}, flag --{}",
                m.member_name,
                m.wire_name,
                m.field.as_source(),
                m.setter.as_source(),
                m.option_setter.as_source(),
                m.cli_flag
            );
        }
    }
    let mut enums: Vec<_> = plan.enums.iter().collect();
    enums.sort_by(|a, b| a.id.cmp(&b.id));
    for e in enums {
        let _ = writeln!(out, "enum {} -> types::{}", e.id, e.name.as_source());
        for v in &e.variants {
            let _ = writeln!(out, "  {:?} -> {}", v.value, v.name.as_source());
        }
    }
    let mut unions: Vec<_> = plan.unions.iter().collect();
    unions.sort_by(|a, b| a.id.cmp(&b.id));
    for u in unions {
        let _ = writeln!(out, "union {} -> types::{}", u.id, u.name.as_source());
        for v in &u.variants {
            let _ = writeln!(
                out,
                "  {} (wire `{}`) -> {}",
                v.member_name,
                v.wire_name,
                v.name.as_source()
            );
        }
    }
    out
}

#[test]
fn planned_names_of_hostile_models() {
    for model in MODELS {
        let path = repo_root()
            .join("tests/models/hostile")
            .join(format!("{model}.json"));
        let output = smithy_codegen::run(&[&path], None)
            .unwrap_or_else(|e| panic!("{model} must generate:\n{e}"));
        insta::assert_snapshot!(format!("names_{model}"), names(&output.plan));
    }
}
