//! What the page starts with: today's date and the region, from the browser
//! and the address (`?region=150104&date=2026-11-22`).

use yanglao_core::Date;

/// The parameters a link or a QR code can carry.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    pub region: Option<String>,
    /// `?date=`: checks as of another day (tests, and "what did the rules say then").
    pub date: Option<Date>,
    /// The `date` parameter was there but not a real `YYYY-MM-DD` date.
    pub bad_date: Option<String>,
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
                "date" => match Date::parse(value) {
                    Ok(date) => query.date = Some(date),
                    Err(_) => query.bad_date = Some(value.to_string()),
                },
                _ => {}
            }
        }
        query
    }

    /// The query string for a region, keeping a pinned date.
    pub fn with_region(&self, region: Option<&str>) -> String {
        let mut parts = Vec::new();
        if let Some(code) = region {
            parts.push(format!("region={code}"));
        }
        if let Some(date) = self.date {
            parts.push(format!("date={date}"));
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
