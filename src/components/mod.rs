//! The parts of the page, each with typed props and callbacks.

mod answers;
mod display;
mod footer;
mod handoff;
mod header;
mod question;
mod read_aloud;
mod region_picker;
mod result_line;
mod results;
mod who;

pub use answers::AnswerList;
pub use display::DisplayControl;
pub use footer::Footer;
pub use handoff::{qr_svg, HandOff};
pub use header::Header;
pub use question::{AgeForm, Question, TAP_GUARD_MS};
pub use read_aloud::{screen_text, ReadAloud};
pub use region_picker::RegionPicker;
pub use result_line::ResultLine;
pub use results::Results;
pub use who::WhoPicker;
