//! The request IDs of a response: what AWS services give every answer, success or error, so
//! that a caller can name the request to the service's support. Outputs and errors carry the
//! IDs of the response they were read from beside their data: [`RequestId`] reads them.

/// A response's request ID and, from S3, its extended request ID (`x-amz-id-2`).
///
/// Metadata, not data: two values always compare equal, so that outputs and errors compare
/// by what the service said, whichever request it answered. Boxed, so that it adds one
/// pointer to the outputs and errors that carry it.
#[derive(Clone, Debug, Default)]
pub struct RequestIds(::std::option::Option<::std::boxed::Box<Ids>>);

#[derive(Clone, Debug)]
struct Ids {
    request_id: ::std::option::Option<::std::string::String>,
    extended_request_id: ::std::option::Option<::std::string::String>,
}

impl RequestIds {
    /// No IDs (a value not read from a response).
    pub const fn none() -> Self {
        RequestIds(::std::option::Option::None)
    }

    /// IDs as read from a response (or made up by a test).
    pub fn new(
        request_id: ::std::option::Option<::std::string::String>,
        extended_request_id: ::std::option::Option<::std::string::String>,
    ) -> Self {
        if request_id.is_none() && extended_request_id.is_none() {
            return RequestIds(::std::option::Option::None);
        }
        RequestIds(::std::option::Option::Some(::std::boxed::Box::new(Ids {
            request_id,
            extended_request_id,
        })))
    }

    /// The request ID (`x-amzn-RequestId`, `x-amz-request-id`, or the query protocols'
    /// `<RequestId>` in the body).
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.0.as_ref()?.request_id.as_deref()
    }

    /// S3's extended request ID (`x-amz-id-2`, also called the host ID).
    pub fn extended_request_id(&self) -> ::std::option::Option<&str> {
        self.0.as_ref()?.extended_request_id.as_deref()
    }
}

impl PartialEq for RequestIds {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for RequestIds {}

/// What carries the request IDs of the response it was read from: each operation's output,
/// each error structure, each operation's error enum. `None` for a value not read from a
/// response (built by its builder or deserialized with serde).
pub trait RequestId {
    /// Both IDs.
    fn request_ids(&self) -> &RequestIds;

    /// The request ID.
    fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_ids().request_id()
    }

    /// S3's extended request ID (`x-amz-id-2`).
    fn extended_request_id(&self) -> ::std::option::Option<&str> {
        self.request_ids().extended_request_id()
    }
}

/// How the response readers fill in the IDs.
#[doc(hidden)]
pub trait SetRequestIds {
    fn set_request_ids(&mut self, ids: RequestIds);
}

/// `request_id()` and `extended_request_id()` as inherent methods (no import needed) and
/// [`RequestId`] and [`SetRequestIds`] of a structure, given its private field.
#[allow(unused_macros)]
macro_rules! request_id_api {
    ($name:ident, $field:ident) => {
        impl $name {
            /// The request ID of the response this was read from.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.$field.request_id()
            }

            /// S3's extended request ID (`x-amz-id-2`) of the response this was read from.
            pub fn extended_request_id(&self) -> ::std::option::Option<&str> {
                self.$field.extended_request_id()
            }
        }

        impl crate::primitives::RequestId for $name {
            fn request_ids(&self) -> &crate::primitives::RequestIds {
                &self.$field
            }
        }

        impl crate::primitives::request_id::SetRequestIds for $name {
            fn set_request_ids(&mut self, ids: crate::primitives::RequestIds) {
                self.$field = ids;
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use request_id_api;
