//! `Config::from_env` of a generated crate's client reading the shared `config` and
//! `credentials` files as the AWS CLI (and this project's command line, the same code) does:
//! region, keys, `credential_process` (run once and cached until its credentials expire),
//! endpoint URL from the `[services]` section, FIPS, dual-stack and retries. Each test has its
//! own HOME; nothing reaches instance metadata or any host but the loopback servers it starts.

use std::io::{ErrorKind, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use socialmessaging::blocking::Client;
use socialmessaging::client::{Config, RetryMode};
use socialmessaging::types::{WabaPhoneNumberSetupFinalization, WhatsAppSetupFinalization};

const OK_BODY: &str = r#"{"signupCallbackResult":{"associateInProgressToken":"tok-9"}}"#;

/// A HOME with `.aws/config` and `.aws/credentials`, removed when dropped.
struct Home {
    dir: PathBuf,
}

impl Home {
    fn new(config: &str, credentials: &str) -> Home {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "client-config-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
        Home { dir }
    }

    /// The variables: HOME, instance metadata off, and `extra`.
    fn env(&self, extra: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let mut vars: Vec<(String, String)> = vec![
            ("HOME".into(), self.dir.display().to_string()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
        ];
        vars.extend(extra.iter().map(|(n, v)| (n.to_string(), v.to_string())));
        move |name: &str| vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Answers `count` requests with `body` (`OK_BODY` for the service), recording each one's
/// Authorization header; ends after that or 20 s.
struct Server {
    url: String,
    authorizations: Arc<Mutex<Vec<String>>>,
    thread: JoinHandle<()>,
}

impl Server {
    fn start(count: usize) -> Server {
        Server::answering(count, OK_BODY)
    }

    fn answering(count: usize, body: &'static str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let authorizations = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&authorizations);
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            let mut served = 0;
            while served < count && started.elapsed() < Duration::from_secs(20) {
                let mut stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                        continue;
                    }
                    Err(e) => panic!("accept: {e}"),
                };
                served += 1;
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let Some(head) =
                    smithy_codegen_tests::read_http_request(&mut stream).map(|(head, _)| head)
                else {
                    continue;
                };
                let authorization = head
                    .lines()
                    .filter_map(|l| l.split_once(':'))
                    .find(|(n, _)| n.eq_ignore_ascii_case("authorization"))
                    .map(|(_, v)| v.trim().to_owned())
                    .unwrap_or_default();
                log.lock().unwrap().push(authorization);
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes());
            }
        });
        Server {
            url,
            authorizations,
            thread,
        }
    }

    fn finish(self) -> Vec<String> {
        self.thread.join().unwrap();
        let seen = self.authorizations.lock().unwrap().clone();
        seen
    }
}

fn finalization() -> WhatsAppSetupFinalization {
    let phone = WabaPhoneNumberSetupFinalization::builder()
        .id("phone-number-id-01234567890123456789012345678901")
        .two_factor_pin("123456")
        .build()
        .unwrap();
    WhatsAppSetupFinalization::builder()
        .associate_in_progress_token("tok-123")
        .phone_numbers(vec![phone])
        .build()
        .unwrap()
}

fn call(client: &Client) {
    client
        .associate_whats_app_business_account()
        .setup_finalization(finalization())
        .send()
        .unwrap();
}

fn key_id(config: &Config) -> String {
    let provider = config.credentials_provider().expect("credentials");
    provider
        .provide_credentials()
        .unwrap()
        .access_key_id()
        .to_owned()
}

#[test]
fn a_configuration_made_by_aws_configure_works_unchanged() {
    let home = Home::new(
        "[default]\nregion = eu-west-3\noutput = json\nmax_attempts = 6\nretry_mode = adaptive\n\
         use_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\n",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = FILESECRET\n",
    );
    let config = Config::from_env_with(home.env(&[])).unwrap();
    assert_eq!(config.region(), Some("eu-west-3"));
    assert_eq!(config.retry_config().max_attempts, 6);
    assert_eq!(config.retry_config().mode, RetryMode::Adaptive);
    assert!(config.use_fips() && config.use_dual_stack());
    assert_eq!(config.endpoint_url(), None);
    assert_eq!(key_id(&config), "AKIDFILE");
    let debug = format!("{config:?}");
    assert!(!debug.contains("FILESECRET"), "{debug}");

    // The environment comes first, as for the AWS CLI.
    let config = Config::from_env_with(home.env(&[
        ("AWS_REGION", "us-west-2"),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"),
        ("AWS_MAX_ATTEMPTS", "2"),
        ("AWS_USE_FIPS_ENDPOINT", "false"),
    ]))
    .unwrap();
    assert_eq!(config.region(), Some("us-west-2"));
    assert_eq!(config.retry_config().max_attempts, 2);
    assert!(!config.use_fips() && config.use_dual_stack());
    assert_eq!(key_id(&config), "AKIDENV");
}

#[test]
fn aws_profile_selects_a_profile_and_a_missing_one_is_an_error() {
    let home = Home::new(
        "[default]\nregion = eu-west-3\n[profile work]\nregion = ap-south-1\n\
         aws_access_key_id = AKIDWORK\naws_secret_access_key = S\n",
        "",
    );
    let config = Config::from_env_with(home.env(&[("AWS_PROFILE", "work")])).unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert_eq!(key_id(&config), "AKIDWORK");
    let error = Config::from_env_with(home.env(&[("AWS_PROFILE", "nope")])).unwrap_err();
    assert!(
        error.to_string().contains("(nope) could not be found"),
        "{error}"
    );
    for (config, credentials) in [
        ("[default]\nuse_fips_endpoint = yes\n", ""),
        ("[default]\nmax_attempts = 0\n", ""),
        ("[default]\nretry_mode = fast\n", ""),
        ("[default]\nregion\n", ""),
    ] {
        let home = Home::new(config, credentials);
        assert!(
            Config::from_env_with(home.env(&[])).is_err(),
            "{config:?} {credentials:?}"
        );
    }
}

#[test]
fn the_services_section_sends_the_calls_to_its_endpoint() {
    let server = Server::start(1);
    let home = Home::new(
        &format!(
            "[default]\nregion = us-east-1\nservices = local\nendpoint_url = http://127.0.0.1:9\n\
             [services local]\nsocialmessaging =\n  endpoint_url = {}\n",
            server.url
        ),
        "[default]\naws_access_key_id = AKIDSVC\naws_secret_access_key = S\n",
    );
    let config = Config::from_env_with(home.env(&[])).unwrap();
    // The URL is the service's, found when its client is made; the shared configuration has none.
    assert_eq!(config.endpoint_url(), None);
    let client = Client::new(&config);
    assert_eq!(client.config().endpoint_url(), Some(server.url.as_str()));
    call(&client);
    let seen = server.finish();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].contains("Credential=AKIDSVC/"), "{}", seen[0]);

    // The service's variable outranks AWS_ENDPOINT_URL and the files; the ignore setting
    // leaves the endpoint to the rules.
    let env = home.env(&[
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:7"),
        ("AWS_ENDPOINT_URL_SOCIALMESSAGING", "http://127.0.0.1:8/"),
    ]);
    let config = Config::from_env_with(env).unwrap();
    let endpoint_url = |config: &Config| {
        Client::new(config)
            .config()
            .endpoint_url()
            .map(str::to_owned)
    };
    assert_eq!(endpoint_url(&config).as_deref(), Some("http://127.0.0.1:8"));
    let env = home.env(&[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")]);
    assert_eq!(endpoint_url(&Config::from_env_with(env).unwrap()), None);
}

/// A `credential_process` that appends a line to `runs` each time it runs.
fn process_profile(home_runs: &Path, expiration: &str) -> String {
    format!(
        "[default]\nregion = us-east-1\ncredential_process = sh -c 'echo run >> {}; \
         echo \"{{\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIDPROC\\\", \
         \\\"SecretAccessKey\\\": \\\"S\\\", \\\"SessionToken\\\": \\\"T\\\", \
         \\\"Expiration\\\": \\\"{expiration}\\\"}}\"'\n",
        home_runs.display()
    )
}

fn runs(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn credential_process_runs_on_first_use_and_is_cached_until_expiry() {
    let placeholder = Home::new("", "");
    let runs_file = placeholder.path("runs");
    let home = Home::new(&process_profile(&runs_file, "2999-01-01T00:00:00Z"), "");
    let server = Server::start(2);
    let config = Config::from_env_with(home.env(&[("AWS_ENDPOINT_URL", &server.url)])).unwrap();
    assert_eq!(
        runs(&runs_file),
        0,
        "the process runs on first use, not before"
    );
    let client = Client::new(&config);
    call(&client);
    call(&client);
    let seen = server.finish();
    assert_eq!(seen.len(), 2);
    assert!(
        seen.iter().all(|a| a.contains("Credential=AKIDPROC/")),
        "{seen:?}"
    );
    assert_eq!(runs(&runs_file), 1, "valid credentials are reused");

    // Credentials already expired are fetched again on each use.
    let expired_runs = placeholder.path("expired-runs");
    let home = Home::new(&process_profile(&expired_runs, "2001-01-01T00:00:00Z"), "");
    let config = Config::from_env_with(home.env(&[])).unwrap();
    key_id(&config);
    key_id(&config);
    assert_eq!(runs(&expired_runs), 2);
}

const STS_BODY: &str = "<AssumeRoleResponse><AssumeRoleResult><Credentials>\
    <AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>ROLESECRET</SecretAccessKey>\
    <SessionToken>ROLETOKEN</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration>\
    </Credentials></AssumeRoleResult></AssumeRoleResponse>";

#[test]
fn a_role_is_assumed_once_with_the_source_profiles_keys() {
    let sts = Server::answering(1, STS_BODY);
    let service = Server::start(2);
    let home = Home::new(
        "[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::123456789012:role/R\n\
         source_profile = base\n[profile base]\nregion = us-east-1\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = BASESECRET\n",
    );
    let config = Config::from_env_with(home.env(&[
        ("AWS_ENDPOINT_URL_STS", &sts.url),
        ("AWS_ENDPOINT_URL_SOCIALMESSAGING", &service.url),
    ]))
    .unwrap();
    let client = Client::new(&config);
    call(&client);
    call(&client);
    let to_sts = sts.finish();
    assert_eq!(
        to_sts.len(),
        1,
        "the role's credentials are kept until they expire"
    );
    assert!(to_sts[0].contains("Credential=AKIDBASE/"), "{}", to_sts[0]);
    let to_service = service.finish();
    assert_eq!(to_service.len(), 2);
    assert!(
        to_service
            .iter()
            .all(|a| a.contains("Credential=ASIAROLE/")),
        "{to_service:?}"
    );
}

#[test]
fn container_credentials_come_from_the_full_uri() {
    let container = Server::answering(
        1,
        r#"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"S","Token":"T","Expiration":"2999-01-01T00:00:00Z"}"#,
    );
    let home = Home::new("[default]\nregion = us-east-1\n", "");
    let uri = format!("{}/creds", container.url);
    let config =
        Config::from_env_with(home.env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri.as_str())]))
            .unwrap();
    assert_eq!(key_id(&config), "ASIACONTAINER");
    assert_eq!(key_id(&config), "ASIACONTAINER");
    assert_eq!(container.finish().len(), 1);
}

#[test]
fn a_role_needing_an_mfa_code_or_no_credentials_at_all_is_an_error_on_use() {
    let home = Home::new(
        "[default]\nregion = us-east-1\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = base\n\
         mfa_serial = arn:aws:iam::1:mfa/me\n[profile base]\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = S\n",
    );
    let config = Config::from_env_with(home.env(&[])).unwrap();
    let error = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .unwrap_err();
    assert!(error.message().contains("mfa_serial"), "{error}");

    // Half a key pair, as botocore: an error when the chain reaches it, not a reason to look further.
    let home = Home::new("", "[default]\naws_access_key_id = AKID\n");
    let config = Config::from_env_with(home.env(&[])).unwrap();
    let error = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .unwrap_err();
    assert!(
        error
            .message()
            .contains("Partial credentials found in shared-credentials-file"),
        "{error}"
    );

    // Nothing anywhere (instance metadata off): from_env succeeds, a signed call fails.
    let home = Home::new("[default]\nregion = us-east-1\n", "");
    let config = Config::from_env_with(home.env(&[])).unwrap();
    let error = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .unwrap_err();
    assert!(
        error.message().contains("Unable to locate credentials"),
        "{error}"
    );
}

#[test]
fn web_identity_asks_sts_unsigned_with_the_token_file() {
    let sts = Server::answering(1, STS_BODY);
    let home = Home::new("[default]\nregion = us-east-1\n", "");
    let token = home.path("token");
    std::fs::write(&token, "eyJ-web-identity-token\n").unwrap();
    let token = token.display().to_string();
    let config = Config::from_env_with(home.env(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token.as_str()),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/R"),
        ("AWS_ENDPOINT_URL_STS", sts.url.as_str()),
    ]))
    .unwrap();
    assert_eq!(key_id(&config), "ASIAROLE");
    let expiry = config
        .credentials_provider()
        .unwrap()
        .provide_credentials()
        .unwrap()
        .expiry();
    assert!(expiry.is_some(), "the Expiration STS gave is kept");
    let to_sts = sts.finish();
    assert_eq!(
        to_sts,
        vec![String::new()],
        "AssumeRoleWithWebIdentity is unsigned"
    );
}

#[test]
fn a_ca_bundle_is_read_from_the_environment_or_the_profile_and_a_bad_one_is_an_error() {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned()]).unwrap();
    let home = Home::new("[default]\nregion = eu-west-3\n", "");
    let good = home.path("good.pem");
    std::fs::write(&good, certified.cert.pem()).unwrap();
    let not_pem = home.path("not.pem");
    std::fs::write(&not_pem, "no certificate here\n").unwrap();
    let good = good.display().to_string();
    let not_pem = not_pem.display().to_string();

    let config = Config::from_env_with(home.env(&[("AWS_CA_BUNDLE", good.as_str())])).unwrap();
    assert!(
        format!("{config:?}").contains("root_certificates: Some(1)"),
        "{config:?}"
    );
    let missing = Config::from_env_with(home.env(&[("AWS_CA_BUNDLE", "/nonexistent/ca.pem")]))
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("invalid path: /nonexistent/ca.pem"),
        "{missing}"
    );

    // The profile's `ca_bundle` when the variable is unset.
    let in_profile = Home::new(
        &format!("[default]\nregion = eu-west-3\nca_bundle = {not_pem}\n"),
        "",
    );
    let error = Config::from_env_with(in_profile.env(&[]))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&not_pem) && error.contains("no PEM certificate"),
        "{error}"
    );

    // Set in code.
    assert!(Config::builder().ca_bundle(&good).is_ok());
    assert!(Config::builder().ca_bundle(&not_pem).is_err());
    // Without one, the built-in roots.
    let plain = Config::from_env_with(home.env(&[])).unwrap();
    assert!(
        format!("{plain:?}").contains("root_certificates: None"),
        "{plain:?}"
    );
}

/// The checksum settings (`@httpChecksum`): `AWS_REQUEST_CHECKSUM_CALCULATION` and
/// `AWS_RESPONSE_CHECKSUM_VALIDATION` over the profile's keys of the same names, in any case;
/// anything but `when_supported`/`when_required` is an error naming the setting.
#[test]
fn checksum_settings_come_from_the_environment_then_the_profile() {
    use socialmessaging::client::ChecksumWhen::{WhenRequired, WhenSupported};
    let plain = Home::new("[default]\nregion = us-east-1\n", "");
    let config = Config::from_env_with(plain.env(&[])).unwrap();
    assert_eq!(config.request_checksum_calculation(), WhenSupported);
    assert_eq!(config.response_checksum_validation(), WhenSupported);

    let profile = Home::new(
        "[default]\nrequest_checksum_calculation = when_required\nresponse_checksum_validation = WHEN_REQUIRED\n",
        "",
    );
    let config = Config::from_env_with(profile.env(&[])).unwrap();
    assert_eq!(config.request_checksum_calculation(), WhenRequired);
    assert_eq!(config.response_checksum_validation(), WhenRequired);
    let config = Config::from_env_with(profile.env(&[
        ("AWS_REQUEST_CHECKSUM_CALCULATION", "when_supported"),
        ("AWS_RESPONSE_CHECKSUM_VALIDATION", "When_Supported"),
    ]))
    .unwrap();
    assert_eq!(config.request_checksum_calculation(), WhenSupported);
    assert_eq!(config.response_checksum_validation(), WhenSupported);

    let error = Config::from_env_with(plain.env(&[("AWS_RESPONSE_CHECKSUM_VALIDATION", "always")]))
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("AWS_RESPONSE_CHECKSUM_VALIDATION") && error.contains("when_required"),
        "{error}"
    );
    let bad = Home::new("[default]\nrequest_checksum_calculation = never\n", "");
    let error = Config::from_env_with(bad.env(&[])).unwrap_err().to_string();
    assert!(
        error.contains("request_checksum_calculation in profile default"),
        "{error}"
    );

    let built = Config::builder()
        .request_checksum_calculation(WhenRequired)
        .build();
    assert_eq!(built.request_checksum_calculation(), WhenRequired);
    assert_eq!(built.response_checksum_validation(), WhenSupported);
}
