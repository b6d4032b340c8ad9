//! How timestamps of an output are shown: the profile's `cli_timestamp_format`, as AWS CLI v2 reads it.
//! `iso8601` (the default) shows them as botocore's `datetime.isoformat()` does in UTC
//! (`2023-11-14T22:13:20+00:00`, microseconds when there is a fraction); `wire` (and v1's `none`) leaves the
//! value as the service sent it.

use serde_json::Value;

use crate::failure::Failure;
use crate::profile::Profile;
use crate::schema::Schema;

/// The choices of `cli_timestamp_format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimestampFormat {
    Iso8601,
    Wire,
}

/// The profile's `cli_timestamp_format`, else ISO 8601.
pub(crate) fn format(profile: &Profile) -> Result<TimestampFormat, Failure> {
    match profile.get("cli_timestamp_format").map(str::trim) {
        None | Some("iso8601") => Ok(TimestampFormat::Iso8601),
        Some("wire" | "none") => Ok(TimestampFormat::Wire),
        Some(other) => Err(Failure::Config(format!(
            "Invalid cli_timestamp_format '{other}', valid choices are: iso8601, wire"
        ))),
    }
}

/// Rewrites the timestamps of `value` (an output of `schema`, wire names) for display.
pub(crate) fn for_display(value: &mut Value, schema: &Schema, format: TimestampFormat) {
    if format == TimestampFormat::Wire {
        return;
    }
    walk(value, schema);
}

fn walk(value: &mut Value, schema: &Schema) {
    match (schema, value) {
        (Schema::Timestamp, value) => {
            if let Some(text) = value.as_f64().and_then(iso8601) {
                *value = Value::String(text);
            }
        }
        (Schema::List(element), Value::Array(items)) => {
            for item in items {
                walk(item, element);
            }
        }
        (Schema::Map(element), Value::Object(entries)) => {
            for item in entries.values_mut() {
                walk(item, element);
            }
        }
        (Schema::Structure(fields) | Schema::Union(fields), Value::Object(entries)) => {
            for field in fields.iter() {
                if let Some(item) = entries.get_mut(field.name) {
                    walk(item, field.schema);
                }
            }
        }
        _ => {}
    }
}

/// Seconds since the epoch as `YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`; `None` outside years 1 to 9999 (as Python's
/// `datetime`, which the AWS CLI then shows as received).
fn iso8601(seconds: f64) -> Option<String> {
    if !seconds.is_finite() {
        return None;
    }
    // Far outside the range first, so that the conversion to whole microseconds cannot saturate.
    if seconds.abs() > 1e12 {
        return None;
    }
    let micros = (seconds * 1_000_000.0).round() as i64;
    // 0001-01-01 and 9999-12-31T23:59:59.999999, in microseconds since 1970.
    if !(-62_135_596_800_000_000..=253_402_300_799_999_999).contains(&micros) {
        return None;
    }
    let (whole, fraction) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
    let (days, rest) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let time = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    Some(match fraction {
        0 => format!("{time}+00:00"),
        _ => format!("{time}.{fraction:06}+00:00"),
    })
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::Field;

    #[test]
    fn iso8601_as_python_prints_it() {
        assert_eq!(iso8601(0.0).unwrap(), "1970-01-01T00:00:00+00:00");
        assert_eq!(
            iso8601(1_700_000_000.0).unwrap(),
            "2023-11-14T22:13:20+00:00"
        );
        assert_eq!(
            iso8601(1_700_000_000.5).unwrap(),
            "2023-11-14T22:13:20.500000+00:00"
        );
        assert_eq!(iso8601(951_782_400.0).unwrap(), "2000-02-29T00:00:00+00:00");
        assert_eq!(iso8601(-1.0).unwrap(), "1969-12-31T23:59:59+00:00");
        assert_eq!(
            iso8601(-62_135_596_800.0).unwrap(),
            "0001-01-01T00:00:00+00:00"
        );
        assert_eq!(iso8601(-62_135_596_801.0), None);
        assert_eq!(iso8601(253_402_300_800.0), None);
        assert_eq!(iso8601(f64::NAN), None);
    }

    static STAMP: Schema = Schema::Timestamp;
    static STAMPS: Schema = Schema::List(&STAMP);
    static BY_NAME: Schema = Schema::Map(&STAMP);
    static FIELDS: [Field; 3] = [
        Field {
            name: "at",
            schema: &STAMP,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "all",
            schema: &STAMPS,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "byName",
            schema: &BY_NAME,
            required: false,
            sensitive: false,
            docs: "",
        },
    ];
    static OUTPUT: Schema = Schema::Structure(&FIELDS);

    #[test]
    fn every_timestamp_of_the_output_is_shown_by_the_setting() {
        let wire =
            json!({"at": 0, "all": [1_700_000_000, "2024"], "byName": {"a": 86400}, "other": 5});
        let mut shown = wire.clone();
        for_display(&mut shown, &OUTPUT, TimestampFormat::Iso8601);
        assert_eq!(
            shown,
            json!({
                "at": "1970-01-01T00:00:00+00:00",
                "all": ["2023-11-14T22:13:20+00:00", "2024"],
                "byName": {"a": "1970-01-02T00:00:00+00:00"},
                "other": 5
            })
        );
        let mut unchanged = wire.clone();
        for_display(&mut unchanged, &OUTPUT, TimestampFormat::Wire);
        assert_eq!(unchanged, wire);
    }
}
