//! Renders the checker's start page ahead, at build time, with the app's own
//! components (Yew's server-side rendering), so that index.html shows the
//! picker before the wasm has arrived; the app, rendered afresh when it
//! starts, then takes that markup's place before the next frame (src/main.rs).
//!
//! `yanglao-prerender DATE < catalogue.json` prints the markup. The
//! catalogue is the one scripts/postbuild.py writes into index.html: the
//! start page shows, for each province, how many lists its pack holds.
//! Nothing else of the rules is needed: the start page loads no pack.

use std::collections::HashMap;
use std::future::Future;
use std::io::Read;
use std::pin::Pin;
use std::process::ExitCode;
use std::rc::Rc;
use yanglao_app::app::{Ahead, AppProps};
use yanglao_app::catalogue::{Failure, Loaded, Rules, Source};
use yanglao_app::App;
use yanglao_core::regions::RegionIndex;
use yanglao_core::Date;

/// The catalogue as far as the start page reads it.
struct Catalogue {
    lists: HashMap<String, u32>,
    fingerprint: String,
}

impl Source for Catalogue {
    fn loaded(&self, _province: &str) -> Option<Rc<Loaded>> {
        None
    }
    // The start page asks for no pack and no search: nothing is loaded ahead.
    fn load(
        &self,
        _province: String,
        _fresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Rc<Loaded>, Failure>>>> {
        Box::pin(async { Err(Failure::Offline) })
    }
    fn lists_in(&self, province: &str) -> Option<u32> {
        self.lists.get(province).copied()
    }
    fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }
    fn search(
        &self,
        _fresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Rc<RegionIndex>, Failure>>>> {
        Box::pin(async { Err(Failure::Offline) })
    }
}

fn read_catalogue(text: &str) -> Result<Catalogue, String> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("the catalogue is not JSON: {e}"))?;
    let packs = json
        .get("packs")
        .and_then(|p| p.as_object())
        .ok_or("the catalogue has no \"packs\"")?;
    let mut lists = HashMap::new();
    for (province, entry) in packs {
        let n = entry
            .get("lists")
            .and_then(|n| n.as_u64())
            .ok_or_else(|| format!("the pack of {province} has no \"lists\" count"))?;
        lists.insert(province.clone(), n as u32);
    }
    let fingerprint = json
        .get("fingerprint")
        .and_then(|f| f.as_str())
        .unwrap_or_default()
        .to_string();
    Ok(Catalogue { lists, fingerprint })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 1 || args[0].starts_with('-') {
        eprintln!("usage: yanglao-prerender YYYY-MM-DD < catalogue.json  (prints the start page's markup)");
        return ExitCode::from(2);
    }
    let date = match Date::parse(&args[0]) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("yanglao-prerender: {e}");
            return ExitCode::from(2);
        }
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("yanglao-prerender: cannot read the catalogue: {e}");
        return ExitCode::from(2);
    }
    let catalogue = match read_catalogue(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("yanglao-prerender: {e}");
            return ExitCode::from(2);
        }
    };
    match render(date, catalogue) {
        Ok(html) => {
            print!("{html}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("yanglao-prerender: {e}");
            ExitCode::from(1)
        }
    }
}

/// The start page's markup, as the app renders it for a first visit on `date`.
fn render(date: Date, catalogue: Catalogue) -> std::io::Result<String> {
    let props = AppProps {
        ahead: Some(Ahead {
            date,
            rules: Rules(Rc::new(catalogue)),
        }),
    };
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    // No hydration markers: the app is rendered afresh in the browser and takes
    // this markup's place (src/main.rs), so they would be bytes for nothing.
    Ok(runtime.block_on(
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalogue_without_counts_is_refused() {
        assert!(read_catalogue("{}").is_err());
        assert!(read_catalogue(r#"{"packs":{"14":{"file":"p"}}}"#).is_err());
        let c = read_catalogue(r#"{"packs":{"14":{"lists":3}},"fingerprint":"ab"}"#).unwrap();
        assert_eq!(c.lists_in("14"), Some(3));
        assert_eq!(c.fingerprint(), "ab");
    }

    #[test]
    fn the_start_page_is_the_picker_with_a_link_for_every_province() {
        let catalogue =
            read_catalogue(r#"{"packs":{"14":{"lists":2},"41":{"lists":1}},"fingerprint":"ab"}"#)
                .unwrap();
        let html = render(Date::parse("2026-12-03").unwrap(), catalogue).unwrap();
        assert!(html.contains(r#"id="picker-title""#), "{html}");
        assert!(html.contains(r#"id="place-search""#));
        for (code, name) in yanglao_app::regions::PROVINCES {
            let link = format!(r##"<a href="#p.{code}" data-province="{code}""##);
            assert!(html.contains(&link), "no link for {name}: {html}");
        }
        // The counts come from the catalogue; a province without a pack has none.
        assert!(html.contains("收录2份清单"));
        assert!(html.contains("收录1份清单"));
        assert_eq!(html.matches("份清单").count(), 2);
        // The markup only: no hydration markers (the app renders afresh).
        assert!(html.starts_with("<div "), "{html}");
        assert!(!html.contains("<!--"));
    }
}
