//! The yanglao browser app: which basic elderly-care services an older person
//! can claim, decided in the browser by the engine (`yanglao-core`) from the
//! rule pack of the person's province, loaded on demand (`catalogue`).
//!
//! `main.rs` mounts [`App`] on the page; tests and host pages mount
//! [`Checker`] into an element of their own.

pub mod app;
pub mod catalogue;
pub mod components;
pub mod effects;
pub mod frame;
pub mod handoff;
pub mod i18n;
pub mod nav;
pub mod offline;
pub mod prefs;
pub mod questions;
pub mod regions;
pub mod report;
#[cfg(feature = "embedded-rules")]
pub mod rules;
pub mod screen;
pub mod session;
pub mod stage;
pub mod start;
pub mod state;

pub use app::{App, Checker, CheckerProps};
