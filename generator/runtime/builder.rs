//! What builders share, so that each builder writes out only what is its own: its fields,
//! its documented setters, and a `build()` that does more than move the fields.
//!
//! Paths are absolute: the expansions sit among the model's types, which may be named
//! `Option`, `Result` or `Default`.

/// What an operation input's builder `$builder<S>` has besides its setters and `build()`:
/// `Default` for `S = ()` (so that `XInputBuilder::default()` needs no annotation),
/// `with_input`, `rebind`, which moves the members to a builder with another `S` (the client
/// binds, `send()` unbinds), and a `Debug` that neither needs `S: Debug` nor shows it.
///
/// Given the builder, the input, and the builder's fields in order, each after `#[sensitive]`
/// when Debug redacts it; `#[sensitive]` before the builder redacts the whole of it.
#[allow(unused_macros)]
macro_rules! input_builder {
    (@shown $value:expr) => {
        $value
    };
    (@shown $value:expr, sensitive) => {
        &"*** Sensitive Data Redacted ***"
    };
    (@common $builder:ident, $input:ty $(, $field:ident)*) => {
        impl ::std::default::Default for $builder {
            fn default() -> Self {
                $builder {
                    $($field: ::std::option::Option::None,)*
                    _client: (),
                }
            }
        }

        impl<S> $builder<S> {
            /// Takes every member from `input`, replacing what was set before.
            // An input without members has nothing to take.
            #[allow(unused_variables)]
            pub fn with_input(self, input: $input) -> Self {
                $builder {
                    // `From` wraps a member the input always has in `Some`, and keeps an
                    // optional one as it is.
                    $($field: ::std::convert::From::from(input.$field),)*
                    _client: self._client,
                }
            }

            /// The same members with `client` in place of this builder's: returns the old one.
            #[cfg(feature = "client")]
            pub(crate) fn rebind<T>(self, client: T) -> (S, $builder<T>) {
                (
                    self._client,
                    $builder {
                        $($field: self.$field,)*
                        _client: client,
                    },
                )
            }
        }
    };
    (#[sensitive] $builder:ident, $input:ty $(, $field:ident)* $(,)?) => {
        crate::primitives::builder::input_builder!(@common $builder, $input $(, $field)*);

        impl<S> ::std::fmt::Debug for $builder<S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(::std::concat!(
                    ::std::stringify!($builder),
                    " { *** Sensitive Data Redacted *** }"
                ))
            }
        }
    };
    ($builder:ident, $input:ty $(, $(#[$mark:ident])? $field:ident)* $(,)?) => {
        crate::primitives::builder::input_builder!(@common $builder, $input $(, $field)*);

        impl<S> ::std::fmt::Debug for $builder<S> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(::std::stringify!($builder));
                $(
                    // Named as the derived Debug names fields: without `r#`.
                    s.field(
                        ::std::stringify!($field).trim_start_matches("r#"),
                        crate::primitives::builder::input_builder!(@shown &self.$field $(, $mark)?),
                    );
                )*
                s.finish()
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use input_builder;

/// `build()` of a builder whose fields all move into the structure as they are (no member is
/// required or has a default), given the structure and its fields; a field written
/// `field = value` takes `value` instead (an output's or error's request IDs, which the
/// response reader fills in).
#[allow(unused_macros)]
macro_rules! build {
    (@value [$moved:expr]) => {
        $moved
    };
    (@value [$moved:expr] [$value:expr]) => {
        $value
    };
    ($target:path $(, $field:ident $(= $value:expr)?)* $(,)?) => {
        /// Builds the value.
        pub fn build(self) -> $target {
            $target {
                $($field: crate::primitives::builder::build!(@value [self.$field] $([$value])?),)*
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use build;

/// A builder's two setters of field `x`: `x(impl Into<T>)`, documented with the string
/// literals that end the invocation (a line each: the member's docs), and `set_x(Option<T>)`,
/// which sets or clears it. Given the field (`field as name` when the setter is named
/// otherwise), the second setter's name, the type and the member's name in the model, as
/// `required("Name")` when it must be set (the docs then say so). Invoked inside the
/// builder's `impl`. Setters of lists, maps and boxes are written out instead: a type with
/// arguments in a macro invocation is printed as a run of tokens (`Vec < T >`).
#[allow(unused_macros)]
macro_rules! setters {
    (@make $field:ident, $setter:ident, $option_setter:ident, $ty:ty, $member:literal, [$($doc:literal),*]) => {
        $(#[doc = $doc])*
        pub fn $setter(mut self, input: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = ::std::option::Option::Some(input.into());
            self
        }
        #[doc = ::std::concat!("Sets or clears `", $member, "`.")]
        pub fn $option_setter(mut self, input: ::std::option::Option<$ty>) -> Self {
            self.$field = input;
            self
        }
    };
    ($field:ident as $setter:ident, $option_setter:ident, $ty:ty, required($member:literal) $(, $doc:literal)* $(,)?) => {
        crate::primitives::builder::setters!(
            @make $field, $setter, $option_setter, $ty, $member,
            [$($doc,)* "", "This member is required."]
        );
    };
    ($field:ident as $setter:ident, $option_setter:ident, $ty:ty, $member:literal $(, $doc:literal)* $(,)?) => {
        crate::primitives::builder::setters!(
            @make $field, $setter, $option_setter, $ty, $member, [$($doc),*]
        );
    };
    ($field:ident, $option_setter:ident, $ty:ty, $($rest:tt)*) => {
        crate::primitives::builder::setters!($field as $field, $option_setter, $ty, $($rest)*);
    };
}
#[allow(unused_imports)]
pub(crate) use setters;

/// `build()` of a builder some of whose members must be set: given the structure, the shape's
/// name in the model, then each field in order as
/// - `required(field, "Member")`: must be set; `"Member"` is its name in the model, and a
///   third argument names its setter when that is not `field`;
/// - `optional(field)`: moves as it is;
/// - `default(field)`: `Default::default()` when unset, or `default(field, f)` for the
///   structure's `f()`;
/// - `unset(field)`: `Default::default()` (an output's or error's request IDs, which the
///   response reader fills in).
///
/// The error lists every missing member, in order, before the first one ends the build.
#[allow(unused_macros)]
macro_rules! fallible_build {
    (@check $error:ident, $self:tt, $shape:literal, required($field:ident, $member:literal)) => {
        $error.require(
            &$self.$field,
            ::std::concat!($shape, ".", $member),
            ::std::stringify!($field),
        );
    };
    (@check $error:ident, $self:tt, $shape:literal,
        required($field:ident, $member:literal, $setter:ident)) => {
        $error.require(
            &$self.$field,
            ::std::concat!($shape, ".", $member),
            ::std::stringify!($setter),
        );
    };
    (@check $error:ident, $self:tt, $shape:literal, $kind:ident($($arg:tt)*)) => {};
    (@value $error:ident, $self:tt, $target:path, required($field:ident $(, $($rest:tt)*)?)) => {
        match $self.$field {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => return ::std::result::Result::Err($error),
        }
    };
    (@value $error:ident, $self:tt, $target:path, optional($field:ident)) => {
        $self.$field
    };
    (@value $error:ident, $self:tt, $target:path, default($field:ident)) => {
        $self.$field.unwrap_or_default()
    };
    (@value $error:ident, $self:tt, $target:path, default($field:ident, $fallback:ident)) => {
        $self.$field.unwrap_or_else(<$target>::$fallback)
    };
    (@value $error:ident, $self:tt, $target:path, unset($field:ident)) => {
        ::std::default::Default::default()
    };
    ($target:path, $shape:literal $(, $kind:ident($field:ident $(, $arg:tt)*))* $(,)?) => {
        /// Builds the value, or lists every required member that was not set.
        pub fn build(self) -> ::std::result::Result<$target, crate::error::BuildError> {
            let mut error = crate::error::BuildError::new($shape);
            $(
                crate::primitives::builder::fallible_build!(
                    @check error, self, $shape, $kind($field $(, $arg)*)
                );
            )*
            // In a block of its own: the parser takes a `path` fragment followed by `{` for a
            // struct expression only where a statement could start.
            ::std::result::Result::Ok({
                $target {
                    $(
                        $field: crate::primitives::builder::fallible_build!(
                            @value error, self, $target, $kind($field $(, $arg)*)
                        ),
                    )*
                }
            })
        }
    };
}
#[allow(unused_imports)]
pub(crate) use fallible_build;
