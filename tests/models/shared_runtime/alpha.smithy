// One of two small services whose generated crates share the client runtime crate
// (tests/shared_runtime/, tests/client_shared_runtime.rs). No endpoint rules: its endpoint
// is the configured URL, else https://alpha.<region>.amazonaws.com.
$version: "2"

namespace example.alpha

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

/// Keeps things.
@service(sdkId: "Alpha Things", endpointPrefix: "alpha")
@sigv4(name: "alpha-signing")
@restJson1
service Alpha {
    version: "2024-01-01"
    operations: [PutThing, ListThings]
}

/// Stores a thing.
@http(method: "POST", uri: "/things")
operation PutThing {
    input := {
        @required
        @length(min: 1, max: 20)
        name: String
    }
    output := {
        id: String
    }
}

/// Lists the things, a page at a time.
@readonly
@http(method: "GET", uri: "/things")
@paginated(inputToken: "nextToken", outputToken: "nextToken", items: "names")
operation ListThings {
    input := {
        @httpQuery("nextToken")
        nextToken: String
    }
    output := {
        names: NameList
        nextToken: String
    }
}

list NameList {
    member: String
}
