//! What the page starts with: today's date and the region, from the browser
//! and the address (`?region=150104&date=2026-11-22`).

use yanglao_core::Date;

/// Where the checker runs: `?mode=kiosk`, `?mode=embed`, or neither.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Normal,
    /// A shared screen in a community centre: large text, a 重新开始 button,
    /// and a full reset after a period of no input.
    Kiosk,
    /// Inside a portal's iframe: no page header or footer, the region fixed,
    /// the portal's colour, and its height posted to the host page.
    Embed,
}

impl Mode {
    pub fn key(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Kiosk => "kiosk",
            Mode::Embed => "embed",
        }
    }
}

/// The kiosk's default idle time before it asks "还在使用吗？".
pub const DEFAULT_IDLE_SECONDS: u32 = 120;

/// The parameters a link or a QR code can carry.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    pub region: Option<String>,
    /// `?date=`: checks as of another day (tests, and "what did the rules say then").
    pub date: Option<Date>,
    /// The `date` parameter was there but not a real `YYYY-MM-DD` date.
    pub bad_date: Option<String>,
    /// `?region=` was there but not 6 digits.
    pub bad_region: Option<String>,
    pub mode: Mode,
    /// `?mode=` named no mode we have.
    pub bad_mode: Option<String>,
    /// `?idle=`: the kiosk's idle seconds (10 to 3600).
    pub idle_seconds: Option<u32>,
    /// `?theme=`: the embedding portal's colour, 6 hex digits (no `#`).
    pub theme: Option<String>,
    /// `?lang=en`: the interface in English.
    pub lang: Option<crate::i18n::Lang>,
}

impl Query {
    /// Reads a query string such as `?region=150104&date=2026-11-22`.
    /// Unknown parameters are ignored; a region is kept only if it is 6 digits.
    pub fn parse(search: &str) -> Query {
        let mut query = Query::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "region" if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) => {
                    query.region = Some(value.to_string())
                }
                "region" => query.bad_region = Some(value.chars().take(20).collect()),
                "mode" => match value {
                    "kiosk" => query.mode = Mode::Kiosk,
                    "embed" => query.mode = Mode::Embed,
                    "" | "normal" => query.mode = Mode::Normal,
                    other => query.bad_mode = Some(other.chars().take(20).collect()),
                },
                "idle" => {
                    query.idle_seconds = value
                        .parse::<u32>()
                        .ok()
                        .filter(|s| (10..=3600).contains(s))
                }
                "lang" => query.lang = crate::i18n::Lang::from_key(value),
                "theme" if value.len() == 6 && value.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    query.theme = Some(value.to_ascii_lowercase())
                }
                "date" => match Date::parse(value) {
                    Ok(date) => query.date = Some(date),
                    Err(_) => query.bad_date = Some(value.to_string()),
                },
                _ => {}
            }
        }
        query
    }

    /// The query string for a region, keeping a pinned date and the mode.
    pub fn with_region(&self, region: Option<&str>) -> String {
        let mut parts = Vec::new();
        if let Some(code) = region {
            parts.push(format!("region={code}"));
        }
        if let Some(date) = self.date {
            parts.push(format!("date={date}"));
        }
        if self.mode != Mode::Normal {
            parts.push(format!("mode={}", self.mode.key()));
        }
        if let Some(idle) = self.idle_seconds {
            parts.push(format!("idle={idle}"));
        }
        if let Some(theme) = &self.theme {
            parts.push(format!("theme={theme}"));
        }
        if let Some(lang) = self.lang {
            parts.push(format!("lang={}", lang.key()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// Today in the browser's local time zone (policies count whole local days).
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        now.get_full_year() as i32,
        now.get_month() as u8 + 1,
        now.get_date() as u8,
    )
    // The browser only gives real dates; this keeps a broken clock from panicking.
    .unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real date"))
}

/// The query string of the page's address.
pub fn current_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Records the chosen region in the address (a new history entry, so the
/// phone's Back button returns to the region list).
pub fn push_search(search: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{search}");
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The fragment of the page's address (`#…`), if any.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the address (no new history entry): `search` and `hash` include
/// their `?` and `#`, or are empty.
pub fn replace_address(search: &str, hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}{hash}")),
        );
    }
}

/// The page's address without query or fragment (for hand-off links).
pub fn page_base() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            format!(
                "{}{}",
                l.origin().unwrap_or_default(),
                l.pathname().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}
