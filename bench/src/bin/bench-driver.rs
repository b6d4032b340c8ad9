//! Runs one measured operation many times, for instruction counts under callgrind, where the
//! noise of a shared machine does not reach:
//!
//! ```sh
//! cargo build --release -p smithy-codegen-bench --bin bench-driver
//! valgrind --tool=callgrind --toggle-collect='*bench_driver*measured*' \
//!     target/release/bench-driver ours_validate_then_unchecked 1000
//! ```
//!
//! Only `measured` (the loop) is counted: loading the fixtures and one warm-up call (which
//! compiles the lazily built regexes) are not. Divide the total by the iterations.
//! `bench-driver list` prints the cases.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;

use smithy_codegen_bench::{baseline, generation_models, sketch, WireFixture, ENDPOINT};
use socialmessaging::operation::associate_whats_app_business_account as associate;

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
    "sketch_one_string_request",
    "sketch_preparsed_endpoint_request",
    "ours_arn_pattern_regress",
    "sketch_arn_pattern_regex",
    "ours_error_code",
    "generate:model",
    "generate:socialmessaging-2024-01-01",
    "generate:dataexchange-2017-07-25",
];

/// What the cases work on, read before anything is counted.
struct Inputs {
    fixture: WireFixture,
    endpoint: sketch::Endpoint,
    patterns: sketch::Patterns,
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
        "sketch_one_string_request" => {
            black_box(sketch::one_string_request(
                black_box(&fixture.input),
                ENDPOINT,
            ));
        }
        "sketch_preparsed_endpoint_request" => {
            black_box(sketch::preparsed_endpoint_request(
                black_box(&fixture.input),
                &inputs.endpoint,
            ));
        }
        "ours_arn_pattern_regress" => {
            black_box(
                inputs
                    .patterns
                    .regress
                    .find(black_box(sketch::ARN_VALUE))
                    .is_some(),
            );
        }
        "sketch_arn_pattern_regex" => {
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

/// The loop callgrind counts (`--toggle-collect='*bench_driver*measured*'`).
#[inline(never)]
fn measured(case: &str, inputs: &Inputs, iterations: u64) {
    for _ in 0..iterations {
        run_once(case, inputs);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
                eprintln!("usage: bench-driver <case> <iterations>   (bench-driver list)");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: bench-driver <case> <iterations>   (bench-driver list)");
            return ExitCode::from(2);
        }
    };
    let model = case.strip_prefix("generate:").map(|name| {
        generation_models()
            .into_iter()
            .find(|(model, _)| *model == name)
            .map(|(_, path)| path)
            .expect("a known model")
    });
    let inputs = Inputs {
        fixture: WireFixture::load(),
        endpoint: sketch::Endpoint::parse(ENDPOINT),
        patterns: sketch::Patterns::new(),
        model,
    };
    run_once(case, &inputs);
    measured(case, &inputs, iterations);
    ExitCode::SUCCESS
}
