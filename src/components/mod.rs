//! The parts of the page, each with typed props and callbacks.

mod footer;
mod header;
mod region_picker;
mod service_card;
mod service_list;

pub use footer::Footer;
pub use header::Header;
pub use region_picker::RegionPicker;
pub use service_card::{Card, ServiceCard};
pub use service_list::ServiceList;
