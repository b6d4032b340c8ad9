//! What a generated crate's `endpoint::resolve` answers: the resolved endpoint with its
//! auth schemes read out of `properties`, the error, the SDK built-in settings the rule
//! set's parameters may bind to, and the cache that makes repeated resolution cheap.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};

use super::eval::{Endpoint, ResolveError};

/// The settings an SDK user gives once (region, FIPS, dual-stack, custom endpoint...), which
/// rule-set parameters take through their `builtIn` (smithy.io, "Built-ins"; the S3, S3
/// Control and STS ones as the AWS SDKs define them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct BuiltIns {
    /// `AWS::Region`.
    pub region: Option<String>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: a custom endpoint URL.
    pub endpoint: Option<String>,
    /// `AWS::Auth::AccountId`.
    pub account_id: Option<String>,
    /// `AWS::Auth::AccountIdEndpointMode` (`preferred`, `required`, `disabled`).
    pub account_id_endpoint_mode: Option<String>,
    /// `AWS::S3::ForcePathStyle`.
    pub s3_force_path_style: Option<bool>,
    /// `AWS::S3::Accelerate`.
    pub s3_accelerate: Option<bool>,
    /// `AWS::S3::UseArnRegion`.
    pub s3_use_arn_region: Option<bool>,
    /// `AWS::S3::DisableMultiRegionAccessPoints`.
    pub s3_disable_multi_region_access_points: Option<bool>,
    /// `AWS::S3::UseGlobalEndpoint`.
    pub s3_use_global_endpoint: Option<bool>,
    /// `AWS::S3Control::UseArnRegion`.
    pub s3_control_use_arn_region: Option<bool>,
    /// `AWS::STS::UseGlobalEndpoint`.
    pub sts_use_global_endpoint: Option<bool>,
}

/// The string built-ins by name.
pub const STRING_BUILT_INS: &[&str] = &[
    "AWS::Region",
    "SDK::Endpoint",
    "AWS::Auth::AccountId",
    "AWS::Auth::AccountIdEndpointMode",
];

/// The boolean built-ins by name.
pub const BOOLEAN_BUILT_INS: &[&str] = &[
    "AWS::UseFIPS",
    "AWS::UseDualStack",
    "AWS::S3::ForcePathStyle",
    "AWS::S3::Accelerate",
    "AWS::S3::UseArnRegion",
    "AWS::S3::DisableMultiRegionAccessPoints",
    "AWS::S3::UseGlobalEndpoint",
    "AWS::S3Control::UseArnRegion",
    "AWS::STS::UseGlobalEndpoint",
];

impl BuiltIns {
    /// A string built-in by its rule-set name; `None` when unset or not a string built-in.
    pub fn string(&self, name: &str) -> Option<String> {
        match name {
            "AWS::Region" => self.region.clone(),
            "SDK::Endpoint" => self.endpoint.clone(),
            "AWS::Auth::AccountId" => self.account_id.clone(),
            "AWS::Auth::AccountIdEndpointMode" => self.account_id_endpoint_mode.clone(),
            _ => None,
        }
    }

    /// A boolean built-in by its rule-set name; `None` when unset or not a boolean built-in.
    pub fn boolean(&self, name: &str) -> Option<bool> {
        match name {
            "AWS::UseFIPS" => Some(self.use_fips),
            "AWS::UseDualStack" => Some(self.use_dual_stack),
            "AWS::S3::ForcePathStyle" => self.s3_force_path_style,
            "AWS::S3::Accelerate" => self.s3_accelerate,
            "AWS::S3::UseArnRegion" => self.s3_use_arn_region,
            "AWS::S3::DisableMultiRegionAccessPoints" => self.s3_disable_multi_region_access_points,
            "AWS::S3::UseGlobalEndpoint" => self.s3_use_global_endpoint,
            "AWS::S3Control::UseArnRegion" => self.s3_control_use_arn_region,
            "AWS::STS::UseGlobalEndpoint" => self.sts_use_global_endpoint,
            _ => None,
        }
    }

    /// Sets a built-in from a JSON value by its rule-set name (as protocol and endpoint test
    /// cases give them); false when the name is unknown or the value of the wrong type.
    pub fn set(&mut self, name: &str, value: &Value) -> bool {
        let text = || value.as_str().map(str::to_owned);
        let flag = value.as_bool();
        let slot_bool = match name {
            "AWS::Region" => return text().map(|v| self.region = Some(v)).is_some(),
            "SDK::Endpoint" => return text().map(|v| self.endpoint = Some(v)).is_some(),
            "AWS::Auth::AccountId" => return text().map(|v| self.account_id = Some(v)).is_some(),
            "AWS::Auth::AccountIdEndpointMode" => {
                return text()
                    .map(|v| self.account_id_endpoint_mode = Some(v))
                    .is_some()
            }
            "AWS::UseFIPS" => return flag.map(|v| self.use_fips = v).is_some(),
            "AWS::UseDualStack" => return flag.map(|v| self.use_dual_stack = v).is_some(),
            "AWS::S3::ForcePathStyle" => &mut self.s3_force_path_style,
            "AWS::S3::Accelerate" => &mut self.s3_accelerate,
            "AWS::S3::UseArnRegion" => &mut self.s3_use_arn_region,
            "AWS::S3::DisableMultiRegionAccessPoints" => {
                &mut self.s3_disable_multi_region_access_points
            }
            "AWS::S3::UseGlobalEndpoint" => &mut self.s3_use_global_endpoint,
            "AWS::S3Control::UseArnRegion" => &mut self.s3_control_use_arn_region,
            "AWS::STS::UseGlobalEndpoint" => &mut self.sts_use_global_endpoint,
            _ => return false,
        };
        match flag {
            Some(v) => {
                *slot_bool = Some(v);
                true
            }
            None => false,
        }
    }
}

/// One entry of the endpoint's `authSchemes` property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthScheme {
    name: String,
    signing_name: Option<String>,
    signing_region: Option<String>,
    signing_region_set: Vec<String>,
    disable_double_encoding: bool,
}

impl AuthScheme {
    fn from_json(value: &Value) -> Option<AuthScheme> {
        let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
        Some(AuthScheme {
            name: text("name")?,
            signing_name: text("signingName"),
            signing_region: text("signingRegion"),
            signing_region_set: value
                .get("signingRegionSet")
                .and_then(Value::as_array)
                .map(|set| {
                    set.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            disable_double_encoding: value
                .get("disableDoubleEncoding")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        })
    }

    /// `sigv4`, `sigv4a`, `sigv4-s3express`...
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn signing_name(&self) -> Option<&str> {
        self.signing_name.as_deref()
    }

    pub fn signing_region(&self) -> Option<&str> {
        self.signing_region.as_deref()
    }

    /// `sigv4a`'s region set.
    pub fn signing_region_set(&self) -> &[String] {
        &self.signing_region_set
    }

    pub fn disable_double_encoding(&self) -> bool {
        self.disable_double_encoding
    }
}

#[derive(Debug, PartialEq)]
struct Resolved {
    url: String,
    headers: Vec<(String, Vec<String>)>,
    properties: Map<String, Value>,
    auth_schemes: Vec<AuthScheme>,
}

/// A resolved endpoint; cloning it is cheap (shared).
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedEndpoint(Arc<Resolved>);

impl ResolvedEndpoint {
    pub fn url(&self) -> &str {
        &self.0.url
    }

    /// Headers the request must carry, each with its values.
    pub fn headers(&self) -> &[(String, Vec<String>)] {
        &self.0.headers
    }

    /// The endpoint's `properties`, as the rule set wrote them.
    pub fn properties(&self) -> &Map<String, Value> {
        &self.0.properties
    }

    /// `properties.authSchemes`, in the rule set's order of preference.
    pub fn auth_schemes(&self) -> &[AuthScheme] {
        &self.0.auth_schemes
    }
}

impl From<Endpoint> for ResolvedEndpoint {
    fn from(endpoint: Endpoint) -> Self {
        let auth_schemes = endpoint
            .properties
            .get("authSchemes")
            .and_then(Value::as_array)
            .map(|schemes| schemes.iter().filter_map(AuthScheme::from_json).collect())
            .unwrap_or_default();
        ResolvedEndpoint(Arc::new(Resolved {
            url: endpoint.url,
            headers: endpoint.headers,
            properties: endpoint.properties,
            auth_schemes,
        }))
    }
}

/// Why no endpoint was resolved. An error rule's message is shown as the rule set wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointError(ResolveError);

impl EndpointError {
    /// The rule set itself could not be read (a generator bug: it was checked when the code
    /// was generated).
    pub fn invalid_rule_set(message: &str) -> Self {
        EndpointError(ResolveError::Invalid(message.to_owned()))
    }

    /// The message of the rule set's error rule that applied, if that is why.
    pub fn rule_message(&self) -> Option<&str> {
        match &self.0 {
            ResolveError::Rule(message) => Some(message),
            _ => None,
        }
    }
}

impl From<ResolveError> for EndpointError {
    fn from(error: ResolveError) -> Self {
        EndpointError(error)
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for EndpointError {}

/// The most parameter sets remembered; past it the cache starts over, so memory stays
/// bounded whatever the callers vary.
pub(crate) const CACHE_CAPACITY: usize = 64;

type Answer = Result<ResolvedEndpoint, EndpointError>;

/// Resolutions by parameters: a repeated resolution is a hash, a lookup and an `Arc` clone.
pub struct Cache<K> {
    pub(crate) entries: Mutex<Option<HashMap<K, Answer>>>,
}

impl<K: Hash + Eq + Clone> Cache<K> {
    pub const fn new() -> Self {
        Cache {
            entries: Mutex::new(None),
        }
    }

    /// The remembered answer for `key`, or `resolve()`'s, remembered.
    pub fn get_or_insert(&self, key: &K, resolve: impl FnOnce() -> Answer) -> Answer {
        if let Ok(guard) = self.entries.lock() {
            if let Some(answer) = guard.as_ref().and_then(|map| map.get(key)) {
                return answer.clone();
            }
        }
        // Resolved outside the lock: another thread may resolve the same key meanwhile,
        // to the same answer.
        let answer = resolve();
        if let Ok(mut guard) = self.entries.lock() {
            let map = guard.get_or_insert_with(HashMap::new);
            if map.len() >= CACHE_CAPACITY {
                map.clear();
            }
            map.insert(key.clone(), answer.clone());
        }
        answer
    }
}

impl<K: Hash + Eq + Clone> Default for Cache<K> {
    fn default() -> Self {
        Self::new()
    }
}

/// An operation's `endpoint_params` when it binds no rule-set parameter of its own: the
/// built-ins alone. Given the operation's input type and its name.
#[allow(unused_macros)]
macro_rules! built_in_params {
    ($input:ty, $operation:literal $(,)?) => {
        #[doc = ::std::concat!(
                    "The endpoint parameters of a `", $operation, "` call: the built-ins (the \
             operation binds no parameter of its own)."
                )]
        pub fn endpoint_params(
            input: &$input,
            built_ins: &crate::endpoint::BuiltIns,
        ) -> crate::endpoint::Params {
            let _ = input;
            crate::endpoint::Params::from_built_ins(built_ins)
        }
    };
}
#[allow(unused_imports)]
pub(crate) use built_in_params;
