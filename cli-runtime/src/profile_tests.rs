use super::*;

fn keys(sections: &Sections, header: &str) -> HashMap<String, Value> {
    sections[header].clone()
}

fn t(v: &str) -> Value {
    Value::Text(v.to_owned())
}

#[test]
fn comments_delimiters_case_and_whitespace() {
    let text =
        "# comment\n; another\n[default]\nRegion   =   eu-west-1  \noutput:json\n\n[profile p]\n\
                aws_access_key_id=AKID\nempty =\nwith_hash = a # not a comment\n";
    let sections = parse(text).unwrap();
    let default = keys(&sections, "default");
    assert_eq!(default["region"], t("eu-west-1"));
    assert_eq!(default["output"], t("json"));
    let p = keys(&sections, "profile p");
    assert_eq!(p["aws_access_key_id"], t("AKID"));
    assert_eq!(text_of(&p, "empty"), None);
    // As Python's RawConfigParser: only whole-line comments.
    assert_eq!(p["with_hash"], t("a # not a comment"));
}

fn text_of<'a>(keys: &'a HashMap<String, Value>, key: &str) -> Option<&'a str> {
    text(keys, key)
}

#[test]
fn nested_sections_and_continuations() {
    let text = "[profile p]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style=path\nregion = us-east-1\n\
                long = first\n  second\n";
    let p = keys(&parse(text).unwrap(), "profile p");
    let Value::Nested(s3) = &p["s3"] else {
        panic!("s3 is not nested: {:?}", p["s3"]);
    };
    assert_eq!(s3["max_concurrent_requests"], "20");
    assert_eq!(s3["addressing_style"], "path");
    assert_eq!(p["region"], t("us-east-1"));
    assert_eq!(p["long"], t("first\nsecond"));
}

#[test]
fn malformed_files_name_the_line_and_never_quote_it() {
    let (line, why) = parse("[default]\nregion = x\naws_secret_access_key SECRET\n").unwrap_err();
    assert_eq!(line, 3);
    assert!(!why.contains("SECRET"), "{why}");
    assert_eq!(parse("region = x\n").unwrap_err().0, 1);
    assert_eq!(parse("[default\n").unwrap_err().0, 1);
    // Python's strict parser refuses repeated keys and sections; botocore reports the file as unparsable.
    assert_eq!(parse("[a]\nk = 1\nK = 2\n").unwrap_err().0, 3);
    assert_eq!(parse("[a]\n[b]\n[a]\n").unwrap_err().0, 3);
    assert_eq!(parse("[a]\ns3 =\n  no_equals\n").unwrap_err().0, 3);
}

/// A temporary directory with a config and a credentials file, and an environment pointing at them.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn new(tag: &str, config: &str, credentials: &str) -> Files {
        let dir = std::env::temp_dir().join(format!("cli-profile-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(dir.join(".aws")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
        Files { dir }
    }

    fn env(&self, profile: Option<&str>) -> impl Fn(&str) -> Option<String> {
        let home = self.dir.display().to_string();
        let profile = profile.map(str::to_owned);
        move |name| match name {
            "HOME" => Some(home.clone()),
            "AWS_PROFILE" => profile.clone(),
            _ => None,
        }
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn selecting_a_profile() {
    let files = Files::new(
        "select",
        "[default]\nregion = us-east-1\n[profile p]\nregion = eu-west-1\naws_access_key_id = CONFIGKEY\n\
         [p]\nregion = not-a-profile-in-config\n",
        "[p]\naws_access_key_id = CREDKEY\n[q]\nregion = ap-south-1\n",
    );
    let default = load(None, &files.env(None)).unwrap();
    assert_eq!(
        (default.name.as_str(), default.get("region")),
        ("default", Some("us-east-1"))
    );
    let p = load(Some("p"), &files.env(None)).unwrap();
    assert!(p.explicit);
    assert_eq!(p.get("region"), Some("eu-west-1"));
    // The credentials file wins over the config file.
    assert_eq!(p.get("aws_access_key_id"), Some("CREDKEY"));
    let q = load(None, &files.env(Some("q"))).unwrap();
    assert!(!q.explicit);
    assert_eq!(q.get("region"), Some("ap-south-1"));
    // --profile wins over AWS_PROFILE.
    assert_eq!(load(Some("p"), &files.env(Some("q"))).unwrap().name, "p");
    let missing = load(Some("nope"), &files.env(None)).unwrap_err();
    assert_eq!(missing.code(), 253);
    assert_eq!(
        missing.message(),
        "The config profile (nope) could not be found"
    );
    assert!(load(None, &files.env(Some("nope"))).is_err());
}

#[test]
fn missing_files_are_empty_and_unreadable_ones_are_named() {
    let env = |name: &str| match name {
        "AWS_CONFIG_FILE" => Some("/nonexistent/dir/config".to_owned()),
        "AWS_SHARED_CREDENTIALS_FILE" => Some("/nonexistent/dir/credentials".to_owned()),
        _ => None,
    };
    assert!(load(None, &env).unwrap().config.is_empty());
    let files = Files::new("unreadable", "", "");
    let dir = files.dir.display().to_string();
    let env = move |name: &str| (name == "AWS_CONFIG_FILE").then(|| dir.clone());
    let err = load(None, &env).unwrap_err();
    assert_eq!(err.code(), 253);
    assert!(
        err.message().contains(&files.dir.display().to_string()),
        "{}",
        err.message()
    );
    let bad = Files::new("malformed", "[default]\nregion\n", "");
    let err = load(None, &bad.env(None)).unwrap_err();
    assert!(
        err.message().contains("config (line 2:"),
        "{}",
        err.message()
    );
}

#[test]
fn services_sections_are_kept_by_name() {
    let files = Files::new(
        "services",
        "[profile p]\nservices = local\n\n[services local]\nsocialmessaging =\n  endpoint_url = http://127.0.0.1:4566\n\
         dynamodb =\n  endpoint_url = http://127.0.0.1:8000\n[services   spaced]\ns3 =\n  addressing_style = path\n\
         [servicesnot]\nx = 1\n",
        "",
    );
    let p = load(Some("p"), &files.env(None)).unwrap();
    assert_eq!(p.get("services"), Some("local"));
    let local = p.files.config_section(&["services", "local"]).unwrap();
    assert!(p.files.config_section(&["services", "spaced"]).is_some());
    assert!(p.files.config_section(&["services", "not"]).is_none());
    let Value::Nested(social) = &local["socialmessaging"] else {
        panic!("not nested: {local:?}");
    };
    assert_eq!(social["endpoint_url"], "http://127.0.0.1:4566");
    // The credentials file has no services sections.
    let only_credentials = Files::new("services-cred", "", "[services local]\ns3 =\n  a = b\n");
    assert!(load(None, &only_credentials.env(None))
        .unwrap()
        .files
        .config_section(&["services", "local"])
        .is_none());
}
