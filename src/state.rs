//! The app's state: the region, who is answering, every answer given, the
//! questions answered in order (for 上一题), and the text size.
//!
//! Answers are never thrown away while the page is open: going back, changing
//! the region or an answer keeps them, so a question asked again shows the
//! answer given before. Which question comes next is a pure function of the
//! answers on the current path, so 上一题 returns to exactly the earlier screen.

use crate::questions::Who;
use std::rc::Rc;
use yanglao_core::{Answers, Date, Fact, FactSet};
use yew::Reducible;

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct State {
    /// The 6-digit code of the older person's 户籍所在地, once chosen.
    pub region: Option<String>,
    /// Who is answering, once said.
    pub who: Option<Who>,
    /// Every answer given on this page, including ones no longer on the path.
    pub stored: Answers,
    /// Facts ever answered (a 不知道 counts): their stored answer is shown again.
    pub answered: FactSet,
    /// The questions answered on the current path, in order.
    pub path: Vec<Fact>,
    /// Show the results now, even if questions remain (直接看结果, or an
    /// answer changed on the results page).
    pub show_results: bool,
    /// How to show the page (text size, contrast): not about the person.
    pub display: Display,
    /// The interface language.
    pub lang: crate::i18n::Lang,
    /// A hand-off link whose answers wait for the region's pack (its
    /// vocabulary reads them): the screen shows the pack loading until then.
    pub pending: Option<crate::handoff::Link>,
}

/// The display switches, which work whatever the browser's own zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Display {
    /// 0 标准, 1 大 (×1.25), 2 特大 (×1.5).
    pub text_size: u8,
    /// The high-contrast theme (text at least 7:1).
    pub contrast: bool,
}

impl Display {
    pub const LARGEST: u8 = 2;
}

impl State {
    pub fn new(region: Option<String>) -> State {
        State {
            region,
            ..State::default()
        }
    }

    /// The state waiting for a hand-off link's answers to be read.
    pub fn pending(link: crate::handoff::Link) -> State {
        State {
            region: Some(link.region.clone()),
            pending: Some(link),
            ..State::default()
        }
    }

    /// The state a hand-off link describes: its answers on the path, results showing.
    pub fn restored(link: &crate::handoff::Restored) -> State {
        let mut state = State::new(Some(link.region.clone()));
        state.who = Some(link.who);
        for &(fact, value) in &link.path {
            // The link was checked value by value when decoded.
            let _ = state.stored.set(fact, value);
            state.answered.insert(fact);
            state.path.push(fact);
        }
        state.stored.set_birth_date(link.birth_date);
        state.show_results = link.at_results;
        state
    }

    /// Where the check stands as a link or the address holds it (region,
    /// who, the answers on the path), or None before someone said who.
    pub fn link_parts(&self) -> Option<(&str, Who)> {
        Some((self.region.as_deref()?, self.who?))
    }

    /// The answers on the current path: what the engine decides with.
    pub fn answers(&self) -> Answers {
        let mut answers = Answers::new();
        for &fact in &self.path {
            // Stored values were checked when given; a failure cannot happen.
            let _ = answers.set(fact, self.stored.get(fact));
        }
        if let Some(age) = Fact::birth().filter(|a| self.path.contains(a)) {
            answers.set_birth_date(self.stored.birth_date());
            if self.stored.birth_date().is_some() {
                let _ = answers.set(age, None);
            }
        }
        answers
    }

    /// The latest answer wins: an earlier one it contradicts (有赡养人, then
    /// 特困) leaves the path, and what follows from the new one takes its place.
    fn drop_contradicted(&mut self, latest: Fact) {
        loop {
            let Some(broken) = self.answers().contradiction() else {
                return;
            };
            let other = if broken.if_fact() == latest {
                broken.then_fact()
            } else {
                broken.if_fact()
            };
            self.path.retain(|f| *f != other);
            let _ = self.stored.set(other, None);
            self.answered = {
                let mut set = FactSet::EMPTY;
                for f in self.answered.iter().filter(|f| *f != other) {
                    set.insert(f);
                }
                set
            };
        }
    }

    /// The questions on the path, as a set (never asked again).
    pub fn asked(&self) -> FactSet {
        let mut set = FactSet::EMPTY;
        for &f in &self.path {
            set.insert(f);
        }
        set
    }
}

pub enum Action {
    /// A region was chosen on the picker (or came in the address).
    ChooseRegion(String),
    /// Back to the region picker (answers are kept).
    ChangeRegion,
    /// A pending link's answers could not be read: the picker, with a note.
    LinkRefused,
    /// The browser's Back or Forward button: the check as that entry holds it.
    /// Answers given since stay remembered (shown again if asked again).
    Restore(Box<State>),
    ChooseWho(Who),
    /// Back to the "who is answering" screen.
    ChangeWho,
    /// An answer to a question (None = 不知道). On the results page this
    /// changes the answer in place and the results stay in view.
    Answer(Fact, Option<i32>),
    /// The age question answered with a birth date.
    AnswerBirthDate(Date),
    /// 上一题: the last answered question is shown again, its answer kept.
    Back,
    /// 直接看结果.
    ShowResults,
    /// 继续回答 from the results page.
    ContinueQuestions,
    /// 重新开始: forget every answer, keep the region.
    Restart,
    SetTextSize(u8),
    ToggleContrast,
    ToggleLanguage,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ChooseRegion(code) => {
                if next.region.as_deref() != Some(code.as_str()) {
                    // Another region asks other questions: start its path afresh,
                    // but remember the answers for questions it shares.
                    next.path.clear();
                    next.show_results = false;
                }
                next.region = Some(code);
            }
            Action::ChangeRegion => next.region = None,
            Action::Restore(to) => {
                let mut stored = next.stored.clone();
                for &fact in &to.path {
                    let _ = stored.set(fact, to.stored.get(fact));
                }
                if Fact::birth().is_some_and(|age| to.path.contains(&age)) {
                    stored.set_birth_date(to.stored.birth_date());
                }
                next = State {
                    stored,
                    answered: next.answered.union(to.answered),
                    display: next.display,
                    lang: next.lang,
                    ..*to
                };
            }
            Action::LinkRefused => {
                next.pending = None;
                next.region = None;
            }
            Action::ChooseWho(who) => next.who = Some(who),
            Action::ChangeWho => next.who = None,
            Action::Answer(fact, value) => {
                // The value comes from our own buttons; out-of-range cannot happen,
                // and if it did the earlier answer would stay.
                if next.stored.set(fact, value).is_ok() {
                    if fact.is_birth() {
                        next.stored.set_birth_date(None);
                    }
                    next.answered.insert(fact);
                    if !next.path.contains(&fact) {
                        next.path.push(fact);
                    }
                    next.drop_contradicted(fact);
                }
            }
            Action::AnswerBirthDate(birth) => {
                if let Some(age) = Fact::birth() {
                    next.stored.set_birth_date(Some(birth));
                    let _ = next.stored.set(age, None);
                    next.answered.insert(age);
                    if !next.path.contains(&age) {
                        next.path.push(age);
                    }
                }
            }
            Action::Back => {
                if next.show_results {
                    next.show_results = false;
                }
                if next.path.pop().is_none() {
                    next.who = None;
                }
            }
            Action::ShowResults => next.show_results = true,
            Action::ContinueQuestions => next.show_results = false,
            Action::Restart => {
                next = State {
                    region: next.region.clone(),
                    display: next.display,
                    lang: next.lang,
                    ..State::default()
                };
            }
            Action::SetTextSize(size) => next.display.text_size = size.min(Display::LARGEST),
            Action::ToggleContrast => next.display.contrast = !next.display.contrast,
            Action::ToggleLanguage => {
                next.lang = match next.lang {
                    crate::i18n::Lang::Zh => crate::i18n::Lang::En,
                    crate::i18n::Lang::En => crate::i18n::Lang::Zh,
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;

    fn run(actions: Vec<Action>) -> Rc<State> {
        crate::rules::vocabulary();
        let mut state = Rc::new(State::new(Some("150104".into())));
        for a in actions {
            state = state.reduce(a);
        }
        state
    }

    #[test]
    fn back_keeps_the_answer_and_leaves_the_path() {
        crate::rules::vocabulary();
        let s = run(vec![
            Action::ChooseWho(Who::Family),
            Action::Answer(Fact::named("age"), Some(72)),
            Action::Answer(Fact::named("living"), Some(0)),
            Action::Back,
        ]);
        assert_eq!(s.path, vec![Fact::named("age")]);
        assert_eq!(s.stored.get(Fact::named("living")), Some(0));
        assert!(s.answered.contains(Fact::named("living")));
        assert_eq!(s.answers().get(Fact::named("living")), None);
    }

    #[test]
    fn a_birth_date_replaces_the_age() {
        crate::rules::vocabulary();
        let s = run(vec![
            Action::Answer(Fact::named("age"), Some(72)),
            Action::AnswerBirthDate(Date::new(1950, 3, 1).unwrap()),
        ]);
        let on = s.answers().on(Date::new(2026, 11, 22).unwrap()).unwrap();
        assert_eq!(on.get(Fact::named("age")), Some(76));
    }

    #[test]
    fn the_latest_answer_wins_over_one_it_contradicts() {
        crate::rules::vocabulary();
        let s = run(vec![
            Action::ChooseWho(Who::Family),
            Action::Answer(Fact::named("age"), Some(80)),
            Action::Answer(Fact::named("no_supporter"), Some(0)),
            Action::Answer(
                Fact::named("economic"),
                Fact::named("economic").choice_index("tekun_scattered"),
            ),
        ]);
        assert_eq!(s.path, vec![Fact::named("age"), Fact::named("economic")]);
        assert!(s.answers().contradiction().is_none());
        let (implied, _) = s.answers().implied();
        assert_eq!(implied.get(Fact::named("no_supporter")), Some(1));
    }

    #[test]
    fn back_and_forward_keep_later_answers_remembered() {
        crate::rules::vocabulary();
        let mut earlier = (*run(vec![
            Action::ChooseWho(Who::Family),
            Action::Answer(Fact::named("age"), Some(72)),
        ]))
        .clone();
        earlier.show_results = false;
        let s = run(vec![
            Action::ChooseWho(Who::Family),
            Action::Answer(Fact::named("age"), Some(72)),
            Action::Answer(Fact::named("living"), Some(0)),
            Action::Restore(Box::new(earlier)),
        ]);
        assert_eq!(s.path, vec![Fact::named("age")]);
        assert_eq!(
            s.stored.get(Fact::named("living")),
            Some(0),
            "shown again if asked again"
        );
    }

    #[test]
    fn restart_forgets_everything_but_the_region() {
        crate::rules::vocabulary();
        let s = run(vec![
            Action::ChooseWho(Who::Myself),
            Action::Answer(Fact::named("age"), Some(72)),
            Action::Restart,
        ]);
        assert_eq!(*s, State::new(Some("150104".into())));
    }
}
