//! `--query`: JMESPath, by the `jmespath` crate (the full language and its built-in functions).
//! Objects in a query's result have their keys in sorted order (the crate keeps objects in sorted maps).

use serde_json::Value;

/// Longer or deeper expressions are refused: the crate's parser and interpreter recurse.
const MAX_LENGTH: usize = 2000;
const MAX_NESTING: usize = 32;

pub(crate) struct Query(jmespath::Expression<'static>);

/// Compiles the expression; the error is the message for `Bad value for --query`.
pub(crate) fn compile(expression: &str) -> Result<Query, String> {
    let bad = |why: String| format!("Bad value for --query {expression}: {why}");
    if expression.len() > MAX_LENGTH {
        return Err(bad(format!("longer than {MAX_LENGTH} characters")));
    }
    if nesting(expression) > MAX_NESTING {
        return Err(bad(format!("nested deeper than {MAX_NESTING} levels")));
    }
    jmespath::compile(expression)
        .map(Query)
        .map_err(|e| bad(e.to_string()))
}

/// The query's result for `value`.
pub(crate) fn apply(query: &Query, value: &Value) -> Result<Value, String> {
    let result = query
        .0
        .search(value)
        .map_err(|e| format!("Error applying --query: {e}"))?;
    serde_json::to_value(&*result).map_err(|e| format!("Error applying --query: {e}"))
}

/// The deepest nesting of brackets, braces and parentheses, outside quoted parts.
fn nesting(expression: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in expression.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => quote = Some(c),
                '(' | '[' | '{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expression: &str, value: Value) -> Value {
        apply(&compile(expression).unwrap(), &value).unwrap()
    }

    #[test]
    fn paths_projections_filters_and_functions() {
        let v = json!({"r": {"items": [{"n": "a", "v": 1}, {"n": "b", "v": 5}, {"n": "c", "v": 3}]}, "code": 200});
        assert_eq!(run("code", v.clone()), json!(200));
        assert_eq!(run("r.items[].n", v.clone()), json!(["a", "b", "c"]));
        assert_eq!(run("r.items[?v > `2`].n", v.clone()), json!(["b", "c"]));
        assert_eq!(run("r.items[0]", v.clone()), json!({"n": "a", "v": 1}));
        assert_eq!(run("length(r.items)", v.clone()), json!(3));
        assert_eq!(
            run("r.items[-1].{name: n, value: v}", v.clone()),
            json!({"name": "c", "value": 3})
        );
        assert_eq!(
            run("sort_by(r.items, &v)[*].n | [0]", v.clone()),
            json!("a")
        );
        assert_eq!(run("missing", v), json!(null));
    }

    #[test]
    fn bad_expressions_are_reported() {
        let err = compile("r.items[").err().unwrap();
        assert!(err.starts_with("Bad value for --query r.items[: "), "{err}");
        let deep = format!("{}a{}", "(".repeat(40), ")".repeat(40));
        assert!(compile(&deep).err().unwrap().contains("nested deeper"));
        assert!(compile(&"a.".repeat(1500))
            .err()
            .unwrap()
            .contains("longer than"));
    }
}
