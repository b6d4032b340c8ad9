//! The AWS rules-engine functions (smithy.io, "AWS rules engine library functions"):
//! `aws.partition` over the partition table in `data/partitions.json`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`.

use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::functions::{is_ip, is_valid_host_label, record};

/// The partition table kept in the repository (see README, "Endpoint rules").
pub const PARTITIONS_JSON: &str = include_str!("../../data/partitions.json");

struct Partition {
    id: String,
    region_regex: Option<regress::Regex>,
    regions: Map<String, Value>,
    outputs: Map<String, Value>,
}

fn partitions() -> &'static [Partition] {
    static TABLE: OnceLock<Vec<Partition>> = OnceLock::new();
    TABLE.get_or_init(|| read_partitions(PARTITIONS_JSON).unwrap_or_default())
}

fn read_partitions(text: &str) -> Result<Vec<Partition>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let items = doc["partitions"]
        .as_array()
        .ok_or("partitions: expected an array")?;
    let mut table = Vec::new();
    for item in items {
        let text_of = |key: &str| item.get(key).and_then(Value::as_str);
        table.push(Partition {
            id: text_of("id").ok_or("partition without `id`")?.to_owned(),
            region_regex: text_of("regionRegex").and_then(|r| regress::Regex::new(r).ok()),
            regions: item["regions"].as_object().cloned().unwrap_or_default(),
            outputs: item["outputs"].as_object().cloned().unwrap_or_default(),
        });
    }
    Ok(table)
}

/// `aws.partition(region)`: the partition listing the region, else the first whose regex
/// matches it, else `aws`. The result is the partition's outputs with the region's own
/// overrides on top.
pub fn partition(region: &str) -> Value {
    let table = partitions();
    let chosen = table
        .iter()
        .find(|p| p.regions.contains_key(region))
        .or_else(|| {
            table.iter().find(|p| {
                p.region_regex
                    .as_ref()
                    .is_some_and(|re| re.find(region).is_some())
            })
        })
        .or_else(|| table.iter().find(|p| p.id == "aws"));
    let Some(chosen) = chosen else {
        return Value::Null;
    };
    let mut outputs = chosen.outputs.clone();
    if let Some(Value::Object(overrides)) = chosen.regions.get(region) {
        for (key, value) in overrides {
            if key != "description" {
                outputs.insert(key.clone(), value.clone());
            }
        }
    }
    outputs
        .entry("name")
        .or_insert_with(|| Value::String(chosen.id.clone()));
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_table_reads() {
        assert!(partitions().len() >= 2);
        assert!(partitions().iter().any(|p| p.id == "aws"));
    }

    #[test]
    fn partitions_by_list_regex_and_fallback() {
        assert_eq!(partition("us-east-1")["name"], json!("aws"));
        assert_eq!(
            partition("us-east-1")["implicitGlobalRegion"],
            json!("us-east-1")
        );
        assert_eq!(
            partition("cn-north-1")["dnsSuffix"],
            json!("amazonaws.com.cn")
        );
        assert_eq!(partition("us-gov-west-1")["name"], json!("aws-us-gov"));
        // Not listed, but matching the regex.
        assert_eq!(partition("eu-south-9")["name"], json!("aws"));
        // Neither: the `aws` partition.
        assert_eq!(partition("mars-east-1")["name"], json!("aws"));
    }

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
}
