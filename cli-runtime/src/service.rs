//! A service and its operations, as generated code declares them.

use crate::dispatch::Invoke;
use crate::endpoint::ResolveEndpoint;
use crate::schema::{Param, Schema};

/// Builds the unsigned HTTP request from the input as JSON (wire names) and the endpoint URL (no trailing `/`);
/// `Err` = invalid input, every problem listed (one per line).
pub type BuildRequest = fn(&serde_json::Value, &str) -> Result<http::Request<Vec<u8>>, String>;

/// Checks the whole input document (from `--cli-input-json` and the options, merged) against the operation's
/// input: `Err` = every problem at once, as one message with a heading and a problem per line.
pub type CheckInput = fn(&serde_json::Value) -> Result<(), String>;

/// One operation as a subcommand.
#[derive(Debug)]
pub struct Operation {
    /// Kebab case, e.g. `associate-whatsapp-business-account`.
    pub cli_name: &'static str,
    /// The Smithy name, e.g. `AssociateWhatsAppBusinessAccount`; used in error messages and table titles.
    pub name: &'static str,
    pub docs: &'static str,
    pub params: &'static [Param],
    /// A `Schema::Structure`.
    pub input: &'static Schema,
    pub output: &'static Schema,
    /// Checks the input before anything else is done with it.
    pub check_input: CheckInput,
    /// Builds the unsigned HTTP request from the input as JSON (wire names) and the endpoint URL;
    /// `Err` = invalid input, every problem listed (one per line). It only checks: the input is
    /// refused before credentials are looked for (and for `--generate-cli-skeleton output`), and its URL
    /// chooses the proxy; calls are built and sent by `invoke`.
    pub build_request: BuildRequest,
    /// Chooses the endpoint from the input and the settings with the model's endpoint rules.
    pub resolve_endpoint: ResolveEndpoint,
    /// Sends the input through the generated client.
    pub invoke: Invoke,
    /// The union of an output event stream (a `Schema::Union`), whose events the command line prints after
    /// the output.
    pub output_events: Option<&'static Schema>,
    /// The output has a `@streaming` blob body: the command takes a required positional `outfile`, which the
    /// body is written to as it arrives (as the AWS CLI's `s3api get-object`).
    pub output_body: bool,
    /// `@paginated` with the service's defaults, when the command line pages through the results.
    pub paginated: Option<Pagination>,
}

/// How the command line pages an operation (AWS CLI style: `--max-items`, `--starting-token`, `--page-size`,
/// and `--no-paginate`). Names are the JSON (wire) names of the input and output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// The input member that takes the token.
    pub input_token: &'static str,
    /// The output's next token, a dotted path.
    pub output_token: &'static str,
    /// The output's list of items, a dotted path.
    pub items: &'static str,
    /// The input member that limits a page, when the model names one.
    pub page_size: Option<&'static str>,
}

/// A whole service as a command line.
#[derive(Debug)]
pub struct Service {
    /// The command's name, e.g. `socialmessaging`.
    pub cli_name: &'static str,
    /// The model's `sdkId`, e.g. `SocialMessaging`: it names `AWS_ENDPOINT_URL_<SERVICE>` and the service's
    /// key in `[services ...]` sections of the config file.
    pub sdk_id: &'static str,
    /// The SigV4 signing name from `aws.auth#sigv4`, e.g. `social-messaging`, when the endpoint names none.
    pub signing_name: &'static str,
    pub operations: &'static [Operation],
}

impl Service {
    /// The operation with this command-line name.
    pub fn operation(&self, cli_name: &str) -> Option<&'static Operation> {
        // Word breaks differ between tools (`whatsapp` / `whats-app`): match without dashes.
        let wanted = normalize(cli_name);
        self.operations
            .iter()
            .find(|op| normalize(op.cli_name) == wanted)
    }
}

impl Operation {
    /// The parameter with this flag (without `--`).
    pub fn param(&self, flag: &str) -> Option<&'static Param> {
        let wanted = normalize(flag);
        self.params.iter().find(|p| normalize(p.flag) == wanted)
    }
}

/// A command-line name without dashes, in lower case.
fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn names_match_across_word_breaks() {
        assert_eq!(
            normalize("associate-whats-app-business-account"),
            normalize("associate-whatsapp-business-account")
        );
        assert_ne!(normalize("tag-resource"), normalize("untag-resource"));
    }
}
