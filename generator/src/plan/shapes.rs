//! Plans every generated shape and operation from the placement.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;

use super::bindings;
use super::disambiguate;
use super::http;
use super::members::{self, Context};
use super::naming::{self, RustIdent};
use super::placement::{IoType, Placement};
use super::protocol::Protocol;
use super::recursion;
use super::rust_type::{ModulePath, PrimitiveUse, RustType};
use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::{traits::ids, Member, Shape, ShapeId, ShapeKind};
use crate::resolve::ResolvedModel;

/// The fallback variant of enums and unions.
const UNKNOWN: &str = "Unknown";
/// The fallback variants of operation error enums.
const UNHANDLED: &str = "Unhandled";
const INVALID_RESPONSE: &str = "InvalidResponse";

fn error_at(model: &ResolvedModel, id: &ShapeId, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(
        Location::Shape {
            id: id.clone(),
            file: model.sources.get(&id.root()).cloned(),
        },
        message,
    )
}

/// Direct containment edges between structures and unions, for recursion detection.
fn containment_graph(
    model: &ResolvedModel,
    generated: &[ShapeId],
) -> BTreeMap<ShapeId, BTreeSet<ShapeId>> {
    let mut graph = BTreeMap::new();
    for id in generated {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        let edges: BTreeSet<ShapeId> = match &shape.kind {
            ShapeKind::Structure(ms) | ShapeKind::Union(ms) => ms
                .iter()
                .filter(|m| {
                    matches!(
                        model.shape(&m.target).map(|s| &s.kind),
                        Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
                    )
                })
                .map(|m| m.target.root())
                .collect(),
            _ => continue,
        };
        graph.insert(id.clone(), edges);
    }
    graph
}

pub fn plan_shapes(
    model: &ResolvedModel,
    placement: &Placement,
    wanted_protocol: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Plan {
    let components = recursion::components(&containment_graph(model, &placement.generated));
    let service_location = || Location::Shape {
        id: model.service.clone(),
        file: model.sources.get(&model.service).cloned(),
    };
    let protocol =
        match super::protocol::choose_with(&model.service_shape().traits, wanted_protocol) {
            Ok(choice) => choice,
            Err(message) => {
                diagnostics.push(Diagnostic::error(service_location(), message));
                super::protocol::Choice {
                    protocol: None,
                    unsupported: Vec::new(),
                }
            }
        };
    // Protocols of the service's own (trait shapes marked `@protocolDefinition`) that no AWS
    // SDK knows: named in a warning too, since no wire layer speaks them.
    let others: Vec<String> = model
        .service_shape()
        .traits
        .iter()
        .map(|(id, _)| id)
        .filter(|id| {
            model
                .shape(id)
                .is_some_and(|t| t.traits.has("smithy.api#protocolDefinition"))
                && Protocol::ALL.iter().all(|p| p.trait_id() != id.to_string())
        })
        .map(|id| id.to_string())
        .collect();
    for id in protocol
        .unsupported
        .iter()
        .copied()
        .chain(others.iter().map(String::as_str))
    {
        let message = match protocol.protocol {
            Some(chosen) => format!(
                "the protocol `{id}` is not supported yet: the wire layer speaks `{}`",
                chosen.trait_id()
            ),
            None => format!(
                "the protocol `{id}` is not supported yet: the types are generated, the wire layer is not"
            ),
        };
        diagnostics.push(Diagnostic::warning(service_location(), message));
    }
    let ctx = Context {
        model,
        placement,
        components: &components,
        patterns: std::cell::RefCell::new(super::constraints::Patterns::compiled_ahead(model)),
        protocol: protocol.protocol,
        query_compatible: model
            .service_shape()
            .traits
            .has(super::protocol::QUERY_COMPATIBLE),
    };
    let mut plan = Plan {
        service: service_plan(model, protocol.protocol),
        structures: Vec::new(),
        enums: Vec::new(),
        unions: Vec::new(),
        operations: Vec::new(),
        primitives: PrimitiveUse::default(),
        warnings: Vec::new(),
        patterns: Vec::new(),
        endpoint: None,
        xml: protocol
            .protocol
            .filter(|p| p.xml())
            .map(|p| super::xml::plan(model, p.trait_id())),
    };
    for id in &placement.generated {
        let (Some(shape), Some((module, name))) = (model.shape(id), placement.types.get(id)) else {
            continue;
        };
        match &shape.kind {
            ShapeKind::Structure(ms) => {
                if let Some(s) =
                    plan_struct(&ctx, shape, ms, module.clone(), name.clone(), diagnostics)
                {
                    plan.structures.push(s);
                }
            }
            ShapeKind::Enum(ms) | ShapeKind::IntEnum(ms) => {
                plan.enums
                    .push(plan_enum(model, shape, ms, name.clone(), diagnostics));
            }
            ShapeKind::Union(ms) => {
                if let Some(u) = plan_union(&ctx, shape, ms, name.clone(), diagnostics) {
                    plan.unions.push(u);
                }
            }
            _ => {}
        }
    }
    for op in &model.operations {
        if let Some(o) = plan_operation(&ctx, op, &mut plan.structures, diagnostics) {
            plan.operations.push(o);
        }
    }
    disambiguate::operations(&mut plan.operations);
    document_operation_io(&mut plan);
    super::response_ids::plan(&mut plan);
    for s in &plan.structures {
        for m in &s.members {
            m.value_type.note_primitives(&mut plan.primitives);
        }
    }
    for u in &plan.unions {
        for v in &u.variants {
            if let Some(t) = &v.value_type {
                t.note_primitives(&mut plan.primitives);
            }
        }
    }
    note_wire_primitives(&mut plan);
    plan.primitives.big_numbers_as_strings = protocol
        .protocol
        .is_some_and(|p| p.big_numbers_as_strings());
    let patterns = ctx.patterns.take();
    if let Some(warning) = patterns.warning() {
        diagnostics.push(Diagnostic::warning(Location::Model, warning));
    }
    plan.patterns = patterns.list;
    if super::customizations::s3::applies(model) {
        super::customizations::s3::route_bucket_by_endpoint(&mut plan);
    }
    plan.endpoint = super::endpoint::plan(model, &plan, diagnostics);
    plan
}

/// The wire layer needs base64 for `@mediaType` strings in headers and blobs anywhere in
/// headers, and timestamps for header and label formatting.
fn note_wire_primitives(plan: &mut Plan) {
    if plan.operations.iter().all(|op| op.wire.is_none()) {
        return;
    }
    plan.primitives.wire = true;
    let header_base64 = plan.structures.iter().flat_map(|s| &s.members).any(|m| {
        matches!(m.binding, http::Binding::Header(_))
            && (m.media_type.is_some() || matches!(m.value_type, RustType::Blob))
    });
    if header_base64 {
        plan.primitives.blob = true;
    }
}

/// Inputs and outputs rarely carry docs of their own: say which operation they belong to.
fn document_operation_io(plan: &mut Plan) {
    for op in &plan.operations {
        for (ty, role) in [(&op.input, "input"), (&op.output, "output")] {
            let RustType::Named { module, name } = ty else {
                continue;
            };
            for s in plan.structures.iter_mut() {
                if &s.module == module && &s.name == name && s.docs.is_none() {
                    s.docs = Some(format!("The {role} of the `{}` operation.", op.name));
                }
            }
        }
    }
}

fn service_plan(model: &ResolvedModel, protocol: Option<Protocol>) -> ServicePlan {
    let shape = model.service_shape();
    let version = match &shape.kind {
        ShapeKind::Service(s) => s.version.clone(),
        _ => None,
    };
    let name = model.name_of(&model.service).to_owned();
    let aws = shape.traits.get("aws.api#service");
    let text = |value: Option<&serde_json::Value>, key: &str| {
        value
            .and_then(|v| v.get(key))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let sdk_id = text(aws, "sdkId").unwrap_or_else(|| name.clone());
    let endpoint_prefix =
        text(aws, "endpointPrefix").unwrap_or_else(|| sdk_id.to_lowercase().replace(' ', "-"));
    let signing_name =
        text(shape.traits.get("aws.auth#sigv4"), "name").unwrap_or_else(|| endpoint_prefix.clone());
    ServicePlan {
        id: model.service.clone(),
        name,
        sdk_id,
        endpoint_prefix,
        signing_name,
        version,
        docs: shape.traits.documentation().map(str::to_owned),
        title: shape.traits.string(ids::TITLE).map(str::to_owned),
        protocol,
    }
}

fn plan_struct(
    ctx: &Context<'_>,
    shape: &Shape,
    members: &[Member],
    module: ModulePath,
    name: RustIdent,
    diagnostics: &mut Diagnostics,
) -> Option<StructPlan> {
    let is_input = shape.traits.has(ids::INPUT);
    let mut planned = Vec::new();
    let mut ok = true;
    for member in members {
        match members::plan_member(ctx, &shape.id, is_input, member) {
            Ok(m) => planned.push(m),
            Err(message) => {
                ok = false;
                diagnostics.push(error_at(
                    ctx.model,
                    &shape.id.with_member(&member.name),
                    message,
                ));
            }
        }
    }
    disambiguate::members(&mut planned);
    check_member_names(ctx.model, &shape.id, &planned, diagnostics);
    let error = shape.traits.string(ids::ERROR).map(|fault| ErrorPlan {
        code: shape.id.name().to_owned(),
        exposed_code: shape
            .traits
            .get(super::protocol::QUERY_ERROR)
            .and_then(|v| v.get("code"))
            .and_then(|v| v.as_str())
            // awsQuery sends this code itself; a query-compatible service keeps it.
            .filter(|_| ctx.query_compatible || ctx.protocol == Some(Protocol::AwsQuery))
            .map(str::to_owned),
        fault: if fault == "server" {
            ErrorFault::Server
        } else {
            ErrorFault::Client
        },
        http_status: shape
            .traits
            .get(ids::HTTP_ERROR)
            .and_then(|v| v.as_u64())
            .and_then(|v| u16::try_from(v).ok()),
        retryable: shape.traits.has(ids::RETRYABLE),
        // HTTP 429 means throttling even where the model does not say so.
        throttling: shape
            .traits
            .get(ids::RETRYABLE)
            .and_then(|v| v.get("throttling"))
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
            || shape.traits.get(ids::HTTP_ERROR).and_then(|v| v.as_u64()) == Some(429),
    });
    if error.is_some() {
        // Services spell an error's message member either way.
        // An alias never shadows another member's own JSON name.
        let wire_names: Vec<String> = planned.iter().map(|m| m.wire_name.clone()).collect();
        for m in planned.iter_mut() {
            if m.member_name.eq_ignore_ascii_case("message") {
                m.aliases = ["message", "Message"]
                    .into_iter()
                    .filter(|a| *a != m.wire_name && !wire_names.iter().any(|w| w == a))
                    .map(str::to_owned)
                    .collect();
            }
        }
    }
    ok.then(|| StructPlan {
        id: shape.id.clone(),
        name,
        module,
        docs: shape.traits.documentation().map(str::to_owned),
        members: planned,
        sensitive: shape.traits.is_sensitive(),
        error,
        response_tests: test_cases(shape, RESPONSE_TESTS),
        response_ids: None,
    })
}

/// Two members may not share a JSON name (Smithy refuses it too); their Rust names are
/// made distinct by `disambiguate::members` instead.
fn check_member_names(
    model: &ResolvedModel,
    id: &ShapeId,
    members: &[MemberPlan],
    diagnostics: &mut Diagnostics,
) {
    let mut wire: BTreeMap<&str, &str> = BTreeMap::new();
    for m in members {
        if let Some(other) = wire.insert(&m.wire_name, &m.member_name) {
            diagnostics.push(error_at(
                model,
                id,
                format!(
                    "members `{other}` and `{}` share the JSON name `{}`",
                    m.member_name, m.wire_name
                ),
            ));
        }
    }
}

fn plan_enum(
    model: &ResolvedModel,
    shape: &Shape,
    members: &[Member],
    name: RustIdent,
    diagnostics: &mut Diagnostics,
) -> EnumPlan {
    let is_int = matches!(shape.kind, ShapeKind::IntEnum(_));
    let mut variants = Vec::new();
    for member in members {
        let value = match member.traits.get(ids::ENUM_VALUE) {
            Some(v) if is_int => match v.as_i64().filter(|i| i32::try_from(*i).is_ok()) {
                Some(i) => EnumValue::Int(i),
                None => {
                    diagnostics.push(error_at(
                        model,
                        &shape.id.with_member(&member.name),
                        "an intEnum value must be an integer that fits 32 bits",
                    ));
                    continue;
                }
            },
            Some(v) => match v.as_str() {
                Some(s) => EnumValue::String(s.to_owned()),
                None => {
                    diagnostics.push(error_at(
                        model,
                        &shape.id.with_member(&member.name),
                        "enum value must be a string",
                    ));
                    continue;
                }
            },
            None if is_int => {
                diagnostics.push(error_at(
                    model,
                    &shape.id.with_member(&member.name),
                    "intEnum member needs an enumValue",
                ));
                continue;
            }
            None => EnumValue::String(member.name.clone()),
        };
        variants.push(VariantPlan {
            name: naming::variant_name(&member.name, &[]),
            value,
            docs: member.traits.documentation().map(str::to_owned),
        });
    }
    let wanted: Vec<RustIdent> = variants.iter().map(|v| v.name.clone()).collect();
    for (v, name) in variants
        .iter_mut()
        .zip(disambiguate::variants(&wanted, &[UNKNOWN]))
    {
        v.name = name;
    }
    let mut values = BTreeSet::new();
    for v in &variants {
        let key = match &v.value {
            EnumValue::String(s) => s.clone(),
            EnumValue::Int(i) => i.to_string(),
        };
        if !values.insert(key.clone()) {
            diagnostics.push(error_at(
                model,
                &shape.id,
                format!("the enum value `{key}` is used twice"),
            ));
        }
    }
    EnumPlan {
        id: shape.id.clone(),
        name,
        docs: shape.traits.documentation().map(str::to_owned),
        sensitive: shape.traits.is_sensitive(),
        variants,
        is_int,
    }
}

fn plan_union(
    ctx: &Context<'_>,
    shape: &Shape,
    members: &[Member],
    name: RustIdent,
    diagnostics: &mut Diagnostics,
) -> Option<UnionPlan> {
    let mut variants = Vec::new();
    let mut ok = true;
    for member in members {
        let unit = member.target.namespace() == "smithy.api" && member.target.name() == "Unit";
        let value_type = if unit {
            None
        } else {
            match ctx.type_of(&member.target) {
                Ok(t) if ctx.needs_box(&shape.id, &member.target) => Some(t.boxed()),
                Ok(t) => Some(t),
                Err(message) => {
                    ok = false;
                    diagnostics.push(error_at(
                        ctx.model,
                        &shape.id.with_member(&member.name),
                        message,
                    ));
                    continue;
                }
            }
        };
        variants.push(UnionVariantPlan {
            member_name: member.name.clone(),
            name: naming::variant_name(&member.name, &[]),
            wire_name: member
                .traits
                .string(ids::JSON_NAME)
                .unwrap_or(&member.name)
                .to_owned(),
            docs: members::docs_of(ctx.model, member),
            value_type,
            sensitive: member.traits.is_sensitive() || ctx.redacts(&member.target),
            timestamp_format: ctx.timestamp_format(member),
            checks: match ctx.checks(&shape.id, member) {
                Ok(checks) => checks,
                Err(message) => {
                    ok = false;
                    diagnostics.push(error_at(
                        ctx.model,
                        &shape.id.with_member(&member.name),
                        message,
                    ));
                    Default::default()
                }
            },
            error: ctx
                .model
                .shape(&member.target)
                .is_some_and(|t| t.traits.has("smithy.api#error")),
        });
    }
    let wanted: Vec<RustIdent> = variants.iter().map(|v| v.name.clone()).collect();
    for (v, name) in variants
        .iter_mut()
        .zip(disambiguate::variants(&wanted, &[UNKNOWN]))
    {
        v.name = name;
    }
    ok.then(|| UnionPlan {
        id: shape.id.clone(),
        name,
        docs: shape.traits.documentation().map(str::to_owned),
        sensitive: shape.traits.is_sensitive(),
        variants,
        event_stream: http::is_streaming(&shape.traits),
    })
}

fn io_type(
    placement: &Placement,
    io: Option<&IoType>,
    op: &ShapeId,
    suffix: &str,
    structures: &mut Vec<StructPlan>,
) -> Option<RustType> {
    match io? {
        IoType::Shape(id) => {
            let (module, name) = placement.types.get(id)?;
            Some(RustType::Named {
                module: module.clone(),
                name: name.clone(),
            })
        }
        IoType::Synthetic { module, name } => {
            structures.push(StructPlan {
                id: op.with_member(suffix),
                name: name.clone(),
                module: module.clone(),
                docs: None,
                members: Vec::new(),
                sensitive: false,
                error: None,
                response_tests: Vec::new(),
                response_ids: None,
            });
            Some(RustType::Named {
                module: module.clone(),
                name: name.clone(),
            })
        }
    }
}

fn plan_operation(
    ctx: &Context<'_>,
    op: &ShapeId,
    structures: &mut Vec<StructPlan>,
    diagnostics: &mut Diagnostics,
) -> Option<OperationPlan> {
    let shape = ctx.model.shape(op)?;
    let ShapeKind::Operation(operation) = &shape.kind else {
        return None;
    };
    let module = ctx.placement.op_modules.get(op)?.clone();
    let input = io_type(
        ctx.placement,
        ctx.placement.op_inputs.get(op),
        op,
        "input",
        structures,
    )?;
    let output = io_type(
        ctx.placement,
        ctx.placement.op_outputs.get(op),
        op,
        "output",
        structures,
    )?;
    let service_errors = match &ctx.model.service_shape().kind {
        ShapeKind::Service(s) => s.errors.clone(),
        _ => Vec::new(),
    };
    let mut errors: Vec<OperationErrorPlan> = Vec::new();
    for error in operation.errors.iter().chain(&service_errors) {
        if errors.iter().any(|e| &e.shape == error) {
            continue;
        }
        let Some((module, name)) = ctx.placement.types.get(error) else {
            continue;
        };
        errors.push(OperationErrorPlan {
            shape: error.clone(),
            variant: name.clone(),
            error_type: RustType::Named {
                module: module.clone(),
                name: name.clone(),
            },
        });
    }
    // The generated fallbacks keep their names; modeled errors are named around them.
    let wanted: Vec<RustIdent> = errors.iter().map(|e| e.variant.clone()).collect();
    for (e, name) in errors.iter_mut().zip(disambiguate::variants(
        &wanted,
        &[UNHANDLED, INVALID_RESPONSE],
    )) {
        e.variant = name;
    }
    let op_type = naming::type_name(ctx.model.name_of(op));
    let http = shape.traits.get(ids::HTTP).and_then(|v| {
        Some(HttpBinding {
            method: v.get("method")?.as_str()?.to_owned(),
            uri: v.get("uri")?.as_str()?.to_owned(),
            code: v
                .get("code")
                .and_then(|c| c.as_u64())
                .and_then(|c| u16::try_from(c).ok())
                .unwrap_or(200),
        })
    });
    if shape.traits.has(ids::HTTP) && http.is_none() {
        diagnostics.push(error_at(
            ctx.model,
            op,
            "the `http` trait needs a string `method` and `uri`",
        ));
    }
    Some(OperationPlan {
        id: op.clone(),
        name: ctx.model.name_of(op).to_owned(),
        cli_name: ctx.model.name_of(op).to_kebab_case(),
        module,
        docs: shape.traits.documentation().map(str::to_owned),
        input,
        output,
        error_enum: RustIdent {
            name: format!("{}Error", op_type.name),
            raw: false,
        },
        wire: plan_wire(ctx, op, shape, operation, http.as_ref(), diagnostics),
        request_tests: test_cases(shape, REQUEST_TESTS),
        response_tests: test_cases(shape, RESPONSE_TESTS),
        event_stream_tests: test_cases(shape, EVENT_STREAM_TESTS),
        errors,
        http,
        auth: operation_auth(ctx.model.service_shape(), shape),
        paginated: paginated(ctx.model.service_shape(), shape),
    })
}

/// The operation's `@paginated` values over the service's (smithy.io, "paginated trait":
/// the service's `inputToken`, `outputToken` and `pageSize` are defaults).
fn paginated(
    service: &crate::model::Shape,
    operation: &crate::model::Shape,
) -> Option<super::Paginated> {
    const PAGINATED: &str = "smithy.api#paginated";
    let own = operation.traits.get(PAGINATED)?;
    let defaults = service.traits.get(PAGINATED);
    let value = |key: &str, inherit: bool| {
        own.get(key)
            .or_else(|| defaults.filter(|_| inherit).and_then(|d| d.get(key)))
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    Some(super::Paginated {
        input_token: value("inputToken", true),
        output_token: value("outputToken", true),
        items: value("items", false),
        page_size: value("pageSize", true),
    })
}

/// The operation's auth schemes are its `@auth` list, else the service's, else every scheme
/// the service applies; we sign only with SigV4.
fn operation_auth(
    service: &crate::model::Shape,
    operation: &crate::model::Shape,
) -> super::OperationAuth {
    const SIGV4: &str = "aws.auth#sigv4";
    let listed = |shape: &crate::model::Shape| {
        shape.traits.get("smithy.api#auth").map(|list| {
            list.as_array()
                .is_some_and(|l| l.iter().any(|s| s.as_str() == Some(SIGV4)))
        })
    };
    let sigv4 = listed(operation)
        .or_else(|| listed(service))
        .unwrap_or_else(|| service.traits.has(SIGV4));
    if !sigv4 {
        super::OperationAuth::None
    } else if operation.traits.has("smithy.api#optionalAuth") {
        super::OperationAuth::Optional
    } else {
        super::OperationAuth::Required
    }
}

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const EVENT_STREAM_TESTS: &str = "smithy.test#eventStreamTests";

/// The protocol test cases a shape carries (an array trait), as written.
fn test_cases(shape: &Shape, trait_id: &str) -> Vec<TestCase> {
    let Some(cases) = shape.traits.get(trait_id).and_then(|v| v.as_array()) else {
        return Vec::new();
    };
    let texts = ShapeId::parse(trait_id)
        .ok()
        .and_then(|id| shape.traits.number_texts(&id));
    cases
        .iter()
        .enumerate()
        .map(|(index, case)| {
            // The case's own numbers, with pointers relative to the case.
            let prefix = format!("/{index}/");
            let numbers = texts
                .into_iter()
                .flatten()
                .filter_map(|(pointer, text)| {
                    let within = pointer.strip_prefix(prefix.as_str())?;
                    Some((format!("/{within}"), text.clone()))
                })
                .collect();
            TestCase {
                value: case.clone(),
                numbers,
            }
        })
        .collect()
}

/// Members of an operation's input or output structure (none for `Unit`).
fn io_members<'a>(ctx: &'a Context<'_>, id: Option<&ShapeId>) -> &'a [Member] {
    match id.and_then(|id| ctx.model.shape(id)).map(|s| &s.kind) {
        Some(ShapeKind::Structure(members)) => members,
        _ => &[],
    }
}

/// The members of these structures that are event streams (target a `@streaming` union).
fn event_streams<'a>(ctx: &Context<'_>, members: &'a [Member]) -> Vec<&'a Member> {
    members
        .iter()
        .filter(|m| {
            ctx.model.shape(&m.target).is_some_and(|t| {
                matches!(t.kind, ShapeKind::Union(_)) && http::is_streaming(&t.traits)
            })
        })
        .collect()
}

/// The restJson1 mapping of an operation, checked against its input's members.
fn plan_wire(
    ctx: &Context<'_>,
    op: &ShapeId,
    shape: &Shape,
    operation: &crate::model::Operation,
    binding: Option<&HttpBinding>,
    diagnostics: &mut Diagnostics,
) -> Option<WirePlan> {
    let protocol = ctx.protocol?;
    let warn = |diagnostics: &mut Diagnostics, message: &str| {
        diagnostics.push(Diagnostic::warning(
            Location::Shape {
                id: op.clone(),
                file: ctx.model.sources.get(op).cloned(),
            },
            message,
        ));
    };
    let input = io_members(ctx, operation.input.as_ref());
    let output = io_members(ctx, operation.output.as_ref());
    let compression = super::compression::of(ctx.model, shape, input).unwrap_or_else(|reason| {
        warn(diagnostics, &reason);
        None
    });
    let (checksums, checksum_warnings) =
        super::checksums::of(ctx.model, shape, input, protocol.http_bindings());
    for warning in &checksum_warnings {
        warn(diagnostics, warning);
    }
    let streams: Vec<&Member> = event_streams(ctx, input)
        .into_iter()
        .chain(event_streams(ctx, output))
        .collect();
    if !streams.is_empty() && !protocol.event_streams() {
        warn(
            diagnostics,
            &format!(
                "event streams over `{}` are not supported yet: the operation's types are generated, its wire layer is not",
                protocol.trait_id()
            ),
        );
        return None;
    }
    // With HTTP bindings the stream is the body (`@httpPayload`), as Smithy requires.
    let bound = protocol.http_bindings();
    if let Some(unbound) = streams
        .iter()
        .find(|m| bound && http::Binding::of(m) != http::Binding::Payload)
    {
        warn(
            diagnostics,
            &format!(
                "the event stream member `{}` is not `@httpPayload`: the operation's types are generated, its wire layer is not",
                unbound.name
            ),
        );
        return None;
    }
    let service = ctx.model.name_of(&ctx.model.service);
    if let Some(rpc) = protocol.rpc(service, op.name(), ctx.query_compatible) {
        // `POST` to a path the protocol gives; the HTTP binding traits mean nothing.
        let host_prefix = host_prefix(ctx, op, shape, input, diagnostics)?;
        let uri = match http::parse_uri(&rpc.path) {
            Ok(uri) => uri,
            Err(message) => {
                diagnostics.push(error_at(ctx.model, op, message));
                return None;
            }
        };
        return Some(WirePlan {
            method: "POST".to_owned(),
            uri,
            code: 200,
            host_prefix,
            fixed_headers: rpc.headers,
            empty_object: rpc.unit_body || operation.input.is_some(),
            compression,
            checksums,
            custom: Default::default(),
        })
        .map(|wire| customized(ctx, op, input, wire));
    }
    let Some(binding) = binding else {
        warn(
            diagnostics,
            "no `http` trait: the operation's types are generated, its wire layer is not",
        );
        return None;
    };
    let uri = match http::parse_uri(&binding.uri) {
        Ok(uri) => uri,
        Err(message) => {
            diagnostics.push(error_at(ctx.model, op, message));
            return None;
        }
    };
    let mut ok = true;
    let labels: Vec<&str> = uri
        .path
        .iter()
        .filter_map(|s| match s {
            http::Segment::Label { name, .. } => Some(name.as_str()),
            http::Segment::Literal(_) => None,
        })
        .collect();
    for label in &labels {
        let bound = input
            .iter()
            .any(|m| matches!(http::Binding::of(m), http::Binding::Label(name) if name == *label));
        if !bound {
            ok = false;
            diagnostics.push(error_at(
                ctx.model,
                op,
                format!("the URI label `{{{label}}}` has no input member with `@httpLabel` of that name"),
            ));
        }
    }
    for member in input {
        if matches!(http::Binding::of(member), http::Binding::Label(name) if !labels.contains(&name.as_str()))
        {
            ok = false;
            let id = operation.input.clone().unwrap_or_else(|| op.clone());
            diagnostics.push(error_at(
                ctx.model,
                &id.with_member(&member.name),
                format!(
                    "`@httpLabel` member is not in the URI pattern `{}`",
                    binding.uri
                ),
            ));
        }
    }
    // The binding rules of each structure of the operation; an error shared by several
    // operations is reported once.
    let request = operation
        .input
        .iter()
        .map(|s| (s, bindings::Message::Request));
    let responses = operation.output.iter().chain(operation.errors.iter());
    let structures = request.chain(responses.map(|s| (s, bindings::Message::Response)));
    for (owner, side) in structures {
        for (id, message) in bindings::check_structure(ctx.model, owner, side) {
            ok = false;
            let diagnostic = error_at(ctx.model, &id, message);
            if !diagnostics.0.contains(&diagnostic) {
                diagnostics.push(diagnostic);
            }
        }
    }
    for member in input {
        let http::Binding::Label(label) = http::Binding::of(member) else {
            continue;
        };
        let greedy = uri
            .path
            .iter()
            .any(|s| matches!(s, http::Segment::Label { name, greedy: true } if *name == label));
        let is_string = ctx.model.shape(&member.target).is_some_and(|t| {
            matches!(
                t.kind,
                ShapeKind::Simple(crate::model::SimpleType::String) | ShapeKind::Enum(_)
            )
        });
        if greedy && !is_string {
            ok = false;
            let id = operation.input.clone().unwrap_or_else(|| op.clone());
            diagnostics.push(error_at(
                ctx.model,
                &id.with_member(&member.name),
                format!("the greedy label `{{{label}+}}` must target a string"),
            ));
        }
    }
    let host_prefix = host_prefix(ctx, op, shape, input, diagnostics)?;
    ok.then(|| WirePlan {
        method: binding.method.clone(),
        uri,
        code: binding.code,
        host_prefix,
        fixed_headers: Vec::new(),
        empty_object: false,
        compression,
        checksums,
        custom: Default::default(),
    })
    .map(|wire| customized(ctx, op, input, wire))
}

/// The wire plan with the service's SDK customization applied.
fn customized(ctx: &Context<'_>, op: &ShapeId, input: &[Member], mut wire: WirePlan) -> WirePlan {
    let operation = super::customizations::Operation {
        name: op.name(),
        input,
    };
    super::customizations::apply(ctx.model, &operation, &mut wire);
    wire
}

/// The operation's `@endpoint` host prefix, checked against its input's `@hostLabel` members;
/// `None` after reporting an error.
fn host_prefix(
    ctx: &Context<'_>,
    op: &ShapeId,
    shape: &Shape,
    input: &[Member],
    diagnostics: &mut Diagnostics,
) -> Option<Vec<http::Segment>> {
    let mut ok = true;
    let host_prefix = match shape
        .traits
        .get(http::ENDPOINT)
        .and_then(|e| e.get("hostPrefix"))
        .and_then(|p| p.as_str())
    {
        Some(prefix) => match http::parse_host_prefix(prefix) {
            Ok(segments) => segments,
            Err(message) => {
                diagnostics.push(error_at(ctx.model, op, message));
                return None;
            }
        },
        None => Vec::new(),
    };
    for segment in &host_prefix {
        if let http::Segment::Label { name, .. } = segment {
            if !input
                .iter()
                .any(|m| &m.name == name && http::is_host_label(m))
            {
                ok = false;
                diagnostics.push(error_at(
                    ctx.model,
                    op,
                    format!(
                        "the host prefix label `{{{name}}}` has no input member with `@hostLabel`"
                    ),
                ));
            }
        }
    }
    ok.then_some(host_prefix)
}

#[cfg(test)]
mod auth_tests {
    use std::path::Path;

    use serde_json::{json, Value};

    use crate::plan::{OperationAuth, Plan};

    fn planned(service_traits: Value, ops: &[(&str, Value)]) -> Plan {
        let mut shapes = serde_json::Map::new();
        let targets: Vec<Value> = ops
            .iter()
            .map(|(name, _)| json!({"target": format!("ex#{name}")}))
            .collect();
        shapes.insert(
            "ex#Svc".into(),
            json!({"type": "service", "operations": targets, "traits": service_traits}),
        );
        for (name, traits) in ops {
            shapes.insert(
                format!("ex#{name}"),
                json!({"type": "operation", "traits": traits}),
            );
        }
        let model = json!({"smithy": "2.0", "shapes": shapes});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
    }

    fn auth_of(plan: &Plan, name: &str) -> OperationAuth {
        plan.operations
            .iter()
            .find(|op| op.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .auth
    }

    #[test]
    fn operations_are_signed_as_their_auth_traits_say() {
        let plan = planned(
            json!({"aws.auth#sigv4": {"name": "svc"}}),
            &[
                ("Signed", json!({})),
                ("Anonymous", json!({"smithy.api#auth": []})),
                ("Optional", json!({"smithy.api#optionalAuth": {}})),
                ("Listed", json!({"smithy.api#auth": ["aws.auth#sigv4"]})),
            ],
        );
        assert_eq!(auth_of(&plan, "Signed"), OperationAuth::Required);
        assert_eq!(auth_of(&plan, "Anonymous"), OperationAuth::None);
        assert_eq!(auth_of(&plan, "Optional"), OperationAuth::Optional);
        assert_eq!(auth_of(&plan, "Listed"), OperationAuth::Required);
    }

    #[test]
    fn the_services_auth_list_applies_to_operations_without_one() {
        let plan = planned(
            json!({"aws.auth#sigv4": {"name": "svc"}, "smithy.api#auth": []}),
            &[
                ("Plain", json!({})),
                ("Listed", json!({"smithy.api#auth": ["aws.auth#sigv4"]})),
            ],
        );
        assert_eq!(auth_of(&plan, "Plain"), OperationAuth::None);
        assert_eq!(auth_of(&plan, "Listed"), OperationAuth::Required);
        // A service with no SigV4 scheme signs nothing.
        let plan = planned(json!({}), &[("Plain", json!({}))]);
        assert_eq!(auth_of(&plan, "Plain"), OperationAuth::None);
    }
}

#[cfg(test)]
mod protocol_tests {
    use std::path::Path;

    use serde_json::json;

    use crate::plan::http::Binding;
    use crate::plan::protocol::Protocol;
    use crate::plan::{Plan, TimestampFormat};

    /// A service with `protocol` and one operation whose input has a header, a label and a
    /// renamed member: what restJson1 binds and the awsJson protocols ignore.
    fn planned(protocol: &str) -> (Plan, Vec<String>) {
        planned_with(protocol, json!({}))
    }

    /// [`planned`] with `extra` shapes in the model.
    fn planned_with(protocol: &str, extra: serde_json::Value) -> (Plan, Vec<String>) {
        let mut model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#PutThing"}],
                "traits": {protocol: {}}},
            "ex#PutThing": {"type": "operation", "input": {"target": "ex#PutThingInput"},
                "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things/{id}"}}},
            "ex#PutThingInput": {"type": "structure", "members": {
                "id": {"target": "smithy.api#String",
                    "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                "tag": {"target": "smithy.api#String",
                    "traits": {"smithy.api#httpHeader": "X-Tag"}},
                "size": {"target": "smithy.api#Integer",
                    "traits": {"smithy.api#jsonName": "Size"}}}}
        }});
        if let (Some(shapes), Some(extra)) = (model["shapes"].as_object_mut(), extra.as_object()) {
            shapes.extend(extra.clone());
        }
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        let warnings = plan.warnings.iter().map(|w| w.to_string()).collect();
        (plan, warnings)
    }

    fn input_members(plan: &Plan) -> Vec<(String, String, Binding)> {
        let input = plan
            .structures
            .iter()
            .find(|s| s.name.name == "PutThingInput")
            .expect("the input");
        input
            .members
            .iter()
            .map(|m| {
                (
                    m.member_name.clone(),
                    m.wire_name.clone(),
                    m.binding.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn aws_json_sends_every_member_in_the_body_to_post_slash_with_a_target() {
        for (trait_id, protocol) in [
            ("aws.protocols#awsJson1_0", Protocol::AwsJson1_0),
            ("aws.protocols#awsJson1_1", Protocol::AwsJson1_1),
        ] {
            let (plan, _) = planned(trait_id);
            assert_eq!(plan.service.protocol, Some(protocol));
            let wire = plan.operations[0].wire.as_ref().expect("a wire layer");
            assert_eq!(wire.method, "POST");
            assert_eq!(wire.code, 200);
            assert_eq!(
                wire.fixed_headers,
                [("x-amz-target".to_owned(), "Svc.PutThing".to_owned())]
            );
            assert!(wire.empty_object);
            // `@httpLabel`, `@httpHeader` and `@jsonName` mean nothing here.
            for (name, wire_name, binding) in input_members(&plan) {
                assert_eq!(wire_name, name);
                assert_eq!(binding, Binding::Body, "{name}");
            }
        }
    }

    #[test]
    fn rest_json_keeps_its_bindings_and_json_names() {
        let (plan, _) = planned("aws.protocols#restJson1");
        assert_eq!(plan.service.protocol, Some(Protocol::RestJson1));
        let wire = plan.operations[0].wire.as_ref().expect("a wire layer");
        assert_eq!(wire.method, "PUT");
        assert!(wire.fixed_headers.is_empty());
        let members = input_members(&plan);
        assert_eq!(members[0].2, Binding::Label("id".to_owned()));
        assert_eq!(members[1].2, Binding::Header("X-Tag".to_owned()));
        assert_eq!(members[2].1, "Size");
        assert!(plan.xml.is_none(), "no XML bindings for a JSON protocol");
    }

    #[test]
    fn rest_xml_binds_as_rest_json1_and_plans_xml_bindings() {
        let (plan, warnings) = planned("aws.protocols#restXml");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(plan.service.protocol, Some(Protocol::RestXml));
        let wire = plan.operations[0].wire.as_ref().expect("a wire layer");
        assert_eq!((wire.method.as_str(), wire.fixed_headers.len()), ("PUT", 0));
        let members = input_members(&plan);
        assert_eq!(members[0].2, Binding::Label("id".to_owned()));
        assert_eq!(members[1].2, Binding::Header("X-Tag".to_owned()));
        // `@jsonName` means nothing to restXml.
        assert_eq!(members[2].1, "size");
        let xml = plan.xml.as_ref().expect("XML bindings");
        let input = &xml.shapes[&crate::model::ShapeId::new("ex", "PutThingInput")];
        assert_eq!(input.name, "PutThingInput");
        assert!(!xml.no_error_wrapping);
    }

    #[test]
    fn rpc_v2_json_routes_by_path_and_ignores_timestamp_formats() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service",
                "operations": [{"target": "ex#Stamp"}, {"target": "ex#Ping"}],
                "traits": {"smithy.protocols#rpcv2Json": {}}},
            "ex#Stamp": {"type": "operation", "input": {"target": "ex#StampInput"}},
            "ex#Ping": {"type": "operation"},
            "ex#StampInput": {"type": "structure", "members": {
                "at": {"target": "smithy.api#Timestamp",
                    "traits": {"smithy.api#timestampFormat": "date-time"}},
                "n": {"target": "smithy.api#BigInteger"}}}
        }});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        assert_eq!(plan.service.protocol, Some(Protocol::RpcV2Json));
        assert!(plan.primitives.big_numbers_as_strings);
        let wire_of = |name: &str| {
            let op = plan.operations.iter().find(|o| o.name == name).unwrap();
            op.wire.clone().expect("a wire layer")
        };
        let stamp = wire_of("Stamp");
        assert_eq!(stamp.method, "POST");
        assert!(
            stamp.empty_object,
            "a modeled input is sent, `{{}}` when empty"
        );
        assert_eq!(
            stamp.fixed_headers[0],
            ("smithy-protocol".to_owned(), "rpc-v2-json".to_owned())
        );
        assert!(!wire_of("Ping").empty_object, "no input, no body");
        let input = plan
            .structures
            .iter()
            .find(|s| s.name.name == "StampInput")
            .unwrap();
        assert_eq!(input.members[0].timestamp_format, None);
    }

    #[test]
    fn the_timestamp_format_of_items_is_the_innermost_members_at_any_depth() {
        let model = json!({"smithy": "2.0", "shapes": {
            "ex#Svc": {"type": "service", "operations": [{"target": "ex#Put"}],
                "traits": {"aws.protocols#restJson1": {}}},
            "ex#Put": {"type": "operation", "input": {"target": "ex#PutInput"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
            "ex#Stamp": {"type": "timestamp"},
            "ex#HttpStamp": {"type": "timestamp",
                "traits": {"smithy.api#timestampFormat": "http-date"}},
            "ex#Dates": {"type": "list", "member": {"target": "ex#Stamp",
                "traits": {"smithy.api#timestampFormat": "date-time"}}},
            "ex#Grid": {"type": "list", "member": {"target": "ex#Dates"}},
            "ex#ByName": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "ex#Grid"}},
            "ex#HttpDates": {"type": "map", "key": {"target": "smithy.api#String"},
                "value": {"target": "ex#HttpStamp"}},
            "ex#Plain": {"type": "list", "member": {"target": "ex#Stamp"}},
            "ex#PutInput": {"type": "structure", "members": {
                "grid": {"target": "ex#Grid"},
                "byName": {"target": "ex#ByName"},
                "httpDates": {"target": "ex#HttpDates"},
                "plain": {"target": "ex#Plain"}}}
        }});
        let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
            .unwrap_or_else(|diags| panic!("{diags}"));
        let resolved =
            crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
        let plan = crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"));
        let input = plan
            .structures
            .iter()
            .find(|s| s.name.name == "PutInput")
            .unwrap();
        let formats: Vec<_> = input.members.iter().map(|m| m.timestamp_format).collect();
        assert_eq!(
            formats,
            [
                Some(TimestampFormat::DateTime),
                Some(TimestampFormat::DateTime),
                Some(TimestampFormat::HttpDate),
                None
            ]
        );
    }

    #[test]
    fn an_unsupported_protocol_is_a_warning_and_no_wire_layer() {
        // A protocol of the model's own: a trait shape marked `@protocolDefinition`.
        let protocol = json!({"ex#soap": {"type": "structure", "members": {},
            "traits": {"smithy.api#trait": {"selector": "service"},
                "smithy.api#protocolDefinition": {}}}});
        let (plan, warnings) = planned_with("ex#soap", protocol);
        assert_eq!(plan.service.protocol, None);
        assert!(plan.operations[0].wire.is_none());
        assert!(
            warnings.iter().any(|w| w
                .contains("the protocol `ex#soap` is not supported yet: the types are generated")),
            "{warnings:?}"
        );
        // The AWS protocols' own traits carry `@protocolDefinition` as well: never named.
        let (_, warnings) = planned("aws.protocols#restJson1");
        assert!(
            !warnings.iter().any(|w| w.contains("not supported")),
            "{warnings:?}"
        );
    }

    /// The service with a second operation, `Watch`, whose output is an event stream.
    fn planned_with_stream(protocol: &str) -> (Plan, Vec<String>) {
        planned_with(
            protocol,
            json!({
                "ex#Svc": {"type": "service", "version": "1",
                    "operations": [{"target": "ex#PutThing"}, {"target": "ex#Watch"}],
                    "traits": {protocol: {}}},
                "ex#Watch": {"type": "operation", "output": {"target": "ex#WatchOutput"},
                    "traits": {"smithy.api#http": {"method": "GET", "uri": "/watch"}}},
                "ex#WatchOutput": {"type": "structure", "members": {
                    "id": {"target": "smithy.api#String",
                        "traits": {"smithy.api#httpHeader": "x-id", "smithy.api#required": {}}},
                    "events": {"target": "ex#Events", "traits": {"smithy.api#httpPayload": {}}}}},
                "ex#Events": {"type": "union", "traits": {"smithy.api#streaming": {}},
                    "members": {"tick": {"target": "ex#Tick"}}},
                "ex#Tick": {"type": "structure", "members": {
                    "at": {"target": "smithy.api#Integer"}}}
            }),
        )
    }

    #[test]
    fn rest_xml_event_streams_get_a_wire_layer_and_the_query_protocols_warn() {
        let (plan, warnings) = planned_with_stream("aws.protocols#restXml");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(plan.operations.iter().all(|op| op.wire.is_some()));
        // The event is both written and read, whichever way its stream flows.
        let xml = plan.xml.as_ref().expect("XML bindings");
        let tick = crate::model::ShapeId::new("ex", "Tick");
        assert!(xml.written.contains(&tick) && xml.read.contains(&tick));
        let events = crate::model::ShapeId::new("ex", "Events");
        assert!(!xml.written.contains(&events) && !xml.read.contains(&events));

        let (plan, warnings) = planned_with_stream("aws.protocols#awsQuery");
        let watch = plan
            .operations
            .iter()
            .find(|op| op.name == "Watch")
            .unwrap();
        assert!(watch.wire.is_none());
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("event streams over `aws.protocols#awsQuery`")),
            "{warnings:?}"
        );
    }

    /// A `@streaming` blob bound to an output's payload is a `ByteStream` (and the crate carries
    /// the runtime's file); the same structure used as an input, or the blob outside the
    /// payload, stays a `Blob`.
    #[test]
    fn streaming_blob_output_payloads_are_byte_streams() {
        use crate::plan::RustType;
        let (plan, _) = planned_with(
            "aws.protocols#restJson1",
            json!({
                "ex#Svc": {"type": "service", "version": "1",
                    "operations": [{"target": "ex#Get"}, {"target": "ex#Echo"}],
                    "traits": {"aws.protocols#restJson1": {}}},
                "ex#Get": {"type": "operation", "output": {"target": "ex#GetOutput"},
                    "traits": {"smithy.api#http": {"method": "GET", "uri": "/get"}}},
                "ex#GetOutput": {"type": "structure", "members": {
                    "body": {"target": "ex#Body",
                        "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}}},
                "ex#Echo": {"type": "operation", "input": {"target": "ex#EchoBoth"},
                    "output": {"target": "ex#EchoBoth"},
                    "traits": {"smithy.api#http": {"method": "POST", "uri": "/echo"}}},
                "ex#EchoBoth": {"type": "structure", "members": {
                    "body": {"target": "ex#Body",
                        "traits": {"smithy.api#httpPayload": {}, "smithy.api#required": {}}}}},
                "ex#Body": {"type": "blob", "traits": {"smithy.api#streaming": {}}}
            }),
        );
        let body_of = |name: &str| {
            let s = plan
                .structures
                .iter()
                .find(|s| s.name.name == name)
                .unwrap();
            s.members[0].value_type.clone()
        };
        assert_eq!(body_of("GetOutput"), RustType::ByteStream);
        assert_eq!(body_of("EchoBoth"), RustType::Blob);
        assert!(plan.primitives.byte_stream && plan.primitives.blob);

        let (plan, _) = planned_with_stream("aws.protocols#restJson1");
        assert!(!plan.primitives.byte_stream);
    }
}
