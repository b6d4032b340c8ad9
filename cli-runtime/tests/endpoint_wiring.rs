//! What the command line does with the endpoint a resolver returns: the request goes to its URL with its headers,
//! signed with the first `sigv4` auth scheme's name and region; an endpoint offering only schemes it cannot sign
//! with, and a rules error, stop the command before anything is sent. A made-up service whose resolvers return
//! such endpoints, against a loopback server.

mod support;

use serde_json::Value;
use smithy_cli_runtime::{
    AuthScheme, CallError, Dispatch, Endpoint, EndpointSettings, Operation, Outcome, Resolution,
    Schema, Service,
};
use support::client::{self, ThingError};
use support::{Reply, Server};

static INPUT: Schema = Schema::Structure(&[]);

fn check_input(_: &Value) -> Result<(), String> {
    Ok(())
}

fn build_request(_: &Value, endpoint: &str) -> Result<http::Request<Vec<u8>>, String> {
    http::Request::post(format!("{endpoint}/v1/routed"))
        .header("content-type", "application/json")
        .body(b"{}".to_vec())
        .map_err(|e| e.to_string())
}

fn parse_response(status: u16, _: &http::HeaderMap, body: &[u8]) -> Result<Value, ThingError> {
    serde_json::from_slice(body).map_err(|e| ThingError {
        code: None,
        message: Some(format!("HTTP {status}: {e}")),
        retryable: false,
        malformed: true,
    })
}

fn invoke(input: &Value, dispatch: &Dispatch) -> Result<Outcome, CallError> {
    let operation = socialmessaging::client::call::Operation {
        name: "Routed",
        auth: socialmessaging::client::Auth::Required,
        choose_endpoint: client::no_endpoint,
        validate: client::valid,
        serialize: |input, endpoint| {
            build_request(input, endpoint.as_str())
                .map_err(socialmessaging::wire::RequestError::new)
        },
        parse: parse_response,
        stream: None,
    };
    client::invoke(input, dispatch, operation).map(Outcome::output)
}

fn scheme(name: &str) -> AuthScheme {
    AuthScheme {
        name: name.to_owned(),
        signing_name: Some("routed-name".to_owned()),
        signing_region: Some("eu-central-1".to_owned()),
        ..AuthScheme::default()
    }
}

/// The configured URL, with a header and SigV4a offered before SigV4.
fn routed(_: &Value, settings: &EndpointSettings) -> Resolution {
    Resolution {
        params: format!("{settings:?}"),
        endpoint: Ok(Endpoint {
            url: settings.endpoint_url.clone().unwrap_or_default(),
            headers: vec![("x-amz-routed".to_owned(), vec!["yes".to_owned()])],
            auth_schemes: vec![scheme("sigv4a"), scheme("sigv4")],
        }),
    }
}

fn asymmetric_only(_: &Value, settings: &EndpointSettings) -> Resolution {
    Resolution {
        params: format!("{settings:?}"),
        endpoint: Ok(Endpoint {
            url: settings.endpoint_url.clone().unwrap_or_default(),
            headers: Vec::new(),
            auth_schemes: vec![scheme("sigv4a")],
        }),
    }
}

fn refused(_: &Value, settings: &EndpointSettings) -> Resolution {
    Resolution {
        params: format!("{settings:?}"),
        endpoint: Err(
            "Invalid Configuration: FIPS and custom endpoint are not supported".to_owned(),
        ),
    }
}

const fn operation(
    cli_name: &'static str,
    resolve_endpoint: smithy_cli_runtime::ResolveEndpoint,
) -> Operation {
    Operation {
        cli_name,
        name: "Routed",
        docs: "",
        params: &[],
        input: &INPUT,
        output: &INPUT,
        check_input,
        build_request,
        resolve_endpoint,
        invoke,
        output_events: None,
        output_body: false,
        paginated: None,
    }
}

static ROUTED: Service = Service {
    cli_name: "routed",
    sdk_id: "Routed",
    signing_name: "service-default-name",
    operations: &[
        operation("routed", routed),
        operation("asymmetric-only", asymmetric_only),
        operation("refused", refused),
    ],
};

fn run(args: &[&str]) -> (u8, String) {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let env = |name: &str| match name {
        "AWS_ACCESS_KEY_ID" => Some("AKID".to_owned()),
        "AWS_SECRET_ACCESS_KEY" => Some("SECRETKEYVALUE".to_owned()),
        "AWS_REGION" => Some("us-east-1".to_owned()),
        _ => None,
    };
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = smithy_cli_runtime::run(&ROUTED, &args, &env, &mut stdout, &mut stderr);
    (code, String::from_utf8(stderr).expect("UTF-8"))
}

#[test]
fn the_endpoints_headers_and_first_sigv4_scheme_are_used() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let (code, stderr) = run(&["routed", "--endpoint-url", &server.url, "--debug"]);
    let seen = server.finish();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.path, "/v1/routed");
    assert_eq!(request.header("x-amz-routed"), Some("yes"));
    let authorization = request.header("authorization").expect("signed");
    assert!(
        authorization.contains("/eu-central-1/routed-name/aws4_request"),
        "{authorization}"
    );
    // The endpoint's header is signed like the others.
    assert!(authorization.contains("x-amz-routed"), "{authorization}");
    assert!(
        stderr.contains("[debug] signing: sigv4 as routed-name in eu-central-1\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[debug]   endpoint header x-amz-routed: yes\n"),
        "{stderr}"
    );
}

#[test]
fn unsupported_schemes_and_rules_errors_send_nothing() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let (code, stderr) = run(&["asymmetric-only", "--endpoint-url", &server.url]);
    assert_eq!(code, 255);
    assert!(stderr.contains("sigv4a"), "{stderr}");
    let (code, stderr) = run(&["refused", "--endpoint-url", &server.url]);
    assert_eq!(
        (code, stderr.as_str()),
        (
            255,
            "Invalid Configuration: FIPS and custom endpoint are not supported\n"
        )
    );
    // Without credentials or signing, an unsupported scheme does not matter.
    let (code, stderr) = run(&[
        "asymmetric-only",
        "--endpoint-url",
        &server.url,
        "--no-sign-request",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let seen = server.finish();
    assert_eq!(seen.len(), 1, "only the unsigned request is sent");
    assert!(seen[0].header("authorization").is_none());
}

/// An auth scheme's `disableDoubleEncoding` reaches the client's signer: the canonical path of `/a%20b` is then
/// encoded once, which changes the signature; double encoding is the signer's default.
#[test]
fn the_client_signs_an_encoded_path_once_when_the_scheme_says_so() {
    use socialmessaging::client::sign::{sign, sign_encoded};
    use socialmessaging::client::Credentials;
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_440_938_160);
    let credentials = Credentials::new("AKID", "SECRETKEYVALUE", None);
    let request = || {
        http::Request::get("https://example.amazonaws.com/a%20b")
            .body(Vec::new())
            .unwrap()
    };
    let signed = |double: bool| {
        let mut r = request();
        sign_encoded(&mut r, &credentials, ("us-east-1", "s"), time, double).unwrap();
        r.headers()["authorization"].clone()
    };
    let mut default = request();
    sign(&mut default, &credentials, "us-east-1", "s", time).unwrap();
    assert_eq!(default.headers()["authorization"], signed(true));
    assert_ne!(signed(true), signed(false));
}
