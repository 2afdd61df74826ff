//! The rules workbench (dist/workbench/): county civil-affairs staff write a
//! rule file, see every mistake in plain Chinese at its line and column, run
//! its example cases, try it on a person as the checker would show it, save
//! that person as cases, see which clauses of the policy text are covered,
//! and download the file. Everything happens in this page: nothing typed or
//! opened leaves the browser.
//!
//! The logic is native and tested here: [`check`] (the loader `yanglao rules
//! check` runs), [`case`] (a previewed person as cases), [`clauses`] (clause
//! coverage). The page is [`ui`]; [`preview`] gives the checker's own
//! components the edited rules; [`draft`] keeps the draft on this device.

pub mod case;
pub mod check;
pub mod clauses;
pub mod draft;
pub mod preview;
pub mod template;
pub mod ui;
