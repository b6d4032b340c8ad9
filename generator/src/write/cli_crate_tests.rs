use std::path::Path;

use serde_json::{json, Value};

use super::*;

fn plan_of(model: Value) -> Plan {
    let loaded = crate::load::load_str(&model.to_string(), Path::new("m.json"))
        .unwrap_or_else(|diags| panic!("{diags}"));
    let resolved = crate::resolve::resolve(loaded, None).unwrap_or_else(|diags| panic!("{diags}"));
    crate::plan::plan(&resolved).unwrap_or_else(|diags| panic!("{diags}"))
}

/// A restJson1 service with one operation; `service_traits` are added to the service's.
fn service(service_traits: Value) -> Value {
    let mut traits = json!({"aws.protocols#restJson1": {}});
    if let (Some(all), Some(more)) = (traits.as_object_mut(), service_traits.as_object()) {
        all.extend(more.clone());
    }
    json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "2020-01-01",
                   "operations": [{"target": "ex#Ping"}], "traits": traits},
        "ex#Ping": {"type": "operation", "input": {"target": "ex#PingInput"},
                    "output": {"target": "ex#PingOutput"},
                    "traits": {"smithy.api#http": {"method": "POST", "uri": "/ping"}}},
        "ex#PingInput": {"type": "structure", "members": {"name": {"target": "smithy.api#String"}}},
        "ex#PingOutput": {"type": "structure", "members": {"greeting": {"target": "smithy.api#String"}}}
    }})
}

fn usage_error(result: Result<BTreeMap<PathBuf, String>, Error>) -> String {
    match result {
        Err(Error::Usage(message)) => message,
        other => panic!("expected a usage error, got {other:?}"),
    }
}

#[test]
fn the_binary_is_named_as_the_service_table_names_the_service() {
    let plan = plan_of(service(json!({"aws.api#service": {"sdkId": "Foo Bar"}})));
    let files = cli_crate_files(&plan, "foo-lib").unwrap();
    let manifest = &files[Path::new("Cargo.toml")];
    assert!(
        manifest.contains("[[bin]]\nname = \"foo-bar\"\npath = \"src/main.rs\""),
        "{manifest}"
    );
    assert!(manifest.contains("name = \"foo-lib-cli\""), "{manifest}");
    let lib = &files[Path::new("src/lib.rs")];
    assert!(lib.contains("cli_name: \"foo-bar\""), "{lib}");
    assert!(lib.contains("::foo_lib::"), "{lib}");
    let main = &files[Path::new("src/main.rs")];
    assert!(
        main.contains("::smithy_cli_runtime::main(&::foo_lib_cli::SERVICE)"),
        "{main}"
    );
    // Without `aws.api#service` the sdk ID is the service's name.
    let plan = plan_of(service(json!({})));
    let files = cli_crate_files(&plan, "svc").unwrap();
    assert!(files[Path::new("Cargo.toml")].contains("[[bin]]\nname = \"svc\""));
}

#[test]
fn the_crate_depends_only_on_what_generate_writes_and_on_registry_crates() {
    let plan = plan_of(service(json!({"aws.api#service": {"sdkId": "Foo"}})));
    let files = cli_crate_files(&plan, "foo").unwrap();
    let manifest = &files[Path::new("Cargo.toml")];
    assert!(
        manifest.contains("foo = { path = \"..\", features = [\"client\"] }"),
        "{manifest}"
    );
    assert!(
        manifest.contains("smithy-cli-runtime = { path = \"runtime\" }"),
        "{manifest}"
    );
    // The only paths leaving a crate's folder lead to the library in `<out>`; nothing reaches into the
    // generator's repository.
    for (path, contents) in &files {
        let name = path.display().to_string();
        if name.ends_with("Cargo.toml") {
            let paths = contents
                .lines()
                .filter(|l| l.trim_start().starts_with("path =") || l.contains(" path ="));
            for line in paths {
                let allowed = ["path = \"..\"", "path = \"runtime\"", "path = \"src/"];
                assert!(allowed.iter().any(|a| line.contains(a)), "{name}: {line}");
            }
        }
        if name.ends_with(".rs") {
            for line in contents.lines().filter(|l| l.contains("#[path")) {
                assert!(
                    !line.contains(".."),
                    "{name} includes a file outside its folder: {line}"
                );
            }
        }
    }
}

#[test]
fn the_runtime_is_cli_runtime_with_the_shared_configuration_files_inside() {
    let plan = plan_of(service(json!({})));
    let files = cli_crate_files(&plan, "svc").unwrap();
    let runtime = |path: &str| {
        files
            .get(&Path::new("runtime").join(path))
            .unwrap_or_else(|| panic!("runtime/{path} was not written"))
    };
    // Written as they are in the repository.
    for (path, contents) in cli_runtime::CLI_RUNTIME {
        // The manifest loses its dev-dependencies (tested in `cli_runtime`); `aws_config.rs` its `#[path]`s.
        if !["src/aws_config.rs", "Cargo.toml"].contains(path) {
            assert_eq!(runtime(path), contents, "{path}");
        }
    }
    for (path, contents) in cli_runtime::INCLUDED {
        let name = Path::new(path).file_name().unwrap().to_str().unwrap();
        assert_eq!(
            runtime(&format!("src/aws_config/{name}")),
            contents,
            "{path}"
        );
    }
    let aws_config = runtime("src/aws_config.rs");
    assert!(
        aws_config.contains("pub(crate) mod chain;") && !aws_config.contains("#[path"),
        "{aws_config}"
    );
    assert!(runtime("Cargo.toml").contains("name = \"smithy-cli-runtime\""));
}

#[test]
fn services_the_command_line_cannot_call_are_refused() {
    let mut model = service(json!({}));
    model["shapes"]["ex#Svc"]["traits"] = json!({});
    let message = usage_error(cli_crate_files(&plan_of(model), "svc"));
    assert!(
        message.contains("ex#Svc") && message.contains("restJson1"),
        "{message}"
    );
}

#[test]
fn names_that_cannot_name_a_program_or_a_crate_are_refused() {
    let plan = plan_of(service(json!({"aws.api#service": {"sdkId": "a/b"}})));
    let message = usage_error(cli_crate_files(&plan, "svc"));
    assert!(message.contains("`a/b`"), "{message}");
    let plan = plan_of(service(json!({"aws.api#service": {"sdkId": "Émoji"}})));
    assert!(usage_error(cli_crate_files(&plan, "svc")).contains("émoji"));

    let plan = plan_of(service(json!({})));
    for library in ["1svc", "_", "a.b", ""] {
        let message = usage_error(cli_crate_files(&plan, library));
        assert!(message.contains("--crate-name"), "{library}: {message}");
    }
}
