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
