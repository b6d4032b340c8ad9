//! Stage: emit (in progress).
