//! The `yanglao` command's readers and writers, as a library so that the fuzz
//! targets and benchmarks call the very code the command runs.

pub mod json;
pub mod jsonline;
pub mod regions;
pub mod rules;
pub mod schema;
pub mod screen;
