//! The error a builder returns when required members are missing: it names every one.

/// One required member that was not set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingMember {
    /// `Shape.member`, with the member's name in the model.
    pub path: &'static str,
    /// The builder method that sets it.
    pub setter: &'static str,
}

/// A builder was missing required members; all of them are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    missing: ::std::vec::Vec<MissingMember>,
}

impl BuildError {
    /// Starts collecting the missing members of `shape`.
    pub fn new(shape: &'static str) -> Self {
        BuildError {
            shape,
            missing: ::std::vec::Vec::new(),
        }
    }

    /// Records `path` as missing when `value` is unset.
    pub fn require<T>(
        &mut self,
        value: &::std::option::Option<T>,
        path: &'static str,
        setter: &'static str,
    ) {
        if value.is_none() {
            self.missing.push(MissingMember { path, setter });
        }
    }

    /// The shape whose builder failed.
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// Every missing member, in model order.
    pub fn missing(&self) -> &[MissingMember] {
        &self.missing
    }
}

impl ::std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "cannot build `{}`: missing required member", self.shape)?;
        if self.missing.len() != 1 {
            f.write_str("s")?;
        }
        for (i, member) in self.missing.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(
                f,
                "{sep}`{}` (set it with `.{}()`)",
                member.path, member.setter
            )?;
        }
        Ok(())
    }
}

impl ::std::error::Error for BuildError {}
