// What every error of a response has in common, written once: each modeled error structure
// states its code, status and message (`ModeledError`), and the macros below give it and
// each operation's error enum their methods from that.

/// What the model says of an error structure (`@error`, `@httpError`, `@retryable`) and the
/// message it carries. Every modeled error implements it; the defaults are the model's.
pub trait ModeledError: ::std::fmt::Display + ::std::fmt::Debug {
    /// The error code that identifies this error on the wire (the shape name).
    const CODE: &'static str;
    /// The HTTP status code the model gives this error (`@httpError`).
    const HTTP_STATUS: ::std::option::Option<u16> = ::std::option::Option::None;
    /// Whether the request may succeed if sent again (`@retryable`).
    const RETRYABLE: bool = false;
    /// Whether the service is throttling requests (`@retryable(throttling: true)`).
    const THROTTLING: bool = false;
    /// Whether the fault lies with the service rather than the request (`@error("server")`).
    const SERVER_FAULT: bool = false;

    /// The human-readable message, when the service sent one (never a `@sensitive` member).
    fn message(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::None
    }
}

/// What any error of a response tells, modeled or not: an operation's error enum answers
/// through it with one `match` that names the error inside.
pub trait ErrorInfo: ::std::fmt::Display + crate::primitives::RequestId {
    /// The error code, when known.
    fn code(&self) -> ::std::option::Option<&str>;
    /// The error message, when the service sent one.
    fn message(&self) -> ::std::option::Option<&str>;
    /// The HTTP status code of the error.
    fn http_status(&self) -> ::std::option::Option<u16>;
    /// Whether the request may succeed if sent again.
    fn worth_retrying(&self) -> bool;
    /// Whether the model marks the error throttling (the client's retry class).
    fn is_throttling(&self) -> bool {
        false
    }
    /// Whether the model marks the error `@retryable` (the client's retry class).
    fn is_modeled_retryable(&self) -> bool {
        false
    }
}

impl<T: ModeledError + crate::primitives::RequestId> ErrorInfo for T {
    fn code(&self) -> ::std::option::Option<&str> {
        ::std::option::Option::Some(T::CODE)
    }

    fn message(&self) -> ::std::option::Option<&str> {
        ModeledError::message(self)
    }

    fn http_status(&self) -> ::std::option::Option<u16> {
        T::HTTP_STATUS
    }

    /// `@retryable` errors, throttling, and server errors (HTTP 5xx).
    fn worth_retrying(&self) -> bool {
        T::RETRYABLE || T::THROTTLING || T::HTTP_STATUS.is_some_and(|s| s >= 500)
    }

    fn is_throttling(&self) -> bool {
        T::THROTTLING
    }

    fn is_modeled_retryable(&self) -> bool {
        T::RETRYABLE
    }
}

/// `CODE` then `: message` when there is one: how a modeled error displays.
pub fn fmt_modeled(
    code: &str,
    message: ::std::option::Option<&str>,
    f: &mut ::std::fmt::Formatter<'_>,
) -> ::std::fmt::Result {
    f.write_str(code)?;
    match message {
        ::std::option::Option::Some(message) => write!(f, ": {message}"),
        ::std::option::Option::None => ::std::result::Result::Ok(()),
    }
}

/// The public methods, `Display` and `Error` of a modeled error structure, from its
/// [`ModeledError`] implementation; `, from_response` adds the restJson1 reader's method
/// (from its `wire::FromResponse` implementation).
///
/// Paths are absolute: the expansion sits among the model's types, which may be named
/// `Option` or `Result`.
#[allow(unused_macros)]
macro_rules! modeled_error_api {
    ($name:ident) => {
        impl $name {
            /// The error code that identifies this error on the wire.
            pub const CODE: &'static str = <Self as $crate::error::ModeledError>::CODE;

            /// The error code that identifies this error on the wire.
            pub fn code(&self) -> &'static str {
                Self::CODE
            }

            /// The human-readable message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                $crate::error::ModeledError::message(self)
            }

            /// The HTTP status code the model gives this error (`httpError`).
            pub fn http_status(&self) -> ::std::option::Option<u16> {
                <Self as $crate::error::ModeledError>::HTTP_STATUS
            }

            /// Whether the request may succeed if sent again (`@retryable`).
            pub fn is_retryable(&self) -> bool {
                <Self as $crate::error::ModeledError>::RETRYABLE
            }

            /// Whether the service is throttling requests.
            pub fn is_throttling(&self) -> bool {
                <Self as $crate::error::ModeledError>::THROTTLING
            }

            /// Whether the fault lies with the service rather than the request.
            pub fn is_server_fault(&self) -> bool {
                <Self as $crate::error::ModeledError>::SERVER_FAULT
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::error::fmt_modeled(Self::CODE, self.message(), f)
            }
        }

        impl ::std::error::Error for $name {}
    };
    ($name:ident, from_response) => {
        $crate::error::modeled_error_api!($name);

        impl $name {
            /// Reads this error from an HTTP response (restJson1).
            pub fn from_response(
                status: u16,
                headers: &::http::HeaderMap,
                body: &[u8],
            ) -> ::std::result::Result<Self, $crate::wire::InvalidResponse> {
                <Self as $crate::wire::FromResponse>::from_response(status, headers, body)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use modeled_error_api;

/// An operation's error enum and what it has besides its variants, given the enum's name
/// with `(InvalidResponse)` in crates that read responses (`()` in others; `Unhandled` is
/// always there), the operation's name in the model, then each modeled error's
/// variant and type (the type left out where it is the error structure of the same name,
/// `types::error::Name`), with the error shape's name (`= "name"`) where the variant is named
/// otherwise. Besides the enum:
/// `fn inner(&self) -> &dyn ErrorInfo` naming the error inside, the public methods that
/// answer through it (the request IDs too), `Display`, `Error`, and a `From` for each
/// modeled error; with `InvalidResponse`, `from_error_response`, which reads the error a
/// response's code names (a variant's code is its error shape's name, or `code("..")` after
/// it where the protocol names the error otherwise).
#[allow(unused_macros)]
macro_rules! operation_error {
    // The model's name of the error behind a variant.
    (@shape $variant:ident) => {
        ::std::stringify!($variant)
    };
    (@shape $variant:ident $shape:literal) => {
        $shape
    };
    // The code that names the error behind a variant in a response.
    (@code $variant:ident $(= $shape:literal)? code($code:literal)) => {
        $code
    };
    (@code $variant:ident $(= $shape:literal)?) => {
        crate::error::operation_error!(@shape $variant $($shape)?)
    };
    // The type of a variant: its own, or the error structure of the same name.
    (@type $variant:ident) => {
        crate::types::error::$variant
    };
    (@type $variant:ident $error:ty) => {
        $error
    };
    (@read $name:ident []) => {};
    (@read $name:ident [$invalid:ident]) => {
        impl $name {
            /// `Unhandled`: the operation has no modeled errors.
            #[allow(dead_code)] // An operation the wire layer cannot call reads no response.
            fn from_error_response(response: crate::wire::ErrorResponse<'_, Self>) -> Self {
                Self::Unhandled(response.unhandled())
            }
        }
    };
    (@read $name:ident [$invalid:ident] $(, $variant:ident [$($code:tt)*])+) => {
        impl $name {
            /// The modeled error the response's code names, read from it; `Unhandled` for
            /// any other code.
            #[allow(dead_code)] // An operation the wire layer cannot call reads no response.
            fn from_error_response(response: crate::wire::ErrorResponse<'_, Self>) -> Self {
                match response.code() {
                    $(::std::option::Option::Some(
                        crate::error::operation_error!(@code $variant $($code)*)
                    ) => response.read(Self::$variant),)+
                    _ => Self::Unhandled(response.unhandled()),
                }
            }
        }
    };
    (
        $name:ident($($invalid:ident)?),
        $operation:literal
        $(, $variant:ident $(($error:ty))? $(= $shape:literal)? $(code($code:literal))?)* $(,)?
    ) => {
        #[doc = ::std::concat!("An error returned by the `", $operation, "` operation.")]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = ::std::concat!(
                    "The `",
                    crate::error::operation_error!(@shape $variant $($shape)?),
                    "` error."
                )]
                $variant(crate::error::operation_error!(@type $variant $($error)?)),
            )*
            /// An error the model does not describe for this operation.
            Unhandled(crate::error::Unhandled),
            $(
                /// The response could not be read (a malformed body, a wrong type, a bad header).
                $invalid(crate::wire::InvalidResponse),
            )?
        }

        crate::error::operation_error!(
            @api $name { Unhandled $(, $invalid)? }
            $(, $variant(crate::error::operation_error!(@type $variant $($error)?)))*
        );
        crate::error::operation_error!(
            @read $name [$($invalid)?] $(, $variant [$(= $shape)? $(code($code))?])*
        );
    };
    (@api $name:ident { $($own:ident),+ $(,)? } $(, $variant:ident($error:ty))* $(,)?) => {
        impl $name {
            /// The error inside, which tells its code, message, status and retryability.
            pub(crate) fn inner(&self) -> &dyn crate::error::ErrorInfo {
                match self {
                    $(Self::$variant(e) => e,)*
                    $(Self::$own(e) => e,)+
                }
            }

            /// The error code, when known.
            pub fn code(&self) -> ::std::option::Option<&str> {
                self.inner().code()
            }

            /// The error message, when the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                self.inner().message()
            }

            /// The HTTP status code of the error.
            pub fn http_status(&self) -> ::std::option::Option<u16> {
                self.inner().http_status()
            }

            /// Whether the request may succeed if sent again: `@retryable` errors,
            /// throttling, and server errors (HTTP 5xx).
            pub fn is_retryable(&self) -> bool {
                self.inner().worth_retrying()
            }

            /// The request ID of the response.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                crate::primitives::RequestId::request_id(self.inner())
            }

            /// S3's extended request ID (`x-amz-id-2`) of the response.
            pub fn extended_request_id(&self) -> ::std::option::Option<&str> {
                crate::primitives::RequestId::extended_request_id(self.inner())
            }
        }

        impl crate::primitives::RequestId for $name {
            fn request_ids(&self) -> &crate::primitives::RequestIds {
                crate::primitives::RequestId::request_ids(self.inner())
            }
        }

        impl crate::primitives::request_id::SetRequestIds for $name {
            fn set_request_ids(&mut self, ids: crate::primitives::RequestIds) {
                match self {
                    $(Self::$variant(e) => crate::primitives::request_id::SetRequestIds::set_request_ids(e, ids),)*
                    $(Self::$own(e) => crate::primitives::request_id::SetRequestIds::set_request_ids(e, ids),)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(self.inner(), f)
            }
        }

        // Display already shows the inner error, so it is not repeated as a source.
        impl ::std::error::Error for $name {}

        $(
            impl ::std::convert::From<$error> for $name {
                fn from(error: $error) -> Self {
                    Self::$variant(error)
                }
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use operation_error;
