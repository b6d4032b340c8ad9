//! The generated endpoint resolver (`endpoint::resolve`) of the official socialmessaging
//! model: a repeated resolution (the cache answers), a resolution the cache has never seen
//! (the interpreter runs), and, once per process, the very first call (the embedded rule set
//! is parsed, then the interpreter runs).
//!
//! `cargo bench -p smithy-codegen-bench --bench endpoint`

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion};
use socialmessaging_official::endpoint::{resolve, BuiltIns, Params};

fn params(region: &str, fips: bool, dual_stack: bool) -> Params {
    Params::from_built_ins(&BuiltIns {
        region: Some(region.to_owned()),
        use_fips: fips,
        use_dual_stack: dual_stack,
        ..BuiltIns::default()
    })
}

/// 200 distinct parameter sets: more than the cache holds (64), so cycling through them
/// misses every time.
fn distinct() -> Vec<Params> {
    let mut all = Vec::new();
    for n in 0..50 {
        for (fips, dual) in [(false, false), (true, false), (false, true), (true, true)] {
            all.push(params(&format!("us-west-{n}"), fips, dual));
        }
    }
    all
}

fn first_call() {
    // The process's first resolution: nothing is cached and the rule set is not read yet.
    let start = Instant::now();
    let endpoint = resolve(&params("eu-central-1", false, false)).expect("resolves");
    let elapsed = start.elapsed();
    black_box(endpoint);
    eprintln!("endpoint/first_call (one sample, fresh process): {elapsed:?}");
}

fn resolution(c: &mut Criterion) {
    first_call();
    let mut group = c.benchmark_group("endpoint");
    let same = params("us-east-1", false, false);
    resolve(&same).expect("resolves");
    group.bench_function("resolve_cached", |b| {
        b.iter(|| resolve(black_box(&same)).expect("resolves"))
    });
    let all = distinct();
    let mut next = 0;
    group.bench_function("resolve_uncached", |b| {
        b.iter(|| {
            next = (next + 1) % all.len();
            resolve(black_box(&all[next])).expect("resolves")
        })
    });
    group.finish();
}

criterion_group!(benches, resolution);
criterion_main!(benches);
