//! The shared `config` and `credentials` files and the selected profile, read as botocore reads them
//! (Python's `RawConfigParser`): `#` and `;` comment lines, `=` or `:` between key and value, keys lower-cased,
//! indented lines continuing a value, and a value that starts on the next line (`s3 =` then indented
//! `key = value` lines) kept as a nested section. A key or section given twice is an error, as in botocore.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::error::Error;

pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Nested(HashMap<String, String>),
}

/// The sections of one file by their header text, each key with its value.
pub type Sections = HashMap<String, HashMap<String, Value>>;

/// Both files whole: role chains name other profiles, SSO profiles name `[sso-session x]` sections.
#[derive(Debug, Default)]
pub struct Files {
    pub config: Sections,
    pub credentials: Sections,
}

impl Files {
    /// The config file's section whose header is these words (`["sso-session", "x"]`), spaces aside.
    pub fn config_section(&self, words: &[&str]) -> Option<&HashMap<String, Value>> {
        self.config.iter().find_map(|(header, keys)| {
            header
                .split_whitespace()
                .eq(words.iter().copied())
                .then_some(keys)
        })
    }

    /// The profile of this name as the two files hold it; `None` when neither does.
    pub fn profile(self: &Arc<Self>, name: &str) -> Option<Profile> {
        let config = match name {
            "default" => self
                .config_section(&["profile", "default"])
                .or_else(|| self.config_section(&["default"])),
            _ => self.config_section(&["profile", name]),
        };
        let credentials = self.credentials.get(name);
        (config.is_some() || credentials.is_some()).then(|| Profile {
            name: name.to_owned(),
            explicit: true,
            config: config.cloned().unwrap_or_default(),
            credentials: credentials.cloned().unwrap_or_default(),
            files: Arc::clone(self),
        })
    }
}

/// The selected profile's keys: the credentials file's, the config file's, and their merge as botocore
/// makes it (the credentials file's value wins).
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub name: String,
    /// `--profile` was given: the profile then outranks the environment's keys, as in botocore.
    pub explicit: bool,
    pub config: HashMap<String, Value>,
    pub credentials: HashMap<String, Value>,
    pub files: Arc<Files>,
}

impl Profile {
    /// A text value, the credentials file's first; empty counts as unset.
    pub fn get(&self, key: &str) -> Option<&str> {
        [&self.credentials, &self.config]
            .into_iter()
            .find_map(|keys| text(keys, key))
    }
}

/// A text key of one file's section; empty counts as unset.
pub fn text<'a>(keys: &'a HashMap<String, Value>, key: &str) -> Option<&'a str> {
    match keys.get(key) {
        Some(Value::Text(v)) if !v.is_empty() => Some(v),
        _ => None,
    }
}

/// The profile named by `--profile`, else AWS_PROFILE, else `default`; a named profile that neither file
/// holds is an error (as the AWS CLI: `The config profile (p) could not be found`), a missing `default` is not.
pub fn load(flag: Option<&str>, env: Env) -> Result<Profile, Error> {
    let var = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let from_env = var("AWS_PROFILE");
    let named = flag.map(str::to_owned).or(from_env);
    let name = named.clone().unwrap_or_else(|| "default".to_owned());
    let config_path = file_path(var("AWS_CONFIG_FILE"), "config", env);
    let credentials_path = file_path(var("AWS_SHARED_CREDENTIALS_FILE"), "credentials", env);
    let files = Arc::new(Files {
        config: read(config_path.as_ref())?,
        credentials: read(credentials_path.as_ref())?,
    });
    match files.profile(&name) {
        Some(profile) => Ok(Profile {
            explicit: flag.is_some(),
            ..profile
        }),
        None if named.is_some() => Err(Error::config(format!(
            "The config profile ({name}) could not be found"
        ))),
        None => Ok(Profile {
            name,
            files,
            ..Profile::default()
        }),
    }
}

/// The variable's path (with `~` expanded), else `~/.aws/<file>`; `None` without a home directory.
fn file_path(set: Option<String>, file: &str, env: Env) -> Option<PathBuf> {
    let home = env("HOME")
        .or_else(|| env("USERPROFILE"))
        .filter(|h| !h.is_empty());
    match set {
        Some(path) => match (path.strip_prefix("~/"), &home) {
            (Some(rest), Some(home)) => Some(PathBuf::from(home).join(rest)),
            _ => Some(PathBuf::from(path)),
        },
        None => home.map(|h| PathBuf::from(h).join(".aws").join(file)),
    }
}

/// A missing file is an empty one (as in botocore); one that exists but cannot be read is an error.
fn read(path: Option<&PathBuf>) -> Result<Sections, Error> {
    let Some(path) = path else {
        return Ok(Sections::new());
    };
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Sections::new()),
        Err(e) => {
            return Err(Error::config(format!(
                "Unable to read config file: {}: {e}",
                path.display()
            )))
        }
    };
    parse(&text).map_err(|(line, why)| {
        Error::config(format!(
            "Unable to parse config file: {} (line {line}: {why})",
            path.display()
        ))
    })
}

/// A key with its raw value lines, while they are being read.
struct Pending {
    section: String,
    key: String,
    lines: Vec<String>,
    /// The key's indentation: only lines indented deeper continue its value.
    indent: usize,
}

/// Parses one file; an error gives its 1-based line and why. The error never quotes the line, which may hold a
/// secret.
pub fn parse(text: &str) -> Result<Sections, (usize, String)> {
    let mut sections = Sections::new();
    let mut section: Option<String> = None;
    let mut pending: Option<Pending> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(p) = pending.as_mut().filter(|p| indent > p.indent) {
            p.lines.push(line.to_owned());
            continue;
        }
        finish(&mut sections, pending.take()).map_err(|why| (number - 1, why))?;
        if line.starts_with('[') {
            let Some(end) = line.rfind(']') else {
                return Err((number, "a section header without `]`".to_owned()));
            };
            let header = line[1..end].trim().to_owned();
            if header.is_empty() || sections.contains_key(&header) {
                return Err((number, "an empty or repeated section header".to_owned()));
            }
            sections.insert(header.clone(), HashMap::new());
            section = Some(header);
            continue;
        }
        let Some(current) = section.clone() else {
            return Err((number, "a key before any section header".to_owned()));
        };
        let Some(at) = line.find(['=', ':']) else {
            return Err((number, "neither `=` nor `:` after the key".to_owned()));
        };
        let key = line[..at].trim().to_lowercase();
        if key.is_empty() {
            return Err((number, "an empty key".to_owned()));
        }
        if sections[&current].contains_key(&key) {
            return Err((number, format!("the key `{key}` repeated in its section")));
        }
        pending = Some(Pending {
            section: current,
            key,
            lines: vec![line[at + 1..].trim().to_owned()],
            indent,
        });
    }
    let last = text.lines().count();
    finish(&mut sections, pending.take()).map_err(|why| (last, why))?;
    Ok(sections)
}

/// Stores a finished key: an empty first line with more lines below is a nested section.
fn finish(sections: &mut Sections, pending: Option<Pending>) -> Result<(), String> {
    let Some(p) = pending else { return Ok(()) };
    let value = if p.lines[0].is_empty() && p.lines.len() > 1 {
        let mut nested = HashMap::new();
        for line in &p.lines[1..] {
            let (k, v) = line
                .split_once('=')
                .ok_or_else(|| format!("a line of the nested `{}` without `=`", p.key))?;
            nested.insert(k.trim().to_owned(), v.trim().to_owned());
        }
        Value::Nested(nested)
    } else {
        Value::Text(p.lines.join("\n"))
    };
    if let Some(keys) = sections.get_mut(&p.section) {
        keys.insert(p.key, value);
    }
    Ok(())
}
