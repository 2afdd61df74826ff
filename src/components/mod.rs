//! The parts of the page, each with typed props and callbacks.

mod footer;
mod handoff;
mod header;
mod question;
mod read_aloud;
mod region_picker;
mod results;
mod service_card;
mod who;

pub use footer::Footer;
pub use handoff::{qr_svg, HandOff};
pub use header::Header;
pub use question::{AgeForm, Question};
pub use read_aloud::{screen_text, ReadAloud};
pub use region_picker::RegionPicker;
pub use results::{checklist, AnswerList, Group, Results};
pub use service_card::{later_text, Card, ServiceCard, ServiceLine};
pub use who::WhoPicker;
