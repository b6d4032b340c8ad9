//! The crates of the generated code's formats against well-kept alternatives, on the same
//! inputs, after checking that both make the same data (issue 14): CBOR (ciborium through
//! serde, as rpcv2Cbor crates do, against minicbor), XML (our quick-xml based reader and our
//! writer against roxmltree and quick-xml's writer) and forms (our RFC 3986 form writer
//! against `form_urlencoded`). The runtime's own files are compiled in by `#[path]`, as the
//! generator's tests do.
//!
//! `cargo bench -p smithy-codegen-bench --bench formats`; for instruction counts (callgrind),
//! `<formats binary> count <case> <iterations>` runs one case in a loop (`count list`: the
//! cases; `count sizes`: the sizes of the bodies).

use std::hint::black_box;

use criterion::Criterion;

#[allow(dead_code)]
#[path = "../../generator/runtime/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "../../generator/runtime/date_time.rs"]
mod date_time;
#[allow(dead_code)]
#[path = "../../generator/runtime/float.rs"]
mod float;
#[allow(dead_code)]
#[path = "../../generator/runtime/items.rs"]
mod items;
#[allow(dead_code)]
#[path = "../../generator/runtime/query.rs"]
mod query;
#[allow(dead_code)]
#[path = "../../generator/runtime/wire.rs"]
mod real_wire;
#[allow(dead_code)]
#[path = "../../generator/runtime/structure.rs"]
mod structure;
#[allow(dead_code)]
#[path = "../../generator/runtime/xml.rs"]
mod xml;
/// The generated crate's `wire` module, as `cbor` sees it (`super::`).
#[path = "../../generator/runtime"]
mod wire {
    pub use crate::real_wire::{redact_values, sanitize_error_code, InvalidResponse, RequestError};
    #[allow(dead_code)]
    pub mod cbor;
}
/// What `wire` uses of the generated crate's `error` module.
#[allow(dead_code)]
mod error {
    include!("../../generator/runtime/modeled_error.rs");
    pub use crate::unhandled::Unhandled;
}
#[allow(dead_code)]
#[path = "../../generator/runtime/unhandled.rs"]
mod unhandled;
/// What the runtime uses of the generated crate's `primitives` module: the request IDs.
#[allow(dead_code)]
#[path = "../../generator/runtime"]
mod primitives {
    pub mod request_id;
    pub use self::request_id::{RequestId, RequestIds};
}

#[path = "formats/cbor_shapes.rs"]
mod cbor_shapes;
#[path = "formats/form.rs"]
mod form;
#[path = "formats/xml_lists.rs"]
mod xml_lists;

use cbor_shapes::{
    lists, minicbor_parse, minicbor_to_vec, read_lists, read_simple, simple_scalars, write_lists,
    write_simple, Lists, SimpleScalars,
};

/// The inputs of every case, made once and checked: each pair of alternatives gives the same
/// data.
struct Fixture {
    simple: SimpleScalars,
    lists: Lists,
    simple_cbor: Vec<u8>,
    lists_cbor: Vec<u8>,
    xml_value: xml_lists::XmlLists,
    xml_texts: Vec<xml_lists::TextList>,
    form_typical: form::Request,
    form_plain: form::Request,
}

impl Fixture {
    fn new() -> Self {
        let simple = simple_scalars();
        let lists = lists();

        // CBOR: each encoder's body is the same data (floats by value, whatever their width),
        // and each decoder reads both bodies back into the value.
        let simple_cbor = wire::cbor::to_vec(&simple).expect("ciborium writes");
        let simple_mini = minicbor_to_vec(&simple, write_simple);
        wire::cbor::equivalent(&simple_cbor, &simple_mini).expect("same CBOR data");
        let lists_cbor = wire::cbor::to_vec(&lists).expect("ciborium writes");
        let lists_mini = minicbor_to_vec(&lists, write_lists);
        wire::cbor::equivalent(&lists_cbor, &lists_mini).expect("same CBOR data");
        for body in [&simple_cbor, &simple_mini] {
            let by_ciborium: SimpleScalars = wire::cbor::parse(200, body).expect("ciborium reads");
            assert_eq!(by_ciborium, simple);
            assert_eq!(
                minicbor_parse(body, read_simple).expect("minicbor reads"),
                simple
            );
        }
        for body in [&lists_cbor, &lists_mini] {
            let by_ciborium: Lists = wire::cbor::parse(200, body).expect("ciborium reads");
            assert_eq!(by_ciborium, lists);
            assert_eq!(
                minicbor_parse(body, read_lists).expect("minicbor reads"),
                lists
            );
        }

        // XML: both readers make the same value; both writers the same document.
        let body = xml_lists::BODY.as_bytes();
        let xml_value = xml_lists::read_ours(body).expect("our reader reads");
        assert_eq!(
            xml_lists::read_roxmltree(body).expect("roxmltree reads"),
            xml_value
        );
        assert_eq!(xml_value.structure_list.as_ref().map(Vec::len), Some(2));
        let xml_texts = xml_lists::lists_of(&xml_value);
        let ours = xml_lists::write_ours(&xml_value, &xml_texts);
        let theirs = xml_lists::write_quick_xml(&xml_value, &xml_texts);
        xml::equivalent(&ours, &theirs).expect("same XML document");
        // What was written reads back as what was read (the request root's name aside).
        assert_eq!(xml_lists::read_ours(&ours).expect("reads back"), xml_value);

        // Forms: the same pairs decoded; on the plain request, the same bytes.
        let form_typical = form::typical();
        let form_plain = form::plain();
        let ours = form::ours(&form_typical);
        let theirs = form::form_urlencoded(&form_typical);
        assert_eq!(form::decoded(&ours), form::decoded(&theirs));
        assert_eq!(form::decoded(&ours).len(), form_typical.pairs.len() + 2);
        assert_ne!(
            ours, theirs,
            "the typical request has values the encoders write apart"
        );
        assert_eq!(form::ours(&form_plain), form::form_urlencoded(&form_plain));

        Fixture {
            simple,
            lists,
            simple_cbor,
            lists_cbor,
            xml_value,
            xml_texts,
            form_typical,
            form_plain,
        }
    }
}

type Case = (&'static str, &'static str, fn(&Fixture) -> usize);

/// Every case: (group, name, one call returning a size so that nothing is optimised away).
/// In each group the current crate is the `baseline`.
const CASES: &[Case] = &[
    ("cbor_encode_simple", "baseline_ciborium", |f| {
        wire::cbor::to_vec(black_box(&f.simple)).unwrap().len()
    }),
    ("cbor_encode_simple", "minicbor", |f| {
        minicbor_to_vec(black_box(&f.simple), write_simple).len()
    }),
    ("cbor_decode_simple", "baseline_ciborium", |f| {
        let v: SimpleScalars = wire::cbor::parse(200, black_box(&f.simple_cbor)).unwrap();
        v.string_value.map_or(0, |s| s.len())
    }),
    ("cbor_decode_simple", "minicbor", |f| {
        let v = minicbor_parse(black_box(&f.simple_cbor), read_simple).unwrap();
        v.string_value.map_or(0, |s| s.len())
    }),
    ("cbor_encode_lists", "baseline_ciborium", |f| {
        wire::cbor::to_vec(black_box(&f.lists)).unwrap().len()
    }),
    ("cbor_encode_lists", "minicbor", |f| {
        minicbor_to_vec(black_box(&f.lists), write_lists).len()
    }),
    ("cbor_decode_lists", "baseline_ciborium", |f| {
        let v: Lists = wire::cbor::parse(200, black_box(&f.lists_cbor)).unwrap();
        v.string_list.map_or(0, |l| l.len())
    }),
    ("cbor_decode_lists", "minicbor", |f| {
        let v = minicbor_parse(black_box(&f.lists_cbor), read_lists).unwrap();
        v.string_list.map_or(0, |l| l.len())
    }),
    ("xml_read", "baseline_ours_quick_xml", |_| {
        let v = xml_lists::read_ours(black_box(xml_lists::BODY.as_bytes())).unwrap();
        v.string_list.map_or(0, |l| l.len())
    }),
    ("xml_read", "roxmltree", |_| {
        let v = xml_lists::read_roxmltree(black_box(xml_lists::BODY.as_bytes())).unwrap();
        v.string_list.map_or(0, |l| l.len())
    }),
    ("xml_read", "ours_tree_only", |_| {
        xml::parse(black_box(xml_lists::BODY.as_bytes()))
            .unwrap()
            .children
            .len()
    }),
    ("xml_read", "roxmltree_tree_only", |_| {
        roxmltree::Document::parse(black_box(xml_lists::BODY))
            .unwrap()
            .root_element()
            .children()
            .count()
    }),
    ("xml_write", "baseline_ours", |f| {
        xml_lists::write_ours(black_box(&f.xml_value), &f.xml_texts).len()
    }),
    ("xml_write", "quick_xml_writer", |f| {
        xml_lists::write_quick_xml(black_box(&f.xml_value), &f.xml_texts).len()
    }),
    ("form_typical", "baseline_ours", |f| {
        form::ours(black_box(&f.form_typical)).len()
    }),
    ("form_typical", "form_urlencoded", |f| {
        form::form_urlencoded(black_box(&f.form_typical)).len()
    }),
    ("form_plain", "baseline_ours", |f| {
        form::ours(black_box(&f.form_plain)).len()
    }),
    ("form_plain", "form_urlencoded", |f| {
        form::form_urlencoded(black_box(&f.form_plain)).len()
    }),
];

fn bench_all(c: &mut Criterion, fixture: &Fixture) {
    let mut groups: Vec<&str> = CASES.iter().map(|(group, _, _)| *group).collect();
    groups.dedup();
    for name in groups {
        let mut group = c.benchmark_group(name);
        for (_, case, run) in CASES.iter().filter(|(g, _, _)| *g == name) {
            group.bench_function(*case, |b| b.iter(|| run(fixture)));
        }
        group.finish();
    }
}

/// The loop callgrind counts (`--toggle-collect='*formats::measured*'`).
#[inline(never)]
fn measured(run: fn(&Fixture) -> usize, fixture: &Fixture, iterations: u64) -> usize {
    (0..iterations).map(|_| run(fixture)).sum()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("count") {
        let fixture = Fixture::new();
        match args.get(2).map(String::as_str) {
            None | Some("list") => {
                for (group, case, _) in CASES {
                    println!("{group}/{case}");
                }
            }
            Some("sizes") => {
                let mini = |bytes: Vec<u8>| bytes.len();
                println!(
                    "CBOR simple: ciborium {} B, minicbor {} B; lists: ciborium {} B, minicbor {} B",
                    fixture.simple_cbor.len(),
                    mini(minicbor_to_vec(&fixture.simple, write_simple)),
                    fixture.lists_cbor.len(),
                    mini(minicbor_to_vec(&fixture.lists, write_lists)),
                );
                println!(
                    "XML body {} B; form pairs {}, ours {} B, form_urlencoded {} B",
                    xml_lists::BODY.len(),
                    fixture.form_typical.pairs.len() + 2,
                    form::ours(&fixture.form_typical).len(),
                    form::form_urlencoded(&fixture.form_typical).len(),
                );
            }
            Some(wanted) => {
                let Some((_, _, run)) = CASES
                    .iter()
                    .find(|(group, case, _)| format!("{group}/{case}") == wanted)
                else {
                    eprintln!("no case {wanted}; `count list` lists them");
                    std::process::exit(2);
                };
                let iterations = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(1000);
                run(&fixture); // warm-up, outside the counted loop
                println!("{}", measured(*run, &fixture, iterations));
            }
        }
        return;
    }
    let fixture = Fixture::new();
    let mut criterion = Criterion::default().configure_from_args();
    bench_all(&mut criterion, &fixture);
    criterion.final_summary();
}
