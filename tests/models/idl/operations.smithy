// A service with a resource, and operations whose input and output are written inline with
// `:=` (named `<Operation>Input` / `<Operation>Output`, with `@input` / `@output` implied),
// with traits and mixins; target elision (`$id`) from a resource (`for`) and from a mixin.
$version: "2.0"

namespace example.ops

service Library {
    version: "2024-06-01"
    resources: [Book]
    operations: [Ping]
    errors: [NotFound]
}

resource Book {
    identifiers: { id: BookId }
    properties: { title: String, pages: Integer }
    read: GetBook
    update: UpdateBook
}

string BookId

/// A named input structure bound to the resource: `$id` is the resource's identifier.
@input
structure GetBookInput for Book {
    @required
    @httpLabel
    $id
}

@mixin
structure BookIdentity {
    @required
    id: BookId
}

@mixin
structure Paged {
    nextToken: String
    @range(min: 1, max: 100)
    maxResults: Integer
}

@readonly
@http(method: "GET", uri: "/books/{id}")
operation GetBook {
    input: GetBookInput

    output := @references([{ resource: Book }]) with [BookIdentity] {
        // Elided: the target of the mixin's `id` member.
        $id

        title: String
        pages: Integer
    }

    errors: [NotFound]
}

@idempotent
@http(method: "PUT", uri: "/books/{id}")
operation UpdateBook {
    input := with [Paged] {
        @required
        @httpLabel
        id: BookId

        title: String
    }
}

/// No input, no output: both are `smithy.api#Unit`.
@readonly
@http(method: "GET", uri: "/ping")
operation Ping {
    output := {}
}

@error("client")
@httpError(404)
structure NotFound {
    @required
    message: String
}
