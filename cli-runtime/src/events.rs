//! An output event stream as the command line prints it: after the output, each event received as one line of
//! JSON (the stream's union, `{"<event>": {...}}`), in order. An error that ends the stream is the command's
//! failure, after the events before it: an exception or error event is a service error (exit 254, the AWS
//! CLI's `An error occurred (<code>) when calling the <Operation> operation: <message>`), a message that is no
//! valid event an unreadable response (255). Sensitive members never reach such a message.

use std::io::Write;

use serde_json::Value;

use crate::dispatch::{EventStream, Outcome, StreamError};
use crate::failure::Failure;
use crate::redact;
use crate::service::Operation;
use crate::timestamps::{self, TimestampFormat};

/// The events of a command's calls, gathered while the output is assembled.
#[derive(Debug, Default)]
pub(crate) struct Received {
    events: Vec<Value>,
    error: Option<StreamError>,
    /// The rest of the stream, read while printing.
    stream: Option<EventStream>,
}

impl Received {
    /// Keeps the outcome's events, stream error and the rest of its stream (the first call's that has one);
    /// gives its output.
    pub(crate) fn take(&mut self, outcome: Outcome) -> Value {
        if self.error.is_none() && self.stream.is_none() {
            self.events.extend(outcome.events);
            self.error = outcome.stream_error;
            if self.error.is_none() {
                self.stream = outcome.stream;
            }
        }
        outcome.output
    }
}

/// Writes each event as a line of JSON (timestamps as the output shows them), those still arriving as each
/// arrives; `Err` = the error that ended the stream.
pub(crate) fn print(
    stdout: &mut dyn Write,
    op: &Operation,
    received: Received,
    format: TimestampFormat,
) -> Result<(), Failure> {
    let arrived = received.events.into_iter().map(Ok);
    let error = received.error.map(Err).into_iter();
    let arriving = received.stream.into_iter().flatten();
    for item in arrived.chain(error).chain(arriving) {
        let mut event = item.map_err(|error| failure(op, error))?;
        if let Some(schema) = op.output_events {
            timestamps::for_display(&mut event, schema, format);
        }
        // A closed stdout (e.g. `| head`) ends the printing, not the command's success.
        if writeln!(stdout, "{event}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            break;
        }
    }
    Ok(())
}

/// The failure for the error that ended the stream.
fn failure(op: &Operation, error: StreamError) -> Failure {
    let (code, message) = match error {
        StreamError::Invalid(message) => {
            return Failure::Other(format!(
                "Unable to parse the event stream of the {} operation: {message}",
                op.name
            ))
        }
        StreamError::Unhandled { code, message } => (code, message),
        StreamError::Modeled(union) => modeled(op, &union),
    };
    Failure::Service(format!(
        "An error occurred ({code}) when calling the {} operation: {}",
        op.name,
        message.as_deref().unwrap_or("Unknown")
    ))
}

/// An exception event's code (its member of the union) and message (`message`, in any case), with the
/// sensitive members of the union's schema masked first.
fn modeled(op: &Operation, union: &Value) -> (String, Option<String>) {
    let shown = match op.output_events {
        Some(schema) => redact::redact_json(union, schema),
        None => Value::String(redact::MASK.to_owned()),
    };
    let Some((code, error)) = shown.as_object().and_then(|map| map.iter().next()) else {
        return ("Unknown".to_owned(), None);
    };
    let message = match error {
        Value::Object(members) => members
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("message"))
            .and_then(|(_, value)| value.as_str())
            .map(str::to_owned),
        // The whole error is sensitive.
        Value::String(masked) => Some(masked.clone()),
        _ => None,
    };
    (code.clone(), message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Field, Schema};
    use crate::test_fixtures::OPERATIONS;
    use serde_json::json;

    static FAULT: Schema = Schema::Structure(&[
        Field {
            name: "message",
            schema: &Schema::String,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "detail",
            schema: &Schema::String,
            required: false,
            sensitive: true,
            docs: "",
        },
    ]);
    static SECRET_FAULT: Schema = Schema::Structure(&[Field {
        name: "Message",
        schema: &Schema::String,
        required: false,
        sensitive: true,
        docs: "",
    }]);
    static EVENTS: Schema = Schema::Union(&[
        Field {
            name: "fault",
            schema: &FAULT,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "secretFault",
            schema: &SECRET_FAULT,
            required: false,
            sensitive: false,
            docs: "",
        },
        Field {
            name: "hidden",
            schema: &FAULT,
            required: false,
            sensitive: true,
            docs: "",
        },
    ]);

    fn streaming() -> Operation {
        let base = &OPERATIONS[0];
        Operation {
            output_events: Some(&EVENTS),
            ..*base
        }
    }

    fn printed(received: Received) -> (String, Result<(), Failure>) {
        let mut out = Vec::new();
        let result = print(&mut out, &streaming(), received, TimestampFormat::Wire);
        (String::from_utf8(out).unwrap(), result)
    }

    #[test]
    fn events_are_lines_of_json_in_order() {
        let mut received = Received::default();
        let output = received.take(Outcome {
            output: json!({"id": "x"}),
            events: vec![json!({"a": {"n": 1}}), json!({"b": {}})],
            ..Outcome::default()
        });
        assert_eq!(output, json!({"id": "x"}));
        let (out, result) = printed(received);
        assert_eq!(out, "{\"a\":{\"n\":1}}\n{\"b\":{}}\n");
        assert_eq!(result, Ok(()));
    }

    #[test]
    fn the_error_that_ends_the_stream_follows_its_events_without_secrets() {
        let error = |stream_error: StreamError| {
            let mut received = Received::default();
            received.take(Outcome {
                output: json!({}),
                events: vec![json!({"a": {}})],
                stream_error: Some(stream_error),
                stream: None,
                body: None,
            });
            printed(received)
        };
        let (out, result) = error(StreamError::Modeled(
            json!({"fault": {"message": "too fast", "detail": "s3cr3t"}}),
        ));
        assert_eq!(out, "{\"a\":{}}\n");
        assert_eq!(
            result,
            Err(Failure::Service(
                "An error occurred (fault) when calling the CreateThing operation: too fast"
                    .to_owned()
            ))
        );
        for union in [
            json!({"secretFault": {"Message": "s3cr3t"}}),
            json!({"hidden": {"message": "s3cr3t"}}),
        ] {
            let (_, result) = error(StreamError::Modeled(union));
            let message = result.unwrap_err().message().to_owned();
            assert!(
                !message.contains("s3cr3t") && message.contains("***"),
                "{message}"
            );
        }
        let (_, result) = error(StreamError::Unhandled {
            code: "Throttled".to_owned(),
            message: None,
        });
        assert_eq!(
            result,
            Err(Failure::Service(
                "An error occurred (Throttled) when calling the CreateThing operation: Unknown"
                    .to_owned()
            ))
        );
        let (_, result) = error(StreamError::Invalid("bad CRC".to_owned()));
        assert_eq!(result.unwrap_err().code(), crate::failure::EXIT_OTHER);
    }

    #[test]
    fn a_streams_events_follow_those_received_up_to_its_error() {
        let mut received = Received::default();
        let stream = vec![
            Ok(json!({"b": {}})),
            Err(StreamError::Unhandled {
                code: "Throttled".to_owned(),
                message: None,
            }),
            Ok(json!({"never": {}})),
        ];
        received.take(Outcome {
            output: json!({}),
            events: vec![json!({"a": {}})],
            stream: Some(EventStream::new(stream.into_iter())),
            ..Outcome::default()
        });
        let (out, result) = printed(received);
        assert_eq!(out, "{\"a\":{}}\n{\"b\":{}}\n");
        assert_eq!(result.unwrap_err().code(), crate::failure::EXIT_SERVICE);
    }
}
