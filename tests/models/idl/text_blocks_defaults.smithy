// Text blocks (incidental whitespace, escapes, trailing line break), metadata, node values,
// member defaults written `= value`, shape defaults, an intEnum and an enum with values.
$version: "2.0"

metadata authors = ["a", "b"]
metadata limits = { depth: 3, ratio: 0.5, strict: true, none: null }

namespace example.text

@documentation("""
    A text block: the common indentation is removed,
        deeper lines keep the rest,
    "quotes" need no escape, \t escapes are expanded,
    and this line is joined \
    to the next one.
    """)
structure Settings {
    /// Defaults to a string.
    mode: Mode = "fast"

    level: Level = 2

    retries: Integer = 3

    enabled: Boolean = false

    ratio: Double = 0.25

    names: NameList = []

    extra: Extra = {}

    @required
    since: Timestamp = "2024-01-01T00:00:00Z"

    // No trailing line break: the closing quotes follow the text.
    @documentation("""
        One line, no trailing line break.""")
    note: String
}

/// How fast.
enum Mode {
    /// The default.
    FAST = "fast"

    SLOW = "slow"

    @deprecated(message: "Use SLOW.", since: "2024")
    LEGACY = "legacy"
}

intEnum Level {
    LOW = 1
    MEDIUM = 2
    HIGH = 3
}

@default(0)
integer Count

list NameList {
    member: String
}

map Extra {
    key: String
    value: Count
}
