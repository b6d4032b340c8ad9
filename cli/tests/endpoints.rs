//! Where the real `socialmessaging` binary sends its request, and how it signs it, for every way the AWS CLI
//! lets a user choose: region and partition, FIPS and dual-stack, configured endpoint URLs (option, variables,
//! `[services]` sections, profile), and the rules' errors.
//!
//! Nothing leaves the machine. Configured endpoints are loopback servers of our own. An AWS host (China, GovCloud,
//! ISO, the European sovereign cloud, FIPS) is seen without reaching it: the binary is given a loopback HTTPS
//! proxy (`HTTPS_PROXY=http://127.0.0.1:port`), so it connects only to that proxy and asks it to
//! `CONNECT <host>:443`; the proxy records the host and refuses the tunnel. With a proxy the client leaves name
//! resolution to the proxy, so not even a DNS query for the host is made. The expected URLs are the official
//! model's `smithy.rules#endpointTests` cases (`../shared/models/`) where it has one.
//!
//! The resolver of the generated table is also run directly on every one of those cases.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use smithy_cli_runtime::EndpointSettings;
use support::{run, Canned, Outcome, Received, Server};

const OPERATION: &str = "associate-whatsapp-business-account";
const ACCESS_KEY: &str = "AKIDEXAMPLE";
const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

// ---------------------------------------------------------------------------------------------------------------
// Reference data and the environment

fn shared_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    assert!(
        dir.join("models").is_dir() && dir.join("wire").is_dir(),
        "MISSING REFERENCE DATA: {} (with models/ and wire/) must exist beside the repository for these tests",
        dir.display()
    );
    dir
}

/// The official model's `smithy.rules#endpointTests` cases.
fn official_cases() -> Vec<Value> {
    let path = shared_dir().join("models/socialmessaging-2024-01-01.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let model: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let service = model["shapes"]
        .as_object()
        .expect("shapes")
        .values()
        .find(|shape| shape["type"] == "service")
        .expect("a service shape");
    let cases = service["traits"]["smithy.rules#endpointTests"]["testCases"]
        .as_array()
        .expect("endpoint test cases")
        .clone();
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    cases
}

/// The URL the official model's tests expect for these parameters.
fn official_url(region: &str, fips: bool, dual_stack: bool) -> String {
    official_cases()
        .iter()
        .find(|case| {
            let params = &case["params"];
            params["Region"] == region
                && params["UseFIPS"] == fips
                && params["UseDualStack"] == dual_stack
                && params.get("Endpoint").is_none()
        })
        .and_then(|case| case["expect"]["endpoint"]["url"].as_str())
        .unwrap_or_else(|| {
            panic!("the official model has no case for {region} {fips} {dual_stack}")
        })
        .to_owned()
}

fn typical_input_arg() -> String {
    format!(
        "file://{}",
        shared_dir().join("wire/input-typical.json").display()
    )
}

fn args(extra: &[&str]) -> Vec<String> {
    [OPERATION, "--cli-input-json", &typical_input_arg()]
        .into_iter()
        .chain(extra.iter().copied())
        .map(str::to_owned)
        .collect()
}

/// A temporary HOME with `.aws/config` and `.aws/credentials`, removed at the end.
struct Home(PathBuf);

impl Home {
    fn new(tag: &str, config: &str) -> Home {
        let dir = std::env::temp_dir().join(format!(
            "socialmessaging-endpoints-{tag}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(dir.join(".aws")).expect("temporary HOME");
        std::fs::write(dir.join(".aws/config"), config).expect("config");
        // Every profile has the keys: with --profile the environment's keys are not used.
        let credentials: String = PROFILES
            .iter()
            .map(|name| {
                format!("[{name}]\naws_access_key_id = {ACCESS_KEY}\naws_secret_access_key = {SECRET_KEY}\n")
            })
            .collect();
        std::fs::write(dir.join(".aws/credentials"), credentials).expect("credentials");
        Home(dir)
    }

    /// The environment of a run: this HOME, one attempt, no instance metadata; then `extra`.
    fn env<'a>(&'a self, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        let home = self.0.to_str().expect("UTF-8 temporary path");
        [
            ("HOME", home),
            ("AWS_MAX_ATTEMPTS", "1"),
            ("AWS_EC2_METADATA_DISABLED", "true"),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .collect()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const PROFILES: [&str; 7] = [
    "default",
    "fips",
    "dual",
    "local",
    "ignoring",
    "missing-services",
    "bad-fips",
];

const CONFIG: &str = "[default]\nregion = us-east-1\n\n\
    [profile fips]\nregion = us-east-1\nuse_fips_endpoint = true\n\n\
    [profile dual]\nuse_dualstack_endpoint = TRUE\n\n\
    [profile local]\nservices = local-stack\nendpoint_url = http://127.0.0.1:9\n\n\
    [profile ignoring]\nregion = us-east-1\nservices = local-stack\nignore_configured_endpoint_urls = true\n\n\
    [profile missing-services]\nservices = nowhere\n\n\
    [profile bad-fips]\nuse_fips_endpoint = on\n";

/// `[services local-stack]` pointing the service at `url`.
fn config_with_services(url: &str) -> String {
    format!("{CONFIG}\n[services local-stack]\ndynamodb =\n  endpoint_url = http://127.0.0.1:8\nsocialmessaging =\n  endpoint_url = {url}\n")
}

/// The region and service of the SigV4 credential scope.
fn scope(request: &Received) -> (String, String) {
    let authorization = request.header("authorization").expect("a signed request");
    let credential = authorization
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("a credential");
    let parts: Vec<&str> = credential.split('/').collect();
    assert_eq!(parts.len(), 5, "{credential}");
    (parts[2].to_owned(), parts[3].to_owned())
}

// ---------------------------------------------------------------------------------------------------------------
// AWS hosts, seen through a loopback proxy

/// Runs the binary through a loopback proxy that refuses every tunnel; the host:port it was asked for, and the
/// run's outcome.
fn host_through_proxy(args: &[String], env: &[(&str, &str)]) -> (String, Outcome) {
    let proxy = Server::answering(Canned::json(403, "{}"));
    let proxy_url = proxy.url();
    let env: Vec<(&str, &str)> = env
        .iter()
        .copied()
        .chain([("HTTPS_PROXY", proxy_url.as_str())])
        .collect();
    let out = run(args, &env);
    let seen = proxy.finish();
    assert_eq!(seen.requests.len(), 1, "{seen:?}\n{}", out.stderr);
    let request = seen.only_request();
    assert_eq!(request.method, "CONNECT", "{request:?}");
    out.assert_code(255);
    (request.target.clone(), out)
}

fn host_of(url: &str) -> String {
    let host = url.strip_prefix("https://").expect("an https URL");
    format!("{}:443", host.trim_end_matches('/'))
}

/// A region or profile, and where the rules send it.
struct Partition {
    options: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    url: String,
    /// The signing region.
    region: &'static str,
}

#[test]
fn regions_of_every_partition_go_where_the_rules_send_them() {
    let home = Home::new("partitions", CONFIG);
    let cases: Vec<Partition> = vec![
        Partition {
            options: &["--region", "cn-north-1"],
            env: &[],
            url: official_url("cn-north-1", false, false),
            region: "cn-north-1",
        },
        Partition {
            options: &["--region", "us-isob-east-1"],
            env: &[],
            url: official_url("us-isob-east-1", false, false),
            region: "us-isob-east-1",
        },
        Partition {
            options: &["--region", "us-gov-east-1"],
            env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
            url: official_url("us-gov-east-1", false, true),
            region: "us-gov-east-1",
        },
        // Not among the model's cases: the GovCloud partition's dual-stack suffix is api.aws, the European
        // sovereign cloud's suffix amazonaws.eu (partitions.json).
        Partition {
            options: &["--region", "us-gov-west-1"],
            env: &[("AWS_USE_DUALSTACK_ENDPOINT", "true")],
            url: "https://social-messaging.us-gov-west-1.api.aws".to_owned(),
            region: "us-gov-west-1",
        },
        Partition {
            options: &["--region", "eusc-de-east-1"],
            env: &[],
            url: "https://social-messaging.eusc-de-east-1.amazonaws.eu".to_owned(),
            region: "eusc-de-east-1",
        },
        Partition {
            options: &["--profile", "fips"],
            env: &[],
            url: official_url("us-east-1", true, false),
            region: "us-east-1",
        },
        Partition {
            options: &["--region", "cn-north-1", "--profile", "dual"],
            env: &[],
            url: official_url("cn-north-1", false, true),
            region: "cn-north-1",
        },
    ];
    for Partition {
        options: extra,
        env,
        url,
        region,
    } in cases
    {
        let (host, out) =
            host_through_proxy(&args(&[&["--debug"], extra].concat()), &home.env(env));
        assert_eq!(host, host_of(&url), "{extra:?} {env:?}\n{}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("[debug] endpoint rules result: {url}\n")),
            "{}",
            out.stderr
        );
        assert!(
            out.stderr.contains(&format!(
                "[debug] signing: sigv4 as social-messaging in {region}\n"
            )),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn debug_says_why_the_endpoint_was_chosen() {
    let home = Home::new("why", CONFIG);
    let (_, out) = host_through_proxy(&args(&["--debug", "--profile", "fips"]), &home.env(&[]));
    for expected in [
        "[debug] endpoint settings: use_fips from use_fips_endpoint in profile fips\n",
        "[debug] endpoint rules parameters: ",
        "use_fips: Some(true)",
        "[debug] signing: sigv4 as social-messaging in us-east-1\n",
    ] {
        assert!(out.stderr.contains(expected), "{expected}\n{}", out.stderr);
    }
    assert!(!out.stderr.contains(SECRET_KEY), "{}", out.stderr);
}

#[test]
fn ignoring_configured_urls_goes_back_to_the_rules() {
    let server = Server::answering(Canned::json(200, "{}"));
    let home = Home::new("ignoring", &config_with_services(&server.url()));
    let url = server.url();
    let env = [
        ("AWS_ENDPOINT_URL", url.as_str()),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ];
    let (host, _) = host_through_proxy(&args(&["--region", "us-east-1"]), &home.env(&env));
    assert_eq!(host, host_of(&official_url("us-east-1", false, false)));
    let (host, _) = host_through_proxy(&args(&["--profile", "ignoring"]), &home.env(&[]));
    assert_eq!(host, host_of(&official_url("us-east-1", false, false)));
    server.finish().assert_nothing();
}

// ---------------------------------------------------------------------------------------------------------------
// Configured endpoints: loopback servers

/// Runs the binary and returns the one request the server got.
fn request_at(server: Server, args: &[String], env: &[(&str, &str)]) -> Received {
    let out = run(args, env);
    let seen = server.finish();
    out.assert_code(0);
    seen.only_request().clone()
}

fn ok_server() -> Server {
    Server::answering(Canned::json(200, "{\"signupCallbackResult\":{}}"))
}

#[test]
fn configured_urls_in_the_aws_cli_order() {
    // The service's variable wins over AWS_ENDPOINT_URL and the profile; signing is for the region.
    let server = ok_server();
    let home = Home::new(
        "service-variable",
        &config_with_services("http://127.0.0.1:7"),
    );
    let url = server.url();
    let env = [
        ("AWS_ENDPOINT_URL_SOCIALMESSAGING", url.as_str()),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:6"),
    ];
    let request = request_at(
        server,
        &args(&["--region", "eu-west-3", "--profile", "local"]),
        &home.env(&env),
    );
    assert_eq!(
        scope(&request),
        ("eu-west-3".to_owned(), "social-messaging".to_owned())
    );
    assert_eq!(request.target, "/v1/whatsapp/signup");

    // The profile's services section wins over its endpoint_url.
    let server = ok_server();
    let home = Home::new("services-section", &config_with_services(&server.url()));
    let request = request_at(
        server,
        &args(&["--region", "ap-south-1", "--profile", "local"]),
        &home.env(&[]),
    );
    assert_eq!(scope(&request).0, "ap-south-1");

    // AWS_ENDPOINT_URL wins over the profile; --endpoint-url over everything.
    let server = ok_server();
    let url = server.url();
    let home = Home::new(
        "global-variable",
        &config_with_services("http://127.0.0.1:7"),
    );
    let request = request_at(
        server,
        &args(&["--region", "us-west-2", "--profile", "local"]),
        &home.env(&[("AWS_ENDPOINT_URL", url.as_str())]),
    );
    assert_eq!(scope(&request).0, "us-west-2");
    let server = ok_server();
    let url = server.url();
    let request = request_at(
        server,
        &args(&["--region", "us-west-2", "--endpoint-url", &url]),
        &home.env(&[("AWS_ENDPOINT_URL_SOCIALMESSAGING", "http://127.0.0.1:6")]),
    );
    assert_eq!(scope(&request).0, "us-west-2");
}

// ---------------------------------------------------------------------------------------------------------------
// Errors: nothing is sent

/// A command that must fail before anything is sent.
struct Refused<'a> {
    args: Vec<String>,
    env: Vec<(&'a str, &'a str)>,
    code: i32,
    message: String,
}

#[test]
fn rule_set_and_configuration_errors_send_nothing() {
    let server = Server::answering(Canned::json(200, "{}"));
    let home = Home::new("errors", CONFIG);
    let url = server.url();
    let cases = vec![
        Refused {
            args: args(&["--region", "us-east-1", "--endpoint-url", &url]),
            env: vec![("AWS_USE_FIPS_ENDPOINT", "true")],
            code: 255,
            message: "Invalid Configuration: FIPS and custom endpoint are not supported\n".to_owned(),
        },
        Refused {
            args: args(&["--region", "us-east-1"]),
            env: vec![
                ("AWS_ENDPOINT_URL", url.as_str()),
                ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
            ],
            code: 255,
            message: "Invalid Configuration: Dualstack and custom endpoint are not supported\n".to_owned(),
        },
        Refused {
            args: args(&["--region", "us-east-1"]),
            env: vec![
                ("AWS_ENDPOINT_URL", url.as_str()),
                ("AWS_USE_FIPS_ENDPOINT", "yes"),
            ],
            code: 253,
            message: "The configured value \"yes\" for \"AWS_USE_FIPS_ENDPOINT\" is invalid. Valid values are: true, false.\n"
                .to_owned(),
        },
        Refused {
            args: args(&["--endpoint-url", &url, "--profile", "bad-fips"]),
            env: vec![],
            code: 253,
            message: "The configured value \"on\" for \"use_fips_endpoint\" is invalid. Valid values are: true, false.\n"
                .to_owned(),
        },
        Refused {
            args: args(&["--profile", "missing-services"]),
            env: vec![],
            code: 253,
            message: "The profile is configured to use the services section but the \"nowhere\" services configuration does not exist.\n"
                .to_owned(),
        },
    ];
    for Refused {
        args,
        env,
        code,
        message,
    } in cases
    {
        let out = run(&args, &home.env(&env));
        out.assert_code(code);
        assert_eq!(out.stderr, message, "{args:?} {env:?}");
        assert!(out.stdout.is_empty());
    }
    // Without a region and without a configured URL nothing is resolved (botocore's NoRegionError).
    let out = run(
        &args(&[]),
        &home.env(&[("AWS_CONFIG_FILE", "/nonexistent/config")]),
    );
    out.assert_code(253);
    assert!(
        out.stderr.starts_with("You must specify a region"),
        "{}",
        out.stderr
    );
    server.finish().assert_nothing();
}

// ---------------------------------------------------------------------------------------------------------------
// The generated resolver, on every case of the official model

#[test]
fn the_generated_resolver_passes_the_official_endpoint_tests() {
    let op = socialmessaging_cli::SERVICE
        .operation(OPERATION)
        .expect("the operation");
    let path = shared_dir().join("wire/input-typical.json");
    let input: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("typical input"))
            .expect("typical input is JSON");
    let mut checked = 0;
    for case in official_cases() {
        let params = &case["params"];
        let settings = EndpointSettings {
            region: params["Region"].as_str().map(str::to_owned),
            use_fips: params["UseFIPS"].as_bool().unwrap_or(false),
            use_dual_stack: params["UseDualStack"].as_bool().unwrap_or(false),
            endpoint_url: params["Endpoint"].as_str().map(str::to_owned),
            ..EndpointSettings::default()
        };
        let resolution = (op.resolve_endpoint)(&input, &settings);
        let expect = &case["expect"];
        match (&resolution.endpoint, expect["endpoint"]["url"].as_str()) {
            (Ok(endpoint), Some(url)) => assert_eq!(endpoint.url, url, "{case}"),
            (Err(error), None) => {
                assert_eq!(Some(error.as_str()), expect["error"].as_str(), "{case}")
            }
            (got, _) => panic!("{case}: got {got:?}"),
        }
        checked += 1;
    }
    assert!(checked >= 20);
}
