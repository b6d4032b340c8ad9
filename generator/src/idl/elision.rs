//! Members whose target is not written: `$name` (elided), and the `member` / `key` /
//! `value` of a list or map that a mixin provides. The target comes from the bound
//! resource's identifier of that name, else its property of that name, else from the
//! mixins' member of that name
//! (mixins of mixins too). Resolved across every file, including models loaded beside the
//! IDL files, repeating while progress is made (a mixin member may be elided itself).

use std::collections::BTreeSet;

use super::to_model::{FileModel, Pending};
use crate::model::{Model, Shape, ShapeId, ShapeKind};

/// How deep mixins of mixins are followed.
const MAX_MIXIN_DEPTH: usize = 32;

pub(super) fn resolve(files: &mut [FileModel], others: &[&Model]) {
    loop {
        let open: BTreeSet<(ShapeId, String)> = files
            .iter()
            .flat_map(|f| &f.pending)
            .map(|p| (p.shape.clone(), p.member.clone()))
            .collect();
        let mut found = Vec::new();
        for (file_index, file) in files.iter().enumerate() {
            for (pending_index, pending) in file.pending.iter().enumerate() {
                let lookup = |id: &ShapeId| shape_in(files, others, id);
                if let Some(target) = target_of(&lookup, pending, &open) {
                    found.push((file_index, pending_index, target));
                }
            }
        }
        if found.is_empty() {
            break;
        }
        // Later indexes first, so that removing keeps the earlier ones valid.
        found.sort_by_key(|(file, pending, _)| std::cmp::Reverse((*file, *pending)));
        for (file_index, pending_index, target) in found {
            let Some(file) = files.get_mut(file_index) else {
                continue;
            };
            if pending_index >= file.pending.len() {
                continue;
            }
            let pending = file.pending.remove(pending_index);
            set_target(&mut file.model, &pending, target);
        }
    }
    for file in files.iter_mut() {
        for pending in std::mem::take(&mut file.pending) {
            let member = pending.shape.with_member(&pending.member);
            file.errors.push(
                pending.pos,
                format!(
                    "`{member}`: the member's target was elided, but no bound resource or mixin \
                     has an identifier, property or member named `{}`",
                    pending.member
                ),
            );
        }
    }
}

fn shape_in<'a>(files: &'a [FileModel], others: &[&'a Model], id: &ShapeId) -> Option<&'a Shape> {
    files
        .iter()
        .find_map(|f| f.model.shapes.get(id))
        .or_else(|| others.iter().find_map(|m| m.shapes.get(id)))
}

fn target_of<'a>(
    lookup: &impl Fn(&ShapeId) -> Option<&'a Shape>,
    pending: &Pending,
    open: &BTreeSet<(ShapeId, String)>,
) -> Option<ShapeId> {
    let from_resource = pending
        .resource
        .as_ref()
        .and_then(lookup)
        .and_then(|shape| match &shape.kind {
            ShapeKind::Resource(resource) => resource
                .identifiers
                .get(&pending.member)
                .or_else(|| resource.properties.get(&pending.member))
                .cloned(),
            _ => None,
        });
    from_resource.or_else(|| {
        pending
            .mixins
            .iter()
            .find_map(|mixin| mixin_member(lookup, mixin, &pending.member, open, 0))
    })
}

/// The target of member `name` of `mixin` or of its own mixins; `None` while that member
/// is itself unresolved.
fn mixin_member<'a>(
    lookup: &impl Fn(&ShapeId) -> Option<&'a Shape>,
    mixin: &ShapeId,
    name: &str,
    open: &BTreeSet<(ShapeId, String)>,
    depth: usize,
) -> Option<ShapeId> {
    if depth > MAX_MIXIN_DEPTH {
        return None;
    }
    let shape = lookup(mixin)?;
    if let Some(member) = shape.kind.members().into_iter().find(|m| m.name == name) {
        if open.contains(&(mixin.clone(), name.to_owned())) {
            return None;
        }
        return Some(member.target.clone());
    }
    shape
        .mixins
        .iter()
        .find_map(|next| mixin_member(lookup, next, name, open, depth + 1))
}

fn set_target(model: &mut Model, pending: &Pending, target: ShapeId) {
    let Some(shape) = model.shapes.get_mut(&pending.shape) else {
        return;
    };
    if let Some(member) = shape
        .kind
        .members_mut()
        .into_iter()
        .find(|m| m.name == pending.member)
    {
        member.target = target;
    }
}
