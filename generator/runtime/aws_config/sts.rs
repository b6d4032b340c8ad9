//! STS's AssumeRole and AssumeRoleWithWebIdentity as awsQuery calls: a form POST, an XML answer.

use std::time::Duration;

use super::chain::{service_endpoint, Context};
use super::error::Error;
use super::hooks::encode;
use super::settings::Credentials;
use super::xml;

/// botocore's default read timeout for a client call.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Calls `action` with `params`, signed with `signer` when given (AssumeRoleWithWebIdentity is unsigned).
/// `secrets` are masked in any message built from the answer.
pub fn call(
    ctx: &Context,
    action: &str,
    params: &[(&str, String)],
    signer: Option<&Credentials>,
    secrets: &[String],
) -> Result<Credentials, Error> {
    let (url, signing_region) = endpoint(ctx)?;
    let mut body = format!("Action={action}&Version=2011-06-15");
    for (name, value) in params {
        body.push_str(&format!("&{name}={}", encode(value)));
    }
    let mut request = http::Request::post(format!("{url}/"))
        .header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        )
        .body(body.into_bytes())
        .map_err(|e| Error::config(format!("Invalid STS endpoint \"{url}\": {e}")))?;
    if let Some(c) = signer {
        ctx.hooks
            .sign(&mut request, c, &signing_region, "sts")
            .map_err(Error::transport)?;
    }
    let reply = ctx
        .hooks
        .exchange(request, TIMEOUT, true)
        .map_err(Error::transport)?;
    if reply.status != 200 {
        let code = xml::text(&reply.body, "Code")
            .or(reply.error_type)
            .unwrap_or_else(|| format!("HTTP {}", reply.status));
        let message = xml::text(&reply.body, "Message").unwrap_or_else(|| "Unknown".to_owned());
        return Err(Error::service(redact_text(
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
            expiry: field("Expiration")
                .as_deref()
                .and_then(super::credential_process::expiration_time),
        }),
        _ => Err(Error::transport(format!(
            "Unable to parse the response of the {action} operation: no Credentials with AccessKeyId, \
             SecretAccessKey and SessionToken"
        ))),
    }
}

/// The STS endpoint and the region to sign for: a configured endpoint (as for any service), else the regional
/// endpoint (botocore's default), else the global one in us-east-1 when no region is set.
fn endpoint(ctx: &Context) -> Result<(String, String), Error> {
    let region = ctx.region.unwrap_or("us-east-1").to_owned();
    if let Some(url) = service_endpoint(ctx, "STS")? {
        return Ok((url, region));
    }
    let url = match ctx.region {
        Some(r) if r.starts_with("cn-") => format!("https://sts.{r}.amazonaws.com.cn"),
        Some(r) => format!("https://sts.{r}.amazonaws.com"),
        None => "https://sts.amazonaws.com".to_owned(),
    };
    Ok((url, region))
}

/// `text` with every occurrence of each secret replaced by `***`.
fn redact_text(text: &str, secrets: &[String]) -> String {
    secrets.iter().fold(text.to_owned(), |text, secret| {
        text.replace(secret.as_str(), "***")
    })
}
