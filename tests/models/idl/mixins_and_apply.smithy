// Mixins (members, traits, mixins of mixins) and `apply` (single and block forms, on shapes,
// own members and members inherited from a mixin). Printed without flattening, mixins stay
// `mixins` and the traits applied to inherited members stay `apply` entries.
$version: "2.0"

namespace example.mixins

/// Members every resource record carries.
@mixin
structure Timestamps {
    @required
    createdAt: Timestamp

    updatedAt: Timestamp
}

@mixin
@tags(["owned"])
structure Owned with [Timestamps] {
    @length(min: 1)
    owner: String
}

// Its documentation comes from `apply` below.
structure Record with [Owned] {
    name: String

    // Target elision: `$owner` takes its target from the mixin member `owner`.
    $owner
}

@mixin
@length(max: 64)
string ShortText

@pattern("^[a-z]+$")
string Slug with [ShortText]

@mixin
list TextList {
    member: String
}

@uniqueItems
list Labels with [TextList] {}

apply Record @documentation("Applied to the shape.")

apply Record$name {
    @required
    @documentation("Applied to an own member.")
}

apply Record$createdAt @documentation("Applied to a member inherited through two mixins.")

apply Slug @sensitive
