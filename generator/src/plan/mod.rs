//! Stage 3: decide every Rust name and type before any code is emitted.
//!
//! The plan says where each generated type lives, what each field is called and typed,
//! which members are optional, boxed or redacted, and how errors and operations fit
//! together. Emission reads only the plan.

pub mod bindings;
pub mod checksums;
pub mod compression;
pub mod constraints;
pub mod customizations;
mod defaults;
pub mod disambiguate;
pub mod endpoint;
pub mod http;
mod members;
pub mod naming;
pub mod pattern;
mod placement;
pub mod protocol;
pub mod recursion;
pub mod response_ids;
pub mod rust_type;
mod shapes;
pub mod xml;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::ShapeId;
use crate::resolve::ResolvedModel;

pub use defaults::{split_seconds, DefaultValue};
pub use naming::RustIdent;
pub use rust_type::{ModulePath, PrimitiveUse, RustType};

/// Everything the emitter needs, for one service.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub service: ServicePlan,
    pub structures: Vec<StructPlan>,
    pub enums: Vec<EnumPlan>,
    pub unions: Vec<UnionPlan>,
    pub operations: Vec<OperationPlan>,
    pub primitives: PrimitiveUse,
    pub warnings: Vec<Diagnostic>,
    /// Every distinct `@pattern`, compiled to an automaton where possible.
    pub patterns: Vec<pattern::PatternPlan>,
    /// The endpoint resolver, for a service with `smithy.rules#endpointRuleSet`.
    pub endpoint: Option<endpoint::EndpointPlan>,
    /// The XML bindings, for a service whose wire layer speaks restXml.
    pub xml: Option<xml::XmlPlan>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServicePlan {
    pub id: ShapeId,
    pub name: String,
    pub version: Option<String>,
    pub docs: Option<String>,
    pub title: Option<String>,
    /// `aws.api#service` `sdkId`, else the service name.
    pub sdk_id: String,
    /// `aws.api#service` `endpointPrefix`, else the lowercased sdk ID.
    pub endpoint_prefix: String,
    /// `aws.auth#sigv4` `name`, else the endpoint prefix.
    pub signing_name: String,
    /// The protocol of the wire layer; `None` when the service has no supported one.
    pub protocol: Option<protocol::Protocol>,
}

impl ServicePlan {
    /// The command line's name for the service, as the AWS CLI forms it from the sdk ID:
    /// lowercased, spaces to hyphens (`SocialMessaging` gives `socialmessaging`).
    pub fn cli_name(&self) -> String {
        self.sdk_id.to_lowercase().replace(' ', "-")
    }
}

/// A generated struct: a structure shape, an operation's input or output, or an error.
#[derive(Clone, Debug, PartialEq)]
pub struct StructPlan {
    pub id: ShapeId,
    pub name: RustIdent,
    pub module: ModulePath,
    pub docs: Option<String>,
    pub members: Vec<MemberPlan>,
    /// The whole structure is `@sensitive`: Debug shows nothing of it.
    pub sensitive: bool,
    pub error: Option<ErrorPlan>,
    /// `smithy.test#httpResponseTests` cases of an error structure, as written in the model.
    pub response_tests: Vec<TestCase>,
    /// The private field that holds the response's request IDs, for an operation's output
    /// and an error structure (see `response_ids`); no member's field has its name.
    pub response_ids: Option<RustIdent>,
}

impl StructPlan {
    /// `build()` can fail: some member is required and not optional in the struct.
    pub fn builder_is_fallible(&self) -> bool {
        self.members.iter().any(MemberPlan::must_be_set)
    }
}

/// One field of a generated struct.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberPlan {
    /// The member name in the model.
    pub member_name: String,
    pub field: RustIdent,
    /// Builder setter names: `field(value)` and `set_field(Option<value>)`.
    pub setter: RustIdent,
    pub option_setter: RustIdent,
    /// The name on the wire (`jsonName`, else the member name).
    pub wire_name: String,
    /// The command-line option (`--cli-flag`) of an input member: the member name in kebab
    /// case, told apart from the other members' and from the global options.
    pub cli_flag: String,
    pub docs: Option<String>,
    pub target: ShapeId,
    /// The type of the value, boxed when recursive, without the optional wrapper.
    pub value_type: RustType,
    /// The field is `Option<value_type>`.
    pub optional: bool,
    pub required: bool,
    pub default: Option<DefaultValue>,
    /// Debug shows a redaction marker instead of the value.
    pub sensitive: bool,
    pub timestamp_format: Option<TimestampFormat>,
    /// Where the member goes when its structure is an operation's input, output or error.
    pub binding: http::Binding,
    /// Filled with a fresh token when unset (`@idempotencyToken`).
    pub idempotency_token: bool,
    /// Part of the host name (`@hostLabel`).
    pub host_label: bool,
    /// The target's `@mediaType`, for payloads and headers.
    pub media_type: Option<String>,
    /// Other JSON names accepted when reading (an error's `message` / `Message`).
    pub aliases: Vec<String>,
    /// Constraint checks of the value (`validate()`).
    pub checks: constraints::Checks,
    /// Where the member goes in an event message, when its structure is an event.
    pub event: EventBinding,
}

/// Where a member of an event structure travels in its message (Smithy's event streams).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventBinding {
    /// In the payload's document, with the other such members.
    Body,
    /// `@eventHeader`: a typed message header named as the member.
    Header,
    /// `@eventPayload`: the whole payload.
    Payload,
}

impl MemberPlan {
    pub fn field_type(&self) -> RustType {
        if self.optional {
            self.value_type.clone().option()
        } else {
            self.value_type.clone()
        }
    }

    /// An unset value is filled with a fresh idempotency token when the request is built.
    pub fn fills_idempotency_token(&self) -> bool {
        self.idempotency_token && self.optional && self.value_type == RustType::String
    }

    /// The builder must be given this member: it is required, not optional, and has no default.
    pub fn must_be_set(&self) -> bool {
        !self.optional && self.default.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    Client,
    Server,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ErrorPlan {
    /// The error code on the wire: the shape name (awsQuery: `exposed_code` when set).
    pub code: String,
    /// The code users see, when not the shape name: an awsQuery or `@awsQueryCompatible`
    /// service's error keeps its awsQuery code (`@awsQueryError(code: ..)`), as the SDKs
    /// expose it.
    pub exposed_code: Option<String>,
    pub fault: ErrorFault,
    pub http_status: Option<u16>,
    pub retryable: bool,
    pub throttling: bool,
}

/// A string or integer enum, open: unknown values are kept.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumPlan {
    pub id: ShapeId,
    pub name: RustIdent,
    pub docs: Option<String>,
    pub sensitive: bool,
    pub variants: Vec<VariantPlan>,
    pub is_int: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariantPlan {
    pub name: RustIdent,
    pub value: EnumValue,
    pub docs: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

/// A tagged union: exactly one member is set; unknown members are kept as `Unknown`.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionPlan {
    pub id: ShapeId,
    pub name: RustIdent,
    pub docs: Option<String>,
    pub sensitive: bool,
    pub variants: Vec<UnionVariantPlan>,
    /// `@streaming`: an event stream, whose members are the events (and modeled errors).
    pub event_stream: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariantPlan {
    pub member_name: String,
    pub name: RustIdent,
    pub wire_name: String,
    pub docs: Option<String>,
    /// `None` for members that target `smithy.api#Unit`.
    pub value_type: Option<RustType>,
    pub sensitive: bool,
    pub timestamp_format: Option<TimestampFormat>,
    pub checks: constraints::Checks,
    /// The member targets an `@error` structure: in an event stream, a modeled error.
    pub error: bool,
}

/// An operation: its module, input, output and error enum.
#[derive(Clone, Debug, PartialEq)]
pub struct OperationPlan {
    pub id: ShapeId,
    pub name: String,
    pub module: RustIdent,
    /// The command line's subcommand: the name in kebab case, distinct among operations.
    pub cli_name: String,
    pub docs: Option<String>,
    pub input: RustType,
    pub output: RustType,
    pub error_enum: RustIdent,
    pub errors: Vec<OperationErrorPlan>,
    pub http: Option<HttpBinding>,
    /// The restJson1 request/response mapping; `None` when the wire layer is not generated
    /// for this operation (a warning says why).
    pub wire: Option<WirePlan>,
    /// `smithy.test#httpRequestTests` and `httpResponseTests` cases, as written in the model.
    pub request_tests: Vec<TestCase>,
    pub response_tests: Vec<TestCase>,
    /// `smithy.test#eventStreamTests` cases, as written in the model.
    pub event_stream_tests: Vec<TestCase>,
    /// Whether the client signs the operation's requests (SigV4).
    pub auth: OperationAuth,
    /// `@paginated`, with the service's values for what the operation leaves out.
    pub paginated: Option<Paginated>,
}

/// The member names (and dotted paths, for outputs) of an operation's `@paginated` trait.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

/// SigV4 signing of an operation, from `@auth`, `@optionalAuth` and the service's schemes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationAuth {
    /// Always signed.
    Required,
    /// `@optionalAuth`: signed when credentials are available.
    Optional,
    /// `@auth([])`, or no SigV4 among the operation's schemes: never signed.
    None,
}

/// How an operation's input becomes an HTTP request.
#[derive(Clone, Debug, PartialEq)]
pub struct WirePlan {
    pub method: String,
    pub uri: http::UriPattern,
    /// The success status code.
    pub code: u16,
    pub host_prefix: Vec<http::Segment>,
    /// The headers an RPC protocol puts on every request of the operation (awsJson's
    /// `X-Amz-Target`, RPC v2's `smithy-protocol`), lowercase names.
    pub fixed_headers: Vec<(String, String)>,
    /// An input without members is sent as `{}` (else as no body at all). RPC v2 sends no
    /// body only for an operation without an input.
    pub empty_object: bool,
    /// `@requestCompression`: the request body is gzip-compressed (from a minimum size).
    pub compression: Option<compression::RequestCompression>,
    /// `@httpChecksumRequired` and `aws.protocols#httpChecksum`: request checksums and
    /// response checks.
    pub checksums: Option<checksums::Checksums>,
    /// What the service's SDK customization changes (`customizations`).
    pub custom: customizations::RequestCustomization,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OperationErrorPlan {
    pub shape: ShapeId,
    pub variant: RustIdent,
    pub error_type: RustType,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpBinding {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

impl Plan {
    /// The struct plan a named type refers to.
    pub fn struct_of(&self, ty: &RustType) -> Option<&StructPlan> {
        let RustType::Named { module, name } = ty else {
            return None;
        };
        self.structures
            .iter()
            .find(|s| &s.module == module && &s.name == name)
    }
}

/// Plans the whole service. All problems are reported together.
pub fn plan(model: &ResolvedModel) -> Result<Plan, Diagnostics> {
    plan_with(model, None)
}

/// [`plan`], the wire layer speaking `protocol` (a protocol trait's shape ID or name) when
/// given, instead of the one the SDKs prefer among the service's protocols.
pub fn plan_with(model: &ResolvedModel, protocol: Option<&str>) -> Result<Plan, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let placement = placement::place(model);
    let mut plan = shapes::plan_shapes(model, &placement, protocol, &mut diagnostics);
    plan.warnings = diagnostics.warnings().cloned().collect();
    diagnostics.into_result(plan)
}

/// A plan is its own: for functions that take a plan or something holding one.
impl AsRef<Plan> for Plan {
    fn as_ref(&self) -> &Plan {
        self
    }
}

/// One protocol test case as written: its node value, and the written text of the numbers
/// that value only approximates, by JSON pointer into the case (so that `bigInteger` and
/// `bigDecimal` parameters are exact).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TestCase {
    pub value: serde_json::Value,
    pub numbers: crate::model::number::NumberTexts,
}

/// The plan of a JSON AST model, for tests: panics with the diagnostics on a bad model.
#[cfg(test)]
pub(crate) fn plan_of_json(model: &serde_json::Value) -> Plan {
    let loaded = crate::load::load_str(&model.to_string(), std::path::Path::new("m.json"))
        .unwrap_or_else(|diags| panic!("{diags}"));
    let resolved = crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
    plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
}
