//! Paths shared by the workspace tests.

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Our own model folder.
pub fn model_dir() -> PathBuf {
    repo_root().join("model")
}

/// `../shared` beside the repository. Tests that need it fail loudly when it is absent
/// rather than passing without having checked anything.
pub fn shared_dir() -> PathBuf {
    let dir = repo_root().join("../shared");
    assert!(
        dir.join("models").is_dir(),
        "\n\n*** ../shared is missing (looked in {}) ***\n\
         These tests read the reference data in ../shared (models, seeds, wire captures).\n\
         Put the shared folder beside the repository and run again.\n",
        dir.display()
    );
    dir
}

/// A valid `AssociateWhatsAppBusinessAccount` input (one phone number with `pin`), as the client
/// tests send it.
pub fn signup_input(
    pin: &str,
) -> socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput{
    use socialmessaging::operation::associate_whats_app_business_account::AssociateWhatsAppBusinessAccountInput;
    use socialmessaging::types::{WabaPhoneNumberSetupFinalization, WhatsAppSetupFinalization};
    let phone = WabaPhoneNumberSetupFinalization::builder()
        .id("phone-number-id-01234567890123456789012345678901")
        .two_factor_pin(pin)
        .build()
        .expect("a valid phone number");
    AssociateWhatsAppBusinessAccountInput::builder()
        .setup_finalization(
            WhatsAppSetupFinalization::builder()
                .associate_in_progress_token("tok-123")
                .phone_numbers(vec![phone])
                .build()
                .expect("a valid finalization"),
        )
        .build()
}
