//! Runs one measured operation many times, for instruction counts under callgrind, where the
//! noise of a shared machine does not reach (`bench/scripts/callgrind.sh` does all this):
//!
//! ```sh
//! cargo bench -p smithy-codegen-bench --bench driver --no-run   # prints the executable
//! valgrind --tool=callgrind --toggle-collect='*driver::measured*' \
//!     target/release/deps/driver-<hash> ours_validate_then_unchecked 1000
//! ```
//!
//! Only `measured` (the loop) is counted: loading the fixtures and one warm-up call (which
//! compiles the lazily built regexes) are not. Divide the total by the iterations.
//! `driver list` prints the cases.
//!
//! `cargo bench -p smithy-codegen-bench --bench driver -- race <case> <case>...` is a
//! wall-clock cross-check that resists a noisy machine: the cases run in turns, in batches of about 2 ms, 40 rounds, and the fastest and
//! the median batch of each are reported (noise only ever adds time, so the minimum is the
//! steadiest figure), with each case's ratio to the first.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use smithy_codegen_bench::{baseline, generation_models, sketch, WireFixture, ENDPOINT};
use socialmessaging::operation::associate_whats_app_business_account as associate;

#[path = "support/patterns.rs"]
mod patterns;

const USAGE: &str = "usage: driver <case> <iterations> | driver race <case>... | driver list";

const CASES: &[&str] = &[
    "baseline_to_vec",
    "ours_to_vec",
    "ours_validate",
    "ours_serialize_request_unchecked",
    "ours_validate_then_unchecked",
    "ours_serialize_request",
    "baseline_parse_ok",
    "ours_from_slice_ok",
    "ours_parse_ok",
    "baseline_parse_error",
    "ours_parse_error",
    "ours_endpoint_uri",
    "ours_validate_then_unchecked_parsed_endpoint",
    "ours_serialize_request_parsed_endpoint",
    "ours_request_uri_parsed_endpoint",
    "ours_arn_pattern_dfa",
    "regress_arn_pattern",
    "regex_arn_pattern",
    "ours_error_code",
    "generate:model",
    "generate:socialmessaging-2024-01-01",
    "generate:dataexchange-2017-07-25",
];

/// What the cases work on, read before anything is counted.
struct Inputs {
    fixture: WireFixture,
    endpoint: socialmessaging::wire::Endpoint,
    patterns: patterns::Patterns,
    model: Option<PathBuf>,
}

fn run_once(case: &str, inputs: &Inputs) {
    let fixture = &inputs.fixture;
    match case {
        "baseline_to_vec" => {
            black_box(serde_json::to_vec(black_box(&fixture.baseline_input)).unwrap());
        }
        "ours_to_vec" => {
            black_box(serde_json::to_vec(black_box(&fixture.input)).unwrap());
        }
        "ours_validate" => black_box(&fixture.input).validate().unwrap(),
        "ours_serialize_request_unchecked" => {
            black_box(
                associate::serialize_request_unchecked(black_box(&fixture.input), ENDPOINT)
                    .unwrap(),
            );
        }
        "ours_validate_then_unchecked" => {
            let input = black_box(&fixture.input);
            input.validate().unwrap();
            black_box(associate::serialize_request_unchecked(input, ENDPOINT).unwrap());
        }
        "ours_serialize_request" => {
            black_box(associate::serialize_request(black_box(&fixture.input), ENDPOINT).unwrap());
        }
        "baseline_parse_ok" => {
            black_box(
                serde_json::from_slice::<baseline::Output>(black_box(&fixture.ok.body)).unwrap(),
            );
        }
        "ours_from_slice_ok" => {
            black_box(
                serde_json::from_slice::<associate::AssociateWhatsAppBusinessAccountOutput>(
                    black_box(&fixture.ok.body),
                )
                .unwrap(),
            );
        }
        "ours_parse_ok" => {
            let ok = &fixture.ok;
            black_box(
                associate::parse_response(ok.status, black_box(&ok.headers), black_box(&ok.body))
                    .unwrap(),
            );
        }
        "baseline_parse_error" => {
            black_box(
                serde_json::from_slice::<baseline::ErrorBody>(black_box(&fixture.throttled.body))
                    .unwrap(),
            );
        }
        "ours_parse_error" => {
            let throttled = &fixture.throttled;
            black_box(
                associate::parse_response(
                    throttled.status,
                    black_box(&throttled.headers),
                    black_box(&throttled.body),
                )
                .unwrap_err(),
            );
        }
        "ours_endpoint_uri" => {
            black_box(
                socialmessaging::wire::endpoint_uri(black_box(ENDPOINT), "", sketch::PATH).unwrap(),
            );
        }
        "ours_validate_then_unchecked_parsed_endpoint" => {
            let input = black_box(&fixture.input);
            input.validate().unwrap();
            black_box(associate::serialize_request_unchecked(input, &inputs.endpoint).unwrap());
        }
        "ours_serialize_request_parsed_endpoint" => {
            black_box(
                associate::serialize_request(black_box(&fixture.input), &inputs.endpoint).unwrap(),
            );
        }
        "ours_request_uri_parsed_endpoint" => {
            black_box(
                socialmessaging::wire::AsEndpoint::request_uri(
                    black_box(&inputs.endpoint),
                    "",
                    sketch::PATH,
                    "",
                )
                .unwrap(),
            );
        }
        "ours_arn_pattern_dfa" => {
            black_box(socialmessaging::validation::pattern_1(black_box(
                sketch::ARN_VALUE,
            )));
        }
        "regress_arn_pattern" => {
            black_box(
                inputs
                    .patterns
                    .regress
                    .find(black_box(sketch::ARN_VALUE))
                    .is_some(),
            );
        }
        "regex_arn_pattern" => {
            black_box(inputs.patterns.regex.is_match(black_box(sketch::ARN_VALUE)));
        }
        "ours_error_code" => {
            let throttled = &fixture.throttled;
            black_box(
                socialmessaging::wire::error_code(
                    black_box(&throttled.headers),
                    black_box(&throttled.body),
                )
                .unwrap(),
            );
        }
        _ => {
            let model = inputs.model.as_ref().expect("a generate case has a model");
            black_box(smithy_codegen_bench::generate(black_box(model)));
        }
    }
}

/// The loop callgrind counts (`--toggle-collect='*driver::measured*'`).
#[inline(never)]
fn measured(case: &str, inputs: &Inputs, iterations: u64) {
    for _ in 0..iterations {
        run_once(case, inputs);
    }
}

/// Nanoseconds per call of each case, batch by batch, the cases taking turns.
fn race(cases: &[String]) -> ExitCode {
    if let Some(unknown) = cases.iter().find(|case| !CASES.contains(&case.as_str())) {
        eprintln!("unknown case `{unknown}` (driver list)");
        return ExitCode::from(2);
    }
    let inputs: Vec<Inputs> = cases.iter().map(|case| inputs_for(case)).collect();
    // Calibrate: iterations per batch of about 2 ms.
    let batch: Vec<u64> = cases
        .iter()
        .zip(&inputs)
        .map(|(case, inputs)| {
            run_once(case, inputs);
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < Duration::from_millis(20) {
                run_once(case, inputs);
                n += 1;
            }
            (n / 10).max(1)
        })
        .collect();
    let rounds = 40;
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); cases.len()];
    for _ in 0..rounds {
        for (i, case) in cases.iter().enumerate() {
            let start = Instant::now();
            measured(case, &inputs[i], batch[i]);
            samples[i].push(start.elapsed().as_nanos() as f64 / batch[i] as f64);
        }
    }
    let mins: Vec<f64> = samples
        .iter()
        .map(|s| s.iter().copied().fold(f64::INFINITY, f64::min))
        .collect();
    println!(
        "{:<40} {:>12} {:>12} {:>10}",
        "case", "min ns", "median ns", "min ratio"
    );
    for (i, case) in cases.iter().enumerate() {
        let mut sorted = samples[i].clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        println!(
            "{case:<40} {:>12.1} {median:>12.1} {:>9.2}x",
            mins[i],
            mins[i] / mins[0]
        );
    }
    ExitCode::SUCCESS
}

fn inputs_for(case: &str) -> Inputs {
    let model = case.strip_prefix("generate:").map(|name| {
        generation_models()
            .into_iter()
            .find(|(model, _)| *model == name)
            .map(|(_, path)| path)
            .expect("a known model")
    });
    Inputs {
        fixture: WireFixture::load(),
        endpoint: socialmessaging::wire::Endpoint::parse(ENDPOINT).expect("a valid endpoint"),
        patterns: patterns::Patterns::new(),
        model,
    }
}

fn main() -> ExitCode {
    // `cargo bench` adds `--bench`.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("race") && args.len() > 1 {
        return race(&args[1..]);
    }
    let (case, iterations) = match args.as_slice() {
        [list] if list == "list" => {
            for case in CASES {
                println!("{case}");
            }
            return ExitCode::SUCCESS;
        }
        [case, iterations] if CASES.contains(&case.as_str()) => match iterations.parse::<u64>() {
            Ok(n) => (case.as_str(), n),
            Err(_) => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let inputs = inputs_for(case);
    run_once(case, &inputs);
    measured(case, &inputs, iterations);
    ExitCode::SUCCESS
}
