//! Unit tests of the endpoint rules interpreter's `aws` module (`runtime/endpoint_rules/aws.rs`),
//! kept here so that generated crates carry that file whole.

use serde_json::json;

use serde_json::Value;

use crate::rules::aws::*;

#[test]
fn arns() {
    assert_eq!(
        parse_arn("arn:aws:s3:us-east-1:123456789012:bucket/key:v"),
        json!({"partition": "aws", "service": "s3", "region": "us-east-1",
               "accountId": "123456789012", "resourceId": ["bucket", "key", "v"]})
    );
    assert_eq!(parse_arn("arn:aws:s3:::")["service"], Value::Null);
    assert_eq!(parse_arn("arn:aws:s3:::b")["region"], json!(""));
    assert_eq!(parse_arn("arn:aws:s3"), Value::Null);
    assert_eq!(parse_arn("urn:aws:s3:r:a:b"), Value::Null);
}

#[test]
fn s3_buckets() {
    assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
    assert!(!is_virtual_hostable_s3_bucket("My-bucket", false));
    assert!(!is_virtual_hostable_s3_bucket("ab", false));
    assert!(!is_virtual_hostable_s3_bucket("a.bucket", false));
    assert!(is_virtual_hostable_s3_bucket("abc.bucket", true));
    assert!(!is_virtual_hostable_s3_bucket("a.bucket", true));
    assert!(!is_virtual_hostable_s3_bucket("192.168.1.1", true));
    assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
    assert!(!is_virtual_hostable_s3_bucket("a-.bucket", true));
}

/// A table written as generated crates write it: regions without overrides by name alone,
/// made when the crate compiles.
const NAMED: &[Partition<'static>] = &[
    Partition {
        id: "aws-cn",
        region_regex: None,
        regions: &Region::all_named(["cn-north-1", "cn-northwest-1"]),
        outputs: &[("dnsSuffix", Output::Str("amazonaws.com.cn"))],
    },
    Partition {
        id: "aws",
        region_regex: None,
        regions: &[Region {
            name: "us-east-1",
            outputs: &[("dnsSuffix", Output::Str("example.com"))],
        }],
        outputs: &[("dnsSuffix", Output::Str("amazonaws.com"))],
    },
];

#[test]
fn regions_listed_by_name_choose_their_partition_and_override_nothing() {
    let regions = Region::all_named(["a", "b", "c"]);
    let names: Vec<_> = regions.iter().map(|r| r.name).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert!(regions.iter().all(|r| r.outputs.is_empty()));
    assert_eq!(
        partition(NAMED, "cn-northwest-1"),
        json!({"name": "aws-cn", "dnsSuffix": "amazonaws.com.cn"})
    );
    // A region with its own outputs still overrides the partition's.
    assert_eq!(
        partition(NAMED, "us-east-1"),
        json!({"name": "aws", "dnsSuffix": "example.com"})
    );
    // Not listed, no regex: `aws`.
    assert_eq!(partition(NAMED, "xx-1")["name"], json!("aws"));
}
