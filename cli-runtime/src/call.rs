//! Running one operation: input, skeletons, settings, the call (or the pages) through the generated client, and
//! the printed result.

use std::io::Write;
use std::sync::Arc;

use serde_json::Value;

use crate::args::{Call, Globals, SkeletonKind};
use crate::dispatch::{CallError, Dispatch, Outcome, SigV4};
use crate::failure::Failure;
use crate::output::{self, to_pretty_json, to_yaml};
use crate::profile::Profile;
use crate::run::Terminal;
use crate::send;
use crate::service::{Operation, Service};
use crate::settings;
use crate::transport::CliTransport;
use crate::{blob_input, cli_settings, events, paging, prompt, timestamps, tls};
use crate::{debug_log, endpoint, endpoint_config, input, profile, query, redact, retry, skeleton};

type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

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
        paging: paging_options,
        outfile,
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
    // Decided on the input as given: a token or page size member set by hand turns paging off.
    let paginate = paging::pages(op.paginated.as_ref(), globals.no_paginate, &input);
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
    let retries = retry::settings(env, &profile)?;
    // The client's own settings, read as its `Config::from_env` reads them (exit 253 when invalid).
    let compression = crate::aws_config::settings::request_compression(env, &profile)?;
    let checksums = crate::aws_config::settings::checksums(env, &profile)?;
    let tls = tls::config(&globals, env, &profile)?;
    // The request is built here only to report invalid input before credentials are looked for; the client
    // builds its own from the same input.
    let mut request = (op.build_request)(&input, &resolved.url).map_err(Failure::Usage)?;
    endpoint::add_headers(&mut request, &resolved.headers)?;
    let signing = match globals.no_sign_request {
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
            Some(SigV4 {
                access_key: credentials.access_key,
                secret_key: credentials.secret_key,
                session_token: credentials.session_token,
                name: signing.name,
                region: signing.region,
                double_encode: signing.double_encode,
            })
        }
    };
    let proxy = send::proxy_for(request.uri(), env).map_err(Failure::Config)?;
    let connect_timeout = settings::timeout(globals.connect_timeout);
    let read_timeout = settings::timeout(globals.read_timeout);
    let agent = send::agent(connect_timeout, read_timeout, proxy, tls);
    if globals.no_verify_ssl {
        tls::warn_unverified(stderr, request.uri());
    }
    let user_agent = format!(
        "{}-cli smithy-cli-runtime/{}",
        service.cli_name,
        env!("CARGO_PKG_VERSION")
    );
    let mut transport = CliTransport::new(agent, user_agent, retries.max_attempts);
    if globals.debug {
        let secrets = redact::secrets_of(&input, op.input, op.params);
        let shown = redact::redact_input(&input, op.input, op.params);
        debug_log::line(
            stderr,
            &format!(
                "operation: {} ({}), endpoint: {}",
                op.name, op.cli_name, resolved.url
            ),
        );
        debug_log::line(stderr, &format!("input: {shown}"));
        transport = transport.with_debug(op.input, op.output, secrets);
    }
    let dispatch = Dispatch {
        endpoint: resolved,
        signing,
        region,
        retry_mode: retries.mode,
        max_attempts: retries.max_attempts,
        connect_timeout,
        read_timeout,
        disable_request_compression: compression.disabled,
        request_min_compression_size_bytes: compression.min_size_bytes,
        request_checksum_when_supported: checksums.request_when_supported,
        response_checksum_when_supported: checksums.response_when_supported,
        transport: Arc::new(transport),
    };
    let mut received = events::Received::default();
    let mut call_once = |input: &Value| {
        let mut outcome = invoke(op, input, &dispatch, stderr)?;
        if let (Some(body), Some(path)) = (outcome.body.take(), &outfile) {
            write_body(op, body, path)?;
        }
        Ok::<_, Failure>(received.take(outcome))
    };
    let mut result = match op.paginated {
        Some(pagination) if paginate => {
            paging::set_page_size(&pagination, &paging_options, &mut input)?;
            paging::follow(&pagination, &paging_options, &input, &mut call_once)?
        }
        Some(pagination) => {
            paging::set_page_size(&pagination, &paging_options, &mut input)?;
            call_once(&input)?
        }
        None => call_once(&input)?,
    };
    let timestamp_format = timestamps::format(&profile)?;
    timestamps::for_display(&mut result, op.output, timestamp_format);
    let result = match &query {
        Some(query) => query::apply(query, &result).map_err(Failure::Other)?,
        None => result,
    };
    let color = cli_settings::use_color(&globals, terminal.stdout_is_terminal);
    print(
        stdout,
        &output::render_styled(format, &result, op.name, color),
    )?;
    events::print(stdout, op, received, timestamp_format)
}

/// Writes a streaming body to `path` as it arrives (the AWS CLI's `outfile`).
fn write_body(op: &Operation, mut body: crate::dispatch::Body, path: &str) -> Result<(), Failure> {
    let mut file = std::fs::File::create(path)
        .map_err(|e| Failure::Other(format!("Unable to create the file {path}: {e}")))?;
    std::io::copy(&mut body, &mut file)
        .and_then(|_| file.flush())
        .map_err(|e| {
            Failure::Other(format!(
                "Unable to write the body of the {} response to {path}: {e}",
                op.name
            ))
        })?;
    Ok(())
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

/// One call through the generated client. With `--debug` the call runs on a scoped thread while this one writes
/// each attempt's lines as they come (the client's transport is `'static` and cannot hold `stderr`), so a request
/// that hangs is seen before it times out.
fn invoke(
    op: &'static Operation,
    input: &Value,
    dispatch: &Dispatch,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failure> {
    let before = dispatch.transport.attempts();
    let result = match dispatch.transport.logs() {
        false => (op.invoke)(input, dispatch),
        true => std::thread::scope(|scope| {
            let call = scope.spawn(|| (op.invoke)(input, dispatch));
            while !call.is_finished() {
                let _ = stderr.write_all(&dispatch.transport.take_log());
                std::thread::sleep(LOG_POLL);
            }
            call.join().unwrap_or_else(|_| {
                Err(CallError::Other(format!(
                    "The {} call failed unexpectedly",
                    op.name
                )))
            })
        }),
    };
    let _ = stderr.write_all(&dispatch.transport.take_log());
    let attempts = dispatch.transport.attempts() - before;
    result.map_err(|error| failure(op, error, attempts))
}

/// How often `--debug` lines are passed on while a call runs.
const LOG_POLL: std::time::Duration = std::time::Duration::from_millis(5);

/// The message for the last error, with the AWS CLI's " (reached max retries: N)" when retries ran out.
fn failure(op: &Operation, error: CallError, attempts: u32) -> Failure {
    match error {
        CallError::Input(message) => Failure::Usage(message),
        CallError::Other(message) => Failure::Other(message),
        CallError::Service(e) if e.malformed => Failure::Other(format!(
            "Unable to parse the response of the {} operation (HTTP {}): {}",
            op.name,
            e.http_status,
            e.message
                .or(e.code)
                .unwrap_or_else(|| "no details".to_owned())
        )),
        CallError::Service(e) => {
            let retries = match e.retryable {
                true => format!(" (reached max retries: {})", attempts.saturating_sub(1)),
                false => String::new(),
            };
            Failure::Service(format!(
                "An error occurred ({}) when calling the {} operation{retries}: {}",
                e.code.as_deref().unwrap_or("Unknown"),
                op.name,
                e.message.as_deref().unwrap_or("Unknown")
            ))
        }
    }
}
