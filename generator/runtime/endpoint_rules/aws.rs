//! The AWS rules-engine functions (smithy.io, "AWS rules engine library functions"):
//! `aws.partition` over a partition table, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`.
//!
//! The table is data the caller passes in: the generator reads it from
//! `data/partitions.json`, and emits it into generated crates as static data, each
//! partition's `regionRegex` compiled to an automaton at generation time (so neither side
//! needs a regex engine at run time, and both run the same matcher).

use serde_json::{Map, Value};

use super::functions::{is_ip, is_valid_host_label, record};
use super::pattern::Dfa;

/// A value of a partition's `outputs` (the spec allows strings and booleans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output<'a> {
    Str(&'a str),
    Bool(bool),
}

/// A region a partition lists, with the outputs it overrides.
#[derive(Clone, Copy, Debug)]
pub struct Region<'a> {
    pub name: &'a str,
    pub outputs: &'a [(&'a str, Output<'a>)],
}

impl<'a> Region<'a> {
    /// Regions that override none of their partition's outputs (the table's usual case),
    /// from their names, when the crate compiles.
    pub const fn all_named<const N: usize>(names: [&'a str; N]) -> [Region<'a>; N] {
        let mut regions = [Region {
            name: "",
            outputs: &[],
        }; N];
        let mut i = 0;
        while i < N {
            regions[i].name = names[i];
            i += 1;
        }
        regions
    }
}

/// One partition of the table.
#[derive(Clone, Copy, Debug)]
pub struct Partition<'a> {
    pub id: &'a str,
    /// The `regionRegex`, compiled; `None` when the partition has none.
    pub region_regex: Option<Dfa<'a>>,
    pub regions: &'a [Region<'a>],
    pub outputs: &'a [(&'a str, Output<'a>)],
}

fn insert_outputs(map: &mut Map<String, Value>, outputs: &[(&str, Output<'_>)]) {
    for (key, value) in outputs {
        let value = match value {
            Output::Str(text) => Value::String((*text).to_owned()),
            Output::Bool(b) => Value::Bool(*b),
        };
        map.insert((*key).to_owned(), value);
    }
}

/// `aws.partition(region)`: the partition listing the region, else the first whose regex
/// matches it, else `aws`. The result is the partition's outputs with the region's own
/// overrides on top.
pub fn partition(table: &[Partition<'_>], region: &str) -> Value {
    let listed = table.iter().find_map(|p| {
        p.regions
            .iter()
            .find(|r| r.name == region)
            .map(|r| (p, Some(r)))
    });
    let chosen = listed
        .or_else(|| {
            table
                .iter()
                .find(|p| p.region_regex.is_some_and(|re| re.matches(region)))
                .map(|p| (p, None))
        })
        .or_else(|| table.iter().find(|p| p.id == "aws").map(|p| (p, None)));
    let Some((chosen, listed)) = chosen else {
        return Value::Null;
    };
    let mut outputs = Map::new();
    insert_outputs(&mut outputs, chosen.outputs);
    if let Some(region) = listed {
        insert_outputs(&mut outputs, region.outputs);
    }
    outputs
        .entry("name")
        .or_insert_with(|| Value::String(chosen.id.to_owned()));
    Value::Object(outputs)
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`; the resource id is the
/// resource split on `:` and `/`. Unset when any required part is missing.
pub fn parse_arn(arn: &str) -> Value {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts.as_slice() else {
        return Value::Null;
    };
    if *prefix != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return Value::Null;
    }
    let resource_id = resource
        .split([':', '/'])
        .map(|s| Value::String(s.to_owned()))
        .collect();
    record([
        ("partition", Value::String((*partition).to_owned())),
        ("service", Value::String((*service).to_owned())),
        ("region", Value::String((*region).to_owned())),
        ("accountId", Value::String((*account).to_owned())),
        ("resourceId", Value::Array(resource_id)),
    ])
}

/// `aws.isVirtualHostableS3Bucket`: an S3 bucket name usable as a host name: 3 to 63
/// lower-case letters, digits and `-`, a valid host label ending with a letter or digit, not
/// an IP address. With `allow_sub_domains`, each dot-separated label must be such a name on
/// its own (as the AWS SDKs check it, so `a.bucket` is not: `a` is too short).
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        return !is_ip(value)
            && value
                .split('.')
                .all(|label| is_virtual_hostable_s3_bucket(label, false));
    }
    (3..=63).contains(&value.len())
        && !value.bytes().any(|b| b.is_ascii_uppercase())
        && is_valid_host_label(value, false)
        && value
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && !is_ip(value)
}
