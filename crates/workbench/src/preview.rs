//! The edited rules as the checker's [`Source`]: the preview draws the
//! checker's own components (yanglao_app::Checker) with these rules instead
//! of the deployed packs, so a person's screens and results are exactly the
//! ones the checker built with this file would show.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use yanglao_app::catalogue::{Failure, Loaded, Source};
use yanglao_core::pack::{province_of, Pack};
use yanglao_core::regions::{with_lists, RegionIndex, BUILTIN_TSV};
use yanglao_core::RuleSet;

pub struct Edited {
    rules: Rc<RuleSet>,
    packs: RefCell<HashMap<String, Rc<Loaded>>>,
    /// Changes with every version of the rules (hand-off links carry it).
    version: u32,
}

impl Edited {
    pub fn new(rules: Rc<RuleSet>, version: u32) -> Edited {
        Edited {
            rules,
            packs: RefCell::new(HashMap::new()),
            version,
        }
    }

    fn index_text(&self) -> String {
        with_lists(BUILTIN_TSV, |c| self.rules.region(c).is_some())
    }

    /// A province's pack made from the edited rules, as the build would make it.
    fn pack(&self, province: &str) -> Result<Rc<Loaded>, Failure> {
        if let Some(l) = self.packs.borrow().get(province) {
            return Ok(l.clone());
        }
        let pack = Pack::build(province, &self.index_text(), &self.rules);
        pack.install();
        let index = pack.index().map_err(|e| Failure::Damaged(e.0))?;
        let loaded = Rc::new(Loaded {
            rules: pack.rules,
            index,
        });
        self.packs
            .borrow_mut()
            .insert(province.to_string(), loaded.clone());
        Ok(loaded)
    }
}

impl Source for Edited {
    fn loaded(&self, province: &str) -> Option<Rc<Loaded>> {
        self.pack(province).ok()
    }
    fn load(
        &self,
        province: String,
        _fresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Rc<Loaded>, Failure>>>> {
        let result = self.pack(&province);
        Box::pin(async move { result })
    }
    fn lists_in(&self, province: &str) -> Option<u32> {
        Some(
            self.rules
                .regions
                .iter()
                .filter(|r| province_of(&r.code) == Some(province))
                .count() as u32,
        )
    }
    fn fingerprint(&self) -> String {
        format!("workbench-{}", self.version)
    }
    fn search(
        &self,
        _fresh: bool,
    ) -> Pin<Box<dyn Future<Output = Result<Rc<RegionIndex>, Failure>>>> {
        let result = RegionIndex::parse(&self.index_text())
            .map(Rc::new)
            .map_err(Failure::Damaged);
        Box::pin(async move { result })
    }
}
