//! The credential chain of the real `socialmessaging` binary, each provider against loopback servers of our own
//! (STS, the SSO portal, the container and instance metadata services), with a temporary HOME: what each provider
//! sends, that the operation is then signed with what it got back, and that no secret reaches the output.

mod support;

use std::path::PathBuf;

use serde_json::json;
use support::{call, run, Canned, Outcome, Received, Reply, Server};

const STS_TEMP_KEY: &str = "ASIASTSTEMPKEY";
const STS_TEMP_SECRET: &str = "sts-Temp-Secret-Kq81";
const STS_TEMP_TOKEN: &str = "sts-Temp-Session-Token-Zx44";
const SOURCE_SECRET: &str = "source-Secret-Key-Lm02";

/// A temporary HOME holding `~/.aws/config` and `~/.aws/credentials`, removed at the end.
struct Home(PathBuf);

impl Home {
    fn new(tag: &str, config: &str, credentials: &str) -> Home {
        let dir = std::env::temp_dir().join(format!("creds-e2e-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws/sso/cache")).expect("temporary HOME");
        std::fs::write(dir.join(".aws/config"), config).expect("config");
        std::fs::write(dir.join(".aws/credentials"), credentials).expect("credentials");
        Home(dir)
    }

    fn path(&self) -> String {
        self.0.display().to_string()
    }

    fn file(&self, name: &str, text: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("file in HOME");
        path.display().to_string()
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The operation against `service` with a small valid input, `--debug`, and `extra`.
fn operation(service: &Server, extra: &[&str]) -> Vec<String> {
    let input = json!({"setupFinalization": {"associateInProgressToken": "tok-1",
        "phoneNumbers": [{"id": "phone-1", "twoFactorPin": "123456"}]}})
    .to_string();
    let mut args = vec!["--debug", "--cli-input-json", &input];
    args.extend_from_slice(extra);
    call(service, &args)
}

fn xml(status: u16, body: &str) -> Canned {
    Canned {
        status,
        headers: vec![("Content-Type".to_owned(), "text/xml".to_owned())],
        body: body.to_owned(),
    }
}

fn sts_answer(action: &str, key: &str, secret: &str, token: &str) -> Canned {
    xml(
        200,
        &format!(
            "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
             <Credentials><AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>\
             <SessionToken>{token}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
             <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/R/s</Arn></AssumedRoleUser>\
             </{action}Result></{action}Response>"
        ),
    )
}

fn ok() -> Canned {
    Canned::json(200, "{}")
}

/// The key id a SigV4 `authorization` header names, with its scope.
fn signed_by(request: &Received) -> String {
    let auth = request
        .header("authorization")
        .unwrap_or_else(|| panic!("request to {} is not signed", request.target));
    let credential = auth
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("no Credential in {auth}"));
    credential.to_owned()
}

/// The form fields of an awsQuery body, decoded.
fn form(request: &Received) -> Vec<(String, String)> {
    let body = String::from_utf8(request.body.clone()).expect("form body is UTF-8");
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (k.to_owned(), decode(v))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("percent escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

fn field(fields: &[(String, String)], name: &str) -> Option<String> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

fn assert_hidden(out: &Outcome, secrets: &[&str]) {
    for secret in secrets {
        for (channel, text) in [("stderr", &out.stderr), ("stdout", &out.stdout)] {
            assert!(
                !text.contains(secret),
                "{channel} shows the secret {secret:?}:\n{text}"
            );
        }
    }
}

fn env_with<'a>(home: &'a str, extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    [("HOME", home), ("AWS_MAX_ATTEMPTS", "1")]
        .into_iter()
        .chain(extra.iter().copied())
        .collect()
}

// ---------------------------------------------------------------------------------------------------------------
// Assume role

#[test]
fn assume_role_signs_sts_with_the_source_profile_and_the_call_with_the_role() {
    let sts = Server::answering(sts_answer(
        "AssumeRole",
        STS_TEMP_KEY,
        STS_TEMP_SECRET,
        STS_TEMP_TOKEN,
    ));
    let service = Server::answering(ok());
    let home = Home::new(
        "assume",
        "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/Demo\nsource_profile = base\n\
         role_session_name = my-session\nexternal_id = ext-77\nduration_seconds = 900\n",
        &format!(
            "[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = {SOURCE_SECRET}\n"
        ),
    );
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &["--profile", "r"]),
        &env_with(&home.path(), &[("AWS_ENDPOINT_URL_STS", &sts_url)]),
    );
    let (sts_seen, service_seen) = (sts.finish(), service.finish());
    out.assert_code(0);
    let request = sts_seen.only_request();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("POST", "/")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded; charset=utf-8")
    );
    let fields = form(request);
    assert_eq!(
        fields[..2],
        [
            ("Action".to_owned(), "AssumeRole".to_owned()),
            ("Version".to_owned(), "2011-06-15".to_owned())
        ]
    );
    assert_eq!(
        field(&fields, "RoleArn").as_deref(),
        Some("arn:aws:iam::123456789012:role/Demo")
    );
    assert_eq!(
        field(&fields, "RoleSessionName").as_deref(),
        Some("my-session")
    );
    assert_eq!(field(&fields, "ExternalId").as_deref(), Some("ext-77"));
    assert_eq!(field(&fields, "DurationSeconds").as_deref(), Some("900"));
    let by = signed_by(request);
    assert!(
        by.starts_with("AKIDSOURCE/") && by.ends_with("/us-east-1/sts/aws4_request"),
        "{by}"
    );
    let call = service_seen.only_request();
    assert!(
        signed_by(call).starts_with(&format!("{STS_TEMP_KEY}/")),
        "{}",
        signed_by(call)
    );
    assert_eq!(call.header("x-amz-security-token"), Some(STS_TEMP_TOKEN));
    assert!(
        out.stderr.contains("[debug] credentials from: assume-role"),
        "{}",
        out.stderr
    );
    assert_hidden(&out, &[SOURCE_SECRET, STS_TEMP_SECRET, STS_TEMP_TOKEN]);
}

#[test]
fn role_chains_are_followed_each_step_signed_with_the_one_before() {
    let sts = Server::start(Reply::With(vec![
        sts_answer("AssumeRole", "ASIAMIDDLE", "mid-Secret-1", "mid-Token-1"),
        sts_answer("AssumeRole", "ASIATOP", "top-Secret-2", "top-Token-2"),
    ]));
    let service = Server::answering(ok());
    let home = Home::new(
        "chain",
        "[profile top]\nrole_arn = arn:aws:iam::1:role/Top\nsource_profile = middle\n\
         [profile middle]\nrole_arn = arn:aws:iam::1:role/Middle\nsource_profile = base\n\
         [profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-Secret-0\n",
        "",
    );
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[("AWS_ENDPOINT_URL_STS", &sts_url), ("AWS_PROFILE", "top")],
        ),
    );
    let (sts_seen, service_seen) = (sts.finish(), service.finish());
    out.assert_code(0);
    let [first, second] = sts_seen.requests.as_slice() else {
        panic!("two AssumeRole calls expected: {sts_seen:#?}");
    };
    assert!(signed_by(first).starts_with("AKIDBASE/"));
    assert_eq!(
        field(&form(first), "RoleArn").as_deref(),
        Some("arn:aws:iam::1:role/Middle")
    );
    assert!(signed_by(second).starts_with("ASIAMIDDLE/"));
    assert_eq!(second.header("x-amz-security-token"), Some("mid-Token-1"));
    assert_eq!(
        field(&form(second), "RoleArn").as_deref(),
        Some("arn:aws:iam::1:role/Top")
    );
    // Without role_session_name, botocore's default name.
    assert!(field(&form(second), "RoleSessionName")
        .unwrap()
        .starts_with("botocore-session-"));
    assert!(signed_by(service_seen.only_request()).starts_with("ASIATOP/"));
    assert_hidden(
        &out,
        &[
            "base-Secret-0",
            "mid-Secret-1",
            "mid-Token-1",
            "top-Secret-2",
            "top-Token-2",
        ],
    );
}

#[test]
fn a_loop_of_source_profiles_is_a_configuration_error_naming_them() {
    let service = Server::answering(ok());
    let home = Home::new(
        "loop",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n\
         [profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n",
        "",
    );
    let out = run(
        &operation(&service, &["--profile", "a"]),
        &env_with(&home.path(), &[]),
    );
    out.assert_code(253);
    assert!(
        out.stderr.contains(
            "Infinite loop in credential configuration detected. Attempting to load from profile a which \
             has already been visited. Visited profiles: a, b"
        ),
        "{}",
        out.stderr
    );
    service.finish().assert_nothing();
}

#[test]
fn mfa_serial_without_a_terminal_is_a_clear_error() {
    let sts = Server::answering(sts_answer(
        "AssumeRole",
        STS_TEMP_KEY,
        STS_TEMP_SECRET,
        STS_TEMP_TOKEN,
    ));
    let service = Server::answering(ok());
    let home = Home::new(
        "mfa",
        "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::1:mfa/me\n",
        &format!(
            "[base]\naws_access_key_id = AKIDSOURCE\naws_secret_access_key = {SOURCE_SECRET}\n"
        ),
    );
    let sts_url = sts.url();
    // The test's standard input is /dev/null: there is no one to type the code.
    let out = run(
        &operation(&service, &["--profile", "r"]),
        &env_with(&home.path(), &[("AWS_ENDPOINT_URL_STS", &sts_url)]),
    );
    out.assert_code(253);
    assert!(
        out.stderr.contains(
            "The profile \"r\" has mfa_serial set: the MFA code must be typed at a terminal"
        ),
        "{}",
        out.stderr
    );
    sts.finish().assert_nothing();
    service.finish().assert_nothing();
}

#[test]
fn credential_source_environment_with_an_explicit_profile() {
    let sts = Server::answering(sts_answer(
        "AssumeRole",
        STS_TEMP_KEY,
        STS_TEMP_SECRET,
        STS_TEMP_TOKEN,
    ));
    let service = Server::answering(ok());
    let home = Home::new(
        "source-env",
        "[profile r]\nrole_arn = arn:aws:iam::1:role/R\ncredential_source = Environment\n",
        "",
    );
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &["--profile", "r"]),
        &env_with(
            &home.path(),
            &[
                ("AWS_ENDPOINT_URL_STS", &sts_url),
                ("AWS_ACCESS_KEY_ID", "AKIDENV"),
                ("AWS_SECRET_ACCESS_KEY", SOURCE_SECRET),
            ],
        ),
    );
    let (sts_seen, service_seen) = (sts.finish(), service.finish());
    out.assert_code(0);
    assert!(signed_by(sts_seen.only_request()).starts_with("AKIDENV/"));
    assert!(signed_by(service_seen.only_request()).starts_with(&format!("{STS_TEMP_KEY}/")));
}

#[test]
fn an_sts_error_is_the_aws_cli_message_and_nothing_is_called() {
    let sts = Server::answering(xml(
        403,
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>\
         <Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message>\
         </Error><RequestId>x</RequestId></ErrorResponse>",
    ));
    let service = Server::answering(ok());
    let home = Home::new(
        "sts-error",
        "[profile r]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = r\n\
         aws_access_key_id = AKIDSELF\naws_secret_access_key = self-Secret-9\n",
        "",
    );
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &["--profile", "r"]),
        &env_with(&home.path(), &[("AWS_ENDPOINT_URL_STS", &sts_url)]),
    );
    // A profile may name itself as its source to use its own keys.
    assert!(signed_by(sts.finish().only_request()).starts_with("AKIDSELF/"));
    out.assert_code(254);
    assert!(
        out.stderr.ends_with(
            "An error occurred (AccessDenied) when calling the AssumeRole operation: User is not authorized \
             to perform: sts:AssumeRole\n"
        ),
        "{}",
        out.stderr
    );
    assert_hidden(&out, &["self-Secret-9"]);
    service.finish().assert_nothing();
}

// ---------------------------------------------------------------------------------------------------------------
// Web identity

#[test]
fn web_identity_from_the_environment_is_unsigned_and_never_shows_the_token() {
    const WEB_TOKEN: &str = "eyJ-web-Identity-Token.Pq9/+=";
    let sts = Server::answering(sts_answer(
        "AssumeRoleWithWebIdentity",
        STS_TEMP_KEY,
        STS_TEMP_SECRET,
        STS_TEMP_TOKEN,
    ));
    let service = Server::answering(ok());
    let home = Home::new("web-env", "", "");
    let token_file = home.file("token", &format!("{WEB_TOKEN}\n"));
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[
                ("AWS_ENDPOINT_URL_STS", &sts_url),
                ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_file),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Web"),
                ("AWS_ROLE_SESSION_NAME", "pod-1"),
            ],
        ),
    );
    let (sts_seen, service_seen) = (sts.finish(), service.finish());
    out.assert_code(0);
    let request = sts_seen.only_request();
    assert_eq!(request.header("authorization"), None);
    let fields = form(request);
    assert_eq!(
        field(&fields, "Action").as_deref(),
        Some("AssumeRoleWithWebIdentity")
    );
    assert_eq!(
        field(&fields, "RoleArn").as_deref(),
        Some("arn:aws:iam::1:role/Web")
    );
    assert_eq!(field(&fields, "RoleSessionName").as_deref(), Some("pod-1"));
    assert_eq!(
        field(&fields, "WebIdentityToken").as_deref(),
        Some(WEB_TOKEN)
    );
    assert!(signed_by(service_seen.only_request()).starts_with(&format!("{STS_TEMP_KEY}/")));
    assert!(
        out.stderr
            .contains("credentials from: assume-role-with-web-identity"),
        "{}",
        out.stderr
    );
    assert_hidden(&out, &[WEB_TOKEN, STS_TEMP_SECRET, STS_TEMP_TOKEN]);
}

#[test]
fn web_identity_from_the_profile_and_an_sts_error_echoing_the_token() {
    const WEB_TOKEN: &str = "web-Token-Echoed-Back-7Yh";
    let sts = Server::answering(xml(
        400,
        &format!(
            "<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>Bad token {WEB_TOKEN}</Message>\
             </Error></ErrorResponse>"
        ),
    ));
    let service = Server::answering(ok());
    let home = Home::new("web-profile", "", "");
    let token_file = home.file("token", WEB_TOKEN);
    std::fs::write(
        home.0.join(".aws/config"),
        format!("[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = {token_file}\n"),
    )
    .expect("config");
    let sts_url = sts.url();
    let out = run(
        &operation(&service, &["--profile", "w"]),
        &env_with(&home.path(), &[("AWS_ENDPOINT_URL_STS", &sts_url)]),
    );
    let sts_seen = sts.finish();
    assert_eq!(
        field(&form(sts_seen.only_request()), "WebIdentityToken").as_deref(),
        Some(WEB_TOKEN)
    );
    out.assert_code(254);
    assert!(out
        .stderr
        .contains("(InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity"));
    assert_hidden(&out, &[WEB_TOKEN]);
    service.finish().assert_nothing();
}

// ---------------------------------------------------------------------------------------------------------------
// SSO

const SSO_CONFIG: &str = "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\n\
                          sso_role_name = Admin\n\
                          [sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n";
/// The SHA-1 of `corp`: the AWS CLI's cache file name for that session.
const CORP_CACHE: &str = ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json";

#[test]
fn sso_uses_the_cached_token_for_get_role_credentials() {
    const SSO_TOKEN: &str = "sso-Access-Token-Rt55";
    let portal = Server::answering(Canned::json(
        200,
        r#"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-Secret-Vb3",
            "sessionToken": "sso-Session-Token-Nn8", "expiration": 4102444800000}}"#,
    ));
    let service = Server::answering(ok());
    let home = Home::new("sso", SSO_CONFIG, "");
    home.file(
        CORP_CACHE,
        &format!(r#"{{"accessToken": "{SSO_TOKEN}", "expiresAt": "2099-01-01T00:00:00Z", "region": "eu-west-1"}}"#),
    );
    let portal_url = portal.url();
    let out = run(
        &operation(&service, &["--profile", "dev"]),
        &env_with(&home.path(), &[("AWS_ENDPOINT_URL_SSO", &portal_url)]),
    );
    let (portal_seen, service_seen) = (portal.finish(), service.finish());
    out.assert_code(0);
    let request = portal_seen.only_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/federation/credentials?account_id=111122223333&role_name=Admin"
    );
    assert_eq!(request.header("x-amz-sso_bearer_token"), Some(SSO_TOKEN));
    let call = service_seen.only_request();
    assert!(signed_by(call).starts_with("ASIASSO/"));
    assert_eq!(
        call.header("x-amz-security-token"),
        Some("sso-Session-Token-Nn8")
    );
    assert!(
        out.stderr.contains("credentials from: sso"),
        "{}",
        out.stderr
    );
    assert_hidden(
        &out,
        &[SSO_TOKEN, "sso-Secret-Vb3", "sso-Session-Token-Nn8"],
    );
}

#[test]
fn sso_without_a_valid_token_asks_for_aws_sso_login() {
    let service = Server::answering(ok());
    let home = Home::new("sso-expired", SSO_CONFIG, "");
    let out = run(
        &operation(&service, &["--profile", "dev"]),
        &env_with(&home.path(), &[]),
    );
    out.assert_code(253);
    assert!(
        out.stderr
            .ends_with("Error loading SSO Token: Token for corp does not exist\n"),
        "{}",
        out.stderr
    );
    home.file(
        CORP_CACHE,
        r#"{"accessToken": "sso-Old-Token-Ee1", "expiresAt": "2020-01-01T00:00:00Z"}"#,
    );
    let out = run(
        &operation(&service, &["--profile", "dev"]),
        &env_with(&home.path(), &[]),
    );
    out.assert_code(253);
    assert!(out.stderr.contains("has expired"), "{}", out.stderr);
    assert!(out.stderr.contains("run aws sso login"), "{}", out.stderr);
    assert_hidden(&out, &["sso-Old-Token-Ee1"]);
    service.finish().assert_nothing();
}

// ---------------------------------------------------------------------------------------------------------------
// Container and instance metadata

fn metadata_credentials(key: &str) -> Canned {
    Canned::json(
        200,
        &format!(
            r#"{{"Code": "Success", "AccessKeyId": "{key}", "SecretAccessKey": "meta-Secret-Ws6",
                "Token": "meta-Token-Ju7", "Expiration": "2099-01-01T00:00:00Z"}}"#
        ),
    )
}

#[test]
fn container_credentials_from_a_full_uri_with_a_token_file() {
    let container = Server::answering(metadata_credentials("ASIACONTAINER"));
    let service = Server::answering(ok());
    let home = Home::new("container", "", "");
    let token_file = home.file("container-token", "container-Auth-Token-Gg2\n");
    let uri = format!("{}/v2/credentials/abc", container.url());
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
            ],
        ),
    );
    let (seen, service_seen) = (container.finish(), service.finish());
    out.assert_code(0);
    let request = seen.only_request();
    assert_eq!(
        (request.method.as_str(), request.target.as_str()),
        ("GET", "/v2/credentials/abc")
    );
    assert_eq!(
        request.header("authorization"),
        Some("container-Auth-Token-Gg2")
    );
    let call = service_seen.only_request();
    assert!(signed_by(call).starts_with("ASIACONTAINER/"));
    assert_eq!(call.header("x-amz-security-token"), Some("meta-Token-Ju7"));
    assert!(
        out.stderr.contains("credentials from: container-role"),
        "{}",
        out.stderr
    );
    assert_hidden(
        &out,
        &[
            "container-Auth-Token-Gg2",
            "meta-Secret-Ws6",
            "meta-Token-Ju7",
        ],
    );
}

#[test]
fn container_errors_are_retried_then_reported_without_the_token() {
    let container = Server::start(Reply::With(vec![
        Canned::json(500, "{}"),
        metadata_credentials("ASIARETRIED"),
    ]));
    let service = Server::answering(ok());
    let home = Home::new("container-retry", "", "");
    let uri = format!("{}/creds", container.url());
    let vars = [
        ("HOME", home.path()),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "container-Inline-Token-Rr5".to_owned(),
        ),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run(&operation(&service, &[]), &vars);
    out.assert_code(0);
    assert_eq!(
        container.finish().requests.len(),
        2,
        "one retry after the 500"
    );
    assert!(signed_by(service.finish().only_request()).starts_with("ASIARETRIED/"));

    // A 4xx is final: the error names the provider and the status, never the token.
    let denied = Server::answering(Canned::json(403, "{}"));
    let service = Server::answering(ok());
    let uri = format!("{}/creds", denied.url());
    let vars = [
        ("HOME", home.path()),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            "container-Inline-Token-Rr5".to_owned(),
        ),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let out = run(&operation(&service, &[]), &vars);
    out.assert_code(253);
    assert!(
        out.stderr
            .contains("Error when retrieving credentials from container-role: HTTP 403"),
        "{}",
        out.stderr
    );
    assert_hidden(&out, &["container-Inline-Token-Rr5"]);
    assert_eq!(denied.finish().requests.len(), 1);
    service.finish().assert_nothing();
}

#[test]
fn container_full_uri_must_be_a_host_the_sdks_allow() {
    let service = Server::answering(ok());
    let home = Home::new("container-host", "", "");
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[
                (
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                    "http://192.0.2.1/creds",
                ),
                (
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                    "container-Inline-Token-Pp4",
                ),
            ],
        ),
    );
    out.assert_code(253);
    assert!(
        out.stderr
            .contains("Unsupported host in AWS_CONTAINER_CREDENTIALS_FULL_URI"),
        "{}",
        out.stderr
    );
    assert_hidden(&out, &["container-Inline-Token-Pp4"]);
    service.finish().assert_nothing();
}

#[test]
fn instance_metadata_imdsv2_token_role_and_credentials() {
    let imds = Server::start(Reply::With(vec![
        Canned {
            status: 200,
            headers: Vec::new(),
            body: "imds-Session-Token-Cc9".to_owned(),
        },
        Canned {
            status: 200,
            headers: Vec::new(),
            body: "my-instance-role\n".to_owned(),
        },
        metadata_credentials("ASIAIMDS"),
    ]));
    let service = Server::answering(ok());
    let home = Home::new("imds", "", "");
    let endpoint = imds.url();
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[
                ("AWS_EC2_METADATA_DISABLED", "false"),
                ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
            ],
        ),
    );
    let (seen, service_seen) = (imds.finish(), service.finish());
    out.assert_code(0);
    let [token, role, creds] = seen.requests.as_slice() else {
        panic!("three metadata requests expected: {seen:#?}");
    };
    assert_eq!(
        (token.method.as_str(), token.target.as_str()),
        ("PUT", "/latest/api/token")
    );
    assert_eq!(
        token.header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
    assert_eq!(role.target, "/latest/meta-data/iam/security-credentials/");
    assert_eq!(
        creds.target,
        "/latest/meta-data/iam/security-credentials/my-instance-role"
    );
    for request in [role, creds] {
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.header("x-aws-ec2-metadata-token"),
            Some("imds-Session-Token-Cc9")
        );
    }
    assert!(signed_by(service_seen.only_request()).starts_with("ASIAIMDS/"));
    assert!(
        out.stderr.contains("credentials from: iam-role"),
        "{}",
        out.stderr
    );
    assert_hidden(
        &out,
        &[
            "imds-Session-Token-Cc9",
            "meta-Secret-Ws6",
            "meta-Token-Ju7",
        ],
    );
}

#[test]
fn instance_metadata_without_tokens_falls_back_to_imdsv1_unless_disabled() {
    let answers = || {
        vec![
            Canned {
                status: 404,
                headers: Vec::new(),
                body: String::new(),
            },
            Canned {
                status: 200,
                headers: Vec::new(),
                body: "old-role".to_owned(),
            },
            metadata_credentials("ASIAIMDSV1"),
        ]
    };
    let home = Home::new("imds-v1", "", "");
    for (v1_disabled, code) in [("false", 0), ("true", 253)] {
        let imds = Server::start(Reply::With(answers()));
        let service = Server::answering(ok());
        let endpoint = imds.url();
        let out = run(
            &operation(&service, &[]),
            &env_with(
                &home.path(),
                &[
                    ("AWS_EC2_METADATA_DISABLED", "false"),
                    ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
                    ("AWS_EC2_METADATA_V1_DISABLED", v1_disabled),
                ],
            ),
        );
        let (seen, service_seen) = (imds.finish(), service.finish());
        out.assert_code(code);
        if code == 0 {
            let targets: Vec<&str> = seen.requests.iter().map(|r| r.target.as_str()).collect();
            assert_eq!(
                targets,
                [
                    "/latest/api/token",
                    "/latest/meta-data/iam/security-credentials/",
                    "/latest/meta-data/iam/security-credentials/old-role"
                ]
            );
            assert!(seen.requests[1..]
                .iter()
                .all(|r| r.header("x-aws-ec2-metadata-token").is_none()));
            assert!(signed_by(service_seen.only_request()).starts_with("ASIAIMDSV1/"));
        } else {
            assert_eq!(seen.requests.len(), 1, "only the token was asked for");
            service_seen.assert_nothing();
        }
    }
}

#[test]
fn no_instance_metadata_service_means_no_credentials() {
    // A loopback port with nothing listening: the provider gives up at once, as off EC2.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let endpoint = format!(
        "http://127.0.0.1:{}",
        closed.local_addr().expect("addr").port()
    );
    drop(closed);
    let service = Server::answering(ok());
    let home = Home::new("imds-none", "", "");
    let out = run(
        &operation(&service, &[]),
        &env_with(
            &home.path(),
            &[
                ("AWS_EC2_METADATA_DISABLED", "false"),
                ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint),
            ],
        ),
    );
    out.assert_code(253);
    assert!(
        out.stderr.contains("Unable to locate credentials"),
        "{}",
        out.stderr
    );
    assert!(out.elapsed.as_secs() < 10, "{:?}", out.elapsed);
    service.finish().assert_nothing();
}
