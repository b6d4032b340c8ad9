//! Decides where each generated type lives and what it is called.
//!
//! Following the conventions of the official Rust SDK: an operation's dedicated input and
//! output structures become `operation::<op>::<Op>Input` / `<Op>Output`; error structures
//! go to `types::error`; every other structure, union and enum goes to `types`.

use std::collections::BTreeMap;

use super::naming::{self, RustIdent};
use super::rust_type::ModulePath;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{traits::ids, ShapeId, ShapeKind};
use crate::resolve::ResolvedModel;

/// The input or output type of an operation.
#[derive(Clone, Debug, PartialEq)]
pub enum IoType {
    /// A structure shape of the model, placed like any other.
    Shape(ShapeId),
    /// The operation has no input/output (or `smithy.api#Unit`): an empty struct is generated.
    Synthetic { module: ModulePath, name: RustIdent },
}

#[derive(Clone, Debug, Default)]
pub struct Placement {
    /// Module and name of every generated structure, union and enum.
    pub types: BTreeMap<ShapeId, (ModulePath, RustIdent)>,
    pub op_modules: BTreeMap<ShapeId, RustIdent>,
    pub op_inputs: BTreeMap<ShapeId, IoType>,
    pub op_outputs: BTreeMap<ShapeId, IoType>,
    /// The shapes that need generated code, in a stable order.
    pub generated: Vec<ShapeId>,
}

fn is_unit(id: &ShapeId) -> bool {
    id.namespace() == "smithy.api" && id.name() == "Unit"
}

/// How often each shape is used as a member target, an operation input and an output.
#[derive(Default)]
struct Uses {
    member: BTreeMap<ShapeId, usize>,
    input: BTreeMap<ShapeId, usize>,
    output: BTreeMap<ShapeId, usize>,
}

fn count_uses(model: &ResolvedModel, closure: &[ShapeId]) -> Uses {
    let mut uses = Uses::default();
    for id in closure {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        for member in shape.kind.members() {
            *uses.member.entry(member.target.clone()).or_default() += 1;
        }
    }
    for op in &model.operations {
        if let Some(ShapeKind::Operation(operation)) = model.shape(op).map(|s| &s.kind) {
            if let Some(input) = &operation.input {
                *uses.input.entry(input.clone()).or_default() += 1;
            }
            if let Some(output) = &operation.output {
                *uses.output.entry(output.clone()).or_default() += 1;
            }
        }
    }
    uses
}

pub fn place(model: &ResolvedModel, diagnostics: &mut Diagnostics) -> Placement {
    let closure = model.closure();
    let uses = count_uses(model, &closure);
    let mut placement = Placement::default();

    for op in &model.operations {
        let Some(ShapeKind::Operation(operation)) = model.shape(op).map(|s| &s.kind) else {
            continue;
        };
        let op_name = model.name_of(op);
        let module = naming::module_name(op_name);
        let op_type = naming::type_name(op_name);
        placement.op_modules.insert(op.clone(), module.clone());
        let slot =
            |target: &Option<ShapeId>, suffix: &str, dedicated: bool, placement: &mut Placement| {
                let name = RustIdent {
                    name: format!("{}{suffix}", op_type.name),
                    raw: false,
                };
                match target {
                    Some(id) if !is_unit(id) => {
                        if dedicated {
                            placement
                                .types
                                .insert(id.clone(), (ModulePath::Operation(module.clone()), name));
                        }
                        IoType::Shape(id.clone())
                    }
                    _ => IoType::Synthetic {
                        module: ModulePath::Operation(module.clone()),
                        name,
                    },
                }
            };
        let dedicated = |id: &Option<ShapeId>| {
            id.as_ref().is_some_and(|id| {
                uses.member.get(id).copied().unwrap_or(0) == 0
                    && uses.input.get(id).copied().unwrap_or(0)
                        + uses.output.get(id).copied().unwrap_or(0)
                        == 1
            })
        };
        let input = slot(
            &operation.input,
            "Input",
            dedicated(&operation.input),
            &mut placement,
        );
        let output = slot(
            &operation.output,
            "Output",
            dedicated(&operation.output),
            &mut placement,
        );
        placement.op_inputs.insert(op.clone(), input);
        placement.op_outputs.insert(op.clone(), output);
    }

    for id in &closure {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        let generated = matches!(
            shape.kind,
            ShapeKind::Structure(_)
                | ShapeKind::Union(_)
                | ShapeKind::Enum(_)
                | ShapeKind::IntEnum(_)
        );
        if !generated || is_unit(id) {
            continue;
        }
        placement.generated.push(id.clone());
        if placement.types.contains_key(id) {
            continue;
        }
        let module = if shape.traits.has(ids::ERROR) {
            ModulePath::TypesError
        } else {
            ModulePath::Types
        };
        placement
            .types
            .insert(id.clone(), (module, naming::type_name(model.name_of(id))));
    }

    report_collisions(model, &placement, diagnostics);
    placement
}

/// Two shapes (or operations) that would get the same Rust name in one module are an error.
fn report_collisions(model: &ResolvedModel, placement: &Placement, diagnostics: &mut Diagnostics) {
    let mut by_module: BTreeMap<&ModulePath, Vec<(String, &RustIdent)>> = BTreeMap::new();
    for (id, (module, name)) in &placement.types {
        by_module
            .entry(module)
            .or_default()
            .push((id.to_string(), name));
    }
    let synthetic: Vec<(ShapeId, &ModulePath, &RustIdent)> = placement
        .op_inputs
        .iter()
        .chain(&placement.op_outputs)
        .filter_map(|(op, io)| match io {
            IoType::Synthetic { module, name } => Some((op.clone(), module, name)),
            IoType::Shape(_) => None,
        })
        .collect();
    for (op, module, name) in &synthetic {
        by_module
            .entry(module)
            .or_default()
            .push((format!("{op} ({})", name.name), name));
    }
    for (module, names) in &by_module {
        for (name, sources) in naming::collisions(names.iter().map(|(s, n)| (s.as_str(), *n))) {
            let where_ = match module {
                ModulePath::Types => "types".to_owned(),
                ModulePath::TypesError => "types::error".to_owned(),
                ModulePath::Operation(m) => format!("operation::{}", m.name),
            };
            diagnostics.push(collision(model, &sources, &format!(
                "these shapes would all be named `{name}` in module `{where_}`: {}; rename one (the service's `rename` property) to tell them apart",
                sources.join(", ")
            )));
        }
    }
    let ops: Vec<(String, &RustIdent)> = placement
        .op_modules
        .iter()
        .map(|(id, m)| (id.to_string(), m))
        .collect();
    for (name, sources) in naming::collisions(ops.iter().map(|(s, n)| (s.as_str(), *n))) {
        diagnostics.push(collision(
            model,
            &sources,
            &format!(
                "these operations would share the module `operation::{name}`: {}",
                sources.join(", ")
            ),
        ));
    }
}

fn collision(model: &ResolvedModel, sources: &[&str], message: &str) -> Diagnostic {
    let first = sources
        .first()
        .and_then(|s| ShapeId::parse(s.split(' ').next().unwrap_or(s)).ok());
    match first {
        Some(id) => Diagnostic::error(
            Location::Shape {
                file: model.sources.get(&id).cloned(),
                id,
            },
            message,
        ),
        None => Diagnostic::error(Location::Model, message),
    }
}
