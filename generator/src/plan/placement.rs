//! Decides where each generated type lives and what it is called.
//!
//! Following the conventions of the official Rust SDK: an operation's dedicated input and
//! output structures become `operation::<op>::<Op>Input` / `<Op>Output`; error structures
//! go to `types::error`; every other structure, union and enum goes to `types`.

use std::collections::BTreeMap;

use super::naming::{self, RustIdent};
use super::rust_type::ModulePath;
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

pub fn place(model: &ResolvedModel) -> Placement {
    let closure = model.closure();
    let uses = count_uses(model, &closure);
    let mut placement = Placement {
        op_modules: op_modules(model),
        ..Placement::default()
    };

    for op in &model.operations {
        let Some(ShapeKind::Operation(operation)) = model.shape(op).map(|s| &s.kind) else {
            continue;
        };
        let Some(module) = placement.op_modules.get(op).cloned() else {
            continue;
        };
        let op_type = naming::type_name(model.name_of(op));
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

    make_unique(&mut placement);
    placement
}

/// One module per operation; operations whose names convert alike (`Foo_Bar`, `FooBar`) are
/// told apart by [`naming::unique`] in shape-ID order.
fn op_modules(model: &ResolvedModel) -> BTreeMap<ShapeId, RustIdent> {
    let ops: std::collections::BTreeSet<&ShapeId> = model.operations.iter().collect();
    let wanted: Vec<RustIdent> = ops
        .iter()
        .map(|op| naming::module_name(model.name_of(op)))
        .collect();
    let names = naming::unique(&wanted, &[], naming::Style::Snake);
    ops.into_iter().cloned().zip(names).collect()
}

/// Shapes that would get the same Rust name in one module (`Foo_Bar` and `FooBar`, both
/// valid Smithy) and operations that would share a module are told apart by
/// [`naming::unique`], in shape-ID order. Smithy itself refuses names equal but for case
/// (unless `rename`d); that is checked while resolving.
fn make_unique(placement: &mut Placement) {
    let mut by_module: BTreeMap<ModulePath, Vec<ShapeId>> = BTreeMap::new();
    for (id, (module, _)) in &placement.types {
        by_module
            .entry(module.clone())
            .or_default()
            .push(id.clone());
    }
    // The empty structures made for operations without input or output share their module.
    let synthetic: Vec<(ModulePath, RustIdent)> = placement
        .op_inputs
        .values()
        .chain(placement.op_outputs.values())
        .filter_map(|io| match io {
            IoType::Synthetic { module, name } => Some((module.clone(), name.clone())),
            IoType::Shape(_) => None,
        })
        .collect();
    for (module, ids) in by_module {
        let reserved: Vec<&str> = synthetic
            .iter()
            .filter(|(m, _)| *m == module)
            .map(|(_, n)| n.name.as_str())
            .collect();
        let wanted: Vec<RustIdent> = ids.iter().map(|id| placement.types[id].1.clone()).collect();
        let names = naming::unique(&wanted, &reserved, naming::Style::UpperCamel);
        for (id, name) in ids.iter().zip(names) {
            if let Some(entry) = placement.types.get_mut(id) {
                entry.1 = name;
            }
        }
    }
}
