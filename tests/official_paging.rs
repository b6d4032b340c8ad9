//! Every `@paginated` operation of the official socialmessaging model, paged through its
//! generated client (blocking and async items, or pages where the model names no items):
//! three pages from a loopback server, every item once and in order, each request carrying
//! the previous page's token and the page size where the operation has one.
//!
//! The cases come from the model alone: for each paginated operation, an input with its
//! required members (strings made to match their `@pattern` from the pattern's automaton),
//! and pages whose items carry a marker in each of their strings. They are written as a
//! test of a crate generated from the model (`tests/templates/paging_driver.rs` beside it)
//! and run with `cargo test`, in the target directory `shared_models.rs` uses.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{json, Map, Value};
use smithy_codegen::plan::pattern::{self, Matcher, Planned};
use smithy_codegen::plan::{OperationPlan, Plan};
use smithy_codegen::write;
use smithy_codegen_tests::{generated_crates_cargo, repo_root, shared_dir};

const NAME: &str = "social-messaging-paging";
/// Structures and collections deeper than this in a sample hold only what is required.
const MAX_DEPTH: usize = 3;

fn model_path() -> PathBuf {
    shared_dir().join("models/socialmessaging-2024-01-01.json")
}

/// The model's shapes, as JSON, for sample values.
struct Shapes(Map<String, Value>);

fn traits(value: &Value) -> Option<&Map<String, Value>> {
    value.get("traits").and_then(Value::as_object)
}

fn has_trait(value: &Value, name: &str) -> bool {
    traits(value).is_some_and(|t| t.contains_key(name))
}

/// A member's name in JSON bodies and in the generated types' serde form.
fn json_name(name: &str, member: &Value) -> String {
    traits(member)
        .and_then(|t| t.get("smithy.api#jsonName"))
        .and_then(Value::as_str)
        .unwrap_or(name)
        .to_owned()
}

/// Where an input member travels, as the driver's `Binding`.
fn binding(name: &str, member: &Value) -> Result<TokenStream, String> {
    let t = traits(member);
    let text = |key: &str| t.and_then(|t| t.get(key)).and_then(Value::as_str);
    if let Some(query) = text("smithy.api#httpQuery") {
        Ok(quote!(driver::Binding::Query(#query)))
    } else if let Some(header) = text("smithy.api#httpHeader") {
        Ok(quote!(driver::Binding::Header(#header)))
    } else if ["smithy.api#httpLabel", "smithy.api#httpPayload"]
        .iter()
        .any(|k| t.is_some_and(|t| t.contains_key(*k)))
    {
        Err(format!(
            "member {name} is a label or payload, where no token goes"
        ))
    } else {
        let name = json_name(name, member);
        Ok(quote!(driver::Binding::Body(#name)))
    }
}

impl Shapes {
    fn shape(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// The shape type, prelude shapes (`smithy.api#String`) included.
    fn kind(&self, id: &str) -> Result<String, String> {
        if let Some(shape) = self.shape(id) {
            return shape["type"]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{id} has no type"));
        }
        let simple = id
            .strip_prefix("smithy.api#")
            .ok_or_else(|| format!("no shape {id}"))?;
        Ok(simple
            .strip_prefix("Primitive")
            .unwrap_or(simple)
            .to_ascii_lowercase())
    }

    fn members<'a>(&'a self, id: &str) -> Vec<(&'a str, &'a Value)> {
        self.shape(id)
            .and_then(|s| s.get("members"))
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    /// A list's `member`, a map's `key` or `value`.
    fn part<'a>(&'a self, id: &str, name: &str) -> Result<&'a Value, String> {
        self.shape(id)
            .and_then(|s| s.get(name))
            .ok_or_else(|| format!("{id} has no {name}"))
    }

    /// A trait of the member, else of its target.
    fn trait_of<'a>(
        &'a self,
        member: Option<&'a Value>,
        target: &str,
        name: &str,
    ) -> Option<&'a Value> {
        member
            .and_then(traits)
            .and_then(|t| t.get(name))
            .or_else(|| {
                self.shape(target)
                    .and_then(traits)
                    .and_then(|t| t.get(name))
            })
    }

    /// A value of `target` (through `member`, for its traits) in the JSON the service sends
    /// and the generated types read: `marker` in every free string; with `constrained`,
    /// strings of a `@pattern` match it.
    fn sample(
        &self,
        member: Option<&Value>,
        target: &str,
        marker: &str,
        constrained: bool,
        depth: usize,
    ) -> Result<Value, String> {
        let min_length = self
            .trait_of(member, target, "smithy.api#length")
            .and_then(|l| l.get("min"))
            .and_then(Value::as_u64)
            .unwrap_or(0) as usize;
        let kind = self.kind(target)?;
        let first_member = || self.members(target).into_iter().next();
        Ok(match kind.as_str() {
            "string" => {
                if let Some(values) = self
                    .trait_of(member, target, "smithy.api#enum")
                    .and_then(Value::as_array)
                {
                    values
                        .first()
                        .and_then(|v| v.get("value"))
                        .cloned()
                        .ok_or_else(|| format!("{target}: an empty enum"))?
                } else if let (true, Some(source)) = (
                    constrained,
                    self.trait_of(member, target, "smithy.api#pattern")
                        .and_then(Value::as_str),
                ) {
                    Value::String(pattern_example(source, min_length)?)
                } else {
                    let padding = min_length.saturating_sub(marker.len());
                    Value::String(format!("{marker}{}", "x".repeat(padding)))
                }
            }
            "enum" | "intenum" => {
                let (name, member) =
                    first_member().ok_or_else(|| format!("{target}: no values"))?;
                traits(member)
                    .and_then(|t| t.get("smithy.api#enumValue"))
                    .cloned()
                    .unwrap_or_else(|| Value::String(name.to_owned()))
            }
            "byte" | "short" | "integer" | "long" | "biginteger" => {
                let min = self
                    .trait_of(member, target, "smithy.api#range")
                    .and_then(|r| r.get("min"))
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
                json!(min.max(1))
            }
            "float" | "double" | "bigdecimal" => json!(1.5),
            "boolean" => json!(true),
            "timestamp" => match self
                .trait_of(member, target, "smithy.api#timestampFormat")
                .and_then(Value::as_str)
            {
                Some("date-time") => json!("2024-01-01T00:00:00Z"),
                Some("http-date") => json!("Mon, 01 Jan 2024 00:00:00 GMT"),
                _ => json!(1_704_067_200),
            },
            "blob" => json!("AA=="),
            "document" => json!({}),
            "list" | "set" => {
                let element = self.part(target, "member")?;
                let element_target = element["target"].as_str().unwrap_or_default();
                if depth >= MAX_DEPTH && min_length == 0 {
                    json!([])
                } else {
                    json!([self.sample(
                        Some(element),
                        element_target,
                        marker,
                        constrained,
                        depth + 1
                    )?])
                }
            }
            "map" => {
                let (key, value) = (self.part(target, "key")?, self.part(target, "value")?);
                if depth >= MAX_DEPTH && min_length == 0 {
                    json!({})
                } else {
                    let key_target = key["target"].as_str().unwrap_or_default();
                    let key =
                        match self.sample(Some(key), key_target, marker, constrained, depth + 1)? {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                    let value_target = value["target"].as_str().unwrap_or_default();
                    let mut map = Map::new();
                    map.insert(
                        key,
                        self.sample(Some(value), value_target, marker, constrained, depth + 1)?,
                    );
                    Value::Object(map)
                }
            }
            "structure" => {
                Value::Object(self.structure(target, marker, constrained, depth, |_, _| true)?)
            }
            "union" => {
                let (name, member) =
                    first_member().ok_or_else(|| format!("{target}: no member"))?;
                let member_target = member["target"].as_str().unwrap_or_default();
                let mut map = Map::new();
                map.insert(
                    json_name(name, member),
                    self.sample(Some(member), member_target, marker, constrained, depth + 1)?,
                );
                Value::Object(map)
            }
            other => return Err(format!("{target}: no sample for a {other}")),
        })
    }

    /// The members `keep` accepts: the required ones, and the others above `MAX_DEPTH`.
    fn structure(
        &self,
        id: &str,
        marker: &str,
        constrained: bool,
        depth: usize,
        keep: impl Fn(&str, &Value) -> bool,
    ) -> Result<Map<String, Value>, String> {
        let mut object = Map::new();
        for (name, member) in self.members(id) {
            let required = has_trait(member, "smithy.api#required");
            if !keep(name, member) || (!required && depth >= MAX_DEPTH) {
                continue;
            }
            let target = member["target"].as_str().unwrap_or_default();
            object.insert(
                json_name(name, member),
                self.sample(Some(member), target, marker, constrained, depth + 1)?,
            );
        }
        Ok(object)
    }
}

/// The shortest text of at least `min_length` characters that `source` matches, found by a
/// breadth-first walk of the pattern's automaton (as the generated crate checks it).
fn pattern_example(source: &str, min_length: usize) -> Result<String, String> {
    let plan = match pattern::plan(source)? {
        Planned::Checked(plan) => plan,
        // Not checked by the generated crate: any text passes.
        Planned::Unchecked { .. } => return Ok("x".repeat(min_length.max(1))),
    };
    let tables = match &plan.matcher {
        Matcher::Dfa(tables) | Matcher::RegressOrDfa { java: tables, .. } => tables,
        Matcher::Regress { reason } => return Err(format!("pattern {source:?}: {reason}")),
    };
    let classes = tables.classes.max(1);
    // A character of each class, plain ones first.
    let mut representative: Vec<Option<char>> = vec![None; classes];
    let plain = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_:/.";
    for c in plain.chars().chain((0x20u8..0x7f).map(char::from)) {
        if let Some(slot) = representative.get_mut(usize::from(tables.ascii[c as usize])) {
            slot.get_or_insert(c);
        }
    }
    for &(first, class) in &tables.non_ascii {
        if let (Some(slot), Some(c)) = (
            representative.get_mut(usize::from(class)),
            char::from_u32(first),
        ) {
            slot.get_or_insert(c);
        }
    }
    // States by number: 0 refuses and 1 accepts whatever follows.
    let accepts = |state: usize| state == 1 || tables.accepts_at_end.get(state) == Some(&true);
    let mut queue = VecDeque::from([(tables.start_state() as usize, String::new())]);
    let mut visited = HashSet::new();
    while let Some((state, text)) = queue.pop_front() {
        let length = text.chars().count();
        if state != 0 && accepts(state) && length >= min_length {
            assert!(plan.matches(&text), "{source:?} does not match {text:?}");
            return Ok(text);
        }
        if length > 300 {
            continue;
        }
        for (class, c) in representative.iter().enumerate() {
            let Some(c) = c else { continue };
            let next = usize::from(tables.next[state * classes + class]) / classes;
            if next != 0 && visited.insert((next, (length + 1).min(min_length))) {
                queue.push_back((next, format!("{text}{c}")));
            }
        }
    }
    Err(format!("found no text that {source:?} matches"))
}

/// Puts `value` at the dotted member `path` of `object` (a structure `id`), by JSON names.
fn put(
    shapes: &Shapes,
    object: &mut Map<String, Value>,
    id: &str,
    path: &str,
    value: Option<Value>,
) -> Result<(), String> {
    let (first, rest) = path
        .split_once('.')
        .map_or((path, None), |(a, b)| (a, Some(b)));
    let (name, member) = shapes
        .members(id)
        .into_iter()
        .find(|(name, _)| *name == first)
        .ok_or_else(|| format!("{id} has no member {first}"))?;
    let key = json_name(name, member);
    match rest {
        None => {
            match value {
                Some(value) => object.insert(key, value),
                None => object.remove(&key),
            };
        }
        Some(rest) => {
            let inner = object.entry(key).or_insert_with(|| json!({}));
            let inner = inner
                .as_object_mut()
                .ok_or_else(|| format!("{path}: not a structure"))?;
            let target = member["target"].as_str().unwrap_or_default();
            put(shapes, inner, target, rest, value)?;
        }
    }
    Ok(())
}

/// The list shape at the dotted `path` from structure `id`, and its element member.
fn items_element<'a>(
    shapes: &'a Shapes,
    id: &str,
    path: &str,
) -> Result<(&'a Value, String), String> {
    let mut current = id.to_owned();
    let mut target = String::new();
    for part in path.split('.') {
        let (_, member) = shapes
            .members(&current)
            .into_iter()
            .find(|(name, _)| *name == part)
            .ok_or_else(|| format!("{current} has no member {part}"))?;
        target = member["target"].as_str().unwrap_or_default().to_owned();
        current = target.clone();
    }
    let element = shapes
        .part(&target, "member")
        .map_err(|_| format!("{path}: not a list"))?;
    let element_target = element["target"].as_str().unwrap_or_default().to_owned();
    Ok((element, element_target))
}

/// The generated test of one paginated operation.
fn case(shapes: &Shapes, plan: &Plan, op: &OperationPlan) -> Result<TokenStream, String> {
    let paginated = op.paginated.as_ref().ok_or("not paginated")?;
    let (Some(input_token), Some(output_token)) = (&paginated.input_token, &paginated.output_token)
    else {
        return Err("no input or output token".into());
    };
    let input = plan
        .struct_of(&op.input)
        .ok_or("no input structure")?
        .id
        .to_string();
    let output = plan
        .struct_of(&op.output)
        .ok_or("no output structure")?
        .id
        .to_string();

    // The input: required members, the page size; the token is the paginator's.
    let mut input_json = Map::new();
    let mut token_binding = None;
    let mut page_size = quote!(::std::option::Option::None);
    for (name, member) in shapes.members(&input) {
        let target = member["target"].as_str().unwrap_or_default();
        if name == input_token {
            token_binding = Some(binding(name, member)?);
        } else if Some(name) == paginated.page_size.as_deref() {
            let range = shapes.trait_of(Some(member), target, "smithy.api#range");
            let bound = |key: &str| range.and_then(|r| r.get(key)).and_then(Value::as_i64);
            let size = 3_i64
                .max(bound("min").unwrap_or(1))
                .min(bound("max").unwrap_or(i64::MAX));
            input_json.insert(json_name(name, member), json!(size));
            let where_ = binding(name, member)?;
            let size = size.to_string();
            page_size = quote!(::std::option::Option::Some((#where_, #size)));
        } else if has_trait(member, "smithy.api#required") {
            input_json.insert(
                json_name(name, member),
                shapes.sample(Some(member), target, "input", true, 1)?,
            );
        }
    }
    let token_binding = token_binding.ok_or_else(|| format!("no input member {input_token}"))?;

    // Three pages: the body members the output requires, the items, the token.
    let body_member = |_: &str, member: &Value| {
        ![
            "smithy.api#httpHeader",
            "smithy.api#httpPrefixHeaders",
            "smithy.api#httpResponseCode",
        ]
        .iter()
        .any(|t| has_trait(member, t))
    };
    if shapes
        .members(&output)
        .iter()
        .any(|(_, m)| has_trait(m, "smithy.api#httpPayload"))
    {
        return Err("an output with a payload member has no page body to fill".into());
    }
    let tokens = ["next-page-1", "next-page-2"];
    let mut pages = Vec::new();
    let mut markers = Vec::new();
    for page in 0..3 {
        let mut body = shapes.structure(&output, "page", false, 1, |name, member| {
            body_member(name, member) && has_trait(member, "smithy.api#required")
        })?;
        if let Some(path) = &paginated.items {
            let (element, element_target) = items_element(shapes, &output, path)?;
            let mut items = Vec::new();
            for n in 0..3 {
                let marker = format!("item-p{page}-n{n}");
                let item = shapes.sample(Some(element), &element_target, &marker, false, 1)?;
                if !item.to_string().contains(&marker) {
                    return Err(format!(
                        "the items at {path} hold no text to tell them apart"
                    ));
                }
                items.push(item);
                markers.push(marker);
            }
            put(shapes, &mut body, &output, path, Some(Value::Array(items)))?;
        }
        let token = tokens.get(page).map(|t| json!(t));
        put(shapes, &mut body, &output, output_token, token)?;
        pages.push(Value::Object(body).to_string());
    }

    let test = format_ident!("pages_of_{}", op.module.name);
    let method = smithy_codegen::emit::client::method_name(op);
    let input_json = Value::Object(input_json).to_string();
    let [t1, t2] = tokens;
    let [p1, p2, p3] = [&pages[0], &pages[1], &pages[2]];
    let (blocking, asynchronous) = if paginated.items.is_some() {
        (
            quote! {
                paginator
                    .items()
                    .take(100)
                    .map(|item| serde_json::to_string(&item.expect("an item")).expect("JSON"))
                    .collect()
            },
            quote! {
                let mut items = paginator.items();
                let mut all = ::std::vec::Vec::new();
                while let ::std::option::Option::Some(item) = items.next().await {
                    all.push(serde_json::to_string(&item.expect("an item")).expect("JSON"));
                    assert!(all.len() <= 100, "the items do not end");
                }
                all
            },
        )
    } else {
        (
            quote! {
                let pages = paginator.pages().take(100).map(|page| page.expect("a page")).count();
                assert_eq!(pages, 3);
                ::std::vec::Vec::new()
            },
            quote! {
                let mut pages = paginator.pages();
                let mut count = 0;
                while let ::std::option::Option::Some(page) = pages.next().await {
                    page.expect("a page");
                    count += 1;
                    assert!(count <= 100, "the pages do not end");
                }
                assert_eq!(count, 3);
                ::std::vec::Vec::new()
            },
        )
    };
    Ok(quote! {
        #[test]
        fn #test() {
            static CASE: driver::Case = driver::Case {
                pages: [#p1, #p2, #p3],
                tokens: [#t1, #t2],
                token: #token_binding,
                page_size: #page_size,
                markers: &[#(#markers),*],
            };
            let input = || serde_json::from_str(#input_json).expect("the sample input");

            let server = driver::serve(&CASE);
            let client = service::blocking::Client::new(&driver::config(&server.url));
            let paginator = client.#method().with_input(input()).into_paginator();
            let items: ::std::vec::Vec<::std::string::String> = { #blocking };
            driver::check(&CASE, &server, &items);

            let server = driver::serve(&CASE);
            let client = service::Client::new(&driver::config(&server.url));
            let items = driver::block_on(async {
                let paginator = client.#method().with_input(input()).into_paginator();
                #asynchronous
            });
            driver::check(&CASE, &server, &items);
        }
    })
}

#[test]
fn every_paginated_operation_of_the_official_model_pages_through_the_client() {
    let model = model_path();
    let text = fs::read_to_string(&model)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", model.display()));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}"));
    let shapes = Shapes(
        json["shapes"]
            .as_object()
            .cloned()
            .unwrap_or_else(|| panic!("{}: no shapes", model.display())),
    );
    let output = smithy_codegen::run(&[&model], None)
        .unwrap_or_else(|err| panic!("{}:\n{err}", model.display()));
    let plan = &output.plan;

    let paginated: Vec<&OperationPlan> = plan
        .operations
        .iter()
        .filter(|op| op.paginated.is_some() && op.wire.is_some())
        .collect();
    // The model's own count of paginated operations, to be sure none was left out.
    let in_model = shapes
        .0
        .values()
        .filter(|s| s["type"] == "operation" && has_trait(s, "smithy.api#paginated"))
        .count();
    assert!(
        in_model > 0,
        "no paginated operation in {}",
        model.display()
    );
    assert_eq!(
        paginated.len(),
        in_model,
        "paginated operations with a wire layer"
    );
    let cases: Vec<TokenStream> = paginated
        .iter()
        .map(|op| case(&shapes, plan, op).unwrap_or_else(|err| panic!("{}: {err}", op.name)))
        .collect();

    let krate = format_ident!("{}", NAME.replace('-', "_"));
    let test_file = quote! {
        //! Generated by tests/official_paging.rs: each paginated operation paged through the
        //! client, blocking and async.
        use #krate as service;
        #[path = "support/driver.rs"]
        mod driver;
        #(#cases)*
    };

    let root = repo_root().join("target/official-paging-check");
    let dir = root.join(NAME);
    let mut files =
        write::crate_files(&output.code).unwrap_or_else(|err| panic!("{}: {err}", model.display()));
    files.insert(
        PathBuf::from("Cargo.toml"),
        write::cargo_toml(NAME, "0.1.0", &output.code),
    );
    files.insert(
        PathBuf::from("tests/paging.rs"),
        write::format_tokens(test_file).unwrap_or_else(|err| panic!("{err}")),
    );
    let driver = repo_root().join("tests/templates/paging_driver.rs");
    files.insert(
        PathBuf::from("tests/support/driver.rs"),
        fs::read_to_string(&driver).unwrap_or_else(|err| panic!("{}: {err}", driver.display())),
    );
    for (path, contents) in &files {
        let path = dir.join(path);
        write::write_if_changed(&path, contents)
            .unwrap_or_else(|err| panic!("cannot write {}: {err}", path.display()));
    }
    fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{NAME:?}]\n"),
    )
    .unwrap_or_else(|err| panic!("{err}"));
    // The repository's lock file: the versions the workspace tests with, nothing fetched.
    fs::copy(repo_root().join("Cargo.lock"), root.join("Cargo.lock"))
        .unwrap_or_else(|err| panic!("cannot copy Cargo.lock: {err}"));

    let run = generated_crates_cargo(&root, &["test", "--features", "client", "--test", "paging"])
        .output()
        .unwrap_or_else(|err| panic!("cannot run cargo: {err}"));
    let stdout = String::from_utf8_lossy(&run.stdout);
    let expected = format!("test result: ok. {} passed", paginated.len());
    assert!(
        run.status.success() && stdout.contains(&expected),
        "paging the generated client failed ({}), expected `{expected}`:\n{stdout}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
}
