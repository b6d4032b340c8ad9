use serde_json::json;

use super::*;

const P: Pagination = Pagination {
    input_token: "nextToken",
    output_token: "page.next",
    items: "page.items",
    page_size: Some("maxResults"),
};

/// Three pages of 3, 3 and 2 items, served by token; records every request.
fn server(requests: &mut Vec<Value>) -> impl FnMut(&Value) -> Result<Value, Failure> + '_ {
    move |request: &Value| {
        requests.push(request.clone());
        Ok(match request.get("nextToken").and_then(Value::as_str) {
            None => json!({"page": {"items": [1, 2, 3], "next": "t2"}, "other": "first"}),
            Some("t2") => json!({"page": {"items": [4, 5, 6], "next": "t3"}}),
            Some("t3") => json!({"page": {"items": [7, 8]}}),
            Some(other) => panic!("unexpected token {other}"),
        })
    }
}

fn items(value: &Value) -> Vec<i64> {
    value["page"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect()
}

#[test]
fn every_page_once_and_only_the_items() {
    let mut requests = Vec::new();
    let all = follow(
        &P,
        &PagingOptions::default(),
        &json!({}),
        server(&mut requests),
    )
    .unwrap();
    assert_eq!(items(&all), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(all, json!({"page": {"items": [1, 2, 3, 4, 5, 6, 7, 8]}}));
    assert_eq!(requests.len(), 3);
}

#[test]
fn max_items_resumes_mid_page_and_at_page_starts() {
    let mut shown = Vec::new();
    let mut token = None;
    // 2, then 2 (crossing into the second page), then 3 from mid-page, then the rest.
    for max in [2, 2, 3, 5] {
        let options = PagingOptions {
            max_items: Some(max),
            starting_token: token.take(),
            page_size: None,
        };
        let mut requests = Vec::new();
        let out = follow(&P, &options, &json!({}), server(&mut requests)).unwrap();
        shown.extend(items(&out));
        token = out
            .get("NextToken")
            .and_then(Value::as_str)
            .map(str::to_owned);
    }
    assert_eq!(shown, [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(token, None);
}

#[test]
fn exact_page_end_gives_the_next_page_token() {
    let options = PagingOptions {
        max_items: Some(3),
        ..PagingOptions::default()
    };
    let mut requests = Vec::new();
    let out = follow(&P, &options, &json!({}), server(&mut requests)).unwrap();
    let token = Resume::decode(out["NextToken"].as_str().unwrap()).unwrap();
    assert_eq!(
        token,
        Resume {
            token: Some("t2".into()),
            skip: 0
        }
    );
    assert_eq!(requests.len(), 1);
}

#[test]
fn a_repeated_token_stops() {
    let mut calls = 0;
    let out = follow(&P, &PagingOptions::default(), &json!({}), |_| {
        calls += 1;
        Ok(json!({"page": {"items": [calls], "next": "same"}}))
    })
    .unwrap();
    assert_eq!(calls, 2);
    assert_eq!(items(&out), [1, 2]);
}

#[test]
fn tokens_round_trip_and_bad_ones_are_refused() {
    for resume in [
        Resume::default(),
        Resume {
            token: Some("a\"b/=+".into()),
            skip: 7,
        },
    ] {
        assert_eq!(Resume::decode(&resume.encode()).unwrap(), resume);
    }
    for bad in ["", "not base64 json!", "e30=x", "WzFd"] {
        let err = Resume::decode(bad);
        if bad == "e30=x" {
            // `{}` with trailing junk after the padding, which lenient base64 ignores.
            assert!(err.is_ok());
            continue;
        }
        assert_eq!(err.unwrap_err().code(), 255, "{bad}");
    }
}

#[test]
fn page_size_and_explicit_tokens() {
    let mut input = json!({});
    let options = PagingOptions {
        page_size: Some(2),
        ..PagingOptions::default()
    };
    set_page_size(&P, &options, &mut input).unwrap();
    assert_eq!(input, json!({"maxResults": 2}));
    let no_size = Pagination {
        page_size: None,
        ..P
    };
    assert_eq!(
        set_page_size(&no_size, &options, &mut json!({}))
            .unwrap_err()
            .code(),
        252
    );
    assert!(pages(Some(&P), false, &json!({})));
    assert!(!pages(Some(&P), true, &json!({})));
    assert!(!pages(Some(&P), false, &json!({"nextToken": "x"})));
    assert!(!pages(None, false, &json!({})));
}
