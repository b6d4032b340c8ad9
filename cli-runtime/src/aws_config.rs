//! Profile files, the settings read from them and the environment, and `credential_process`: the code generated
//! clients carry too, kept once in `generator/runtime/aws_config/` and included here.

// The shared files serve the generated clients as well; some of their items only those use.
#![allow(dead_code)]

#[path = "../../generator/runtime/aws_config/assume_role.rs"]
pub(crate) mod assume_role;
#[path = "../../generator/runtime/aws_config/ca_bundle.rs"]
pub(crate) mod ca_bundle;
#[path = "../../generator/runtime/aws_config/chain.rs"]
pub(crate) mod chain;
#[path = "../../generator/runtime/aws_config/container.rs"]
pub(crate) mod container;
#[path = "../../generator/runtime/aws_config/credential_process.rs"]
pub(crate) mod credential_process;
#[path = "../../generator/runtime/aws_config/error.rs"]
pub(crate) mod error;
#[path = "../../generator/runtime/aws_config/hooks.rs"]
pub(crate) mod hooks;
#[path = "../../generator/runtime/aws_config/imds.rs"]
pub(crate) mod imds;
#[path = "../../generator/runtime/aws_config/profile.rs"]
pub(crate) mod profile;
#[path = "../../generator/runtime/aws_config/settings.rs"]
pub(crate) mod settings;
#[path = "../../generator/runtime/aws_config/sha1.rs"]
pub(crate) mod sha1;
#[path = "../../generator/runtime/aws_config/sigv4.rs"]
pub(crate) mod sigv4;
#[path = "../../generator/runtime/aws_config/sso.rs"]
pub(crate) mod sso;
#[path = "../../generator/runtime/aws_config/sts.rs"]
pub(crate) mod sts;
#[path = "../../generator/runtime/aws_config/web_identity.rs"]
pub(crate) mod web_identity;
#[path = "../../generator/runtime/aws_config/xml.rs"]
pub(crate) mod xml;

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::credential_process::expiration_time;

    #[test]
    fn expiration_times_are_rfc3339() {
        let at = |seconds: u64| Some(UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(expiration_time("1970-01-01T00:00:00Z"), at(0));
        assert_eq!(expiration_time("2000-03-01T00:00:00Z"), at(951_868_800));
        assert_eq!(
            expiration_time("2024-02-29T12:34:56+00:00"),
            at(1_709_210_096)
        );
        assert_eq!(
            expiration_time(" 2026-12-01T05:00:00.123Z "),
            at(1_796_101_200)
        );
        for bad in [
            "",
            "2026-13-01T05:00:00Z",
            "2026-12-01T24:00:00Z",
            "1969-12-31T23:59:59Z",
            "2026-12-01",
            "+2026-12-01T05:00:00Z",
        ] {
            assert_eq!(expiration_time(bad), None, "{bad:?}");
        }
    }
}
