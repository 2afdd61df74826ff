//! The app's state: which region is chosen and how large the text is.
//! (The questionnaire's answers join it in a later issue.)

use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    /// The 6-digit code of the older person's 户籍所在地, once chosen.
    pub region: Option<String>,
    /// The larger-text switch, which works whatever the browser's own zoom.
    pub large_text: bool,
}

pub enum Action {
    /// A region was chosen on the picker (or came in the address).
    ChooseRegion(String),
    /// Back to the region picker.
    ChangeRegion,
    /// The address changed (the browser's Back and Forward buttons).
    FromAddress(Option<String>),
    ToggleLargeText,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ChooseRegion(code) => next.region = Some(code),
            Action::ChangeRegion => next.region = None,
            Action::FromAddress(region) => next.region = region,
            Action::ToggleLargeText => next.large_text = !next.large_text,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
