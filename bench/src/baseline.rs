//! The baseline: what a careful person writes by hand with `#[derive(Serialize, Deserialize)]`
//! for the model's shapes (`model/socialmessaging.json`), with the wire names as serde renames
//! and `Option` + `skip_serializing_if` for optional members. No validation, no HTTP: just the
//! JSON work, which is the floor the generated code is compared with.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// `AssociateWhatsAppBusinessAccountInput`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Input {
    #[serde(
        rename = "signupCallback",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub signup_callback: Option<SignupCallback>,
    #[serde(
        rename = "setupFinalization",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub setup_finalization: Option<SetupFinalization>,
}

/// `WhatsAppSignupCallback`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignupCallback {
    #[serde(rename = "accessToken")]
    pub access_token: String,
}

/// `WhatsAppSetupFinalization`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SetupFinalization {
    #[serde(rename = "associateInProgressToken")]
    pub associate_in_progress_token: String,
    #[serde(rename = "phoneNumbers")]
    pub phone_numbers: Vec<PhoneNumberSetupFinalization>,
    #[serde(
        rename = "phoneNumberParent",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub phone_number_parent: Option<String>,
    #[serde(rename = "waba", skip_serializing_if = "Option::is_none", default)]
    pub waba: Option<WabaSetupFinalization>,
}

/// `WabaPhoneNumberSetupFinalization`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PhoneNumberSetupFinalization {
    #[serde(rename = "id")]
    pub id: String,
    #[serde(rename = "twoFactorPin")]
    pub two_factor_pin: String,
    #[serde(
        rename = "dataLocalizationRegion",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub data_localization_region: Option<String>,
    #[serde(rename = "tags", skip_serializing_if = "Option::is_none", default)]
    pub tags: Option<Vec<Tag>>,
}

/// `WabaSetupFinalization`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WabaSetupFinalization {
    #[serde(rename = "id", skip_serializing_if = "Option::is_none", default)]
    pub id: Option<String>,
    #[serde(
        rename = "eventDestinations",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub event_destinations: Option<Vec<EventDestination>>,
    #[serde(rename = "tags", skip_serializing_if = "Option::is_none", default)]
    pub tags: Option<Vec<Tag>>,
}

/// `WhatsAppBusinessAccountEventDestination`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventDestination {
    #[serde(rename = "eventDestinationArn")]
    pub event_destination_arn: String,
}

/// `Tag`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Tag {
    #[serde(rename = "key")]
    pub key: String,
    #[serde(rename = "value", skip_serializing_if = "Option::is_none", default)]
    pub value: Option<String>,
}

/// `AssociateWhatsAppBusinessAccountOutput`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Output {
    #[serde(
        rename = "signupCallbackResult",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub signup_callback_result: Option<SignupCallbackResult>,
    #[serde(
        rename = "statusCode",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub status_code: Option<i32>,
}

/// `WhatsAppSignupCallbackResult`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignupCallbackResult {
    #[serde(
        rename = "associateInProgressToken",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub associate_in_progress_token: Option<String>,
    #[serde(
        rename = "linkedAccountsWithIncompleteSetup",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub linked_accounts_with_incomplete_setup: Option<HashMap<String, LinkedAccountMetaData>>,
}

/// `LinkedWhatsAppBusinessAccountIdMetaData`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LinkedAccountMetaData {
    #[serde(
        rename = "accountName",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub account_name: Option<String>,
    #[serde(
        rename = "registrationStatus",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub registration_status: Option<RegistrationStatus>,
    #[serde(
        rename = "unregisteredWhatsAppPhoneNumbers",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub unregistered_whats_app_phone_numbers: Option<Vec<PhoneNumberDetail>>,
}

/// `RegistrationStatus` (a hand-written enum with a catch-all, as people write them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegistrationStatus {
    #[serde(rename = "COMPLETE")]
    Complete,
    #[serde(rename = "INCOMPLETE")]
    Incomplete,
    #[serde(other)]
    Unknown,
}

/// `WhatsAppPhoneNumberDetail`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PhoneNumberDetail {
    #[serde(rename = "arn")]
    pub arn: String,
    #[serde(rename = "phoneNumber")]
    pub phone_number: String,
    #[serde(rename = "phoneNumberId")]
    pub phone_number_id: String,
    #[serde(rename = "metaPhoneNumberId")]
    pub meta_phone_number_id: String,
    #[serde(rename = "displayPhoneNumberName")]
    pub display_phone_number_name: String,
    #[serde(rename = "displayPhoneNumber")]
    pub display_phone_number: String,
    #[serde(rename = "qualityRating")]
    pub quality_rating: String,
}

/// The body of an error response (`ThrottledRequestException` and the other errors).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ErrorBody {
    #[serde(rename = "message", skip_serializing_if = "Option::is_none", default)]
    pub message: Option<String>,
}
