//! Runtime of the generated crate's wire layer against hand-written serde-derive baselines,
//! in the same run: validate + serialize a request for the typical input, parse the 200
//! response, parse the throttled (429) error response.
//!
//! `cargo bench -p smithy-codegen-bench --bench wire`

use std::hint::black_box;

#[path = "support/patterns.rs"]
mod patterns;

use criterion::{criterion_group, criterion_main, Criterion};
use smithy_codegen_bench::{baseline, sketch, WireFixture, ENDPOINT};
use socialmessaging::operation::associate_whats_app_business_account as associate;

fn serialize(c: &mut Criterion) {
    let fixture = WireFixture::load();
    let mut group = c.benchmark_group("serialize");
    group.bench_function("baseline_to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&fixture.baseline_input)).unwrap())
    });
    group.bench_function("ours_to_vec", |b| {
        b.iter(|| serde_json::to_vec(black_box(&fixture.input)).unwrap())
    });
    group.bench_function("ours_validate", |b| {
        b.iter(|| black_box(&fixture.input).validate().unwrap())
    });
    group.bench_function("ours_serialize_request_unchecked", |b| {
        b.iter(|| {
            associate::serialize_request_unchecked(black_box(&fixture.input), black_box(ENDPOINT))
                .unwrap()
        })
    });
    group.bench_function("ours_validate_then_unchecked", |b| {
        b.iter(|| {
            let input = black_box(&fixture.input);
            input.validate().unwrap();
            associate::serialize_request_unchecked(input, black_box(ENDPOINT)).unwrap()
        })
    });
    group.bench_function("ours_serialize_request", |b| {
        b.iter(|| {
            associate::serialize_request(black_box(&fixture.input), black_box(ENDPOINT)).unwrap()
        })
    });
    // The endpoint parsed once, as a client that sends many requests keeps it.
    let endpoint = socialmessaging::wire::Endpoint::parse(ENDPOINT).expect("a valid endpoint");
    group.bench_function("ours_validate_then_unchecked_parsed_endpoint", |b| {
        b.iter(|| {
            let input = black_box(&fixture.input);
            input.validate().unwrap();
            associate::serialize_request_unchecked(input, black_box(&endpoint)).unwrap()
        })
    });
    group.bench_function("ours_serialize_request_parsed_endpoint", |b| {
        b.iter(|| {
            associate::serialize_request(black_box(&fixture.input), black_box(&endpoint)).unwrap()
        })
    });
    group.finish();
}

fn parse_ok(c: &mut Criterion) {
    let fixture = WireFixture::load();
    let ok = &fixture.ok;
    let mut group = c.benchmark_group("parse_ok");
    group.bench_function("baseline_from_slice", |b| {
        b.iter(|| serde_json::from_slice::<baseline::Output>(black_box(&ok.body)).unwrap())
    });
    group.bench_function("ours_from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<associate::AssociateWhatsAppBusinessAccountOutput>(black_box(
                &ok.body,
            ))
            .unwrap()
        })
    });
    group.bench_function("ours_parse_response", |b| {
        b.iter(|| {
            associate::parse_response(
                black_box(ok.status),
                black_box(&ok.headers),
                black_box(&ok.body),
            )
            .unwrap()
        })
    });
    group.finish();
}

fn parse_error(c: &mut Criterion) {
    let fixture = WireFixture::load();
    let throttled = &fixture.throttled;
    let mut group = c.benchmark_group("parse_error");
    group.bench_function("baseline_from_slice", |b| {
        b.iter(|| {
            serde_json::from_slice::<baseline::ErrorBody>(black_box(&throttled.body)).unwrap()
        })
    });
    group.bench_function("ours_parse_response", |b| {
        b.iter(|| {
            associate::parse_response(
                black_box(throttled.status),
                black_box(&throttled.headers),
                black_box(&throttled.body),
            )
            .unwrap_err()
        })
    });
    group.finish();
}

/// Where the time of `serialize_request` goes, and sketches of cheaper ways (src/sketch.rs).
fn parts(c: &mut Criterion) {
    let fixture = WireFixture::load();
    let mut group = c.benchmark_group("parts");
    group.bench_function("ours_endpoint_uri", |b| {
        b.iter(|| {
            socialmessaging::wire::endpoint_uri(black_box(ENDPOINT), "", black_box(sketch::PATH))
                .unwrap()
        })
    });
    let endpoint = socialmessaging::wire::Endpoint::parse(ENDPOINT).expect("a valid endpoint");
    group.bench_function("ours_request_uri_parsed_endpoint", |b| {
        b.iter(|| {
            socialmessaging::wire::AsEndpoint::request_uri(
                black_box(&endpoint),
                "",
                black_box(sketch::PATH),
                "",
            )
            .unwrap()
        })
    });
    let patterns = patterns::Patterns::new();
    assert!(patterns.regress.find(sketch::ARN_VALUE).is_some());
    assert!(patterns.regex.is_match(sketch::ARN_VALUE));
    // `pattern_1` is the ARN pattern of `model/` (its doc comment names the pattern).
    assert!(socialmessaging::validation::pattern_1(sketch::ARN_VALUE));
    assert!(!socialmessaging::validation::pattern_1("arn:aws"));
    group.bench_function("ours_arn_pattern_dfa", |b| {
        b.iter(|| socialmessaging::validation::pattern_1(black_box(sketch::ARN_VALUE)))
    });
    group.bench_function("regress_arn_pattern", |b| {
        b.iter(|| {
            patterns
                .regress
                .find(black_box(sketch::ARN_VALUE))
                .is_some()
        })
    });
    group.bench_function("regex_arn_pattern", |b| {
        b.iter(|| patterns.regex.is_match(black_box(sketch::ARN_VALUE)))
    });
    let throttled = &fixture.throttled;
    group.bench_function("ours_error_code", |b| {
        b.iter(|| {
            socialmessaging::wire::error_code(
                black_box(&throttled.headers),
                black_box(&throttled.body),
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, serialize, parse_ok, parse_error, parts);
criterion_main!(benches);
