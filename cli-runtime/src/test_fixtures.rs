//! A small fake service for unit tests: one operation, a recursive structure, sensitive members; and the
//! helpers the unit tests share.

use serde_json::Value;

use crate::dispatch::{CallError, Dispatch, Outcome};
use crate::endpoint::{Endpoint, EndpointSettings, Resolution};
use crate::schema::{Field, Param, Schema};
use crate::service::{Operation, Pagination, Service};

/// An optional, non-sensitive, undocumented member.
pub const fn field(name: &'static str, schema: &'static Schema) -> Field {
    Field {
        name,
        schema,
        required: false,
        sensitive: false,
        docs: "",
    }
}

const fn secret(name: &'static str, schema: &'static Schema) -> Field {
    Field {
        name,
        schema,
        required: false,
        sensitive: true,
        docs: "The secret.",
    }
}

pub static CALLBACK: Schema = Schema::Structure(&[secret("accessToken", &Schema::String)]);
pub static TAG: Schema = Schema::Structure(&[
    Field {
        name: "key",
        schema: &Schema::String,
        required: true,
        sensitive: false,
        docs: "The tag key.",
    },
    field("value", &Schema::String),
]);
pub static NODE: Schema = Schema::Structure(&[
    field("name", &Schema::String),
    field("child", &NODE),
    field("children", &Schema::List(&NODE)),
]);
pub static INPUT: Schema = Schema::Structure(&[
    Field {
        name: "name",
        schema: &Schema::String,
        required: true,
        sensitive: false,
        docs: "The thing's name.",
    },
    field("count", &Schema::Integer),
    field("ratio", &Schema::Double),
    field("enabled", &Schema::Boolean),
    field("color", &Schema::Enum(&["RED", "GREEN"])),
    field("signupCallback", &CALLBACK),
    field("tags", &Schema::List(&TAG)),
    field("labels", &Schema::Map(&Schema::String)),
    field("when", &Schema::Timestamp),
    field("node", &NODE),
    secret("pin", &Schema::String),
]);
pub static OUTPUT: Schema = Schema::Structure(&[
    field("id", &Schema::String),
    secret("token", &Schema::String),
    field("items", &Schema::List(&TAG)),
]);

const fn param(flag: &'static str, member: &'static str, schema: &'static Schema) -> Param {
    Param {
        flag,
        member,
        schema,
        required: false,
        sensitive: false,
        docs: "",
    }
}

pub static PARAMS: [Param; 11] = [
    Param {
        flag: "name",
        member: "name",
        schema: &Schema::String,
        required: true,
        sensitive: false,
        docs: "The thing's name.",
    },
    param("count", "count", &Schema::Integer),
    param("ratio", "ratio", &Schema::Double),
    param("enabled", "enabled", &Schema::Boolean),
    param("color", "color", &Schema::Enum(&["RED", "GREEN"])),
    param("signup-callback", "signupCallback", &CALLBACK),
    param("tags", "tags", &Schema::List(&TAG)),
    param("labels", "labels", &Schema::Map(&Schema::String)),
    param("when", "when", &Schema::Timestamp),
    param("node", "node", &NODE),
    Param {
        flag: "pin",
        member: "pin",
        schema: &Schema::String,
        required: false,
        sensitive: true,
        docs: "A PIN.",
    },
];

fn check_input(_: &Value) -> Result<(), String> {
    Ok(())
}

fn build_request(input: &Value, endpoint: &str) -> Result<http::Request<Vec<u8>>, String> {
    http::Request::post(format!("{endpoint}/v1/thing"))
        .header("content-type", "application/json")
        .body(input.to_string().into_bytes())
        .map_err(|e| e.to_string())
}

/// Rules of a made-up service: the configured endpoint, else a host of the region under `example`.
fn resolve_endpoint(_: &Value, settings: &EndpointSettings) -> Resolution {
    let endpoint = match (&settings.endpoint_url, &settings.region) {
        (Some(url), _) => Ok(url.clone()),
        (None, Some(region)) if settings.use_fips => {
            Ok(format!("https://thing-fips.{region}.example"))
        }
        (None, Some(region)) => Ok(format!("https://thing.{region}.example")),
        (None, None) => Err("Invalid Configuration: Missing Region".to_owned()),
    };
    Resolution {
        params: format!("{settings:?}"),
        endpoint: endpoint.map(|url| Endpoint {
            url,
            ..Endpoint::default()
        }),
    }
}

/// The unit tests send nothing; calls are tested in `tests/` and the generated command line's tests.
fn invoke(_: &Value, _: &Dispatch) -> Result<Outcome, CallError> {
    Err(CallError::Other(
        "the unit tests' service sends nothing".to_owned(),
    ))
}

pub static OPERATIONS: [Operation; 1] = [Operation {
    cli_name: "create-thing",
    name: "CreateThing",
    docs: "Creates a thing.\n\nSecond paragraph.",
    params: &PARAMS,
    input: &INPUT,
    output: &OUTPUT,
    check_input,
    build_request,
    resolve_endpoint,
    invoke,
    output_events: None,
    output_body: false,
    paginated: None,
}];

static PART: Schema = Schema::Structure(&[field("body", &Schema::Blob)]);
pub static BLOB_INPUT: Schema = Schema::Structure(&[
    field("data", &Schema::Blob),
    secret("key", &Schema::Blob),
    field("parts", &Schema::List(&PART)),
]);

pub static BLOB_PARAMS: [Param; 3] = [
    param("data", "data", &Schema::Blob),
    Param {
        flag: "key",
        member: "key",
        schema: &Schema::Blob,
        required: false,
        sensitive: true,
        docs: "",
    },
    param("parts", "parts", &Schema::List(&PART)),
];

/// An operation with blobs at the top level, secret, and nested; not one of `SERVICE`'s.
pub static BLOB_OPERATION: Operation = Operation {
    cli_name: "upload-thing",
    name: "UploadThing",
    docs: "",
    params: &BLOB_PARAMS,
    input: &BLOB_INPUT,
    output: &OUTPUT,
    check_input,
    build_request,
    invoke,
    output_events: None,
    output_body: false,
    resolve_endpoint,
    paginated: None,
};

/// A paginated operation, the only one of `PAGED_SERVICE`.
pub static PAGED_OPERATIONS: [Operation; 1] = [Operation {
    cli_name: "list-things",
    name: "ListThings",
    docs: "Lists things.",
    params: &PARAMS,
    input: &INPUT,
    output: &OUTPUT,
    check_input,
    build_request,
    resolve_endpoint,
    invoke,
    output_events: None,
    output_body: false,
    paginated: Some(Pagination {
        input_token: "nextToken",
        output_token: "nextToken",
        items: "things",
        page_size: Some("maxResults"),
    }),
}];

pub static PAGED_SERVICE: Service = Service {
    cli_name: "thing",
    sdk_id: "Thing Service",
    signing_name: "thing-signing",
    operations: &PAGED_OPERATIONS,
};

pub static SERVICE: Service = Service {
    cli_name: "thing",
    sdk_id: "Thing Service",
    signing_name: "thing-signing",
    operations: &OPERATIONS,
};

/// An environment holding exactly `pairs`.
pub fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }
}
