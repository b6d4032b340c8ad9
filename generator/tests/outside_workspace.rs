//! What users build, built where they build it: outside this workspace, with nothing of the repository but what
//! they are told to use. `generate --cli`'s command-line crate is built and run against a loopback server; a
//! fresh crate is made from the README's own text (its dependency list, `build.rs` and `include!`) and built
//! without and with the client feature.
//!
//! Cargo runs offline (every dependency is in the local registry cache) with one target directory shared by
//! both tests and by the crates the workspace tests generate, `<target>/generated-crates`, kept between runs;
//! the crates are written at the same place on every run (only changed files rewritten), so that only the
//! first run builds rustls, the generator and the rest from scratch: about 2 minutes on two cores, then
//! seconds (half a minute when the generator changed). Every cargo, program and server wait is bounded.

#[path = "support/outside.rs"]
mod outside;
mod support;

use std::io::{ErrorKind, Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use outside::{
    build_dir, cargo_build, isolated, outside_target, repo, run_bounded, staging_dir, sync, write,
    RUN_LIMIT,
};
use support::path_str;

/// The AWS CLI's name for our service: its sdk ID `SocialMessaging`, lowercased.
const COMMAND: &str = "socialmessaging";

/// What the server read: the request's head and its body.
type Request = (String, Vec<u8>);

/// A loopback server answering one request with `reply` (a JSON body, status 200). Returns its port, a stop
/// switch, and the request it read, if any. It gives up after a minute whatever happens.
fn one_request_server(
    reply: &'static str,
) -> (u16, Arc<AtomicBool>, thread::JoinHandle<Option<Request>>) {
    let listener = TcpListener::bind(("127.0.0.1", 0)).expect("bind a loopback port");
    let port = listener.local_addr().expect("local address").port();
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = Arc::clone(&stop);
    let handle = thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !stopped.load(Ordering::SeqCst) && Instant::now() < deadline {
            let mut stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    thread::sleep(Duration::from_millis(20));
                    continue;
                }
                Err(_) => return None,
            };
            stream.set_nonblocking(false).ok()?;
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .ok()?;
            let mut bytes = Vec::new();
            let mut chunk = [0u8; 4096];
            let head_end = loop {
                if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
                    break at + 4;
                }
                let n = stream.read(&mut chunk).ok()?;
                if n == 0 || bytes.len() > 1 << 20 {
                    return None;
                }
                bytes.extend_from_slice(&chunk[..n]);
            };
            let head = String::from_utf8_lossy(&bytes[..head_end]).into_owned();
            let length = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
                .and_then(|(_, value)| value.trim().parse::<usize>().ok())
                .unwrap_or(0);
            while bytes.len() < head_end + length {
                let n = stream.read(&mut chunk).ok()?;
                if n == 0 {
                    return None;
                }
                bytes.extend_from_slice(&chunk[..n]);
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-amzn-RequestId: outside-1\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{reply}",
                reply.len()
            );
            stream.write_all(response.as_bytes()).ok()?;
            return Some((head, bytes[head_end..].to_vec()));
        }
        None
    });
    (port, stop, handle)
}

#[test]
fn generated_command_line_builds_outside_the_workspace_and_calls_the_service() {
    let staging = staging_dir("cli");
    let model = repo().join("model");
    support::expect(
        &[
            "generate",
            "--cli",
            "--model",
            path_str(&model),
            "--out",
            path_str(&staging),
        ],
        0,
    );
    let out = build_dir("cli");
    sync(&staging, &out);
    let manifest = out.join("cli/Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !text.contains(path_str(&repo())),
        "the command-line crate refers to the repository:\n{text}"
    );
    cargo_build(&manifest, &[]);

    let program = outside_target().join("debug").join(COMMAND);
    let home = support::temp_dir("home");
    let help = run_bounded(isolated(&program, &home).arg("--help"), RUN_LIMIT, "--help");
    let stdout = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.status.success()
            && stdout.contains(&format!("Usage: {COMMAND} <operation>"))
            && stdout.contains("associate-whats-app-business-account"),
        "--help ({}):\n{stdout}\n{}",
        help.status,
        String::from_utf8_lossy(&help.stderr)
    );

    let (port, stop, server) = one_request_server(r#"{"statusCode":207}"#);
    let call = run_bounded(
        isolated(&program, &home).args([
            "associate-whatsapp-business-account",
            "--signup-callback",
            "accessToken=EAAG-outside",
            "--endpoint-url",
            &format!("http://127.0.0.1:{port}"),
        ]),
        RUN_LIMIT,
        "the call",
    );
    stop.store(true, Ordering::SeqCst);
    let received = server.join().expect("server thread");
    let stdout = String::from_utf8_lossy(&call.stdout);
    let stderr = String::from_utf8_lossy(&call.stderr);
    let Some((head, body)) = received else {
        panic!("no request arrived ({}):\n{stdout}\n{stderr}", call.status);
    };
    assert!(
        head.starts_with("POST /v1/whatsapp/signup HTTP/1.1\r\n"),
        "{head}"
    );
    let head_lower = head.to_ascii_lowercase();
    assert!(
        head_lower.contains("authorization: aws4-hmac-sha256 credential=akidoutsideexample/")
            && head_lower.contains("/us-east-1/social-messaging/aws4_request"),
        "not signed as expected:\n{head}"
    );
    let body: serde_json::Value = serde_json::from_slice(&body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    assert_eq!(
        body["signupCallback"]["accessToken"], "EAAG-outside",
        "{body}"
    );
    assert!(
        call.status.success(),
        "{}:\n{stdout}\n{stderr}",
        call.status
    );
    let printed: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("the output is not JSON ({e}):\n{stdout}"));
    assert_eq!(printed["statusCode"], 207, "{stdout}");
}

/// The text of the README section under `heading` (a whole `## ...` line), up to the next heading of its level
/// or above; lines inside code blocks are never taken for headings.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the README has no section `{heading}`"))
        + 1;
    let level = heading.chars().take_while(|c| *c == '#').count();
    let mut in_code = false;
    let mut at = start + heading.len() + 1;
    for line in readme[at..].split_inclusive('\n') {
        if line.starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            let hashes = line.chars().take_while(|c| *c == '#').count();
            if hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
                break;
            }
        }
        at += line.len();
    }
    &readme[start..at]
}

/// The code blocks of `text`: (language, body).
fn code_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(language)) => current = Some((language.trim().to_owned(), String::new())),
            (Some(_), Some(_)) => blocks.extend(current.take()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// The first block of `section` in `language` whose first line starts with `first_line`.
fn block(section: &str, language: &str, first_line: &str) -> String {
    code_blocks(section)
        .into_iter()
        .find(|(l, body)| l == language && body.starts_with(first_line))
        .map(|(_, body)| body)
        .unwrap_or_else(|| {
            panic!("no ```{language} block starting with `{first_line}` in:\n{section}")
        })
}

/// The `name = spec` lines of a manifest's text, comments left out and `{ version = "1" }` written `"1"`.
fn dependency_lines(text: &str) -> Vec<(String, String)> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or(""))
        .filter_map(|line| line.split_once(" = "))
        .map(|(name, spec)| {
            let spec = spec.trim();
            let spec = spec
                .strip_prefix("{ version = ")
                .and_then(|rest| rest.strip_suffix(" }"))
                .filter(|version| !version.contains(','))
                .unwrap_or(spec);
            (name.trim().to_owned(), spec.to_owned())
        })
        .collect()
}

/// A program around a README snippet that uses `?`.
fn program(snippet: &str, before: &str) -> String {
    format!(
        "// Test scaffolding around a README snippet: the snippet is shown, not used.\n\
         #![allow(unused_variables)]\n\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{before}{snippet}    Ok(())\n}}\n"
    )
}

#[test]
fn a_fresh_crate_made_as_the_readme_says_builds_with_and_without_the_client() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let build_script_api = section(&readme, "## The build-script API");
    let dependencies = block(build_script_api, "toml", "# Cargo.toml");
    let build_rs = block(build_script_api, "rust", "// build.rs");
    let lib_rs = block(build_script_api, "rust", "// src/lib.rs");
    let using = block(section(&readme, "## Using the generated crate"), "rust", "");
    let calling = block(
        section(&readme, "## Calling the service (client)"),
        "rust",
        "",
    );

    // What `generate` writes into a standalone crate's manifest is what the README lists, line for line.
    let output = smithy_codegen::run(&[repo().join("model")], None).expect("our model generates");
    let generated = smithy_codegen::write::cargo_toml("x", "0.1.0", &output.code);
    let listed: Vec<(String, String)> =
        dependency_lines(generated.split("[dependencies]").nth(1).unwrap_or(""));
    let documented = dependency_lines(&dependencies);
    for (name, spec) in &listed {
        assert!(
            documented.contains(&(name.clone(), spec.clone())),
            "generated crates have `{name} = {spec}`, the README's list for build scripts does not:\n{dependencies}"
        );
    }

    // The user's crate, named as the README's snippets call it, beside a copy of the model folder (its build
    // script reads `../model`), depending on the generator by absolute path in place of the README's
    // placeholder.
    let dir = staging_dir("readme");
    let model = dir.join("model");
    for entry in std::fs::read_dir(repo().join("model")).expect("model/") {
        let path = entry.expect("model entry").path();
        let target = model.join(path.file_name().expect("file name"));
        write(&target, std::fs::read(&path).expect("model file"));
    }
    let generator = repo().join("generator");
    let generator = generator.canonicalize().unwrap_or(generator);
    let dependencies: String = dependencies
        .lines()
        .map(
            // Only the placeholder path is replaced: the README's other options (no default
            // features) are what a user copies.
            |line| match line
                .split_once("smithy-codegen = { path = \"")
                .and_then(|(before, rest)| Some((before, rest.split_once('"')?.1)))
            {
                Some((before, after)) => format!(
                    "{before}smithy-codegen = {{ path = {:?}{after}\n",
                    path_str(&generator)
                ),
                None => format!("{line}\n"),
            },
        )
        .collect();
    assert!(
        dependencies.contains(path_str(&generator)),
        "the README's list has no `smithy-codegen = {{ path = \"...\" }}` to point at the generator:\n{dependencies}"
    );
    let app = dir.join("socialmessaging");
    write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"socialmessaging\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n{dependencies}"
        ),
    );
    write(app.join("build.rs"), &build_rs);
    write(app.join("src/lib.rs"), &lib_rs);
    write(app.join("examples/types.rs"), program(&using, ""));
    let client_inputs = "    use socialmessaging::types::{WhatsAppSetupFinalization, WhatsAppSignupCallback};\n    \
        let callback = WhatsAppSignupCallback::builder().access_token(\"EAAG-token\").build()?;\n    \
        let finalization = WhatsAppSetupFinalization::builder().associate_in_progress_token(\"tok-123\").build()?;\n";
    write(
        app.join("examples/client.rs"),
        program(&calling, client_inputs),
    );
    let built = build_dir("readme");
    sync(&dir, &built);
    let manifest = built.join("socialmessaging/Cargo.toml");

    cargo_build(&manifest, &["--example", "types"]);
    let types = run_bounded(
        &mut Command::new(outside_target().join("debug/examples/types")),
        RUN_LIMIT,
        "the README's example",
    );
    let stdout = String::from_utf8_lossy(&types.stdout);
    assert!(
        types.status.success() && stdout.contains("*** Sensitive Data Redacted ***"),
        "the README's example ({}):\n{stdout}\n{}",
        types.status,
        String::from_utf8_lossy(&types.stderr)
    );
    // The crate's own dependencies, client included, compile no proc-macro (serde's derive and the `syn`
    // under it were the slowest part of a clean build); only its build script's do.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let tree = run_bounded(
        Command::new(cargo)
            .args(["tree", "--offline", "-e", "normal", "--prefix", "none"])
            .args([
                "--features",
                "client",
                "--manifest-path",
                path_str(&manifest),
            ])
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("CARGO_MANIFEST_PATH"),
        RUN_LIMIT,
        "cargo tree",
    );
    let tree = String::from_utf8_lossy(&tree.stdout);
    assert!(
        tree.contains("ureq"),
        "cargo tree shows the client's dependencies:\n{tree}"
    );
    let macros: Vec<&str> = tree
        .lines()
        .filter(|l| l.contains("(proc-macro)"))
        .collect();
    assert!(
        macros.is_empty(),
        "the generated code's dependencies compile proc-macros: {macros:?}"
    );
    // The build script uses the generator without the command line's allocator, a C library.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let build_tree = run_bounded(
        Command::new(cargo)
            .args([
                "tree",
                "--offline",
                "-e",
                "build,normal",
                "--prefix",
                "none",
            ])
            .args(["--manifest-path", path_str(&manifest)])
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("CARGO_MANIFEST_PATH"),
        RUN_LIMIT,
        "cargo tree",
    );
    let build_tree = String::from_utf8_lossy(&build_tree.stdout);
    assert!(
        build_tree.contains("smithy-codegen") && !build_tree.contains("mimalloc"),
        "the build script's dependencies: the generator, without mimalloc:\n{build_tree}"
    );
    // The client's call is only built: running it would call AWS.
    cargo_build(
        &manifest,
        &[
            "--features",
            "client",
            "--example",
            "types",
            "--example",
            "client",
        ],
    );
}
