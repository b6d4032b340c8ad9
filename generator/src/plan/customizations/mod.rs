//! The AWS SDKs' service customizations: what every AWS SDK does for a service beyond what
//! its model says, keyed on the service's `aws.api#service` `sdkId` (as the SDKs key them).

pub mod s3;
