//! What the build writes beside the app: the rule packs (main.rs) and the
//! catalogue published (static pages per region and the JSON export).

pub mod catalogue;
pub mod publish;
