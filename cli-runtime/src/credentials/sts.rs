//! STS's AssumeRole and AssumeRoleWithWebIdentity as awsQuery calls: a form POST, an XML answer.

use std::time::{Duration, SystemTime};

use super::{fetch, service_endpoint, xml, Context};
use crate::failure::Failure;
use crate::redact;
use crate::settings::Credentials;

/// botocore's default read timeout for a client call.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Calls `action` with `params`, signed with `signer` when given (AssumeRoleWithWebIdentity is unsigned).
/// `secrets` are masked in any message built from the answer.
pub(crate) fn call(
    ctx: &Context,
    action: &str,
    params: &[(&str, String)],
    signer: Option<&Credentials>,
    secrets: &[String],
) -> Result<Credentials, Failure> {
    let (url, signing_region) = endpoint(ctx)?;
    let mut body = format!("Action={action}&Version=2011-06-15");
    for (name, value) in params {
        body.push_str(&format!("&{name}={}", fetch::encode(value)));
    }
    let mut request = http::Request::post(format!("{url}/"))
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(body.into_bytes())
        .map_err(|e| Failure::Config(format!("Invalid STS endpoint \"{url}\": {e}")))?;
    if let Some(c) = signer {
        crate::sign::sign(
            &mut request,
            &c.access_key,
            &c.secret_key,
            c.session_token.as_deref(),
            &signing_region,
            "sts",
            SystemTime::now(),
        )
        .map_err(Failure::Other)?;
    }
    let reply =
        fetch::exchange(request, TIMEOUT, Some(ctx.env), ctx.tls).map_err(Failure::Other)?;
    if reply.status != 200 {
        let code = xml::text(&reply.body, "Code")
            .or(reply.error_type)
            .unwrap_or_else(|| format!("HTTP {}", reply.status));
        let message = xml::text(&reply.body, "Message").unwrap_or_else(|| "Unknown".to_owned());
        return Err(Failure::Service(redact::redact_text(
            &format!("An error occurred ({code}) when calling the {action} operation: {message}"),
            secrets,
        )));
    }
    let field = |name| xml::inner(&reply.body, "Credentials").and_then(|c| xml::text(c, name));
    match (
        field("AccessKeyId"),
        field("SecretAccessKey"),
        field("SessionToken"),
    ) {
        (Some(access_key), Some(secret_key), Some(token)) => Ok(Credentials {
            access_key,
            secret_key,
            session_token: Some(token),
        }),
        _ => Err(Failure::Other(format!(
            "Unable to parse the response of the {action} operation: no Credentials with AccessKeyId, \
             SecretAccessKey and SessionToken"
        ))),
    }
}

/// The STS endpoint and the region to sign for: a configured endpoint (as for any service), else the regional
/// endpoint (botocore's default), else the global one in us-east-1 when no region is set.
fn endpoint(ctx: &Context) -> Result<(String, String), Failure> {
    let region = ctx.region.unwrap_or("us-east-1").to_owned();
    if let Some(url) = service_endpoint(ctx, "STS", "sts")? {
        return Ok((url, region));
    }
    let url = match ctx.region {
        Some(r) if r.starts_with("cn-") => format!("https://sts.{r}.amazonaws.com.cn"),
        Some(r) => format!("https://sts.{r}.amazonaws.com"),
        None => "https://sts.amazonaws.com".to_owned(),
    };
    Ok((url, region))
}
