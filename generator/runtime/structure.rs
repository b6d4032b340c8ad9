//! What the written-out `Serialize` and `Deserialize` impls of structures share, so that each
//! structure's impls hold only what is its own: its members' names, types and order.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// How a structure is written by serde: its name, and each member under its wire name.
/// [`write_members`] does the rest, once for every structure.
pub trait WriteMembers {
    /// The structure's name in the model, which serde's `serialize_struct` is given.
    const NAME: &'static str;

    /// Hands each member to `out`, in model order.
    fn write_members<W: MemberWriter>(&self, out: &mut W) -> Result<(), W::Error>;
}

/// Where [`WriteMembers::write_members`] puts the members.
pub trait MemberWriter {
    type Error;

    /// A member written when it is set and skipped otherwise, as serde's derive does with
    /// `skip_serializing_if = "Option::is_none"`.
    fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: Option<T>,
    ) -> Result<(), Self::Error>;

    /// A member that is always written.
    fn required<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;
}

/// `Serialize::serialize` of a structure: a serde struct with the members in model order,
/// unset optional ones skipped. Formats such as CBOR write the member count first, so a first
/// pass counts the members that will be written.
pub fn write_members<T: WriteMembers, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut count = Count(0);
    match value.write_members(&mut count) {
        Ok(()) => {}
        Err(never) => match never {},
    }
    let mut fields = serializer.serialize_struct(T::NAME, count.0)?;
    value.write_members(&mut Fields(&mut fields))?;
    fields.end()
}

/// Counts the members that [`Fields`] would write.
struct Count(usize);

impl MemberWriter for Count {
    type Error = std::convert::Infallible;

    fn optional<T: Serialize>(
        &mut self,
        _: &'static str,
        value: Option<T>,
    ) -> Result<(), Self::Error> {
        self.0 += usize::from(value.is_some());
        Ok(())
    }

    fn required<T: Serialize + ?Sized>(
        &mut self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Self::Error> {
        self.0 += 1;
        Ok(())
    }
}

/// Writes the members into a serde struct.
struct Fields<'a, S>(&'a mut S);

impl<S: SerializeStruct> MemberWriter for Fields<'_, S> {
    type Error = S::Error;

    fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: Option<T>,
    ) -> Result<(), Self::Error> {
        match value {
            Some(value) => self.0.serialize_field(key, &value),
            None => self.0.skip_field(key),
        }
    }

    fn required<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.0.serialize_field(key, value)
    }
}

/// What every structure has besides its members' own code: `builder()`, `validate()`, and
/// serde's `Serialize` and `Deserialize` through its [`WriteMembers`] and [`ReadMembers`]
/// impls. Given the structure and its builder's type, and for an operation's output or an
/// error structure the private field holding its response's request IDs
/// ([`crate::primitives::RequestId`]).
///
/// Paths are absolute: the expansion sits among the model's types, which may be named
/// `Option` or `Result`.
#[allow(unused_macros)]
macro_rules! structure_api {
    ($name:ident, $builder:ty, $request_ids:ident) => {
        crate::primitives::structure::structure_api!($name, $builder);
        crate::primitives::request_id::request_id_api!($name, $request_ids);
    };
    ($name:ident, $builder:ty) => {
        impl $name {
            /// A builder for this structure.
            pub fn builder() -> $builder {
                ::std::default::Default::default()
            }

            /// Checks every constraint the model puts on this structure and the values in it,
            /// returning every violation with its path ([`crate::validation`]).
            pub fn validate(
                &self,
            ) -> ::std::result::Result<(), crate::validation::ValidationErrors> {
                crate::validation::validate(self)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                crate::primitives::structure::write_members(self, serializer)
            }
        }

        crate::primitives::structure::deserialize!($name);
    };
}
#[allow(unused_imports)]
pub(crate) use structure_api;

/// `send()` on an operation input's builder bound to either client (`client.<operation>()`),
/// for whichever operation it is bound to (two operations may take one input type): given the
/// builder, the input, and `fallible` when the builder's `build()` returns a `Result`. The
/// client's `Bound::send` does the call. Only expanded with the crate's `client` feature.
#[allow(unused_macros)]
macro_rules! send_impls {
    ($builder:ident, $input:ty) => {
        crate::primitives::structure::send_impls!(
            @impls $builder, $input, |builder| ::std::result::Result::Ok(builder.build())
        );
    };
    ($builder:ident, $input:ty, fallible) => {
        crate::primitives::structure::send_impls!(@impls $builder, $input, |builder| builder.build());
    };
    (@impls $builder:ident, $input:ty, |$built:ident| $build:expr) => {
        impl<Op: crate::client::call::Spec<Input = $input>>
            $builder<crate::client::call::Bound<crate::blocking::Client, Op>>
        {
            /// Validates the input, then signs and sends the request, retrying as the
            /// configuration says, and reads the response.
            pub fn send(
                self,
            ) -> ::std::result::Result<Op::Output, crate::client::SdkError<Op::Error>> {
                let (bound, $built) = self.rebind(());
                bound.send($build)
            }
        }

        impl<Op: crate::client::call::Spec<Input = $input>>
            $builder<crate::client::call::Bound<crate::client::Client, Op>>
        {
            /// Validates the input, then signs and sends the request, retrying as the
            /// configuration says, and reads the response.
            pub async fn send(
                self,
            ) -> ::std::result::Result<Op::Output, crate::client::SdkError<Op::Error>> {
                let (bound, $built) = self.rebind(());
                bound.send($build).await
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use send_impls;

/// `Deserialize` of a type through its [`ReadMembers`] impl ([`read_members`]).
#[allow(unused_macros)]
macro_rules! deserialize {
    ($name:ident) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                crate::primitives::structure::read_members(deserializer)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use deserialize;

/// [`WriteMembers`] and [`ReadMembers`] of a structure with nothing of its own in them but its
/// members' names and how each is written, read and finished. Given the structure, its
/// builder, its name in the model, then each member in model order as `optional(field,
/// "wireName")` (an `Option` field, written only when set) or `required(field, "wireName")`
/// (always written), the structure made by its builder's `build()`. With `fields` after the
/// name (`fields(ids)` for a structure holding its response's request IDs in `ids`), the
/// structure is made member by member instead: a `required` member that was not read is
/// serde's missing-field error, and, in crates that read responses, an `or_default(..)`
/// member takes its type's zero value, an `or_zero_structure(..)` member the structure read
/// from `{}` and an `or_unknown(..)` member (a string enum) its unknown value `""` (client
/// error correction); a `defaulted(..)` member, whose default is its type's, takes it when
/// unset. `aliases("Other" = "wireName", ..)` after the name gives members other names
/// read too. A structure without members gives no member at all.
///
/// A member whose value is not written and read as its type is says how after its wire name:
/// `with(module)` (a float, or a timestamp with a format of its own: the module's `ser` and
/// `option::Seed`), `items(form)` (a list or map of those, through `items::Ser` and
/// `items::Seed`), `read(reader)` (a list or map read with error correction, which skips
/// `null` where the list or map is not sparse). Forms and readers are written as the value
/// nests: `list(..)`, `sparse_list(..)`, `map(Key, ..)`, `sparse_map(Key, ..)`, `boxed(..)`,
/// and at the bottom a `with` module (forms), `seeded(module)` or `plain(Type)` (readers).
#[allow(unused_macros)]
macro_rules! members {
    (@write optional, $out:ident, $wire:literal, $value:expr, [with($($module:tt)+)]) => {
        $out.optional($wire, ::std::option::Option::as_ref(&$value).map($($module)+::ser))?;
    };
    (@write $kind:ident, $out:ident, $wire:literal, $value:expr, [with($($module:tt)+)]) => {
        $out.required($wire, &$($module)+::ser(&$value))?;
    };
    (
        @write optional, $out:ident, $wire:literal, $value:expr,
        [items($($form:tt)+) $($read:tt)*]
    ) => {
        $out.optional(
            $wire,
            ::std::option::Option::as_ref(&$value).map(
                crate::primitives::items::Ser::<
                    crate::primitives::structure::members!(@form $($form)+),
                >,
            ),
        )?;
    };
    (
        @write $kind:ident, $out:ident, $wire:literal, $value:expr,
        [items($($form:tt)+) $($read:tt)*]
    ) => {
        $out.required(
            $wire,
            &crate::primitives::items::Ser::<
                crate::primitives::structure::members!(@form $($form)+),
            >(&$value),
        )?;
    };
    (@write optional, $out:ident, $wire:literal, $value:expr, [$($read:tt)*]) => {
        $out.optional($wire, ::std::option::Option::as_ref(&$value))?;
    };
    (@write $kind:ident, $out:ident, $wire:literal, $value:expr, [$($read:tt)*]) => {
        $out.required($wire, &$value)?;
    };
    (@read $map:ident, []) => {
        $map.next_value()?
    };
    (@read $map:ident, [with($($module:tt)+)]) => {
        $map.next_value_seed($($module)+::option::Seed)?
    };
    (@read $map:ident, [items($($form:tt)+)]) => {
        $map.next_value_seed(crate::primitives::items::Seed::<
            crate::primitives::structure::members!(@form $($form)+),
        >::new())?
    };
    (@read $map:ident, [$(items $form:tt)? read($($reader:tt)+)]) => {
        $map.next_value_seed(crate::wire::correction::Nullable::<
            crate::primitives::structure::members!(@reader $($reader)+),
        >::new())?
    };
    (@form list($($item:tt)+)) => {
        crate::primitives::items::List<crate::primitives::structure::members!(@form $($item)+)>
    };
    (@form sparse_list($($item:tt)+)) => {
        crate::primitives::items::SparseList<
            crate::primitives::structure::members!(@form $($item)+),
        >
    };
    (@form map($key:ty, $($value:tt)+)) => {
        crate::primitives::items::Map<$key, crate::primitives::structure::members!(@form $($value)+)>
    };
    (@form sparse_map($key:ty, $($value:tt)+)) => {
        crate::primitives::items::SparseMap<
            $key,
            crate::primitives::structure::members!(@form $($value)+),
        >
    };
    (@form $($module:tt)+) => {
        $($module)+::Form
    };
    (@reader list($($item:tt)+)) => {
        crate::wire::correction::List<crate::primitives::structure::members!(@reader $($item)+)>
    };
    (@reader sparse_list($($item:tt)+)) => {
        crate::wire::correction::SparseList<
            crate::primitives::structure::members!(@reader $($item)+),
        >
    };
    (@reader map($key:ty, $($value:tt)+)) => {
        crate::wire::correction::Map<$key, crate::primitives::structure::members!(@reader $($value)+)>
    };
    (@reader sparse_map($key:ty, $($value:tt)+)) => {
        crate::wire::correction::SparseMap<
            $key,
            crate::primitives::structure::members!(@reader $($value)+),
        >
    };
    (@reader boxed($($inner:tt)+)) => {
        crate::wire::correction::Boxed<crate::primitives::structure::members!(@reader $($inner)+)>
    };
    (@reader seeded($($module:tt)+)) => {
        crate::wire::correction::Seeded<$($module)+::Form>
    };
    (@reader plain($leaf:ty)) => {
        crate::wire::correction::Plain<$leaf>
    };
    (@finish optional, $value:expr, $wire:literal) => {
        $value
    };
    (@finish required, $value:expr, $wire:literal) => {
        crate::primitives::structure::required($value, $wire)?
    };
    (@finish or_default, $value:expr, $wire:literal) => {
        crate::wire::correction::or_default($value, $wire)?
    };
    (@finish or_zero_structure, $value:expr, $wire:literal) => {
        crate::wire::correction::or_zero_structure($value, $wire)?
    };
    (@finish defaulted, $value:expr, $wire:literal) => {
        ::std::option::Option::unwrap_or_default($value)
    };
    (@finish or_unknown, $value:expr, $wire:literal) => {
        crate::wire::correction::or_zero($value, $wire, || {
            ::std::result::Result::Ok(::std::convert::From::from(""))
        })?
    };
    // What both ways of finishing share: writing, and reading each member's value.
    (
        @impls $name:ident, $builder:ty, $model_name:literal, [$($alias:literal = $target:literal),*],
        [$($kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*)),+],
        |$partial:ident| $finished:expr
    ) => {
        impl crate::primitives::structure::WriteMembers for $name {
            const NAME: &'static str = $model_name;
            fn write_members<W: crate::primitives::structure::MemberWriter>(
                &self,
                out: &mut W,
            ) -> ::std::result::Result<(), W::Error> {
                $(crate::primitives::structure::members!(
                    @write $kind, out, $wire, self.$field, [$($how $args)*]
                );)+
                ::std::result::Result::Ok(())
            }
        }

        impl crate::primitives::structure::ReadMembers for $name {
            type Partial = $builder;
            const EXPECTING: &'static str = ::std::concat!("a `", $model_name, "` object");
            const KEYS: &'static [&'static str] = &[$($wire),+];
            const ALIASES: &'static [(&'static str, usize)] = &[$((
                $alias,
                crate::primitives::structure::key_index(Self::KEYS, $target),
            )),*];
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                partial: &mut Self::Partial,
                index: usize,
                map: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                // The members' indexes are their places in `KEYS`, counted here.
                let mut member = 0;
                $(
                    if index == member {
                        partial.$field =
                            crate::primitives::structure::members!(@read map, [$($how $args)*]);
                        return ::std::result::Result::Ok(true);
                    }
                    member += 1;
                )+
                let _ = member;
                ::std::result::Result::Ok(false)
            }
            fn finish<E: ::serde::de::Error>(
                $partial: Self::Partial,
            ) -> ::std::result::Result<Self, E> {
                ::std::result::Result::Ok($finished)
            }
        }
    };
    (
        $name:ident, $builder:ty, $model_name:literal, aliases($($alias:literal = $target:literal),+),
        fields $(($ids:ident))? $(, $kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*))+
        $(,)?
    ) => {
        crate::primitives::structure::members!(
            @fields $name, $builder, $model_name, [$($alias = $target),+], [$($ids)?],
            [$($kind($field, $wire $(, $how $args)*)),+]
        );
    };
    (
        $name:ident, $builder:ty, $model_name:literal, fields $(($ids:ident))?
        $(, $kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*))+ $(,)?
    ) => {
        crate::primitives::structure::members!(
            @fields $name, $builder, $model_name, [], [$($ids)?],
            [$($kind($field, $wire $(, $how $args)*)),+]
        );
    };
    (
        @fields $name:ident, $builder:ty, $model_name:literal, [$($aliases:tt)*],
        [$($ids:ident)?],
        [$($kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*)),+]
    ) => {
        crate::primitives::structure::members!(
            @impls $name, $builder, $model_name, [$($aliases)*],
            [$($kind($field, $wire $(, $how $args)*)),+],
            // `Self`: the structure may be named like a type parameter of `finish` (`E`).
            |partial| Self {
                $($field: crate::primitives::structure::members!(
                    @finish $kind, partial.$field, $wire
                ),)+
                $($ids: ::std::default::Default::default(),)?
            }
        );
    };
    (
        $name:ident, $builder:ty, $model_name:literal, aliases($($alias:literal = $target:literal),+)
        $(, $kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*))+ $(,)?
    ) => {
        crate::primitives::structure::members!(
            @impls $name, $builder, $model_name, [$($alias = $target),+],
            [$($kind($field, $wire $(, $how $args)*)),+],
            |partial| partial.build()
        );
    };
    (
        $name:ident, $builder:ty, $model_name:literal
        $(, $kind:ident($field:ident, $wire:literal $(, $how:ident $args:tt)*))+ $(,)?
    ) => {
        crate::primitives::structure::members!(
            @impls $name, $builder, $model_name, [],
            [$($kind($field, $wire $(, $how $args)*)),+],
            |partial| partial.build()
        );
    };
    // A structure without members (but perhaps its response's request IDs) reads none:
    // every key is skipped.
    ($name:ident, $builder:ty, $model_name:literal $(, fields $(($ids:ident))?)? $(,)?) => {
        impl crate::primitives::structure::WriteMembers for $name {
            const NAME: &'static str = $model_name;
            fn write_members<W: crate::primitives::structure::MemberWriter>(
                &self,
                _: &mut W,
            ) -> ::std::result::Result<(), W::Error> {
                ::std::result::Result::Ok(())
            }
        }

        impl crate::primitives::structure::ReadMembers for $name {
            type Partial = $builder;
            const EXPECTING: &'static str = ::std::concat!("a `", $model_name, "` object");
            const KEYS: &'static [&'static str] = &[];
            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                _: &mut Self::Partial,
                _: usize,
                _: &mut A,
            ) -> ::std::result::Result<bool, A::Error> {
                ::std::result::Result::Ok(false)
            }
            fn finish<E: ::serde::de::Error>(
                _: Self::Partial,
            ) -> ::std::result::Result<Self, E> {
                ::std::result::Result::Ok(Self {
                    $($($ids: ::std::default::Default::default(),)?)?
                })
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use members;

/// How a structure is read from a JSON object (or any serde map): its members' wire names,
/// how the value of one is read into the members read so far, and how those make the
/// structure. [`read_members`] does the rest, once for every structure.
pub trait ReadMembers: Sized {
    /// The members read so far: the structure's builder.
    type Partial: Default;

    /// What a wrong value was expected to be, for errors: "a `Name` object".
    const EXPECTING: &'static str;

    /// The members' wire names, by index.
    const KEYS: &'static [&'static str];

    /// Other names that also mean a member (`(name, index)`), such as an error's `Message`.
    const ALIASES: &'static [(&'static str, usize)] = &[];

    /// Reads the value of the member at `index` into `partial`; false for an index the
    /// structure does not have (the value is then skipped).
    fn read_member<'de, A: MapAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// The structure from the members read, or the error for a required one missing.
    fn finish<E: de::Error>(partial: Self::Partial) -> Result<Self, E>;
}

/// `Deserialize::deserialize` of a structure: only a map is accepted (serde's derive would
/// also take a sequence, filling members by position), unknown keys are skipped and a key
/// given twice is an error.
pub fn read_members<'de, T: ReadMembers, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(MembersVisitor(PhantomData))
}

struct MembersVisitor<T>(PhantomData<T>);

impl<'de, T: ReadMembers> Visitor<'de> for MembersVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut keys = Keys::with_aliases(T::KEYS, T::ALIASES);
        let mut partial = T::Partial::default();
        while let Some(index) = map.next_key_seed(&mut keys)? {
            if !T::read_member(&mut partial, index, &mut map)? {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        T::finish(partial)
    }
}

/// A required member's `value` as read, or serde's missing-field error naming it.
pub fn required<T, E: de::Error>(value: Option<T>, member: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(member))
}

/// The index of `key` in `keys`, at compile time: where an alias of a member points.
pub const fn key_index(keys: &[&str], key: &str) -> usize {
    let mut index = 0;
    while index < keys.len() {
        if same_text(keys[index], key) {
            return index;
        }
        index += 1;
    }
    panic!("an alias of a member the structure does not have")
}

const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The member keys of one structure while its object is read: each key read becomes the
/// member's index (`names` order), or [`Keys::UNKNOWN`] for a key the structure does not
/// have, to be skipped. A member given twice (by its name or an alias) is an error, as with
/// serde's derive, even when the first value was `null`.
pub struct Keys {
    names: &'static [&'static str],
    aliases: &'static [(&'static str, usize)],
    /// Members already read: one bit per index below 128, then a list for larger structures.
    seen: u128,
    seen_beyond: Vec<usize>,
    /// The member after the last one read: tried first, since objects are mostly written in
    /// their model's order.
    next: usize,
}

impl Keys {
    /// The index of a key the structure does not have.
    pub const UNKNOWN: usize = usize::MAX;

    /// The members' wire names, in the order of their indexes.
    pub fn new(names: &'static [&'static str]) -> Self {
        Keys::with_aliases(names, &[])
    }

    /// As [`Keys::new`], with other names that also mean a member (`(name, index)`).
    pub fn with_aliases(
        names: &'static [&'static str],
        aliases: &'static [(&'static str, usize)],
    ) -> Self {
        Keys {
            names,
            aliases,
            seen: 0,
            seen_beyond: Vec::new(),
            next: 0,
        }
    }

    #[inline]
    fn index(&self, key: &str) -> usize {
        if self.names.get(self.next) == Some(&key) {
            return self.next;
        }
        match self.names.iter().position(|name| *name == key) {
            Some(index) => index,
            None => self
                .aliases
                .iter()
                .find(|(alias, _)| *alias == key)
                .map_or(Keys::UNKNOWN, |(_, index)| *index),
        }
    }

    /// Records `index` as read; false when it was read before.
    #[inline]
    fn first_time(&mut self, index: usize) -> bool {
        if index < 128 {
            let bit = 1u128 << index;
            let first = self.seen & bit == 0;
            self.seen |= bit;
            first
        } else if self.seen_beyond.contains(&index) {
            false
        } else {
            self.seen_beyond.push(index);
            true
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut Keys {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        // CBOR keys may be indefinite-length text, which ciborium reads as a string but not
        // as an identifier.
        if deserializer.is_human_readable() {
            deserializer.deserialize_identifier(self)
        } else {
            deserializer.deserialize_string(self)
        }
    }
}

impl<'de> Visitor<'de> for &mut Keys {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        let index = self.index(key);
        if index == Keys::UNKNOWN {
            Ok(index)
        } else if self.first_time(index) {
            self.next = index + 1;
            Ok(index)
        } else {
            let name = self.names.get(index).copied().unwrap_or("?");
            Err(E::duplicate_field(name))
        }
    }
}
