//! The partition table (`data/partitions.json`, from Smithy; see the README's "Endpoint
//! rules" for how to refresh it), read once: each partition's `regionRegex` compiled to an
//! automaton by the generator's own pattern compiler. The generator resolves with it
//! ([`table`]) and emits the same data into generated crates, so neither needs a regex
//! engine and both run the one matcher (`runtime/pattern.rs`).

use std::sync::OnceLock;

use serde_json::Value;

use super::aws::{Output, Partition, Region};
use super::pattern::Dfa;
use crate::plan::pattern::{compile, Tables};

/// The partition table kept in the repository.
pub const PARTITIONS_JSON: &str = include_str!("../../data/partitions.json");

/// An owned output value (the borrowed [`Output`] is what the interpreter reads).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutputData {
    Str(String),
    Bool(bool),
}

/// One partition as read from the file.
#[derive(Clone, Debug, PartialEq)]
pub struct PartitionData {
    pub id: String,
    pub region_regex: Option<Tables>,
    /// Listed regions with their overrides (without `description`, which is not an output).
    pub regions: Vec<(String, Vec<(String, OutputData)>)>,
    pub outputs: Vec<(String, OutputData)>,
}

/// The table read from the repository's file; an error names what is wrong with it.
pub fn data() -> Result<&'static [PartitionData], String> {
    static DATA: OnceLock<Result<Vec<PartitionData>, String>> = OnceLock::new();
    DATA.get_or_init(|| read(PARTITIONS_JSON))
        .as_deref()
        .map_err(|e| format!("data/partitions.json: {e}"))
}

/// The table as the interpreter takes it; empty if the file could not be read (the tests
/// and the generator, through [`data`], report that).
pub fn table() -> &'static [Partition<'static>] {
    static TABLE: OnceLock<Vec<Partition<'static>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        data()
            .map(|d| d.iter().map(view).collect())
            .unwrap_or_default()
    })
}

/// A borrowed view of the static data. The nested slices are built once, for the life of
/// the process, so they are leaked rather than kept in a self-referencing struct.
fn view(data: &'static PartitionData) -> Partition<'static> {
    let outputs =
        |list: &'static [(String, OutputData)]| -> &'static [(&'static str, Output<'static>)] {
            let items: Vec<_> = list
                .iter()
                .map(|(k, v)| {
                    let v = match v {
                        OutputData::Str(s) => Output::Str(s),
                        OutputData::Bool(b) => Output::Bool(*b),
                    };
                    (k.as_str(), v)
                })
                .collect();
            Box::leak(items.into_boxed_slice())
        };
    let regions: Vec<Region<'static>> = data
        .regions
        .iter()
        .map(|(name, overrides)| Region {
            name,
            outputs: outputs(overrides),
        })
        .collect();
    Partition {
        id: &data.id,
        region_regex: data.region_regex.as_ref().and_then(dfa),
        regions: Box::leak(regions.into_boxed_slice()),
        outputs: outputs(&data.outputs),
    }
}

/// The runtime matcher over compiled tables.
pub fn dfa(tables: &Tables) -> Option<Dfa<'_>> {
    Some(Dfa {
        ascii: <&[u8; 128]>::try_from(tables.ascii.as_slice()).ok()?,
        non_ascii: &tables.non_ascii,
        classes: tables.classes,
        next: &tables.next,
        accepts_at_end: &tables.accepts_at_end,
        start: tables.start,
    })
}

fn outputs_of(value: &Value, at: &str) -> Result<Vec<(String, OutputData)>, String> {
    let Some(map) = value.as_object() else {
        return Ok(Vec::new());
    };
    map.iter()
        .filter(|(key, _)| key.as_str() != "description")
        .map(|(key, value)| {
            let value = match value {
                Value::String(s) => OutputData::Str(s.clone()),
                Value::Bool(b) => OutputData::Bool(*b),
                other => return Err(format!("{at}.{key}: not a string or boolean: {other}")),
            };
            Ok((key.clone(), value))
        })
        .collect()
}

/// Reads a partition table file (`{"partitions": [{id, regionRegex, regions, outputs}]}`).
pub fn read(text: &str) -> Result<Vec<PartitionData>, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let items = doc["partitions"]
        .as_array()
        .ok_or("partitions: expected an array")?;
    let mut table = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("partitions[{i}]");
        let id = item["id"]
            .as_str()
            .ok_or_else(|| format!("{at}: no `id`"))?
            .to_owned();
        let region_regex = match item.get("regionRegex") {
            None => None,
            Some(Value::String(pattern)) => {
                Some(compile(pattern).map_err(|e| format!("{at}.regionRegex `{pattern}`: {e}"))?)
            }
            Some(_) => return Err(format!("{at}.regionRegex: expected a string")),
        };
        let mut regions = Vec::new();
        if let Some(listed) = item["regions"].as_object() {
            for (name, overrides) in listed {
                regions.push((
                    name.clone(),
                    outputs_of(overrides, &format!("{at}.regions.{name}"))?,
                ));
            }
        }
        table.push(PartitionData {
            id,
            region_regex,
            regions,
            outputs: outputs_of(&item["outputs"], &format!("{at}.outputs"))?,
        });
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::aws::partition;
    use super::*;

    fn of(region: &str) -> Value {
        partition(table(), region)
    }

    #[test]
    fn the_table_reads_and_every_regex_compiles() {
        let data = data().unwrap_or_else(|e| panic!("{e}"));
        assert!(data.len() >= 2);
        assert!(data.iter().all(|p| p.region_regex.is_some()));
        assert_eq!(table().len(), data.len());
        assert!(table().iter().all(|p| p.region_regex.is_some()));
    }

    #[test]
    fn partitions_by_list_regex_and_fallback() {
        assert_eq!(of("us-east-1")["name"], json!("aws"));
        assert_eq!(of("us-east-1")["implicitGlobalRegion"], json!("us-east-1"));
        assert_eq!(of("cn-north-1")["dnsSuffix"], json!("amazonaws.com.cn"));
        assert_eq!(of("us-gov-west-1")["name"], json!("aws-us-gov"));
        // Not listed, but matching a regex (`aws`'s, and the ISO ones').
        assert_eq!(of("eu-south-9")["name"], json!("aws"));
        assert_eq!(of("us-isob-west-7")["name"], json!("aws-iso-b"));
        assert_eq!(of("eusc-de-west-3")["name"], json!("aws-eusc"));
        // Neither: the `aws` partition.
        assert_eq!(of("mars-east-1")["name"], json!("aws"));
        // Descriptions are not outputs.
        assert_eq!(of("us-east-1").get("description"), None);
    }

    #[test]
    fn bad_tables_are_errors_that_say_where() {
        let err = read(r#"{"partitions": [{"id": "x", "regionRegex": "(", "outputs": {}}]}"#)
            .unwrap_err();
        assert!(err.starts_with("partitions[0].regionRegex"), "{err}");
        let err = read(r#"{"partitions": [{"id": "x", "outputs": {"a": 1}}]}"#).unwrap_err();
        assert_eq!(err, "partitions[0].outputs.a: not a string or boolean: 1");
    }
}
