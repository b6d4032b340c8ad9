//! A fake service shaped like AWS End User Messaging Social's AssociateWhatsAppBusinessAccount, with a
//! hand-written request builder and response parser (POST /v1/thing, JSON body), sent through a generated
//! client's runtime ([`super::client`]); and a paginated `list-things` (GET /v1/things, pages by `nextToken`).

use serde_json::Value;
use smithy_cli_runtime::{
    CallError, Dispatch, Endpoint, EndpointSettings, Field, Operation, Outcome, Pagination, Param,
    Resolution, Schema, Service,
};
use socialmessaging::client::call;
use socialmessaging::wire::RequestError;

use super::client::{self, ThingError};

const fn field(name: &'static str, schema: &'static Schema) -> Field {
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
        docs: "",
    }
}

static TAG: Schema = Schema::Structure(&[
    field("key", &Schema::String),
    field("value", &Schema::String),
]);
static TAGS: Schema = Schema::List(&TAG);
static PHONE: Schema = Schema::Structure(&[
    field("id", &Schema::String),
    secret("twoFactorPin", &Schema::String),
    field("dataLocalizationRegion", &Schema::String),
    field("tags", &TAGS),
]);
static DESTINATION: Schema = Schema::Structure(&[field("eventDestinationArn", &Schema::String)]);
static WABA: Schema = Schema::Structure(&[
    field("id", &Schema::String),
    field("eventDestinations", &Schema::List(&DESTINATION)),
    field("tags", &TAGS),
]);
static CALLBACK: Schema = Schema::Structure(&[secret("accessToken", &Schema::String)]);
static SETUP: Schema = Schema::Structure(&[
    field("associateInProgressToken", &Schema::String),
    field("phoneNumbers", &Schema::List(&PHONE)),
    field("phoneNumberParent", &Schema::String),
    field("waba", &WABA),
]);
/// A recursive structure, for skeletons.
static NODE: Schema = Schema::Structure(&[
    field("name", &Schema::String),
    field("children", &Schema::List(&NODE)),
]);
static INPUT: Schema = Schema::Structure(&[
    field("signupCallback", &CALLBACK),
    field("setupFinalization", &SETUP),
    field("count", &Schema::Integer),
    field("dryRun", &Schema::Boolean),
    field("node", &NODE),
]);

static PHONE_DETAIL: Schema = Schema::Structure(&[
    field("arn", &Schema::String),
    field("phoneNumber", &Schema::String),
    field("phoneNumberId", &Schema::String),
    field("metaPhoneNumberId", &Schema::String),
    field("displayPhoneNumberName", &Schema::String),
    field("displayPhoneNumber", &Schema::String),
    field("qualityRating", &Schema::String),
]);
static LINKED: Schema = Schema::Structure(&[
    field("accountName", &Schema::String),
    field(
        "registrationStatus",
        &Schema::Enum(&["COMPLETE", "INCOMPLETE"]),
    ),
    field(
        "unregisteredWhatsAppPhoneNumbers",
        &Schema::List(&PHONE_DETAIL),
    ),
]);
static RESULT: Schema = Schema::Structure(&[
    secret("associateInProgressToken", &Schema::String),
    field("linkedAccountsWithIncompleteSetup", &Schema::Map(&LINKED)),
]);
static OUTPUT: Schema = Schema::Structure(&[
    field("signupCallbackResult", &RESULT),
    field("statusCode", &Schema::Integer),
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

static PARAMS: [Param; 5] = [
    param("signup-callback", "signupCallback", &CALLBACK),
    param("setup-finalization", "setupFinalization", &SETUP),
    param("count", "count", &Schema::Integer),
    param("dry-run", "dryRun", &Schema::Boolean),
    param("node", "node", &NODE),
];

/// Reports every unknown top-level member, as a generated operation's check does (among its other problems).
fn check_input(input: &Value) -> Result<(), String> {
    let Some(fields) = INPUT.fields() else {
        return Ok(());
    };
    let valid: Vec<&str> = fields.iter().map(|f| f.name).collect();
    let unknown: Vec<String> = input
        .as_object()
        .into_iter()
        .flat_map(|map| map.keys())
        .filter(|key| !valid.contains(&key.as_str()))
        .map(|key| {
            format!(
                "Unknown parameter in input: \"{key}\", must be one of: {}",
                valid.join(", ")
            )
        })
        .collect();
    match unknown.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "Parameter validation failed:\n{}",
            unknown.join("\n")
        )),
    }
}

/// Rejects a negative count, to show input errors; otherwise the input as the JSON body.
fn build_request(input: &Value, endpoint: &str) -> Result<http::Request<Vec<u8>>, String> {
    if input
        .get("count")
        .and_then(Value::as_i64)
        .is_some_and(|n| n < 0)
    {
        return Err("count: must be 0 or more\nthe second problem".to_owned());
    }
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

/// restJson1 errors: the code from `x-amzn-errortype` (up to a `:`), the message from the body.
fn parse_response(
    status: u16,
    headers: &http::HeaderMap,
    body: &[u8],
) -> Result<Value, ThingError> {
    let parsed: Result<Value, _> = serde_json::from_slice(body);
    if (200..300).contains(&status) {
        return parsed.map_err(|e| ThingError {
            code: None,
            message: Some(format!("invalid JSON: {e}")),
            retryable: false,
            malformed: true,
        });
    }
    let code = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(':').next().unwrap_or(v).to_owned());
    let body = parsed.unwrap_or(Value::Null);
    let message = body
        .get("message")
        .or_else(|| body.get("Message"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    Err(ThingError {
        retryable: code.as_deref() == Some("ThrottledRequestException"),
        code,
        message,
        malformed: false,
    })
}

fn serialize(
    input: &Value,
    endpoint: &socialmessaging::wire::Endpoint,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    build_request(input, endpoint.as_str()).map_err(RequestError::new)
}

fn invoke(input: &Value, dispatch: &Dispatch) -> Result<Outcome, CallError> {
    let operation = call::Operation {
        name: "CreateThing",
        auth: socialmessaging::client::Auth::Required,
        choose_endpoint: client::no_endpoint,
        validate: client::valid,
        serialize,
        parse: parse_response,
        stream: None,
    };
    client::invoke(input, dispatch, operation).map(Outcome::output)
}

static LIST_INPUT: Schema = Schema::Structure(&[
    field("nextToken", &Schema::String),
    field("maxResults", &Schema::Integer),
    field("prefix", &Schema::String),
]);

static LIST_OUTPUT: Schema = Schema::Structure(&[
    field("things", &Schema::List(&Schema::String)),
    field("nextToken", &Schema::String),
    field("scanned", &Schema::Integer),
]);

static LIST_PARAMS: [Param; 3] = [
    param("next-token", "nextToken", &Schema::String),
    param("max-results", "maxResults", &Schema::Integer),
    param("prefix", "prefix", &Schema::String),
];

fn no_check(_: &Value) -> Result<(), String> {
    Ok(())
}

/// GET /v1/things with the input as query parameters.
fn build_list(input: &Value, endpoint: &str) -> Result<http::Request<Vec<u8>>, String> {
    let query: Vec<String> = input
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| match v {
            Value::String(s) => format!("{k}={s}"),
            other => format!("{k}={other}"),
        })
        .collect();
    http::Request::get(format!("{endpoint}/v1/things?{}", query.join("&")))
        .body(Vec::new())
        .map_err(|e| e.to_string())
}

fn serialize_list(
    input: &Value,
    endpoint: &socialmessaging::wire::Endpoint,
) -> Result<http::Request<Vec<u8>>, RequestError> {
    build_list(input, endpoint.as_str()).map_err(RequestError::new)
}

fn invoke_list(input: &Value, dispatch: &Dispatch) -> Result<Outcome, CallError> {
    let operation = call::Operation {
        name: "ListThings",
        auth: socialmessaging::client::Auth::Required,
        choose_endpoint: client::no_endpoint,
        validate: client::valid,
        serialize: serialize_list,
        parse: parse_response,
        stream: None,
    };
    client::invoke(input, dispatch, operation).map(Outcome::output)
}

static OPERATIONS: [Operation; 2] = [
    Operation {
        cli_name: "create-thing",
        name: "CreateThing",
        docs: "<p>Creates a thing.</p>",
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
    },
    Operation {
        cli_name: "list-things",
        name: "ListThings",
        docs: "<p>Lists things, a page at a time.</p>",
        params: &LIST_PARAMS,
        input: &LIST_INPUT,
        output: &LIST_OUTPUT,
        check_input: no_check,
        build_request: build_list,
        resolve_endpoint,
        invoke: invoke_list,
        output_events: None,
        output_body: false,
        paginated: Some(Pagination {
            input_token: "nextToken",
            output_token: "nextToken",
            items: "things",
            page_size: Some("maxResults"),
        }),
    },
];

pub static SERVICE: Service = Service {
    cli_name: "thing",
    sdk_id: "Thing Service",
    signing_name: "thing-signing",
    operations: &OPERATIONS,
};
