//! Stage: load (in progress).
