//! Running one operation: input, skeletons, settings, the signed request with retries, and the printed result.

use std::io::Write;
use std::time::SystemTime;

use serde_json::Value;

use crate::args::{Call, Globals, SkeletonKind};
use crate::endpoint::{self, Signing};
use crate::failure::Failure;
use crate::output::{self, to_pretty_json, to_yaml};
use crate::profile::Profile;
use crate::run::Terminal;
use crate::send::{self, TransportError};
use crate::service::{Operation, Service, ServiceError};
use crate::settings::{self, Credentials};
use crate::{blob_input, cli_settings, prompt, tls};
use crate::{debug_log, endpoint_config, input, profile, query, redact, retry, sign, skeleton};

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Signs each attempt.
struct Signer {
    credentials: Credentials,
    signing: Signing,
}

/// What one attempt got, short of a result.
enum AttemptError {
    Transport(TransportError),
    Service(ServiceError),
}

/// Everything an attempt needs.
struct Exchange<'a> {
    service: &'static Service,
    op: &'static Operation,
    agent: ureq::Agent,
    signer: Option<Signer>,
    max_attempts: u32,
    debug: bool,
    secrets: &'a [String],
}

pub(crate) fn execute(
    service: &'static Service,
    call: Call,
    env: Env,
    terminal: Terminal,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failure> {
    let Call {
        op,
        mut params,
        cli_input,
        skeleton,
        globals,
    } = call;
    match skeleton {
        Some(SkeletonKind::Input) => {
            return print(stdout, &to_pretty_json(&skeleton::skeleton(op.input)))
        }
        Some(SkeletonKind::YamlInput) => {
            return print(stdout, &to_yaml(&skeleton::skeleton(op.input)))
        }
        _ => {}
    }
    let query = globals
        .query
        .as_deref()
        .map(query::compile)
        .transpose()
        .map_err(Failure::Usage)?;
    // The profile is read only when a setting needs it before the input is checked, so that invalid input is
    // reported first.
    let mut profile = None;
    if let (Some(answers), None) = (terminal.input, &cli_input) {
        let missing = op
            .params
            .iter()
            .any(|p| p.required && !params.iter().any(|(given, _)| std::ptr::eq(*given, p)));
        if missing
            && cli_settings::auto_prompt(&globals, env, loaded(&mut profile, &globals, env)?)?
        {
            prompt::missing_parameters(op, &mut params, answers, stderr);
        }
    }
    let mut input = input::build_input(op, &params, cli_input.as_ref())
        .map_err(|p| Failure::Usage(p.join("\n")))?;
    if blob_input::holds_blob(op.input, &mut Vec::new()) {
        let format = match globals.binary_format {
            Some(format) => format,
            None => cli_settings::binary_format(&globals, loaded(&mut profile, &globals, env)?)?,
        };
        // The AWS CLI's InvalidBase64Error is no usage error of its own: exit 255.
        input::apply_binary_format(op, &params, &mut input, format).map_err(Failure::Other)?;
    }
    // Every problem of the document at once, before settings are read or anything is sent.
    (op.check_input)(&input).map_err(Failure::Usage)?;
    let profile = match profile {
        Some(profile) => profile,
        None => profile::load(globals.profile.as_deref(), env)?,
    };
    let format = settings::output_format(&globals, env, &profile)?;
    let region = settings::region(&globals, env, &profile)?;
    let chosen = endpoint_config::endpoint_settings(
        service.sdk_id,
        &globals,
        region.as_deref(),
        env,
        &profile,
    )?;
    if skeleton == Some(SkeletonKind::Output) {
        // Validates the input as the AWS CLI does; the URL only has to be one the request can be built for.
        let url = (op.resolve_endpoint)(&input, &chosen.settings)
            .endpoint
            .map_or_else(|_| "https://localhost".to_owned(), |e| e.url);
        (op.build_request)(&input, &url).map_err(Failure::Usage)?;
        return print(stdout, &to_pretty_json(&skeleton::skeleton(op.output)));
    }
    // As botocore: without a region the rules are not asked, unless an endpoint URL is configured.
    if region.is_none() && chosen.settings.endpoint_url.is_none() {
        return Err(settings::no_region());
    }
    let resolution = (op.resolve_endpoint)(&input, &chosen.settings);
    if globals.debug {
        debug_log::endpoint(stderr, &chosen.sources, &resolution);
    }
    // A rule set's error (e.g. FIPS asked of a partition without it) is botocore's EndpointResolutionError: 255.
    let resolved = resolution.endpoint.map_err(Failure::Other)?;
    let max_attempts = retry::max_attempts(env, &profile)?;
    let tls = tls::config(&globals, env, &profile)?;
    let mut request = (op.build_request)(&input, &resolved.url).map_err(Failure::Usage)?;
    endpoint::add_headers(&mut request, &resolved.headers)?;
    let signer = match globals.no_sign_request {
        true => None,
        false => {
            let (credentials, provider) =
                settings::credentials(env, &profile, region.as_deref(), &tls)?;
            if globals.debug {
                debug_log::line(stderr, &format!("credentials from: {provider}"));
            }
            let signing = endpoint::signing(&resolved, service.signing_name, region.as_deref())?;
            if globals.debug {
                debug_log::line(
                    stderr,
                    &format!(
                        "signing: sigv4 as {} in {}{}",
                        signing.name,
                        signing.region,
                        match signing.double_encode {
                            true => "",
                            false => " (path encoded once)",
                        }
                    ),
                );
            }
            Some(Signer {
                credentials,
                signing,
            })
        }
    };
    let proxy = send::proxy_for(request.uri(), env).map_err(Failure::Config)?;
    let agent = send::agent(
        settings::timeout(globals.connect_timeout),
        settings::timeout(globals.read_timeout),
        proxy,
        tls,
    );
    if globals.no_verify_ssl {
        tls::warn_unverified(stderr, request.uri());
    }
    let secrets = redact::secrets_of(&input, op.input, op.params);
    if globals.debug {
        let shown = redact::redact_input(&input, op.input, op.params);
        debug_log::line(
            stderr,
            &format!(
                "operation: {} ({}), endpoint: {}",
                op.name, op.cli_name, resolved.url
            ),
        );
        debug_log::line(stderr, &format!("input: {shown}"));
    }
    let exchange = Exchange {
        service,
        op,
        agent,
        signer,
        max_attempts,
        debug: globals.debug,
        secrets: &secrets,
    };
    let result = exchange.run(&request, stderr)?;
    let result = match &query {
        Some(query) => query::apply(query, &result).map_err(Failure::Other)?,
        None => result,
    };
    let color = cli_settings::use_color(&globals, terminal.stdout_is_terminal);
    print(
        stdout,
        &output::render_styled(format, &result, op.name, color),
    )
}

/// The profile, read the first time a setting needs it.
fn loaded<'p>(
    profile: &'p mut Option<Profile>,
    globals: &Globals,
    env: Env,
) -> Result<&'p Profile, Failure> {
    if profile.is_none() {
        *profile = Some(profile::load(globals.profile.as_deref(), env)?);
    }
    Ok(profile.get_or_insert_with(Profile::default))
}

fn print(stdout: &mut dyn Write, text: &str) -> Result<(), Failure> {
    // A closed stdout (e.g. `| head`) is not worth an error of its own.
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush());
    Ok(())
}

impl Exchange<'_> {
    /// Attempts until a result, an error not worth retrying, or the last attempt.
    fn run(
        &self,
        request: &http::Request<Vec<u8>>,
        stderr: &mut dyn Write,
    ) -> Result<Value, Failure> {
        let mut attempt = 1;
        loop {
            let error = match self.attempt(request, attempt, stderr)? {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let retryable = match &error {
                AttemptError::Transport(e) => e.retryable,
                AttemptError::Service(e) => retry::is_retryable(e),
            };
            if !retryable || attempt >= self.max_attempts {
                return Err(self.failure(error, retryable, attempt));
            }
            let pause = retry::backoff(attempt);
            if self.debug {
                debug_log::line(stderr, &format!("retrying in {} ms", pause.as_millis()));
            }
            std::thread::sleep(pause);
            attempt += 1;
        }
    }

    fn attempt(
        &self,
        request: &http::Request<Vec<u8>>,
        attempt: u32,
        stderr: &mut dyn Write,
    ) -> Result<Result<Value, AttemptError>, Failure> {
        let mut request = copy(request);
        if !request.headers().contains_key(http::header::USER_AGENT) {
            let agent = format!(
                "{}-cli smithy-cli-runtime/{}",
                self.service.cli_name,
                env!("CARGO_PKG_VERSION")
            );
            if let Ok(value) = http::HeaderValue::from_str(&agent) {
                request
                    .headers_mut()
                    .insert(http::header::USER_AGENT, value);
            }
        }
        if let Some(signer) = &self.signer {
            let c = &signer.credentials;
            let keys = (
                c.access_key.as_str(),
                c.secret_key.as_str(),
                c.session_token.as_deref(),
            );
            sign::sign_encoded(
                &mut request,
                keys,
                &signer.signing.region,
                &signer.signing.name,
                SystemTime::now(),
                signer.signing.double_encode,
            )
            .map_err(Failure::Other)?;
        }
        if self.debug {
            debug_log::line(
                stderr,
                &format!("attempt {attempt} of {}", self.max_attempts),
            );
            debug_log::request(stderr, &request, self.op.input, self.secrets);
        }
        let response = match send::send(&self.agent, request) {
            Ok(response) => response,
            Err(error) => {
                if self.debug {
                    debug_log::line(stderr, &format!("transport error: {}", error.message));
                }
                return Ok(Err(AttemptError::Transport(error)));
            }
        };
        if self.debug {
            debug_log::response(stderr, &response, self.op.output, self.secrets);
        }
        Ok((self.op.parse_response)(response).map_err(AttemptError::Service))
    }

    /// The message for the last error, with the AWS CLI's " (reached max retries: N)" when retries ran out.
    fn failure(&self, error: AttemptError, retryable: bool, attempts: u32) -> Failure {
        match error {
            AttemptError::Transport(e) => Failure::Other(e.message),
            AttemptError::Service(e) if e.malformed => Failure::Other(format!(
                "Unable to parse the response of the {} operation (HTTP {}): {}",
                self.op.name,
                e.http_status,
                e.message
                    .or(e.code)
                    .unwrap_or_else(|| "no details".to_owned())
            )),
            AttemptError::Service(e) => {
                let retries = match retryable {
                    true => format!(" (reached max retries: {})", attempts.saturating_sub(1)),
                    false => String::new(),
                };
                Failure::Service(format!(
                    "An error occurred ({}) when calling the {} operation{retries}: {}",
                    e.code.as_deref().unwrap_or("Unknown"),
                    self.op.name,
                    e.message.as_deref().unwrap_or("Unknown")
                ))
            }
        }
    }
}

/// A fresh copy of the unsigned request for each attempt.
fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}
