//! `help`: the service's operations, or one operation's options with their members, shorthand and JSON syntax.

use crate::args::PAGING_OPTIONS;
use crate::doc_text::{indent, plain, summary};
use crate::schema::{Field, Param, Schema};
use crate::service::{Operation, Pagination, Service};

/// Recursion guard for the member listings and syntax examples.
const MAX_DEPTH: usize = 8;

const GLOBAL_OPTIONS: &str = "\
Global options:

  --endpoint-url <url>          Send requests to this URL instead of the default endpoint.
  --region <region>             The region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's).
  --profile <name>              The profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE,
                                then default); its credentials then outrank the environment's.
  --output <format>             json, text, table, yaml or yaml-stream (default: AWS_DEFAULT_OUTPUT, then the
                                profile's, then json).
  --query <expression>          A JMESPath expression to filter the output.
  --color on|off|auto           Colour the table output's values (auto, the default: only on a terminal).
  --no-sign-request             Send the request unsigned; credentials are not needed.
  --ca-bundle <path>            A PEM file of the CA certificates to trust for HTTPS (default: AWS_CA_BUNDLE,
                                then the profile's ca_bundle, then the built-in roots).
  --no-verify-ssl               Do not verify HTTPS certificates (a warning is printed).
  --debug                       Log the HTTP exchange to stderr, secrets masked.
  --cli-read-timeout <seconds>  Socket read timeout, 0 for none (default 60).
  --cli-connect-timeout <seconds>
                                Connect timeout, 0 for none (default 60).
  --cli-binary-format base64|raw-in-base64-out
                                How blob values are written: base64 text (the default), or the text's own
                                bytes (default: the profile's cli_binary_format). fileb:// is always bytes.
  --cli-input-json <json>       The whole input as JSON (or file://path); options override its members.
  --cli-input-yaml <yaml>       The whole input as YAML (or file://path); not with --cli-input-json.
  --generate-cli-skeleton [input|yaml-input|output]
                                Print a skeleton of the input (or output) and send nothing.
  --cli-auto-prompt             Ask for each missing required option when standard input is a terminal
                                (default: AWS_CLI_AUTO_PROMPT, then the profile's cli_auto_prompt).
  --no-cli-auto-prompt          Never ask.
  --no-cli-pager, --no-paginate Accepted; output is never paged and each command makes one call.
  --version                     Print the version and exit.

Retries: AWS_MAX_ATTEMPTS (else the profile's max_attempts) attempts in all; AWS_RETRY_MODE (else the
profile's retry_mode): legacy (5 attempts by default), standard or adaptive (3).
";

pub(crate) fn service_help(service: &Service) -> String {
    let mut out = format!(
        "{name}\n\nUsage: {name} <operation> [options]\n\nOperations:\n\n",
        name = service.cli_name
    );
    for op in service.operations {
        out.push_str(&format!("  {}\n", op.cli_name));
        let summary = summary(op.docs);
        if !summary.is_empty() {
            out.push_str(&format!("{}\n", indent(&summary, 6)));
        }
    }
    out.push_str(&format!(
        "\nRun \"{} <operation> help\" for an operation's options.\n\n{GLOBAL_OPTIONS}",
        service.cli_name
    ));
    out
}

pub(crate) fn operation_help(service: &Service, op: &Operation) -> String {
    let mut out = format!("{} {}\n\nDescription\n\n", service.cli_name, op.cli_name);
    out.push_str(&format!(
        "{}\n\nSynopsis\n\n  {}\n",
        indent(&plain(op.docs), 2),
        op.cli_name
    ));
    // A member whose option a paging option takes is given with --cli-input-json only.
    let params: Vec<&Param> = op
        .params
        .iter()
        .filter(|p| op.paginated.is_none() || !PAGING_OPTIONS.contains(&p.flag))
        .collect();
    for param in &params {
        out.push_str(&format!("    {}\n", synopsis(param)));
    }
    out.push_str("    [--cli-input-json | --cli-input-yaml]\n");
    if let Some(pagination) = &op.paginated {
        out.push_str("    [--starting-token <value>]\n");
        if pagination.page_size.is_some() {
            out.push_str("    [--page-size <value>]\n");
        }
        out.push_str("    [--max-items <value>]\n");
    }
    out.push_str("    [--generate-cli-skeleton <value>]\n");
    if op.output_body {
        out.push_str("    <outfile>\n");
    }
    out.push_str("\nOptions\n");
    for param in &params {
        out.push_str(&param_section(param));
    }
    if op.output_body {
        out.push_str(
            "\n  outfile (string)\n    The file the response body is written to, as it arrives.\n",
        );
    }
    if let Some(pagination) = &op.paginated {
        out.push_str(&paging_sections(pagination));
    }
    out.push_str("\nOutput\n\n");
    let members = match op.output.fields() {
        Some(fields) => member_tree(fields, 1, &mut vec![op.output as *const Schema]),
        None => String::new(),
    };
    out.push_str(if members.is_empty() {
        "  None\n"
    } else {
        &members
    });
    out.push_str(&format!("\n{GLOBAL_OPTIONS}"));
    out
}

/// The AWS CLI's own words for its pagination options.
fn paging_sections(pagination: &Pagination) -> String {
    let mut out = String::from(
        "\n  --starting-token (string)\n\n    A token to specify where to start paginating. This is the NextToken from a previously\n    truncated response.\n",
    );
    if pagination.page_size.is_some() {
        out.push_str(&format!(
            "\n  --page-size (integer)\n\n    The size of each page to get in the service call (the {} member). This does not affect\n    the number of items returned in the command's output. Setting a smaller page size\n    results in more calls to the service, retrieving fewer items in each call.\n",
            pagination.page_size.unwrap_or_default()
        ));
    }
    out.push_str(
        "\n  --max-items (integer)\n\n    The total number of items to return in the command's output. If the total number of items\n    available is more than the value specified, a NextToken is provided in the command's output.\n    To resume pagination, provide the NextToken value in the starting-token argument of a\n    subsequent command.\n",
    );
    out
}

fn synopsis(param: &Param) -> String {
    let option = match param.schema {
        Schema::Boolean => format!("--{flag} | --no-{flag}", flag = param.flag),
        _ => format!("--{} <value>", param.flag),
    };
    if param.required {
        option
    } else {
        format!("[{option}]")
    }
}

fn param_section(param: &Param) -> String {
    let required = if param.required { " [required]" } else { "" };
    let mut out = format!(
        "\n--{} ({}){required}\n",
        param.flag,
        param.schema.type_name()
    );
    let docs = plain(param.docs);
    if !docs.is_empty() {
        out.push_str(&format!("\n{}\n", indent(&docs, 2)));
    }
    if let Schema::Enum(values) = param.schema {
        out.push_str(&format!("\n  Possible values: {}\n", values.join(", ")));
    }
    let mut path = vec![param.schema as *const Schema];
    let fields = match param.schema {
        Schema::List(element) | Schema::Map(element) => element.fields(),
        schema => schema.fields(),
    };
    if let Some(fields) = fields {
        out.push('\n');
        out.push_str(&member_tree(fields, 1, &mut path));
    }
    if let Some(example) = shorthand_example(param.schema) {
        out.push_str(&format!(
            "\n  Shorthand Syntax:\n\n{}\n",
            indent(&example, 4)
        ));
    }
    if !param.schema.is_scalar() {
        let json = json_syntax(param.schema, 0, &mut Vec::new());
        out.push_str(&format!("\n  JSON Syntax:\n\n{}\n", indent(&json, 4)));
    }
    out
}

/// `name -> (type)` and its docs for each member, nested members indented below.
fn member_tree(fields: &'static [Field], depth: usize, path: &mut Vec<*const Schema>) -> String {
    let mut out = String::new();
    for field in fields {
        let required = if field.required { ", required" } else { "" };
        out.push_str(&format!(
            "{}{} -> ({}{required})\n",
            "  ".repeat(depth),
            field.name,
            field.schema.type_name()
        ));
        let docs = plain(field.docs);
        if !docs.is_empty() {
            out.push_str(&format!("{}\n", indent(&docs, depth * 2 + 4)));
        }
        let nested = match field.schema {
            Schema::List(element) | Schema::Map(element) => element,
            schema => schema,
        };
        if let Some(nested_fields) = nested.fields() {
            if path.iter().any(|p| std::ptr::eq(*p, nested)) || depth >= MAX_DEPTH {
                out.push_str(&format!(
                    "{}(recursive: see above)\n",
                    "  ".repeat(depth + 2)
                ));
            } else {
                path.push(nested);
                out.push_str(&member_tree(nested_fields, depth + 1, path));
                path.pop();
            }
        }
    }
    out
}

/// An example in shorthand, for the shapes shorthand suits; `None` for scalars and documents.
fn shorthand_example(schema: &'static Schema) -> Option<String> {
    let mut path = Vec::new();
    match schema {
        Schema::Structure(_) | Schema::Union(_) => Some(shorthand_members(schema, &mut path)),
        Schema::Map(values) => Some(format!(
            "KeyName1={value},KeyName2={value}",
            value = shorthand_value(values, &mut path)
        )),
        Schema::List(element) if element.fields().is_some() => {
            let one = shorthand_members(element, &mut path);
            Some(format!("{one} {one}"))
        }
        Schema::List(element) if element.is_scalar() => {
            let one = shorthand_value(element, &mut path);
            Some(format!("{one} {one}"))
        }
        _ => None,
    }
}

fn shorthand_members(schema: &'static Schema, path: &mut Vec<*const Schema>) -> String {
    let fields = schema.fields().unwrap_or(&[]);
    path.push(schema);
    let members: Vec<String> = fields
        .iter()
        .map(|f| format!("{}={}", f.name, shorthand_value(f.schema, path)))
        .collect();
    path.pop();
    members.join(",")
}

fn shorthand_value(schema: &'static Schema, path: &mut Vec<*const Schema>) -> String {
    if path.iter().any(|p| std::ptr::eq(*p, schema)) || path.len() >= MAX_DEPTH {
        return "{...}".to_owned();
    }
    match schema {
        Schema::Structure(_) | Schema::Union(_) => {
            format!("{{{}}}", shorthand_members(schema, path))
        }
        // Two scalars show the separator; one structure is enough to show its members.
        Schema::List(element) if element.is_scalar() => {
            let one = shorthand_value(element, path);
            format!("[{one},{one}]")
        }
        Schema::List(element) => format!("[{},...]", shorthand_value(element, path)),
        Schema::Map(values) => format!("{{KeyName1={}}}", shorthand_value(values, path)),
        Schema::Enum(values) if !values.is_empty() => values.join("|"),
        Schema::Boolean => "true|false".to_owned(),
        Schema::Document => "JSON".to_owned(),
        scalar => scalar.type_name().to_owned(),
    }
}

/// The AWS CLI's "JSON Syntax": the shape as JSON with type names for values, `...` for repetition.
fn json_syntax(schema: &'static Schema, depth: usize, path: &mut Vec<*const Schema>) -> String {
    let pad = "  ".repeat(depth + 1);
    let end = "  ".repeat(depth);
    if path.iter().any(|p| std::ptr::eq(*p, schema)) || depth >= MAX_DEPTH * 2 {
        return "{ ... recursive ... }".to_owned();
    }
    path.push(schema);
    let text = match schema {
        Schema::Structure(fields) | Schema::Union(fields) => {
            let members: Vec<String> = fields
                .iter()
                .map(|f| {
                    format!(
                        "{pad}\"{}\": {}",
                        f.name,
                        json_syntax(f.schema, depth + 1, path)
                    )
                })
                .collect();
            let separator = if matches!(schema, Schema::Union(_)) {
                " (one of)"
            } else {
                ""
            };
            format!("{{{separator}\n{}\n{end}}}", members.join(",\n"))
        }
        Schema::List(element) => format!(
            "[\n{pad}{}\n{pad}...\n{end}]",
            json_syntax(element, depth + 1, path)
        ),
        Schema::Map(values) => format!(
            "{{\n{pad}\"string\": {}\n{pad}...\n{end}}}",
            json_syntax(values, depth + 1, path)
        ),
        Schema::String | Schema::Blob => "\"string\"".to_owned(),
        Schema::Enum(values) if !values.is_empty() => {
            let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
            quoted.join("|")
        }
        Schema::Boolean => "true|false".to_owned(),
        Schema::Document => "{...}".to_owned(),
        scalar => scalar.type_name().to_owned(),
    };
    path.pop();
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures::{PARAMS, SERVICE};

    #[test]
    fn service_help_lists_operations() {
        let text = service_help(&SERVICE);
        assert!(
            text.contains("  create-thing\n      Creates a thing.\n"),
            "{text}"
        );
        assert!(text.contains("--cli-read-timeout"));
    }

    #[test]
    fn operation_help_shows_options_members_and_syntax() {
        let text = operation_help(&SERVICE, &SERVICE.operations[0]);
        assert!(
            text.contains("    --name <value>\n    [--count <value>]\n"),
            "{text}"
        );
        assert!(text.contains("[--enabled | --no-enabled]"), "{text}");
        assert!(
            text.contains("--name (string) [required]\n\n  The thing's name.\n"),
            "{text}"
        );
        assert!(
            text.contains("  key -> (string, required)\n      The tag key.\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "Shorthand Syntax:\n\n    key=string,value=string key=string,value=string\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("    name=string,child={...},children=[{...},...]\n"),
            "{text}"
        );
        assert!(text.contains("(recursive: see above)"), "{text}");
        assert!(text.contains("Possible values: RED, GREEN"), "{text}");
        assert!(text.contains("Output\n\n  id -> (string)\n"), "{text}");
    }

    #[test]
    fn json_syntax_of_a_list_of_structures() {
        let tags = PARAMS.iter().find(|p| p.flag == "tags").unwrap();
        assert_eq!(
            json_syntax(tags.schema, 0, &mut Vec::new()),
            "[\n  {\n    \"key\": \"string\",\n    \"value\": \"string\"\n  }\n  ...\n]"
        );
    }
}
