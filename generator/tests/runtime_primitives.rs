//! Tests for the runtime primitives that generated crates embed verbatim.

#[allow(dead_code)]
#[path = "../runtime/big_number.rs"]
mod big_number;
#[allow(dead_code)]
#[path = "../runtime/big_number_cbor.rs"]
mod big_number_cbor;
/// What a generated crate of a protocol with big numbers as JSON numbers defines.
const BIG_NUMBERS_AS_STRINGS: bool = false;
#[allow(dead_code)]
#[path = "../runtime/blob.rs"]
mod blob;
#[allow(dead_code)]
#[path = "../runtime/date_time.rs"]
mod date_time;
#[allow(dead_code)]
#[path = "../runtime/document.rs"]
mod document;
#[allow(dead_code)]
#[path = "../runtime/items.rs"]
mod items;

use big_number::{BigDecimal, BigInteger};
use blob::{decode_base64, encode_base64, Blob};
use date_time::{DateTime, Format};
use serde::{Deserialize, Serialize};

// ---------------------------------------------------------------------------------------
// DateTime: known values
// ---------------------------------------------------------------------------------------

fn dt(seconds: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(seconds, nanos)
}

/// (seconds, nanos, epoch-seconds, date-time, http-date)
const KNOWN: &[(i64, u32, &str, &str, &str)] = &[
    (
        0,
        0,
        "0",
        "1970-01-01T00:00:00Z",
        "Thu, 01 Jan 1970 00:00:00 GMT",
    ),
    (
        1398796238,
        0,
        "1398796238",
        "2014-04-29T18:30:38Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
    ),
    (
        1515531081,
        123_000_000,
        "1515531081.123",
        "2018-01-09T20:51:21.123Z",
        "Tue, 09 Jan 2018 20:51:21.123 GMT",
    ),
    (
        951782400,
        0,
        "951782400",
        "2000-02-29T00:00:00Z",
        "Tue, 29 Feb 2000 00:00:00 GMT",
    ),
    (
        951868800,
        0,
        "951868800",
        "2000-03-01T00:00:00Z",
        "Wed, 01 Mar 2000 00:00:00 GMT",
    ),
    (
        -2203977600,
        0,
        "-2203977600",
        "1900-02-28T00:00:00Z",
        "Wed, 28 Feb 1900 00:00:00 GMT",
    ),
    (
        -2203891200,
        0,
        "-2203891200",
        "1900-03-01T00:00:00Z",
        "Thu, 01 Mar 1900 00:00:00 GMT",
    ),
    (
        -1,
        0,
        "-1",
        "1969-12-31T23:59:59Z",
        "Wed, 31 Dec 1969 23:59:59 GMT",
    ),
    (
        -1,
        500_000_000,
        "-0.5",
        "1969-12-31T23:59:59.5Z",
        "Wed, 31 Dec 1969 23:59:59.500 GMT",
    ),
    (
        -2,
        750_000_000,
        "-1.25",
        "1969-12-31T23:59:58.75Z",
        "Wed, 31 Dec 1969 23:59:58.750 GMT",
    ),
    (
        -14182940,
        0,
        "-14182940",
        "1969-07-20T20:17:40Z",
        "Sun, 20 Jul 1969 20:17:40 GMT",
    ),
    (
        1,
        1,
        "1.000000001",
        "1970-01-01T00:00:01.000000001Z",
        "Thu, 01 Jan 1970 00:00:01 GMT",
    ),
    (
        2147483647,
        0,
        "2147483647",
        "2038-01-19T03:14:07Z",
        "Tue, 19 Jan 2038 03:14:07 GMT",
    ),
    (
        253402300799,
        999_999_999,
        "253402300799.999999999",
        "9999-12-31T23:59:59.999999999Z",
        "Fri, 31 Dec 9999 23:59:59.999 GMT",
    ),
    (
        -62135596800,
        0,
        "-62135596800",
        "0001-01-01T00:00:00Z",
        "Mon, 01 Jan 0001 00:00:00 GMT",
    ),
    (
        -62167219200,
        0,
        "-62167219200",
        "0000-01-01T00:00:00Z",
        "Sat, 01 Jan 0000 00:00:00 GMT",
    ),
    (
        253402300800,
        0,
        "253402300800",
        "+10000-01-01T00:00:00Z",
        "Sat, 01 Jan 10000 00:00:00 GMT",
    ),
    (
        -62167219201,
        0,
        "-62167219201",
        "-0001-12-31T23:59:59Z",
        "Fri, 31 Dec -0001 23:59:59 GMT",
    ),
];

#[test]
fn known_timestamps_format() {
    for &(secs, nanos, epoch, date_time, http_date) in KNOWN {
        let value = dt(secs, nanos);
        assert_eq!(value.secs(), secs);
        assert_eq!(value.subsec_nanos(), nanos);
        assert_eq!(value.fmt(Format::EpochSeconds), epoch, "{secs}.{nanos}");
        assert_eq!(value.fmt(Format::DateTime), date_time, "{secs}.{nanos}");
        assert_eq!(value.fmt(Format::HttpDate), http_date, "{secs}.{nanos}");
    }
}

#[test]
fn known_timestamps_parse() {
    for &(secs, nanos, epoch, date_time, http_date) in KNOWN {
        let value = dt(secs, nanos);
        assert_eq!(DateTime::parse(epoch, Format::EpochSeconds), Ok(value));
        assert_eq!(DateTime::parse(date_time, Format::DateTime), Ok(value));
        // http-date keeps milliseconds only.
        let millis = dt(secs, nanos / 1_000_000 * 1_000_000);
        assert_eq!(DateTime::parse(http_date, Format::HttpDate), Ok(millis));
    }
}

#[test]
fn date_time_parse_variants() {
    let expected = DateTime::from_secs(1398796238);
    for text in [
        "2014-04-29T18:30:38Z",
        "2014-04-29t18:30:38z",
        "2014-04-29T18:30:38+00:00",
        "2014-04-29T18:30:38-00:00",
        "2014-04-29T19:30:38+01:00",
        "2014-04-29T13:00:38-05:30",
        "2014-04-30T04:30:38+10:00",
        "2014-04-29T18:30:38.000Z",
        "+2014-04-29T18:30:38Z",
    ] {
        assert_eq!(
            DateTime::parse(text, Format::DateTime),
            Ok(expected),
            "{text}"
        );
    }
    assert_eq!(
        DateTime::parse("2014-04-29T18:30:38.123456789123Z", Format::DateTime),
        Ok(dt(1398796238, 123_456_789))
    );
    assert_eq!(
        DateTime::parse("2014-04-29T18:30:38.1+01:00", Format::DateTime),
        Ok(dt(1398796238 - 3600, 100_000_000))
    );
    assert_eq!(
        DateTime::parse("1970-01-01T00:00:00+23:59", Format::DateTime),
        Ok(DateTime::from_secs(-(23 * 3600 + 59 * 60)))
    );
}

#[test]
fn epoch_seconds_parse_variants() {
    let parse = |text: &str| DateTime::parse(text, Format::EpochSeconds);
    assert_eq!(parse("1515531081.123"), Ok(dt(1515531081, 123_000_000)));
    assert_eq!(parse("0001515531081.1230"), Ok(dt(1515531081, 123_000_000)));
    assert_eq!(parse("-0"), Ok(DateTime::from_secs(0)));
    assert_eq!(parse("-0.0"), Ok(DateTime::from_secs(0)));
    // Digits beyond nanoseconds round towards the past.
    assert_eq!(parse("1.0000000019"), Ok(dt(1, 1)));
    assert_eq!(parse("-1.0000000011"), Ok(dt(-2, 999_999_998)));
    assert_eq!(parse("-1.0000000010"), Ok(dt(-2, 999_999_999)));
    assert_eq!(
        parse("9223372036854775807"),
        Ok(DateTime::from_secs(i64::MAX))
    );
    assert_eq!(
        parse("9223372036854775807.999999999"),
        Ok(dt(i64::MAX, 999_999_999))
    );
    assert_eq!(
        parse("-9223372036854775808"),
        Ok(DateTime::from_secs(i64::MIN))
    );
    assert!(parse("9223372036854775808").is_err());
    assert!(parse("-9223372036854775808.5").is_err());
    assert!(parse("-9223372036854775809").is_err());
}

#[test]
fn leap_years() {
    let parse = |text: &str| DateTime::parse(text, Format::DateTime);
    assert!(parse("2000-02-29T00:00:00Z").is_ok());
    assert!(parse("2024-02-29T00:00:00Z").is_ok());
    assert!(parse("1600-02-29T00:00:00Z").is_ok());
    assert!(parse("1900-02-29T00:00:00Z").is_err());
    assert!(parse("2100-02-29T00:00:00Z").is_err());
    assert!(parse("2023-02-29T00:00:00Z").is_err());
    assert!(parse("2000-02-30T00:00:00Z").is_err());
    assert!(parse("2000-04-31T00:00:00Z").is_err());
    assert!(parse("2000-12-31T00:00:00Z").is_ok());
    assert!(parse("Mon, 29 Feb 1900 00:00:00 GMT").is_err());
    assert!(DateTime::parse("Tue, 29 Feb 2000 00:00:00 GMT", Format::HttpDate).is_ok());
    assert!(DateTime::parse("Mon, 29 Feb 1900 00:00:00 GMT", Format::HttpDate).is_err());
    // 1900-03-01 minus 1900-02-28 is one day; 2000-03-01 minus 2000-02-28 is two.
    let day = |text: &str| parse(text).unwrap().secs();
    assert_eq!(
        day("1900-03-01T00:00:00Z") - day("1900-02-28T00:00:00Z"),
        86_400
    );
    assert_eq!(
        day("2000-03-01T00:00:00Z") - day("2000-02-28T00:00:00Z"),
        2 * 86_400
    );
}

#[test]
fn constructors_and_accessors() {
    assert_eq!(dt(5, 2_500_000_000), dt(7, 500_000_000));
    assert_eq!(dt(i64::MAX, 1_500_000_000), dt(i64::MAX, 500_000_000));
    assert_eq!(DateTime::default(), DateTime::from_secs(0));
    assert_eq!(dt(1, 500_000_000).as_secs_f64(), 1.5);
    assert_eq!(dt(-2, 500_000_000).as_secs_f64(), -1.5);
    assert!(dt(-1, 999_999_999) < dt(0, 0));
    assert!(dt(0, 1) > dt(0, 0));

    let frac = |value: f64| DateTime::from_fractional_secs(value);
    assert_eq!(frac(1515531081.123), Ok(dt(1515531081, 123_000_000)));
    assert_eq!(frac(1.5), Ok(dt(1, 500_000_000)));
    assert_eq!(frac(-1.5), Ok(dt(-2, 500_000_000)));
    assert_eq!(frac(-0.0), Ok(dt(0, 0)));
    assert_eq!(frac(0.000000001), Ok(dt(0, 1)));
    assert_eq!(frac(1e-12), Ok(dt(0, 0)));
    assert_eq!(frac(-1e-12), Ok(dt(-1, 999_999_999)));
    assert_eq!(frac(f64::MIN_POSITIVE), Ok(dt(0, 0)));
    assert_eq!(
        frac(1e18),
        Ok(DateTime::from_secs(1_000_000_000_000_000_000))
    );
    assert_eq!(frac(-(2f64.powi(63))), Ok(DateTime::from_secs(i64::MIN)));
    assert_eq!(
        frac(2f64.powi(63) - 1024.0),
        Ok(DateTime::from_secs(9_223_372_036_854_774_784))
    );
    assert_eq!(
        frac(4503599627370495.5),
        Ok(dt(4_503_599_627_370_495, 500_000_000))
    );
    assert_eq!(
        frac(-4503599627370495.5),
        Ok(dt(-4_503_599_627_370_496, 500_000_000))
    );
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        2f64.powi(63),
        1e300,
        -1e300,
        f64::MAX,
        f64::MIN,
    ] {
        let error = frac(bad).unwrap_err();
        assert!(!error.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------------------
// DateTime: sweeps
// ---------------------------------------------------------------------------------------

fn assert_round_trips(value: DateTime) {
    let epoch = value.fmt(Format::EpochSeconds);
    assert_eq!(
        DateTime::parse(&epoch, Format::EpochSeconds),
        Ok(value),
        "{epoch}"
    );
    let date_time = value.fmt(Format::DateTime);
    assert_eq!(
        DateTime::parse(&date_time, Format::DateTime),
        Ok(value),
        "{date_time}"
    );
    let http_date = value.fmt(Format::HttpDate);
    let millis = dt(value.secs(), value.subsec_nanos() / 1_000_000 * 1_000_000);
    assert_eq!(
        DateTime::parse(&http_date, Format::HttpDate),
        Ok(millis),
        "{http_date}"
    );
}

#[test]
fn round_trip_sweep() {
    let mut seconds: i64 = -70_000_000_000;
    let mut nanos: u32 = 0;
    while seconds < 260_000_000_000 {
        assert_round_trips(dt(seconds, nanos));
        seconds += 7_777_777 + i64::from(nanos % 86_400);
        nanos = nanos.wrapping_mul(1_103_515_245).wrapping_add(12_345) % 1_000_000_000;
    }
    for seconds in -100_000..100_000 {
        assert_round_trips(DateTime::from_secs(seconds * 3_607));
    }
    for extreme in [
        dt(i64::MIN, 0),
        dt(i64::MIN, 999_999_999),
        dt(i64::MIN + 1, 1),
        dt(i64::MAX, 0),
        dt(i64::MAX, 999_999_999),
        dt(i64::MAX - 86_400, 123_000_000),
    ] {
        assert_round_trips(extreme);
    }
}

#[test]
fn calendar_matches_naive_day_counting() {
    // Walk day by day from 1600-01-01 to 2400-12-31, counting days independently.
    fn month_len(year: i64, month: u32) -> u32 {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ][month as usize - 1]
    }
    let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    let start = DateTime::parse("1600-01-01T00:00:00Z", Format::DateTime).unwrap();
    assert_eq!(start.secs() % 86_400, 0);
    let mut days = start.secs() / 86_400;
    // 1600-01-01 was a Saturday.
    let mut weekday = 6;
    for year in 1600..=2400 {
        for month in 1..=12 {
            for day in 1..=month_len(year, month) {
                let value = DateTime::from_secs(days * 86_400 + 45_296);
                let text = format!("{year:04}-{month:02}-{day:02}T12:34:56Z");
                assert_eq!(value.fmt(Format::DateTime), text);
                assert_eq!(DateTime::parse(&text, Format::DateTime), Ok(value));
                let http = value.fmt(Format::HttpDate);
                assert!(http.starts_with(weekdays[weekday]), "{http} for {text}");
                days += 1;
                weekday = (weekday + 1) % 7;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// DateTime: malformed input
// ---------------------------------------------------------------------------------------

#[test]
fn malformed_text_is_an_error() {
    let long_digits = "9".repeat(10_000);
    let long_fraction = format!("1.{}", "9".repeat(10_000));
    let long_year = format!("{}-01-01T00:00:00Z", "1".repeat(5_000));
    let long_http = format!("Tue, 29 Apr {} 18:30:38 GMT", "2".repeat(5_000));
    let cases: Vec<(&str, Format)> = vec![
        ("", Format::EpochSeconds),
        ("", Format::DateTime),
        ("", Format::HttpDate),
        ("Tue, 99 Foo", Format::HttpDate),
        ("Tue, 99 Foo", Format::DateTime),
        ("Tue, 99 Foo", Format::EpochSeconds),
        (&long_digits, Format::EpochSeconds),
        (&long_digits, Format::DateTime),
        (&long_digits, Format::HttpDate),
        (&long_year, Format::DateTime),
        (&long_http, Format::HttpDate),
        ("-", Format::EpochSeconds),
        (".5", Format::EpochSeconds),
        ("1.", Format::EpochSeconds),
        ("+1", Format::EpochSeconds),
        ("1e9", Format::EpochSeconds),
        (" 1", Format::EpochSeconds),
        ("1 ", Format::EpochSeconds),
        ("0x10", Format::EpochSeconds),
        ("NaN", Format::EpochSeconds),
        ("inf", Format::EpochSeconds),
        ("1.2.3", Format::EpochSeconds),
        ("١٢٣", Format::EpochSeconds),
        ("2014-04-29", Format::DateTime),
        ("2014-04-29T18:30:38", Format::DateTime),
        ("2014-04-29 18:30:38Z", Format::DateTime),
        ("2014-04-29T18:30:60Z", Format::DateTime),
        ("2014-04-29T24:00:00Z", Format::DateTime),
        ("2014-04-29T18:60:00Z", Format::DateTime),
        ("2014-13-01T00:00:00Z", Format::DateTime),
        ("2014-00-01T00:00:00Z", Format::DateTime),
        ("2014-01-00T00:00:00Z", Format::DateTime),
        ("2014-01-32T00:00:00Z", Format::DateTime),
        ("2014-4-29T18:30:38Z", Format::DateTime),
        ("14-04-29T18:30:38Z", Format::DateTime),
        ("20140-04-29T18:30:38Z", Format::DateTime),
        ("2014-04-29T18:30:38.Z", Format::DateTime),
        ("2014-04-29T18:30:38+0100", Format::DateTime),
        ("2014-04-29T18:30:38+1:00", Format::DateTime),
        ("2014-04-29T18:30:38+24:00", Format::DateTime),
        ("2014-04-29T18:30:38+01:60", Format::DateTime),
        ("2014-04-29T18:30:38ZZ", Format::DateTime),
        ("2014-04-29T18:30:38Z ", Format::DateTime),
        (" 2014-04-29T18:30:38Z", Format::DateTime),
        ("2014-04-29T18:30:38GMT", Format::DateTime),
        ("+123-04-29T18:30:38Z", Format::DateTime),
        ("+9999999999999-01-01T00:00:00Z", Format::DateTime),
        ("+999999999999-01-01T00:00:00Z", Format::DateTime),
        ("-999999999999-01-01T00:00:00Z", Format::DateTime),
        ("2014-04-29T18:30:38é", Format::DateTime),
        ("Tue, 29 Apr 2014 18:30:38 GMT", Format::DateTime),
        ("2014-04-29T18:30:38Z", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38 UTC", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38 gmt", Format::HttpDate),
        ("tue, 29 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue, 29 apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue 29 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue,  29 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue, 9 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue, 29 Apr 14 18:30:38 GMT", Format::HttpDate),
        ("Tue, 31 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue, 00 Apr 2014 18:30:38 GMT", Format::HttpDate),
        ("Tue, 29 Apr 2014 25:30:38 GMT", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38. GMT", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38 GMT ", Format::HttpDate),
        ("Tuesday, 29-Apr-14 18:30:38 GMT", Format::HttpDate),
        ("Tue Apr 29 18:30:38 2014", Format::HttpDate),
        ("Tue, 29 Apr 999999999999 18:30:38 GMT", Format::HttpDate),
        ("Tu", Format::HttpDate),
        ("Tue,", Format::HttpDate),
        ("Tue, 29 A", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:3", Format::HttpDate),
        ("Tue, 29 Apr 2014 18:30:38 G", Format::HttpDate),
    ];
    for (text, format) in cases {
        let error = DateTime::parse(text, format)
            .expect_err(&format!("{text:?} should not parse as {format}"));
        let message = error.to_string();
        assert!(message.contains(format.as_str()), "{message}");
        assert!(message.len() < 400, "error message too long: {message}");
    }
    assert!(DateTime::parse(&long_fraction, Format::EpochSeconds).is_ok());
}

#[test]
fn http_date_fraction_and_weekday_leniency() {
    let parse = |text: &str| DateTime::parse(text, Format::HttpDate);
    assert_eq!(
        parse("Tue, 29 Apr 2014 18:30:38.123 GMT"),
        Ok(dt(1398796238, 123_000_000))
    );
    assert_eq!(
        parse("Tue, 29 Apr 2014 18:30:38.123456 GMT"),
        Ok(dt(1398796238, 123_456_000))
    );
    // The weekday is not checked against the date.
    assert_eq!(
        parse("Mon, 29 Apr 2014 18:30:38 GMT"),
        Ok(DateTime::from_secs(1398796238))
    );
    // Sub-millisecond precision is not printed.
    assert_eq!(
        dt(1398796238, 999_999).fmt(Format::HttpDate),
        "Tue, 29 Apr 2014 18:30:38 GMT"
    );
    assert_eq!(
        dt(1398796238, 1_999_999).fmt(Format::HttpDate),
        "Tue, 29 Apr 2014 18:30:38.001 GMT"
    );
}

#[test]
fn error_messages_are_clear() {
    let error = DateTime::parse("2014-02-30T00:00:00Z", Format::DateTime).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid date-time timestamp: day out of range for the month"
    );
    let error = DateTime::from_fractional_secs(f64::NAN).unwrap_err();
    assert!(error.to_string().contains("NaN"), "{error}");
    let error = DateTime::from_fractional_secs(1.5e300).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the number of seconds is outside the supported timestamp range"
    );
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(!boxed.to_string().is_empty());
    assert_eq!(Format::HttpDate.to_string(), "http-date");
    assert_eq!(Format::EpochSeconds.as_str(), "epoch-seconds");
}

// ---------------------------------------------------------------------------------------
// DateTime: serde
// ---------------------------------------------------------------------------------------

#[test]
fn date_time_default_serde_is_epoch_seconds() {
    let json = |value: DateTime| serde_json::to_string(&value).unwrap();
    assert_eq!(json(DateTime::from_secs(1398796238)), "1398796238");
    assert_eq!(json(DateTime::from_secs(-5)), "-5");
    assert_eq!(json(dt(1515531081, 123_000_000)), "1515531081.123");
    assert_eq!(json(dt(-2, 500_000_000)), "-1.5");

    let read = |text: &str| serde_json::from_str::<DateTime>(text);
    assert_eq!(read("1398796238").unwrap(), DateTime::from_secs(1398796238));
    assert_eq!(read("-5").unwrap(), DateTime::from_secs(-5));
    assert_eq!(read("1515531081.123").unwrap(), dt(1515531081, 123_000_000));
    assert_eq!(read("1.5e9").unwrap(), DateTime::from_secs(1_500_000_000));
    assert_eq!(read("-1.5").unwrap(), dt(-2, 500_000_000));
    assert_eq!(
        read("9223372036854775807").unwrap(),
        DateTime::from_secs(i64::MAX)
    );
    assert!(read("9223372036854775808").is_err());
    assert!(read("18446744073709551616").is_err());
    assert!(read("1e400").is_err());
    assert!(read("\"1398796238\"").is_err());
    assert!(read("null").is_err());
    assert!(read("true").is_err());
    assert!(read("[1]").is_err());
}

/// Read through the modules' `deserialize` functions, written through their `ser` functions, as
/// the generated `Deserialize` and `Serialize` impls use them.
#[derive(Debug, PartialEq, Deserialize)]
struct Timestamps {
    plain: DateTime,
    #[serde(deserialize_with = "date_time::serde_epoch_seconds::deserialize")]
    epoch: DateTime,
    #[serde(deserialize_with = "date_time::serde_date_time::deserialize")]
    iso: DateTime,
    #[serde(deserialize_with = "date_time::serde_http_date::deserialize")]
    http: DateTime,
    #[serde(
        default,
        deserialize_with = "date_time::serde_epoch_seconds::option::deserialize"
    )]
    epoch_opt: Option<DateTime>,
    #[serde(
        default,
        deserialize_with = "date_time::serde_date_time::option::deserialize"
    )]
    iso_opt: Option<DateTime>,
    #[serde(
        default,
        deserialize_with = "date_time::serde_http_date::option::deserialize"
    )]
    http_opt: Option<DateTime>,
}

impl Serialize for Timestamps {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use date_time::{serde_date_time, serde_epoch_seconds, serde_http_date};
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Timestamps", 7)?;
        s.serialize_field("plain", &self.plain)?;
        s.serialize_field("epoch", &serde_epoch_seconds::ser(&self.epoch))?;
        s.serialize_field("iso", &serde_date_time::ser(&self.iso))?;
        s.serialize_field("http", &serde_http_date::ser(&self.http))?;
        // `None` as `null` here, to check that the optional readers take it.
        let epoch_opt = self.epoch_opt.as_ref().map(serde_epoch_seconds::ser);
        s.serialize_field("epoch_opt", &epoch_opt)?;
        s.serialize_field("iso_opt", &self.iso_opt.as_ref().map(serde_date_time::ser))?;
        s.serialize_field(
            "http_opt",
            &self.http_opt.as_ref().map(serde_http_date::ser),
        )?;
        s.end()
    }
}

#[test]
fn date_time_with_modules() {
    let value = Timestamps {
        plain: dt(1515531081, 123_000_000),
        epoch: DateTime::from_secs(1398796238),
        iso: dt(1398796238, 500_000_000),
        http: DateTime::from_secs(1398796238),
        epoch_opt: Some(dt(-1, 750_000_000)),
        iso_opt: Some(DateTime::from_secs(0)),
        http_opt: Some(dt(0, 123_000_000)),
    };
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"plain":1515531081.123,"epoch":1398796238,"iso":"2014-04-29T18:30:38.5Z","#,
            r#""http":"Tue, 29 Apr 2014 18:30:38 GMT","epoch_opt":-0.25,"#,
            r#""iso_opt":"1970-01-01T00:00:00Z","http_opt":"Thu, 01 Jan 1970 00:00:00.123 GMT"}"#
        )
    );
    assert_eq!(serde_json::from_str::<Timestamps>(&json).unwrap(), value);

    let none = Timestamps {
        epoch_opt: None,
        iso_opt: None,
        http_opt: None,
        ..value
    };
    let json = serde_json::to_string(&none).unwrap();
    assert!(
        json.ends_with(r#""epoch_opt":null,"iso_opt":null,"http_opt":null}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Timestamps>(&json).unwrap(), none);

    let absent = r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT"}"#;
    let parsed: Timestamps = serde_json::from_str(absent).unwrap();
    assert_eq!(parsed.epoch_opt, None);
    assert_eq!(parsed.iso_opt, None);
    assert_eq!(parsed.http_opt, None);
    assert_eq!(parsed.http, DateTime::from_secs(0));

    // Escaped strings (not borrowable) still parse.
    let escaped = r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00\u005a","http":"Thu, 01 Jan 1970 00:00:00 GMT","iso_opt":"2014-04-29T18:30:38\u005A"}"#;
    let parsed: Timestamps = serde_json::from_str(escaped).unwrap();
    assert_eq!(parsed.iso, DateTime::from_secs(0));
    assert_eq!(parsed.iso_opt, Some(DateTime::from_secs(1398796238)));

    for bad in [
        r#"{"plain":0,"epoch":0,"iso":"garbage","http":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
        r#"{"plain":0,"epoch":0,"iso":0,"http":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
        r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Tue, 99 Foo"}"#,
        r#"{"plain":0,"epoch":"0","iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
        r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT","iso_opt":5}"#,
        r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT","http_opt":"x"}"#,
        r#"{"plain":0,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT","epoch_opt":"x"}"#,
        r#"{"plain":NaN,"epoch":0,"iso":"1970-01-01T00:00:00Z","http":"Thu, 01 Jan 1970 00:00:00 GMT"}"#,
    ] {
        assert!(serde_json::from_str::<Timestamps>(bad).is_err(), "{bad}");
    }
    let error = serde_json::from_str::<Timestamps>(
        r#"{"plain":0,"epoch":0,"iso":"2014-02-30T00:00:00Z","http":"x"}"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("day out of range"), "{error}");
}

#[test]
fn date_time_serde_sweep() {
    let mut seconds: i64 = -5_000_000_000;
    while seconds < 5_000_000_000 {
        for nanos in [0, 1_000_000, 123_000_000, 500_000_000, 999_000_000] {
            let value = Timestamps {
                plain: dt(seconds, nanos),
                epoch: dt(seconds, nanos),
                iso: dt(seconds, nanos),
                http: dt(seconds, nanos),
                epoch_opt: Some(dt(seconds, nanos)),
                iso_opt: Some(dt(seconds, nanos)),
                http_opt: Some(dt(seconds, nanos)),
            };
            let json = serde_json::to_string(&value).unwrap();
            let back: Timestamps = serde_json::from_str(&json).unwrap();
            assert_eq!(back, value, "{json}");
        }
        seconds += 9_876_543;
    }
}

// ---------------------------------------------------------------------------------------
// Blob
// ---------------------------------------------------------------------------------------

#[test]
fn base64_rfc4648_vectors() {
    let vectors = [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ];
    for (plain, encoded) in vectors {
        assert_eq!(encode_base64(plain.as_bytes()), encoded);
        assert_eq!(decode_base64(encoded).unwrap(), plain.as_bytes());
        // Padding is optional on input.
        let unpadded = encoded.trim_end_matches('=');
        assert_eq!(decode_base64(unpadded).unwrap(), plain.as_bytes());
    }
}

#[test]
fn base64_round_trips_all_bytes() {
    let all: Vec<u8> = (0..=255u8).collect();
    for len in 0..all.len() {
        let bytes = &all[len..];
        let encoded = encode_base64(bytes);
        assert_eq!(encoded.len() % 4, 0);
        assert_eq!(decode_base64(&encoded).unwrap(), bytes);
        let reversed: Vec<u8> = bytes.iter().rev().copied().collect();
        assert_eq!(decode_base64(&encode_base64(&reversed)).unwrap(), reversed);
    }
    assert_eq!(encode_base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    assert_eq!(decode_base64("+/+/").unwrap(), [0xfb, 0xff, 0xbf]);
}

#[test]
fn base64_rejects_invalid_input() {
    for bad in [
        "Z", "Zm9vY", "=", "==", "===", "====", "Zg=", "Zg===", "Z===", "Zm9v=", "Zm9v==",
        "Zg==Zg==", "Z=g=", "Zm 9v", "Zm9v\n", " Zm9v", "Zm9-", "Zm9_", "Zm9vé", "é", "Zh==",
        "Zm9=", "Zm9vYh",
    ] {
        let error = decode_base64(bad).expect_err(bad);
        assert!(error.to_string().starts_with("invalid base64: "), "{error}");
    }
    // `Zm8` is canonical and decodes; `Zm9` sets an unused bit.
    assert!(decode_base64("Zm8").is_ok());
    assert!(decode_base64("Zm9").is_err());
    assert_eq!(
        decode_base64("Zm9v!").unwrap_err().to_string(),
        "invalid base64: a character outside the base64 alphabet (A-Z a-z 0-9 + /) at offset 4"
    );
    assert_eq!(
        decode_base64("Zm9vé").unwrap_err().to_string(),
        "invalid base64: a character outside the base64 alphabet (A-Z a-z 0-9 + /) at offset 4"
    );
    assert_eq!(
        decode_base64("Zm9vY=").unwrap_err().to_string(),
        "invalid base64: padded input must be a multiple of 4 characters long"
    );
    assert_eq!(
        decode_base64("Zm9vY").unwrap_err().to_string(),
        "invalid base64: the number of characters (one more than a multiple of 4) cannot encode whole bytes"
    );
}

#[test]
fn blob_api() {
    let blob = Blob::new("hello");
    assert_eq!(blob.as_ref(), b"hello");
    assert_eq!(Blob::from(b"hello".to_vec()), blob);
    assert_eq!(Blob::from(&b"hello"[..]), blob);
    assert_eq!(Blob::new(vec![1, 2, 3]).into_inner(), vec![1, 2, 3]);
    let as_ref: &[u8] = AsRef::<[u8]>::as_ref(&blob);
    assert_eq!(as_ref, b"hello");
    let bytes: Vec<u8> = blob.clone().into();
    assert_eq!(bytes, b"hello");
    assert_eq!(Blob::default().as_ref(), b"");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct WithBlobs {
    data: Blob,
    list: Vec<Blob>,
    maybe: Option<Blob>,
}

#[test]
fn blob_serde() {
    let value = WithBlobs {
        data: Blob::new("foobar"),
        list: vec![Blob::new(""), Blob::new("f"), Blob::new(vec![0xff, 0x00])],
        maybe: None,
    };
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(
        json,
        r#"{"data":"Zm9vYmFy","list":["","Zg==","/wA="],"maybe":null}"#
    );
    assert_eq!(serde_json::from_str::<WithBlobs>(&json).unwrap(), value);
    let unpadded: WithBlobs =
        serde_json::from_str(r#"{"data":"Zm9vYmE","list":[],"maybe":"Zm8"}"#).unwrap();
    assert_eq!(unpadded.data, Blob::new("fooba"));
    assert_eq!(unpadded.maybe, Some(Blob::new("fo")));
    for bad in [
        r#"{"data":"Zm9v!","list":[],"maybe":null}"#,
        r#"{"data":[1,2],"list":[],"maybe":null}"#,
        r#"{"data":12,"list":[],"maybe":null}"#,
        r#"{"data":"Z","list":[],"maybe":null}"#,
    ] {
        assert!(serde_json::from_str::<WithBlobs>(bad).is_err(), "{bad}");
    }
    let error = serde_json::from_str::<Blob>(r#""Zm9v!""#).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a character outside the base64 alphabet"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------
// BigInteger / BigDecimal
// ---------------------------------------------------------------------------------------

const BIG_INT: &str = "123456789012345678901234567890";
const BIG_DEC: &str = "1.23456789012345678901234567890e+400";

/// `within` compares exactly, beyond `f64` range and precision, in any notation.
#[test]
fn big_number_ranges_are_exact() {
    let int = |text: &str| text.parse::<BigInteger>().expect("valid");
    let dec = |text: &str| text.parse::<BigDecimal>().expect("valid");
    let max = Some("18446744073709551616");
    assert!(int("18446744073709551616").within(None, max));
    assert!(!int("18446744073709551617").within(None, max));
    assert!(int("-18446744073709551617").within(None, max));
    assert!(!int("0").within(Some("1e400"), None));
    assert!(int("0").within(Some("-1e400"), Some("1E-400")));
    assert!(int("100").within(Some("1e2"), Some("1.00E+2")));
    assert!(!int("-100").within(Some("-99.5"), None));
    assert!(dec("1.7976931348623157E+309").within(Some("2e+308"), None));
    assert!(!dec("1.7976931348623157E+309").within(None, Some("1.7976931348623157e308")));
    // Equal as f64, different as numbers.
    assert!(!dec("0.10000000000000000001").within(None, Some("0.1")));
    assert!(dec("0.1").within(Some("0.1000"), Some("0.1")));
    assert!(dec("-0.0").within(Some("0"), Some("0")));
    assert!(!dec("-1e-400").within(Some("0"), None));
    assert!(dec("1e99999999999999999999999999999999999999999").within(Some("1e400"), None));
}

#[test]
fn big_number_parsing() {
    for good in [
        "0",
        "-0",
        "7",
        "-7",
        BIG_INT,
        "-123456789012345678901234567890",
    ] {
        let value: BigInteger = good.parse().unwrap();
        assert_eq!(value.as_str(), good);
        assert_eq!(value.to_string(), good);
        let decimal: BigDecimal = good.parse().unwrap();
        assert_eq!(decimal.as_str(), good);
    }
    for good in [
        BIG_DEC,
        "0.5",
        "-0.5",
        "1e10",
        "1E10",
        "1e-10",
        "1.0",
        "1.00",
        "-12.345e+6",
        "0.000000000000000000000000000001",
    ] {
        let value: BigDecimal = good.parse().unwrap();
        assert_eq!(value.as_str(), good);
        assert_eq!(value.to_string(), good);
        assert!(good.parse::<BigInteger>().is_err(), "{good}");
    }
    let long = "9".repeat(100_000);
    assert_eq!(long.parse::<BigInteger>().unwrap().as_str(), long);
    for bad in [
        "",
        "-",
        "+1",
        "01",
        "-01",
        "00",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.e5",
        "0x10",
        " 1",
        "1 ",
        "1_000",
        "NaN",
        "Infinity",
        "-Infinity",
        "\"1\"",
        "1,5",
        "１",
        "1e5e5",
        "--1",
        "abc",
    ] {
        let error = bad.parse::<BigDecimal>().expect_err(bad);
        assert!(
            error.to_string().starts_with("invalid big decimal"),
            "{error}"
        );
        let error = bad.parse::<BigInteger>().expect_err(bad);
        assert!(
            error.to_string().starts_with("invalid big integer"),
            "{error}"
        );
    }
    assert_ne!(
        "1.0".parse::<BigDecimal>().unwrap(),
        "1.00".parse::<BigDecimal>().unwrap()
    );
    assert_eq!(BigInteger::from(-42i64).as_str(), "-42");
    assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
    assert_eq!(BigDecimal::from(BigInteger::from(5i64)).as_str(), "5");
    assert_eq!(BigInteger::default().as_str(), "0");
    assert_eq!(BigDecimal::default().into_string(), "0");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Numbers {
    int: BigInteger,
    dec: BigDecimal,
    #[serde(default)]
    maybe: Option<BigDecimal>,
    list: Vec<BigInteger>,
}

#[test]
fn big_number_serde_keeps_every_digit() {
    let value = Numbers {
        int: BIG_INT.parse().unwrap(),
        dec: BIG_DEC.parse().unwrap(),
        maybe: Some("-0.000000000000000000000000000001".parse().unwrap()),
        list: vec![
            "-987654321098765432109876543210".parse().unwrap(),
            "0".parse().unwrap(),
        ],
    };
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"int":123456789012345678901234567890,"dec":1.23456789012345678901234567890e+400,"#,
            r#""maybe":-0.000000000000000000000000000001,"#,
            r#""list":[-987654321098765432109876543210,0]}"#
        )
    );
    let back: Numbers = serde_json::from_str(&json).unwrap();
    assert_eq!(back, value);
    assert_eq!(back.int.as_str(), BIG_INT);
    assert_eq!(back.dec.as_str(), BIG_DEC);

    let pretty = serde_json::to_string_pretty(&value).unwrap();
    assert_eq!(serde_json::from_str::<Numbers>(&pretty).unwrap(), value);

    let spaced: Numbers = serde_json::from_str(
        "{ \"int\" :  123456789012345678901234567890 , \"dec\":\t1E400 ,\"list\":[ 1 ,2 ] }",
    )
    .unwrap();
    assert_eq!(spaced.int.as_str(), BIG_INT);
    assert_eq!(spaced.dec.as_str(), "1E400");
    assert_eq!(spaced.maybe, None);

    let top: BigInteger = serde_json::from_str(BIG_INT).unwrap();
    assert_eq!(serde_json::to_string(&top).unwrap(), BIG_INT);
    let top: BigDecimal = serde_json::from_str(BIG_DEC).unwrap();
    assert_eq!(serde_json::to_string(&top).unwrap(), BIG_DEC);
}

#[test]
fn big_number_serde_rejects_non_numbers() {
    for bad in [
        "\"123\"",
        "\"abc\"",
        "null",
        "true",
        "[1]",
        "{\"a\":1}",
        "1.5",
        "1e3",
        "-0.0",
    ] {
        let error = serde_json::from_str::<BigInteger>(bad).expect_err(bad);
        assert!(
            error.to_string().contains("expected a JSON integer"),
            "{error}"
        );
    }
    for bad in ["\"123\"", "\"1.5\"", "null", "false", "[1.5]", "{}"] {
        let error = serde_json::from_str::<BigDecimal>(bad).expect_err(bad);
        assert!(
            error.to_string().contains("expected a JSON number"),
            "{error}"
        );
    }
    for bad in ["01", "1.", "+1", "NaN", ""] {
        assert!(serde_json::from_str::<BigDecimal>(bad).is_err(), "{bad}");
    }
    assert!(serde_json::from_str::<Numbers>(
        r#"{"int":"123456789012345678901234567890","dec":1,"list":[]}"#
    )
    .is_err());
}

// ---------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------

#[test]
fn document_is_any_json_value() {
    let text = r#"{"a":[1,2.5,"x",null,true,{"b":{}}],"c":-3}"#;
    let document: document::Document = serde_json::from_str(text).unwrap();
    assert_eq!(serde_json::to_string(&document).unwrap(), text);
    let scalar: document::Document = serde_json::from_str("\"just a string\"").unwrap();
    assert!(scalar.is_string());
}
