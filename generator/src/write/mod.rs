//! Stage: write (in progress).
