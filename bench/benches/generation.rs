//! Generation time: `smithy_codegen::run` (load + resolve + plan + emit) and
//! `smithy_codegen::write::crate_files` (prettyplease formatting), for `model/`, the whole
//! official socialmessaging model and the largest corpus model, plus each stage on its own.
//!
//! `cargo bench -p smithy-codegen-bench --bench generation`
//! (the models from `../shared` must be there: the bench panics otherwise).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use smithy_codegen::{emit, load, plan, resolve, write};
use smithy_codegen_bench::generation_models;

fn generation(c: &mut Criterion) {
    for (name, path) in generation_models() {
        let mut group = c.benchmark_group(format!("generate/{name}"));
        group.sample_size(20);
        group.measurement_time(Duration::from_secs(10));

        // The whole job: what a build script or `smithy-codegen generate` does, minus writing.
        group.bench_function("run+crate_files", |b| {
            b.iter(|| smithy_codegen_bench::generate(black_box(&path)))
        });
        group.bench_function("run", |b| {
            b.iter(|| smithy_codegen::run(black_box(&[&path]), None).unwrap())
        });

        // The stages on their own, each fed the previous stage's result.
        let loaded = load::load_paths(&[&path]).unwrap();
        let resolved = resolve::resolve(loaded.model.clone(), None).unwrap();
        let planned = plan::plan(&resolved).unwrap();
        let code = emit::emit(&planned).unwrap();
        group.bench_function("1_load", |b| {
            b.iter(|| load::load_paths(black_box(&[&path])).unwrap())
        });
        group.bench_function("2_resolve", |b| {
            b.iter_batched(
                || loaded.model.clone(),
                |model| resolve::resolve(model, None).unwrap(),
                BatchSize::SmallInput,
            )
        });
        group.bench_function("3_plan", |b| {
            b.iter(|| plan::plan(black_box(&resolved)).unwrap())
        });
        group.bench_function("4_emit", |b| {
            b.iter(|| emit::emit(black_box(&planned)).unwrap())
        });
        group.bench_function("5_crate_files", |b| {
            b.iter(|| write::crate_files(black_box(&code)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, generation);
criterion_main!(benches);
