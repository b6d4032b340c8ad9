//! The endpoint of a request, as the model's endpoint rules choose it: the settings handed to the generated
//! resolver, what it returns, and how the command line signs for it.

use crate::failure::Failure;

/// The built-ins the endpoint rules are given (`AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`,
/// `SDK::Endpoint`, `AWS::Auth::AccountId`, `AWS::Auth::AccountIdEndpointMode`), found as the AWS CLI finds them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointSettings {
    pub region: Option<String>,
    pub use_fips: bool,
    pub use_dual_stack: bool,
    /// A configured endpoint URL (`--endpoint-url`, `AWS_ENDPOINT_URL`, ...), without a trailing `/`.
    pub endpoint_url: Option<String>,
    pub account_id: Option<String>,
    /// `preferred`, `disabled` or `required`.
    pub account_id_endpoint_mode: Option<String>,
}

/// One of the endpoint's `authSchemes`, in the rules' order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, ...
    pub name: String,
    pub signing_name: Option<String>,
    pub signing_region: Option<String>,
    /// SigV4a's region set.
    pub signing_region_set: Vec<String>,
    pub disable_double_encoding: bool,
}

/// The endpoint the rules chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoint {
    pub url: String,
    /// Headers the endpoint asks for, each with its values.
    pub headers: Vec<(String, Vec<String>)>,
    pub auth_schemes: Vec<AuthScheme>,
}

/// What the resolver was given and what it chose, or the rules' error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The rule set's parameters as given (names and values), for `--debug`.
    pub params: String,
    pub endpoint: Result<Endpoint, String>,
}

/// Resolves the endpoint of one operation from its input (as JSON, wire names) and the settings.
pub type ResolveEndpoint = fn(&serde_json::Value, &EndpointSettings) -> Resolution;

/// How a request is signed for its endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signing {
    pub name: String,
    pub region: String,
    /// Percent-encode the canonical path twice (SigV4's default), unless the scheme says not to.
    pub double_encode: bool,
}

/// SigV4 as the endpoint's first auth scheme we support says (a missing signing name or region is the
/// service's and the configured region); with no `authSchemes`, SigV4 with the service's name and the region.
/// An endpoint that offers only schemes we cannot sign with (SigV4a needs an asymmetric key) is an error.
pub(crate) fn signing(
    endpoint: &Endpoint,
    service_signing_name: &str,
    region: Option<&str>,
) -> Result<Signing, Failure> {
    let scheme = match endpoint.auth_schemes.as_slice() {
        [] => None,
        schemes => match schemes.iter().find(|s| s.name == "sigv4") {
            Some(scheme) => Some(scheme),
            None => {
                let names: Vec<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
                return Err(Failure::Other(format!(
                    "The endpoint {} requires the auth scheme {}, which this command line does not support \
                     (it signs with sigv4 only)",
                    endpoint.url,
                    names.join(" or ")
                )));
            }
        },
    };
    let region = scheme
        .and_then(|s| s.signing_region.as_deref())
        .or(region)
        .ok_or_else(crate::settings::no_region)?;
    Ok(Signing {
        name: scheme
            .and_then(|s| s.signing_name.as_deref())
            .unwrap_or(service_signing_name)
            .to_owned(),
        region: region.to_owned(),
        double_encode: !scheme.is_some_and(|s| s.disable_double_encoding),
    })
}

/// Adds the endpoint's headers to the request; a name or value HTTP cannot carry is an error.
pub(crate) fn add_headers(
    request: &mut http::Request<Vec<u8>>,
    headers: &[(String, Vec<String>)],
) -> Result<(), Failure> {
    for (name, values) in headers {
        let header = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Failure::Other(format!("The endpoint's header name {name:?} is not valid"))
        })?;
        for value in values {
            let value = http::HeaderValue::from_str(value).map_err(|_| {
                Failure::Other(format!("The endpoint's header {name} has an invalid value"))
            })?;
            request.headers_mut().append(header.clone(), value);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme(name: &str) -> AuthScheme {
        AuthScheme {
            name: name.to_owned(),
            ..AuthScheme::default()
        }
    }

    fn at(schemes: Vec<AuthScheme>) -> Endpoint {
        Endpoint {
            url: "https://x.example".to_owned(),
            headers: Vec::new(),
            auth_schemes: schemes,
        }
    }

    #[test]
    fn signing_follows_the_first_sigv4_scheme() {
        let plain = signing(&at(vec![]), "svc", Some("us-east-1")).unwrap();
        assert_eq!(
            (
                plain.name.as_str(),
                plain.region.as_str(),
                plain.double_encode
            ),
            ("svc", "us-east-1", true)
        );
        let custom = AuthScheme {
            signing_name: Some("other".to_owned()),
            signing_region: Some("us-gov-west-1".to_owned()),
            disable_double_encoding: true,
            ..scheme("sigv4")
        };
        let chosen = signing(
            &at(vec![scheme("sigv4a"), custom]),
            "svc",
            Some("us-east-1"),
        )
        .unwrap();
        assert_eq!(
            (
                chosen.name.as_str(),
                chosen.region.as_str(),
                chosen.double_encode
            ),
            ("other", "us-gov-west-1", false)
        );
        // A scheme without a region signs for the configured one.
        let bare = signing(&at(vec![scheme("sigv4")]), "svc", Some("eu-west-1")).unwrap();
        assert_eq!(
            (bare.name.as_str(), bare.region.as_str()),
            ("svc", "eu-west-1")
        );
    }

    #[test]
    fn unsupported_schemes_and_no_region_are_errors() {
        let err = signing(&at(vec![scheme("sigv4a")]), "svc", Some("us-east-1")).unwrap_err();
        assert_eq!(err.code(), 255);
        assert!(err.message().contains("sigv4a"), "{}", err.message());
        assert_eq!(signing(&at(vec![]), "svc", None).unwrap_err().code(), 253);
    }

    #[test]
    fn headers_are_added_with_every_value() {
        let mut request = http::Request::new(Vec::new());
        let headers = vec![(
            "x-amz-thing".to_owned(),
            vec!["a".to_owned(), "b".to_owned()],
        )];
        add_headers(&mut request, &headers).unwrap();
        let values: Vec<_> = request.headers().get_all("x-amz-thing").iter().collect();
        assert_eq!(values, ["a", "b"]);
        let bad = vec![("bad name".to_owned(), vec![])];
        assert_eq!(add_headers(&mut request, &bad).unwrap_err().code(), 255);
    }
}
