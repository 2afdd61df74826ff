//! The workbench page: the files and their text, what checking them found,
//! the preview, the clause coverage. One reducer holds the draft; checking
//! runs a moment after typing stops, so typing never waits for it.

mod coverage;
mod editor;
mod problems;
mod try_it;

use crate::case::{self, NewCase};
use crate::check::{self, FileText};
use crate::draft::{self, Draft, NotKept};
use crate::template;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use yew::prelude::*;

pub use editor::Jump;

/// How long after the last keystroke the files are checked.
const CHECK_AFTER_MS: u32 = 300;

pub enum Edit {
    /// The active file's text, as typed or pasted.
    Text(String),
    Open(Vec<FileText>),
    New,
    Select(usize),
    Close(usize),
    Policy(String),
    /// Forget the draft: back to one new file.
    Clear,
    /// Cases saved from the preview, written into the file of `region`.
    AddCases {
        region: String,
        cases: Vec<NewCase>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bench {
    pub draft: Draft,
    /// What the last edit said (cases saved, a file opened), for everyone to hear.
    pub said: Option<String>,
}

impl Bench {
    fn start() -> Bench {
        match draft::load() {
            Some(d) => Bench {
                draft: d,
                said: Some("已恢复上次在这台设备上的草稿。不需要的话，点“清除草稿”。".into()),
            },
            None => Bench {
                draft: Draft {
                    files: vec![new_file()],
                    active: 0,
                    policy: String::new(),
                },
                said: None,
            },
        }
    }
}

fn new_file() -> FileText {
    FileText {
        name: template::NEW_FILE_NAME.into(),
        text: template::NEW_FILE.into(),
    }
}

impl Reducible for Bench {
    type Action = Edit;
    fn reduce(self: Rc<Self>, action: Edit) -> Rc<Self> {
        let mut next = (*self).clone();
        next.said = None;
        let d = &mut next.draft;
        match action {
            Edit::Text(text) => {
                if let Some(f) = d.files.get_mut(d.active) {
                    f.text = text;
                }
            }
            Edit::Open(files) => {
                let n = files.len();
                // A lone untouched new file gives way to what is opened.
                if d.files.len() == 1 && d.files[0] == new_file() {
                    d.files.clear();
                }
                for f in files {
                    match d.files.iter().position(|g| g.name == f.name) {
                        Some(i) => d.files[i] = f,
                        None => d.files.push(f),
                    }
                }
                d.active = d.files.len().saturating_sub(1);
                next.said = Some(format!("已打开 {n} 个文件。"));
            }
            // A lone untouched new file is already one.
            Edit::New if d.files.len() == 1 && d.files[0] == new_file() => d.active = 0,
            Edit::New => {
                let mut f = new_file();
                let mut k = 2;
                while d.files.iter().any(|g| g.name == f.name) {
                    f.name = format!("新的清单{k}.toml");
                    k += 1;
                }
                d.files.push(f);
                d.active = d.files.len() - 1;
            }
            Edit::Select(i) => d.active = i.min(d.files.len().saturating_sub(1)),
            Edit::Close(i) => {
                if i < d.files.len() {
                    d.files.remove(i);
                }
                if d.files.is_empty() {
                    d.files.push(new_file());
                }
                d.active = d.active.min(d.files.len() - 1);
            }
            Edit::Policy(text) => d.policy = text,
            Edit::Clear => {
                draft::clear();
                next.draft = Draft {
                    files: vec![new_file()],
                    active: 0,
                    policy: String::new(),
                };
                next.said = Some("草稿已清除，这台设备上不再保存它。".into());
            }
            Edit::AddCases { region, cases } => {
                let Some(i) = d
                    .files
                    .iter()
                    .position(|f| check::region_code(&f.text).as_deref() == Some(&region))
                else {
                    next.said = Some(format!("没有找到地区 {region} 的文件，例子没有存。"));
                    return Rc::new(next);
                };
                let mut text = d.files[i].text.clone();
                let mut names = Vec::new();
                for c in &cases {
                    match case::insert(&text, &c.service, &c.text) {
                        Ok(t) => {
                            text = t;
                            names.push(format!("{}（{}）", c.name, c.status.zh()));
                        }
                        Err(why) => {
                            next.said = Some(format!("例子没有存：{why}"));
                            return Rc::new(next);
                        }
                    }
                }
                d.files[i].text = text;
                d.active = i;
                next.said = Some(format!("已存为例子，每项服务一个：{}。", names.join("、")));
            }
        }
        Rc::new(next)
    }
}

#[function_component]
pub fn Workbench() -> Html {
    let bench = use_reducer(Bench::start);
    let files = bench.draft.files.clone();
    // Checked at once on the first screen, then a moment after each change.
    let checked = use_state(|| Rc::new(check::check(&files)));
    // The files that check is of: the first screen's are not checked twice.
    let checked_files = use_mut_ref(|| files.clone());
    let version = use_mut_ref(|| 0u32);
    let shown_version = use_state(|| 0u32);
    {
        let checked = checked.clone();
        let shown_version = shown_version.clone();
        use_effect_with(files.clone(), move |files| {
            let changed = *checked_files.borrow() != *files;
            let timer = changed.then(|| {
                let files = files.clone();
                Timeout::new(CHECK_AFTER_MS, move || {
                    let next = check::check(&files);
                    *checked_files.borrow_mut() = files;
                    *version.borrow_mut() += 1;
                    checked.set(Rc::new(next));
                    shown_version.set(*version.borrow());
                })
            });
            move || drop(timer)
        });
    }
    // The draft, kept on this device after each change (never on a kiosk).
    let kept = use_state(|| Ok::<(), NotKept>(()));
    // The draft as it is now, for a page closed or reloaded before the timer ran.
    let latest = use_mut_ref(|| bench.draft.clone());
    *latest.borrow_mut() = bench.draft.clone();
    {
        let kept = kept.clone();
        use_effect_with(bench.draft.clone(), move |d| {
            let d = d.clone();
            let timer = Timeout::new(CHECK_AFTER_MS, move || kept.set(draft::save(&d)));
            move || drop(timer)
        });
    }
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    let _ = draft::save(&latest.borrow());
                });
            move || drop(listener)
        });
    }
    let jump = use_state(|| None::<Jump>);
    let on_jump = {
        let (bench, jump) = (bench.clone(), jump.clone());
        Callback::from(move |(file, line, column): (String, usize, usize)| {
            if let Some(i) = bench
                .draft
                .files
                .iter()
                .position(|f| check::file_name(f) == file)
            {
                bench.dispatch(Edit::Select(i));
                let seq = jump.as_ref().map_or(1, |j| j.seq + 1);
                jump.set(Some(Jump {
                    file: i,
                    line,
                    column,
                    seq,
                }));
            }
        })
    };
    let dispatch = {
        let bench = bench.clone();
        Callback::from(move |e: Edit| bench.dispatch(e))
    };
    let active = bench.draft.active;
    let file = bench.draft.files[active].clone();
    let regions: Vec<(String, String)> = bench
        .draft
        .files
        .iter()
        .filter_map(|f| check::region_code(&f.text).map(|c| (c, f.name.clone())))
        .collect();
    let active_region = check::region_code(&file.text);
    let kiosk = draft::is_kiosk();
    html! {
        <div class="wb">
            <header class="wb-header">
                <h1>{ "养老服务清单 · 规则工作台" }</h1>
                <p>{ "在这里写一个地方的基本养老服务清单（规则文件），马上检查、试算、预览，然后下载。所有内容只在这台设备的浏览器里，不会发给任何网站。" }</p>
                <p class="wb-kept" role="status" data-kept={match &*kept { Ok(()) => "yes", Err(NotKept::Kiosk) => "kiosk", Err(NotKept::Refused) => "refused" }}>
                    { match (&*kept, kiosk) {
                        (_, true) => "这是公用设备（kiosk）模式：草稿不保存在这台设备上，关掉页面前请先下载。",
                        (Ok(()), _) => "草稿自动保存在这台设备上（只在这里），刷新页面也不会丢。",
                        (Err(_), _) => "草稿没能保存在这台设备上（内容太大或浏览器不允许）。页面上的文字还在，请及时下载。",
                    } }
                </p>
            </header>
            <editor::Toolbar
                file={file.clone()}
                passes={checked.passes}
                errors={checked.errors() + checked.count(check::Severity::Case)}
                dispatch={dispatch.clone()}
            />
            if let Some(said) = &bench.said {
                <p class="wb-said" role="status" data-said="">{ said.clone() }</p>
            }
            <editor::Tabs files={bench.draft.files.clone()} {active} dispatch={dispatch.clone()} />
            <div class="wb-main">
                <editor::Editor
                    file={file.clone()}
                    index={active}
                    jump={(*jump).clone()}
                    dispatch={dispatch.clone()}
                />
                <problems::Problems checked={(*checked).clone()} {on_jump} />
            </div>
            <try_it::TryIt
                rules={checked.rules.clone()}
                version={*shown_version}
                {regions}
                active={active_region.clone()}
                dispatch={dispatch.clone()}
            />
            <coverage::CoveragePanel
                policy={bench.draft.policy.clone()}
                rules={checked.rules.clone()}
                region={active_region}
                dispatch={dispatch}
            />
            <footer class="wb-footer">
                <p>{ "这里的检查和命令 yanglao rules check 完全相同：这里没有错误、例子都对，下载的文件放进 rules/ 文件夹就能通过。写法说明见 rules/README.md。" }</p>
            </footer>
        </div>
    }
}
