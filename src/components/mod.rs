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
mod text;
mod who;
mod why;

pub use answers::AnswerList;
pub use display::DisplayControl;
pub use footer::Footer;
pub use handoff::{qr_svg, HandOff};
pub use header::Header;
pub use question::{NumberForm, Question, TAP_GUARD_MS};
pub use read_aloud::{ReadAloud, Speech};
pub use region_picker::{open_on_start, opened_province, RegionPicker};
pub use result_line::ResultLine;
pub use results::Results;
pub use text::mixed;
pub use who::WhoPicker;
pub use why::HowDecidedView;
