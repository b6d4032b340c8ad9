//! Stage: plan (in progress).
