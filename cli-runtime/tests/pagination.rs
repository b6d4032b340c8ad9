//! Automatic pagination against a loopback server serving three pages: every item once, `--max-items` across a
//! page boundary and `--starting-token` resuming at the next item, `--page-size` on the wire, `--no-paginate`
//! as one request; and the options only where an operation pages.

mod support;

use serde_json::{json, Value};
use support::{run, Reply, Server, SIGNED_ENV};

/// Pages of 3, 3 and 2 things, linked by `nextToken`; `scanned` differs per page.
fn pages() -> Vec<Reply> {
    vec![
        Reply::json(
            200,
            r#"{"things":["a","b","c"],"nextToken":"t2","scanned":10}"#,
        ),
        Reply::json(
            200,
            r#"{"things":["d","e","f"],"nextToken":"t3","scanned":20}"#,
        ),
        Reply::json(200, r#"{"things":["g","h"],"scanned":30}"#),
    ]
}

fn things(printed: &Value) -> Vec<&str> {
    printed["things"]
        .as_array()
        .unwrap_or_else(|| panic!("no things in {printed}"))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// The `nextToken` query parameter of a recorded request.
fn token_sent(path: &str) -> Option<&str> {
    path.split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("nextToken="))
}

#[test]
fn every_item_once_from_every_page() {
    let server = Server::start(pages());
    let out = run(&["list-things", "--endpoint-url", &server.url], SIGNED_ENV);
    let seen = server.finish();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    // As botocore's build_full_result: the items, concatenated; no token, no other member.
    assert_eq!(
        printed,
        json!({"things": ["a", "b", "c", "d", "e", "f", "g", "h"]})
    );
    let tokens: Vec<Option<&str>> = seen.iter().map(|r| token_sent(&r.path)).collect();
    assert_eq!(tokens, [None, Some("t2"), Some("t3")]);
}

#[test]
fn max_items_across_a_page_boundary_then_resume() {
    // Two pages served: asking for the third would find no server and fail the command.
    let server = Server::start(pages().into_iter().take(2).collect());
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            &server.url,
            "--max-items",
            "4",
        ],
        SIGNED_ENV,
    );
    let first = server.finish();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(things(&printed), ["a", "b", "c", "d"]);
    assert_eq!(first.len(), 2, "the second page is asked for once");
    let token = printed["NextToken"]
        .as_str()
        .expect("a NextToken")
        .to_owned();
    // Opaque: not the service's token.
    assert_ne!(token, "t2");

    // Resuming asks for the second page again and starts after `d`, in the middle of it.
    let server = Server::start(pages().into_iter().skip(1).collect());
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            &server.url,
            "--starting-token",
            &token,
        ],
        SIGNED_ENV,
    );
    let rest = server.finish();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(things(&printed), ["e", "f", "g", "h"]);
    assert!(printed.get("NextToken").is_none(), "{printed}");
    let tokens: Vec<Option<&str>> = rest.iter().map(|r| token_sent(&r.path)).collect();
    assert_eq!(tokens, [Some("t2"), Some("t3")]);
}

#[test]
fn page_size_reaches_the_wire() {
    let server = Server::start(pages());
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            &server.url,
            "--page-size",
            "3",
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(seen.len(), 3);
    for request in &seen {
        assert!(request.path.contains("maxResults=3"), "{}", request.path);
    }
}

#[test]
fn no_paginate_is_one_request_printed_as_is() {
    // Only the first page is served: a second request would find no server and fail the command.
    let server = Server::start(pages().into_iter().take(1).collect());
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            &server.url,
            "--no-paginate",
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(seen.len(), 1);
    let printed: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        printed,
        json!({"things": ["a", "b", "c"], "nextToken": "t2", "scanned": 10})
    );
}

#[test]
fn a_token_given_as_the_member_turns_paging_off() {
    let server = Server::start(pages().into_iter().skip(2).collect());
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            &server.url,
            "--next-token",
            "t3",
        ],
        SIGNED_ENV,
    );
    let seen = server.finish();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(seen.len(), 1);
    assert_eq!(token_sent(&seen[0].path), Some("t3"));
}

#[test]
fn a_bad_starting_token_is_refused_before_sending() {
    let out = run(
        &[
            "list-things",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--starting-token",
            "not-a-token",
        ],
        SIGNED_ENV,
    );
    assert_eq!(out.code, 255);
    assert_eq!(out.stderr, "Bad starting token: not-a-token\n");
}

#[test]
fn paging_options_only_where_an_operation_pages() {
    let out = run(&["create-thing", "--max-items", "2"], SIGNED_ENV);
    assert_eq!(out.code, 252);
    assert!(
        out.stderr.contains("Unknown options: --max-items, 2"),
        "{}",
        out.stderr
    );
    let help = run(&["list-things", "help"], &[]).stdout;
    for option in ["--starting-token", "--page-size", "--max-items"] {
        assert!(help.contains(option), "{option} missing from\n{help}");
    }
    let help = run(&["create-thing", "help"], &[]).stdout;
    assert!(!help.contains("--max-items"), "{help}");
}
