// The other of two small services whose generated crates share the client runtime crate
// (tests/shared_runtime/, tests/client_shared_runtime.rs). Endpoint rules: the configured
// endpoint URL (SDK::Endpoint), else https://beta.<region>.example.com.
$version: "2"

namespace example.beta

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

/// Reports status.
@service(sdkId: "Beta", endpointPrefix: "beta")
@sigv4(name: "beta-signing")
@restJson1
@smithy.rules#endpointRuleSet({
    "version": "1.0",
    "parameters": {
        "Region": { "type": "string", "builtIn": "AWS::Region" },
        "Endpoint": { "type": "string", "builtIn": "SDK::Endpoint" }
    },
    "rules": [
        {
            "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Endpoint" }] }],
            "endpoint": { "url": { "ref": "Endpoint" } },
            "type": "endpoint"
        },
        {
            "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Region" }] }],
            "endpoint": { "url": "https://beta.{Region}.example.com" },
            "type": "endpoint"
        },
        {
            "conditions": [],
            "error": "a region is required",
            "type": "error"
        }
    ]
})
service Beta {
    version: "2024-06-01"
    operations: [GetStatus]
}

/// The status of a component.
@readonly
@http(method: "GET", uri: "/status/{component}")
operation GetStatus {
    input := {
        @required
        @httpLabel
        component: String
    }
    output := {
        status: String
    }
}
