//! Automatic pagination as the AWS CLI does it (botocore's `PageIterator.build_full_result`): every page is
//! fetched and the items lists are concatenated into one output; `--max-items` stops after that many items and
//! adds a `NextToken` that `--starting-token` resumes from, at the very next item, mid-page included;
//! `--page-size` sets the page size member of each request; `--no-paginate` makes one call.
//!
//! As botocore keeps only the paginator's result keys (and the `non_aggregate_keys` a paginator config may list,
//! which Smithy's `@paginated` has no way to say), the merged output holds the items and, when stopped early,
//! `NextToken`: other output members are not printed (`--no-paginate` shows a page as is).

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::failure::Failure;
use crate::service::Pagination;

/// Pages followed at most: a service that never stops handing out new tokens is not followed forever.
pub(crate) const MAX_PAGES: usize = 100_000;

/// `--max-items`, `--starting-token`, `--page-size`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PagingOptions {
    pub max_items: Option<u64>,
    pub starting_token: Option<String>,
    pub page_size: Option<i64>,
}

/// Where to resume: the token of the page to ask for (none for the first page) and how many of its items were
/// already shown. Encoded as botocore encodes its resume tokens (base64 of a JSON object), opaque to the user.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Resume {
    pub token: Option<String>,
    pub skip: u64,
}

const TOKEN_KEY: &str = "NextToken";
const SKIP_KEY: &str = "boto_truncate_amount";

impl Resume {
    pub(crate) fn encode(&self) -> String {
        let mut object = Map::new();
        if let Some(token) = &self.token {
            object.insert(TOKEN_KEY.to_owned(), Value::String(token.clone()));
        }
        if self.skip > 0 {
            object.insert(SKIP_KEY.to_owned(), Value::from(self.skip));
        }
        crate::param_value::base64(Value::Object(object).to_string().as_bytes())
    }

    pub(crate) fn decode(text: &str) -> Result<Resume, Failure> {
        let bad = || Failure::Other(format!("Bad starting token: {text}"));
        let bytes = crate::blob_input::decode_leniently(text.trim()).ok_or_else(bad)?;
        let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(&bytes) else {
            return Err(bad());
        };
        let token = match object.get(TOKEN_KEY) {
            None => None,
            Some(Value::String(token)) => Some(token.clone()),
            Some(_) => return Err(bad()),
        };
        let skip = match object.get(SKIP_KEY) {
            None => 0,
            Some(n) => n.as_u64().ok_or_else(bad)?,
        };
        if object.keys().any(|k| k != TOKEN_KEY && k != SKIP_KEY) {
            return Err(bad());
        }
        Ok(Resume { token, skip })
    }
}

/// Whether the command pages: a paginated operation, no `--no-paginate`, and no token or page size given as
/// the member itself (the AWS CLI then turns pagination off and sends what it was given).
pub(crate) fn pages(pagination: Option<&Pagination>, no_paginate: bool, input: &Value) -> bool {
    match pagination {
        Some(p) if !no_paginate => {
            input.get(p.input_token).is_none()
                && p.page_size.is_none_or(|size| input.get(size).is_none())
        }
        _ => false,
    }
}

/// Sets the page size member on `input`; `--page-size` on an operation whose model names none is refused, as
/// botocore refuses a `PageSize` without a limit key.
pub(crate) fn set_page_size(
    pagination: &Pagination,
    options: &PagingOptions,
    input: &mut Value,
) -> Result<(), Failure> {
    let Some(size) = options.page_size else {
        return Ok(());
    };
    match (pagination.page_size, input.as_object_mut()) {
        (Some(member), Some(object)) => {
            object.insert(member.to_owned(), Value::from(size));
            Ok(())
        }
        _ => Err(Failure::Usage(
            "argument --page-size: this operation's pagination has no page size (its @paginated names no pageSize)"
                .to_owned(),
        )),
    }
}

/// Follows the pages from `input` (page size already set) and merges them; `call` sends one request.
pub(crate) fn follow(
    pagination: &Pagination,
    options: &PagingOptions,
    input: &Value,
    mut call: impl FnMut(&Value) -> Result<Value, Failure>,
) -> Result<Value, Failure> {
    let mut resume = match &options.starting_token {
        Some(text) => Resume::decode(text)?,
        None => Resume::default(),
    };
    let mut merged: Option<Value> = None;
    let mut count: u64 = 0;
    let mut seen: HashSet<String> = HashSet::new();
    let mut next_token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut request = input.clone();
        if let (Some(token), Some(object)) = (&resume.token, request.as_object_mut()) {
            object.insert(
                pagination.input_token.to_owned(),
                Value::String(token.clone()),
            );
        }
        let page = call(&request)?;
        let next = get_path(&page, pagination.output_token)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let mut items = get_path(&page, pagination.items).cloned();
        let skipped = std::mem::take(&mut resume.skip);
        if let Some(Value::Array(list)) = &mut items {
            list.drain(..(skipped as usize).min(list.len()));
            if let Some(max) = options.max_items {
                let room = max.saturating_sub(count) as usize;
                if list.len() > room {
                    // Stop mid-page: resume at this page, past what was shown.
                    list.truncate(room);
                    add(&mut merged, pagination.items, items);
                    let at = Resume {
                        token: resume.token.clone(),
                        skip: skipped + room as u64,
                    };
                    return Ok(finish(merged, Some(at.encode())));
                }
            }
            count += list.len() as u64;
        }
        add(&mut merged, pagination.items, items);
        let full = options.max_items.is_some_and(|max| count >= max);
        match next {
            Some(token) if seen.insert(token.clone()) && resume.token.as_ref() != Some(&token) => {
                if full {
                    let at = Resume {
                        token: Some(token),
                        skip: 0,
                    };
                    next_token = Some(at.encode());
                    break;
                }
                resume.token = Some(token);
            }
            // No next token, or one already followed: the last page.
            _ => break,
        }
    }
    Ok(finish(merged, next_token))
}

fn finish(merged: Option<Value>, next_token: Option<String>) -> Value {
    let mut result = merged.unwrap_or_else(|| Value::Object(Map::new()));
    if let (Some(token), Some(object)) = (next_token, result.as_object_mut()) {
        object.insert(TOKEN_KEY.to_owned(), Value::String(token));
    }
    result
}

/// Adds a page's items to the merged output: lists are concatenated, maps merged.
fn add(merged: &mut Option<Value>, path: &str, items: Option<Value>) {
    let result = merged.get_or_insert_with(|| Value::Object(Map::new()));
    let Some(items) = items else { return };
    let slot = path_mut(result, path);
    match (slot, items) {
        (Value::Array(existing), Value::Array(more)) => existing.extend(more),
        (Value::Object(existing), Value::Object(more)) => existing.extend(more),
        (slot @ Value::Null, items) => *slot = items,
        _ => {}
    }
}

/// The value at a dotted path of JSON names.
fn get_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(value, |value, name| value.get(name))
        .filter(|v| !v.is_null())
}

/// The slot at a dotted path, made (as `null`) where missing.
fn path_mut<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    path.split('.').fold(value, |value, name| {
        if !value.is_object() {
            *value = Value::Object(Map::new());
        }
        match value {
            Value::Object(object) => object.entry(name.to_owned()).or_insert(Value::Null),
            other => other,
        }
    })
}

#[cfg(test)]
#[path = "paging_tests.rs"]
mod tests;
