//! The yanglao engine: rule model, loader, evaluator and explanations.
//! No web dependencies: the same code runs in the browser (WASM) and natively.

/// Words in Chinese for the people who write the rule files (the loader's
/// messages): made where the loader is built (`source`); elsewhere (the
/// app's wasm, which never shows them) an empty string, and the words are
/// not in the binary.
#[cfg(feature = "source")]
#[macro_export]
#[doc(hidden)]
macro_rules! zh {
    ($($t:tt)*) => { format!($($t)*) };
}
#[cfg(not(feature = "source"))]
#[macro_export]
#[doc(hidden)]
macro_rules! zh {
    ($($t:tt)*) => {{
        // Never called: the arguments count as used, the words are dropped.
        let _ = || format!($($t)*);
        String::new()
    }};
}

pub mod cases;
pub mod coverage;
pub mod date;
mod diagram;
pub mod eval;
pub mod expr;
pub mod facts;
pub mod model;
pub mod order;
pub mod pack;
pub mod questionnaire;
pub mod regions;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "source")]
pub mod source;
pub mod vocab;
pub mod words;

pub use date::Date;
pub use eval::{evaluate, CheckError, Evaluation, Later, Outcome, Plan};
pub use facts::{Answers, Fact, FactSet, RawValue};
pub use model::{Amount, Apply, Cond, Document, Kind, Region, RuleSet, Service, Status};
pub use words::{Lang, Prompt, Reason};

/// Kept for callers that only deal with regions.
pub type RegionError = CheckError;
