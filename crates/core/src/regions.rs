//! The administrative divisions of China (GB/T 2260 行政区划代码), county level
//! and above: every code a check may name, how it is shown, and a search
//! fast enough to run on every keystroke.
//!
//! The data is `data/regions.tsv` (made by `scripts/gen-regions.mjs` from the
//! 国家统计局 统计用区划代码 list; where it comes from is in
//! `data/regions.SOURCE.md`): one `code<TAB>name` line per division, sorted by
//! code, with a flag on two kinds of entries:
//!
//! - `<TAB>p`, *pseudo*: the grouping codes GB/T 2260 gives to what is not a
//!   level anyone lives in (`110100` 市辖区 and `500200` 县 under a 直辖市,
//!   `419000` 省直辖县级行政区划 and the like), and a county-level stand-in for a
//!   prefecture with no counties (`620201` 嘉峪关市). The code is a valid
//!   region, but chains, full names, children and searches never show the
//!   entry itself, and what is below a grouping is shown as the province's own
//!   (110105 → 北京市, 朝阳区; 419001 → 河南省, 济源市; 620201 → 甘肃省, 嘉峪关市).
//! - `<TAB>z`, *zone* (统计用功能区): county-level codes of the statistics list
//!   that GB/T 2260 does not have (经济技术开发区, 高新区, 管理区, 加格达奇区
//!   232761 ...). People are registered there, so they are ordinary known
//!   divisions, shown and searched; [`Division::zone`] marks them, children
//!   list them after the real counties and a search returns them after the
//!   real divisions of the same match quality.
//!
//! No I/O: [`RegionIndex::builtin`] reads the table compiled into the crate,
//! and [`RegionIndex::parse`] builds an index from text loaded any other way.

use std::borrow::Cow;
use std::sync::OnceLock;

/// The compiled-in table.
pub const BUILTIN_TSV: &str = include_str!("../data/regions.tsv");

/// The table with every code `listed` says yes to flagged `r` (has a list of
/// its own): the picker's search index.
pub fn with_lists(tsv: &str, listed: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(tsv.len() + 64);
    for line in tsv.lines() {
        out.push_str(line);
        if !line.starts_with('#') && line.get(..6).is_some_and(&listed) {
            out.push_str(if line.matches('\t').count() >= 2 {
                "r"
            } else {
                "\tr"
            });
        }
        out.push('\n');
    }
    out
}

/// The level of a division, from its code: `xx0000` province, `xxxx00`
/// prefecture, anything else county. Ordered from the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 省级: 省, 自治区, 直辖市, 特别行政区.
    Province,
    /// 地级: 地级市, 地区, 自治州, 盟 (and the pseudo groupings).
    Prefecture,
    /// 县级: 市辖区, 县级市, 县, 自治县, 旗, 自治旗, 特区, 林区.
    County,
}

impl Level {
    fn of(code: u32) -> Level {
        if code.is_multiple_of(10_000) {
            Level::Province
        } else if code.is_multiple_of(100) {
            Level::Prefecture
        } else {
            Level::County
        }
    }
}

/// One division, borrowed from its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Division<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub level: Level,
    /// A grouping or stand-in code (市辖区, 省直辖县级行政区划, 620201 ...):
    /// valid, never shown.
    pub pseudo: bool,
    /// A 统计用功能区 (经济技术开发区 ...), county level: valid and shown, but not
    /// in GB/T 2260 proper, so listed after the real counties.
    pub zone: bool,
    /// Has a list of its own in the rules (flag `r`, written by yanglao-pack
    /// into the app's search index; the built-in table has none).
    pub listed: bool,
}

const NONE: u16 = u16::MAX;

#[derive(Clone, Copy, Debug)]
struct Entry {
    code: u32,
    /// Byte offset of the name in the text; the code is the 7 bytes before it.
    start: u32,
    /// The name's length in bytes.
    len: u8,
    level: Level,
    pseudo: bool,
    zone: bool,
    listed: bool,
    /// Index of the shown parent: the prefecture, or the province when the
    /// prefecture is pseudo; [`NONE`] for a province.
    parent: u16,
    /// The characters of the name, as a set ([`char_set`]).
    chars: u64,
}

/// Every division, parsed once: 24 bytes an entry (about 79 KiB) next to the text.
#[derive(Debug)]
pub struct RegionIndex {
    text: Cow<'static, str>,
    entries: Vec<Entry>,
}

/// How well a name matched a query, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    /// The name, or the names along the chain written out ("新乡市延津县").
    Exact,
    /// The name starts with the query.
    Prefix,
    /// The name contains the query.
    Substring,
    /// The query is pieces of the names along the chain, in order ("新乡延津").
    Pieces,
}

impl RegionIndex {
    /// The table compiled into the crate, parsed on first use.
    pub fn builtin() -> &'static RegionIndex {
        static INDEX: OnceLock<RegionIndex> = OnceLock::new();
        INDEX.get_or_init(|| {
            RegionIndex::build(Cow::Borrowed(BUILTIN_TSV))
                .unwrap_or_else(|e| panic!("data/regions.tsv: {e}"))
        })
    }

    /// An index from the text of a `regions.tsv`. The error names the line.
    pub fn parse(text: &str) -> Result<RegionIndex, String> {
        RegionIndex::build(Cow::Owned(text.to_owned()))
    }

    fn build(text: Cow<'static, str>) -> Result<RegionIndex, String> {
        if u32::try_from(text.len()).is_err() {
            return Err("the file is too large".into());
        }
        let mut entries: Vec<Entry> = Vec::with_capacity(text.len() / 17);
        let mut province: Option<usize> = None;
        let mut prefecture: Option<usize> = None;
        let mut offset = 0usize;
        for (number, raw) in text.split_inclusive('\n').enumerate() {
            let at = offset;
            offset += raw.len();
            let line = raw.strip_suffix('\n').unwrap_or(raw);
            let line = line.strip_suffix('\r').unwrap_or(line);
            let number = number + 1;
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |what: String| Err(format!("line {number}: {what}"));
            let mut fields = line.split('\t');
            let code_text = fields.next().unwrap_or("");
            let Some(name) = fields.next() else {
                return err(format!("expected code<TAB>name, got \"{line}\""));
            };
            let flags = fields.next().unwrap_or("");
            if let Some(bad) = flags.chars().find(|c| !matches!(c, 'p' | 'z' | 'r')) {
                return err(format!(
                    "unknown flag \"{bad}\" (\"p\" pseudo, \"z\" zone, \"r\" has a list of its own)"
                ));
            }
            let (pseudo, zone, listed) = (
                flags.contains('p'),
                flags.contains('z'),
                flags.contains('r'),
            );
            if pseudo && zone {
                return err("a division cannot be both pseudo and a zone".into());
            }
            if fields.next().is_some() {
                return err("too many fields (code<TAB>name[<TAB>flags])".into());
            }
            if code_text.len() != 6 || !code_text.bytes().all(|b| b.is_ascii_digit()) {
                return err(format!("\"{code_text}\" is not a 6-digit code"));
            }
            let code: u32 = code_text.parse().expect("six digits");
            if code < 110_000 {
                return err(format!("{code_text} is not a division code"));
            }
            if name.is_empty() || name.trim() != name || name.len() > usize::from(u8::MAX) {
                return err(format!("{code_text} has no usable name (\"{name}\")"));
            }
            if let Some(last) = entries.last() {
                if code <= last.code {
                    return err(format!(
                        "{code_text} comes after {:06}: codes must be unique and in order",
                        last.code
                    ));
                }
            }
            if entries.len() >= usize::from(NONE) {
                return err("too many divisions".into());
            }
            let level = Level::of(code);
            if pseudo && level == Level::Province {
                return err(format!("{code_text}: a province cannot be pseudo"));
            }
            if zone && level != Level::County {
                return err(format!(
                    "{code_text}: only a county-level code can be a zone"
                ));
            }
            let index = entries.len();
            let parent = match level {
                Level::Province => {
                    province = Some(index);
                    prefecture = None;
                    NONE
                }
                Level::Prefecture | Level::County => {
                    let Some(p) = province.filter(|&p| entries[p].code / 10_000 == code / 10_000)
                    else {
                        return err(format!(
                            "{code_text}: its province {:02}0000 is not on an earlier line",
                            code / 10_000
                        ));
                    };
                    if level == Level::Prefecture {
                        prefecture = Some(index);
                        p as u16
                    } else {
                        let Some(c) = prefecture.filter(|&c| entries[c].code / 100 == code / 100)
                        else {
                            return err(format!(
                                "{code_text}: its prefecture {:04}00 is not on an earlier line",
                                code / 100
                            ));
                        };
                        if entries[c].pseudo {
                            p as u16
                        } else {
                            c as u16
                        }
                    }
                }
            };
            entries.push(Entry {
                code,
                start: (at + code_text.len() + 1) as u32,
                len: name.len() as u8,
                level,
                pseudo,
                zone,
                listed,
                parent,
                chars: char_set(name),
            });
        }
        if entries.is_empty() {
            return Err("no divisions in the file".into());
        }
        entries.shrink_to_fit();
        Ok(RegionIndex { text, entries })
    }

    fn division(&self, i: usize) -> Division<'_> {
        let e = &self.entries[i];
        let start = e.start as usize;
        Division {
            code: &self.text[start - 7..start - 1],
            name: &self.text[start..start + usize::from(e.len)],
            level: e.level,
            pseudo: e.pseudo,
            zone: e.zone,
            listed: e.listed,
        }
    }

    fn name(&self, i: usize) -> &str {
        let e = &self.entries[i];
        &self.text[e.start as usize..e.start as usize + usize::from(e.len)]
    }

    fn find(&self, code: &str) -> Option<usize> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let code: u32 = code.parse().ok()?;
        self.entries.binary_search_by_key(&code, |e| e.code).ok()
    }

    /// The division with this code, pseudo ones included; `None` for a code
    /// that is not a division (`999999`, `15010`, `110199`).
    pub fn get(&self, code: &str) -> Option<Division<'_>> {
        self.find(code).map(|i| self.division(i))
    }

    /// Whether `code` is a division (the contract's "known region").
    pub fn contains(&self, code: &str) -> bool {
        self.find(code).is_some()
    }

    /// Every division, pseudo ones included, in code order.
    pub fn iter(&self) -> impl Iterator<Item = Division<'_>> + '_ {
        (0..self.entries.len()).map(|i| self.division(i))
    }

    /// How many divisions, pseudo ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Never true for a parsed index (an empty file is refused).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn shown_chain(&self, i: usize) -> ([u16; 3], usize) {
        let mut out = [NONE; 3];
        let mut n = 0;
        let mut at = if self.entries[i].pseudo {
            self.entries[i].parent
        } else {
            i as u16
        };
        while at != NONE && n < 3 {
            out[n] = at;
            n += 1;
            at = self.entries[usize::from(at)].parent;
        }
        out[..n].reverse();
        (out, n)
    }

    /// The shown levels from the province down: 410726 → 河南省, 新乡市, 延津县;
    /// 110105 → 北京市, 朝阳区; 419001 → 河南省, 济源市. A pseudo code shows as
    /// its province (110100 → 北京市). Empty for an unknown code.
    pub fn chain(&self, code: &str) -> Vec<Division<'_>> {
        let Some(i) = self.find(code) else {
            return Vec::new();
        };
        let (chain, n) = self.shown_chain(i);
        chain[..n]
            .iter()
            .map(|&j| self.division(usize::from(j)))
            .collect()
    }

    /// The names along [`chain`](Self::chain), run together: "河南省新乡市延津县",
    /// "北京市朝阳区". Empty for an unknown code.
    pub fn full_name(&self, code: &str) -> String {
        let Some(i) = self.find(code) else {
            return String::new();
        };
        let (chain, n) = self.shown_chain(i);
        chain[..n]
            .iter()
            .map(|&j| self.name(usize::from(j)))
            .collect()
    }

    /// What a person picks from below `code`: for a province its prefectures,
    /// with the counties of a pseudo prefecture in its place (北京市 → its 16
    /// districts; 河南省 → 17 cities and 济源市); for a prefecture its counties.
    /// Real divisions first, in code order, then the zones, in code order
    /// (新乡市 → its districts, counties and 县级市, then 新乡高新技术产业开发区 ...).
    /// Never a pseudo entry. Empty for a county, an unknown code, or a division
    /// with nothing below it (东莞市, 嘉峪关市, 香港特别行政区).
    pub fn children(&self, code: &str) -> Vec<Division<'_>> {
        let Some(i) = self.find(code) else {
            return Vec::new();
        };
        let e = self.entries[i];
        let below = self.entries[i + 1..]
            .iter()
            .enumerate()
            .map(|(k, c)| (i + 1 + k, c));
        let mut out: Vec<Division<'_>> = match e.level {
            Level::Province => below
                .take_while(|(_, c)| c.code / 10_000 == e.code / 10_000)
                .filter(|(_, c)| {
                    !c.pseudo && (c.level == Level::Prefecture || usize::from(c.parent) == i)
                })
                .map(|(k, _)| self.division(k))
                .collect(),
            Level::Prefecture => below
                .take_while(|(_, c)| c.code / 100 == e.code / 100)
                .filter(|(_, c)| !c.pseudo)
                .map(|(k, _)| self.division(k))
                .collect(),
            Level::County => Vec::new(),
        };
        // Stable: code order within the real ones and within the zones.
        crate::order::by_key(&mut out, |d| u32::from(d.zone));
        out
    }

    /// The provinces, in code order (34, with 台湾省, 香港 and 澳门).
    pub fn provinces(&self) -> Vec<Division<'_>> {
        (0..self.entries.len())
            .filter(|&i| self.entries[i].level == Level::Province)
            .map(|i| self.division(i))
            .collect()
    }

    /// Divisions for what a person typed, best `limit` first. Spaces are
    /// ignored and full-width digits read as digits.
    ///
    /// - A 6-digit code finds that division; 2 to 5 digits find the
    ///   divisions whose code starts so, in code order.
    /// - Otherwise names match, best first: the exact name, or the chain's
    ///   names written out ("新乡市延津县", "北京市朝阳区"); then names that
    ///   start with the query ("延津" → 延津县); then names containing it
    ///   ("玉泉" → 玉泉区 wherever one is); then the query as pieces of the
    ///   chain's names in order, each of two characters or more ("新乡延津",
    ///   "北京朝阳").
    /// - Within one quality, real divisions before zones (统计用功能区), then the
    ///   higher level first (新乡 → 新乡市 before 新乡县: a bare name most often
    ///   means the larger place, and the counties follow at once), then code
    ///   order.
    /// - Pseudo entries are never returned.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Division<'_>> {
        self.search_in(query, limit, true)
    }

    /// [`RegionIndex::search`]; `prefilter` false compares every name byte by
    /// byte (the tests' oracle for the character sets).
    fn search_in(&self, query: &str, limit: usize, prefilter: bool) -> Vec<Division<'_>> {
        let mut q = String::with_capacity(query.len());
        for ch in query.chars().filter(|c| !c.is_whitespace()) {
            match ch {
                '０'..='９' => q.push(char::from(b'0' + (ch as u32 - '０' as u32) as u8)),
                _ => q.push(ch),
            }
        }
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        if q.bytes().all(|b| b.is_ascii_digit()) {
            return self.search_code(&q, limit);
        }
        // Char boundaries of the query, for the pieces.
        let bounds: Vec<usize> = q
            .char_indices()
            .map(|(at, _)| at)
            .chain([q.len()])
            .collect();
        let chars = bounds.len() - 1;
        let qb = q.as_bytes();
        // Pieces need two of at least two characters; the last piece, in the
        // division's own name, ends with the query's last two characters.
        let tail = (chars >= 4).then(|| &qb[bounds[chars - 2]..]);
        // A name that matches holds every character of the query, or of the
        // tail: most names are passed over on their character sets alone
        // (a search took 30–45 µs natively comparing bytes name by name, and
        // four times as long in the browser on a slow phone).
        let need = char_set(&q);
        let need_tail = tail.map(|_| char_set(&q[bounds[chars - 2]..]));

        // Each hit as one key, in the order it is shown: the match's quality,
        // the zones after the real divisions, the level from the top, then
        // the list's own (code) order.
        let mut hits: Vec<u64> = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if e.pseudo
                || (prefilter
                    && e.chars & need != need
                    && need_tail.is_none_or(|t| e.chars & t != t))
            {
                continue;
            }
            let name = self.name(i).as_bytes();
            let quality = if name == qb {
                Quality::Exact
            } else if name.starts_with(qb) {
                Quality::Prefix
            } else if contains(name, qb) {
                Quality::Substring
            } else if e.parent != NONE && tail.is_some_and(|t| contains(name, t)) {
                match self.pieces(i, qb, &bounds) {
                    Some(true) => Quality::Exact,
                    Some(false) => Quality::Pieces,
                    None => continue,
                }
            } else {
                continue;
            };
            hits.push(
                (quality as u64) << 24
                    | u64::from(e.zone) << 20
                    | (e.level as u64) << 16
                    | u64::from(i as u16),
            );
        }
        crate::order::keys(&mut hits);
        hits.truncate(limit);
        hits.into_iter()
            .map(|k| self.division(usize::from(k as u16)))
            .collect()
    }

    fn search_code(&self, digits: &str, limit: usize) -> Vec<Division<'_>> {
        match digits.len() {
            6 => self
                .find(digits)
                .filter(|&i| !self.entries[i].pseudo)
                .map(|i| self.division(i))
                .into_iter()
                .collect(),
            2..=5 => self
                .iter()
                .filter(|d| !d.pseudo && d.code.starts_with(digits))
                .take(limit)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the query is pieces of the shown chain's names, the last piece in
    /// entry `i`'s own name: `Some(true)` when every piece is a whole name.
    fn pieces(&self, i: usize, q: &[u8], bounds: &[usize]) -> Option<bool> {
        let (chain, n) = self.shown_chain(i);
        let names: [&[u8]; 3] = core::array::from_fn(|k| {
            if k < n {
                self.name(usize::from(chain[k])).as_bytes()
            } else {
                &[]
            }
        });
        let chars = bounds.len() - 1;
        let own = names[n - 1];
        let mut best = None;
        // The own piece is q[bounds[s]..], at least two characters, not all of q.
        for s in (1..=chars - 2).rev() {
            let piece = &q[bounds[s]..];
            if !contains(own, piece) {
                continue;
            }
            if let Some(exact) = rest(&names[..n - 1], q, bounds, s) {
                let exact = exact && piece == own;
                if exact {
                    return Some(true);
                }
                best = Some(false);
            }
        }
        best
    }
}

/// Whether `q[..bounds[end]]` is pieces of `names` in order (names may be
/// skipped); `Some(true)` when every piece is a whole name.
fn rest(names: &[&[u8]], q: &[u8], bounds: &[usize], end: usize) -> Option<bool> {
    if end == 0 {
        return Some(true);
    }
    let (last, before) = names.split_last()?;
    let mut best = rest(before, q, bounds, end);
    if best == Some(true) {
        return best;
    }
    for s in (0..=end.saturating_sub(2)).rev() {
        if end - s < 2 {
            continue;
        }
        let piece = &q[bounds[s]..bounds[end]];
        if !contains(last, piece) {
            continue;
        }
        if let Some(exact) = rest(before, q, bounds, s) {
            if exact && piece == *last {
                return Some(true);
            }
            best = Some(false);
        }
    }
    best
}

/// The characters of `text` as a 64-bit set, each character hashed to one
/// bit: text that contains another holds every bit of its set.
fn char_set(text: &str) -> u64 {
    text.chars().fold(0, |set, c| {
        set | 1u64 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

/// Byte substring search for short names. UTF-8 needles only match at char
/// boundaries, so this is a char-wise match.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let n = needle.len();
    if n == 0 {
        return true;
    }
    if n > hay.len() {
        return false;
    }
    let first = needle[0];
    let last = needle[n - 1];
    (0..=hay.len() - n)
        .any(|at| hay[at] == first && hay[at + n - 1] == last && &hay[at..at + n] == needle)
}

/// Where the list of codes is kept, for messages.
pub const REGIONS_FILE: &str = "crates/core/data/regions.tsv";

/// `Ok` for a real division, else one line saying what is wrong and what to do:
/// `unknown region 999999: not a county, city or province code of GB/T 2260; …`.
pub fn validate(index: &RegionIndex, code: &str) -> Result<(), String> {
    validate_explained(index, code).map_err(|(en, _)| en)
}

/// [`validate`], the error said in English and in plain Chinese.
pub fn validate_explained(index: &RegionIndex, code: &str) -> Result<(), (String, String)> {
    if index.contains(code) {
        return Ok(());
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err((
            format!(
                "unknown region \"{code}\": a region is a 6-digit county, city or province code of GB/T 2260 \
                 (the 户籍所在地), such as 140105 小店区 or 140000 山西省; see {REGIONS_FILE}"
            ),
            format!(
                "地区代码 \"{code}\" 不对：要写 6 位数字的县、市或省的行政区划代码（GB/T 2260，户籍所在地），\
                 比如 140105 小店区、140000 山西省"
            ),
        ));
    }
    // The nearest real division above it, to say where the code went wrong.
    let above = [format!("{}00", &code[..4]), format!("{}0000", &code[..2])]
        .into_iter()
        .find(|c| index.get(c).is_some_and(|d| !d.pseudo))
        .map(|c| index.full_name(&c));
    let within = above
        .as_ref()
        .map(|name| format!(" ({name} has no {code})"))
        .unwrap_or_default();
    let within_zh = above
        .as_ref()
        .map(|name| format!("（{name}下面没有 {code}）"))
        .unwrap_or_default();
    Err((
        format!(
            "unknown region {code}: not a county, city or province code of GB/T 2260{within}; \
             see {REGIONS_FILE} or use a code such as 140105"
        ),
        format!(
            "地区代码 {code} 不存在：它不是 GB/T 2260 里哪个县、市或省的代码{within_zh}；请查对代码，比如 140105 是小店区"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idx() -> &'static RegionIndex {
        RegionIndex::builtin()
    }

    fn names(divisions: &[Division<'_>]) -> Vec<String> {
        divisions.iter().map(|d| d.name.to_string()).collect()
    }

    fn codes(divisions: &[Division<'_>]) -> Vec<String> {
        divisions.iter().map(|d| d.code.to_string()).collect()
    }

    /// A row of the counts table of regions.SOURCE.md:
    /// `| level | real | pseudo | zone | all |`.
    fn source_counts(level: &str) -> [usize; 4] {
        let source = include_str!("../data/regions.SOURCE.md");
        let prefix = format!("| {level} | ");
        let line = source
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("regions.SOURCE.md has no counts for {level}"));
        let numbers: Vec<usize> = line[prefix.len()..]
            .trim_end_matches(" |")
            .split(" | ")
            .map(|n| n.trim().parse().unwrap())
            .collect();
        numbers.try_into().unwrap()
    }

    #[test]
    fn counts_match_the_source_file() {
        let count = |level: Option<Level>| {
            let of = |d: &Division<'_>| level.is_none_or(|l| d.level == l);
            let real = idx()
                .iter()
                .filter(|d| of(d) && !d.pseudo && !d.zone)
                .count();
            let pseudo = idx().iter().filter(|d| of(d) && d.pseudo).count();
            let zone = idx().iter().filter(|d| of(d) && d.zone).count();
            let all = idx().iter().filter(of).count();
            [real, pseudo, zone, all]
        };
        assert_eq!(count(Some(Level::Province)), source_counts("province"));
        assert_eq!(count(Some(Level::Prefecture)), source_counts("prefecture"));
        assert_eq!(count(Some(Level::County)), source_counts("county"));
        assert_eq!(count(None), source_counts("total"));
        assert_eq!(idx().len(), source_counts("total")[3]);
        assert_eq!(idx().provinces().len(), 34);
        assert!(idx().len() > 3_000);
        // The known shape of china-division 2.7.0: 333 real prefectures,
        // 9 groupings and a stand-in, and 132 zones.
        assert_eq!(source_counts("prefecture"), [333, 9, 0, 342]);
        assert_eq!(source_counts("total")[1..3], [10, 132]);
        assert!(!idx().iter().any(|d| d.pseudo && d.zone));
    }

    #[test]
    fn the_regions_with_rule_files() {
        let cases: [(&str, &[&str]); 7] = [
            ("410726", &["河南省", "新乡市", "延津县"]),
            ("621100", &["甘肃省", "定西市"]),
            ("150104", &["内蒙古自治区", "呼和浩特市", "玉泉区"]),
            ("140000", &["山西省"]),
            ("370881", &["山东省", "济宁市", "曲阜市"]),
            ("140105", &["山西省", "太原市", "小店区"]),
            ("621102", &["甘肃省", "定西市", "安定区"]),
        ];
        for (code, chain) in cases {
            let d = idx().get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(d.code, code);
            assert_eq!(d.name, *chain.last().unwrap());
            assert!(!d.pseudo && !d.zone, "{code}");
            assert_eq!(names(&idx().chain(code)), *chain, "{code}");
            assert_eq!(idx().full_name(code), chain.concat());
        }
        assert_eq!(idx().get("410726").unwrap().level, Level::County);
        assert_eq!(idx().get("621100").unwrap().level, Level::Prefecture);
        assert_eq!(idx().get("140000").unwrap().level, Level::Province);
        assert_eq!(idx().full_name("410726"), "河南省新乡市延津县");
        assert_eq!(idx().full_name("150104"), "内蒙古自治区呼和浩特市玉泉区");
        assert_eq!(idx().full_name("140105"), "山西省太原市小店区");
    }

    #[test]
    fn codes_people_still_hold_are_known() {
        // 重庆 江北区 and 渝北区: GB/T 2260 districts, on people's papers.
        for (code, name) in [("500105", "江北区"), ("500112", "渝北区")] {
            let d = idx().get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(d.name, name);
            assert!(!d.pseudo && !d.zone && d.level == Level::County);
            assert_eq!(names(&idx().chain(code)), ["重庆市", name]);
            assert!(idx().children("500000").iter().any(|c| c.code == code));
        }
        assert_eq!(idx().full_name("500112"), "重庆市渝北区");
        assert_eq!(first("渝北"), "500112");
        assert_eq!(first("重庆江北"), "500105");
        let beijing_chaoyang = idx().get("110105").unwrap();
        assert_eq!(beijing_chaoyang.name, "朝阳区");
        assert!(!beijing_chaoyang.zone);
    }

    #[test]
    fn municipalities_and_provincial_counties_skip_the_pseudo_level() {
        assert_eq!(idx().full_name("110105"), "北京市朝阳区");
        assert_eq!(names(&idx().chain("110105")), ["北京市", "朝阳区"]);
        assert_eq!(names(&idx().chain("419001")), ["河南省", "济源市"]);
        assert_eq!(idx().full_name("500235"), "重庆市云阳县");
        assert_eq!(
            names(&idx().chain("659001")),
            ["新疆维吾尔自治区", "石河子市"]
        );
        // The pseudo codes stay valid, and show as their province.
        for code in [
            "110100", "120100", "310100", "500100", "500200", "419000", "429000", "469000",
            "659000",
        ] {
            let d = idx().get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(d.pseudo && d.level == Level::Prefecture, "{code}");
            assert_eq!(codes(&idx().chain(code)), [format!("{}0000", &code[..2])]);
        }
        assert_eq!(idx().get("110100").unwrap().name, "市辖区");
        assert_eq!(idx().full_name("500200"), "重庆市");
        // The one pseudo county: 嘉峪关市's stand-in, shown as the prefecture.
        let stand_in = idx().get("620201").unwrap();
        assert!(stand_in.pseudo && stand_in.level == Level::County);
        assert_eq!(codes(&idx().chain("620201")), ["620000", "620200"]);
        assert_eq!(idx().full_name("620201"), "甘肃省嘉峪关市");
        let pseudo: Vec<_> = idx().iter().filter(|d| d.pseudo).collect();
        assert_eq!(pseudo.len(), 10);
        assert!(pseudo
            .iter()
            .all(|d| d.level == Level::Prefecture || d.code == "620201"));
    }

    #[test]
    fn zones_are_known_and_flagged() {
        let cases: [(&str, &[&str]); 4] = [
            ("410771", &["河南省", "新乡市", "新乡高新技术产业开发区"]),
            ("232761", &["黑龙江省", "大兴安岭地区", "加格达奇区"]),
            ("460321", &["海南省", "三沙市", "西沙群岛"]),
            (
                "632857",
                &["青海省", "海西蒙古族藏族自治州", "大柴旦行政委员会"],
            ),
        ];
        for (code, chain) in cases {
            let d = idx().get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(d.zone && !d.pseudo && d.level == Level::County, "{code}");
            assert!(idx().contains(code));
            assert_eq!(names(&idx().chain(code)), *chain, "{code}");
        }
        assert!(idx()
            .iter()
            .filter(|d| d.zone)
            .all(|d| d.level == Level::County));
        // Every xxxx7x code is a zone; few zones are not xxxx7x.
        assert!(idx()
            .iter()
            .filter(|d| d.level == Level::County && d.code.as_bytes()[4] == b'7')
            .all(|d| d.zone));
        let other: Vec<&str> = idx()
            .iter()
            .filter(|d| d.zone && d.code.as_bytes()[4] != b'7')
            .map(|d| d.code)
            .collect();
        assert_eq!(
            other,
            ["232761", "232762", "232763", "232764", "460321", "460322", "460323", "632857"]
        );
        // Real divisions are never zones.
        for code in ["120116", "310115", "110105", "232701"] {
            assert!(!idx().get(code).unwrap().zone, "{code}");
        }
    }

    #[test]
    fn unknown_codes() {
        for code in [
            "999999", "15010", "110199", "", "1101050", "11010a", "000000", "110105 ",
            // Not in the data yet (see regions.SOURCE.md, "Known changes not included").
            "653228", "500157",
        ] {
            assert!(idx().get(code).is_none(), "{code}");
            assert!(!idx().contains(code));
            assert!(idx().chain(code).is_empty());
            assert_eq!(idx().full_name(code), "");
            assert!(idx().children(code).is_empty());
        }
    }

    #[test]
    fn every_chain_starts_with_its_province_and_shows_no_pseudo_level() {
        for d in idx().iter() {
            let chain = idx().chain(d.code);
            assert_eq!(chain[0].level, Level::Province, "{}", d.code);
            assert_eq!(chain[0].code[..2], d.code[..2], "{}", d.code);
            assert!(chain.iter().all(|c| !c.pseudo), "{}", d.code);
            assert!(
                chain.windows(2).all(|w| w[0].level < w[1].level),
                "{}",
                d.code
            );
            // Only the last of a chain can be a zone.
            assert!(chain[..chain.len() - 1].iter().all(|c| !c.zone));
            if !d.pseudo {
                assert_eq!(chain.last().unwrap(), &d);
            }
            if d.level == Level::County {
                assert!(chain.len() == 2 || chain.len() == 3, "{}", d.code);
            }
        }
    }

    #[test]
    fn children() {
        let beijing = idx().children("110000");
        assert_eq!(beijing.len(), 16);
        assert!(beijing
            .iter()
            .all(|d| d.level == Level::County && !d.pseudo && !d.zone));
        assert_eq!(beijing[0].name, "东城区");

        let henan = idx().children("410000");
        assert_eq!(henan.len(), 18);
        assert_eq!(henan.last().unwrap().name, "济源市");
        assert!(henan.iter().any(|d| d.name == "新乡市"));
        assert!(henan.iter().all(|d| !d.pseudo));

        let chongqing = idx().children("500000");
        assert!(chongqing.iter().any(|d| d.code == "500235"));
        assert!(chongqing.iter().all(|d| d.level == Level::County));

        // Real counties in code order, then the zones in code order.
        let xinxiang = idx().children("410700");
        assert!(xinxiang.iter().any(|d| d.name == "延津县"));
        assert!(xinxiang
            .iter()
            .all(|d| d.code.starts_with("4107") && d.level == Level::County));
        let tail: Vec<_> = xinxiang[xinxiang.len() - 5..]
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(tail, ["410782", "410783", "410771", "410772", "410773"]);
        let real = xinxiang.iter().take_while(|d| !d.zone).count();
        assert!(xinxiang[real..].iter().all(|d| d.zone));
        for part in [&xinxiang[..real], &xinxiang[real..]] {
            assert!(part.windows(2).all(|w| w[0].code < w[1].code));
        }
        assert_eq!(
            codes(&idx().children("232700")),
            ["232701", "232721", "232722", "232761", "232762", "232763", "232764"]
        );
        assert_eq!(
            codes(&idx().children("460300")),
            ["460321", "460322", "460323"]
        );
        assert_eq!(codes(&idx().children("419000")), ["419001"]);

        for none in ["410726", "441900", "442000", "460400", "620200", "810000"] {
            assert!(idx().children(none).is_empty(), "{none}");
        }
        // Every shown division is reachable from its province by children().
        let mut reached = 0;
        for p in idx().provinces() {
            reached += 1;
            for c in idx().children(p.code) {
                reached += 1;
                if c.level == Level::Prefecture {
                    reached += idx().children(c.code).len();
                }
            }
        }
        assert_eq!(reached, idx().iter().filter(|d| !d.pseudo).count());
    }

    #[test]
    fn provinces() {
        let provinces = idx().provinces();
        assert_eq!(provinces[0].name, "北京市");
        assert!(provinces
            .iter()
            .any(|p| p.code == "140000" && p.name == "山西省"));
        assert_eq!(codes(&provinces[31..]), ["710000", "810000", "820000"]);
        assert_eq!(
            names(&provinces[31..]),
            ["台湾省", "香港特别行政区", "澳门特别行政区"]
        );
    }

    fn first(query: &str) -> String {
        idx()
            .search(query, 10)
            .first()
            .map(|d| d.code.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn search() {
        assert_eq!(first("延津"), "410726");
        assert_eq!(first("延津县"), "410726");
        assert_eq!(first(" 延 津 "), "410726");
        assert_eq!(first("新乡延津"), "410726");
        assert_eq!(first("新乡市延津县"), "410726");
        assert_eq!(first("河南省新乡市延津县"), "410726");
        assert_eq!(first("河南延津"), "410726");
        assert_eq!(first("北京朝阳"), "110105");
        assert_eq!(first("北京市朝阳区"), "110105");
        assert_eq!(first("济源"), "419001");
        assert_eq!(first("定西"), "621100");
        assert_eq!(first("安定区"), "621102");
        assert_eq!(first("定西安定"), "621102");
        assert_eq!(first("曲阜"), "370881");
        assert_eq!(first("小店"), "140105");
        assert_eq!(first("太原小店"), "140105");
        assert_eq!(first("山西"), "140000");
        assert_eq!(first("嘉峪关"), "620200");
        let yuquan = idx().search("玉泉", 10);
        assert!(yuquan.iter().any(|d| d.code == "150104"));
        assert!(yuquan.iter().all(|d| d.name.contains("玉泉")));
        // Same quality: the larger place first, then code order; zones after
        // the real divisions.
        assert_eq!(codes(&idx().search("新乡", 2)), ["410700", "410721"]);
        assert_eq!(
            codes(&idx().search("新乡", 5)),
            ["410700", "410721", "410771", "410772", "410773"]
        );
        assert_eq!(codes(&idx().search("朝阳区", 10)), ["110105", "220104"]);
        // Exact before prefix before substring.
        let chaoyang = idx().search("朝阳", 10);
        assert_eq!(chaoyang[0].code, "211300");
        assert!(chaoyang.iter().all(|d| d.name.starts_with("朝阳")));
        // Zones are found.
        assert_eq!(first("加格达奇"), "232761");
        assert_eq!(first("大兴安岭加格达奇"), "232761");
        let zones = idx().search("开发区", 200);
        assert!(zones.len() > 50);
        assert!(zones.iter().all(|d| d.zone));
        // Codes.
        assert_eq!(codes(&idx().search("410726", 10)), ["410726"]);
        assert_eq!(codes(&idx().search("４１０７２６", 10)), ["410726"]);
        assert_eq!(codes(&idx().search("410771", 10)), ["410771"]);
        assert!(idx().search("999999", 10).is_empty());
        assert!(idx().search("110100", 10).is_empty());
        assert!(idx().search("620201", 10).is_empty());
        assert_eq!(
            codes(&idx().search("4107", 3)),
            ["410700", "410702", "410703"]
        );
        // Never a pseudo entry; nothing for nothing; the limit holds.
        assert!(idx().search("市辖区", 50).iter().all(|d| !d.pseudo));
        assert!(idx().search("省直辖", 50).is_empty());
        assert!(idx().search("", 10).is_empty());
        assert!(idx().search("   ", 10).is_empty());
        assert!(idx().search("延津", 0).is_empty());
        assert!(idx().search("xyz", 10).is_empty());
        assert_eq!(idx().search("县", 25).len(), 25);
        // The best come first however small the limit.
        assert_eq!(codes(&idx().search("朝阳", 1)), ["211300"]);
    }

    #[test]
    fn search_pieces_stay_in_order_and_in_the_chain() {
        // Reversed order or pieces from another chain do not match.
        assert!(idx().search("延津新乡", 10).is_empty());
        assert!(idx().search("山西延津", 10).is_empty());
        // A one-character piece is not enough.
        assert!(!idx()
            .search("新延津", 10)
            .iter()
            .any(|d| d.code == "410726"));
    }

    #[test]
    fn parse_builds_from_text() {
        let text = "# test\n110000\t北京市\n110100\t市辖区\tp\n110105\t朝阳区\n410000\t河南省\n410700\t新乡市\n410726\t延津县\n";
        let index = RegionIndex::parse(text).unwrap();
        assert_eq!(index.len(), 6);
        assert_eq!(index.full_name("110105"), "北京市朝阳区");
        assert_eq!(index.full_name("410726"), "河南省新乡市延津县");
        assert_eq!(codes(&index.search("朝阳", 5)), ["110105"]);
        assert!(!index.get("110105").unwrap().zone);
        // \r\n is read too.
        assert_eq!(
            RegionIndex::parse(&text.replace('\n', "\r\n"))
                .unwrap()
                .full_name("110105"),
            "北京市朝阳区"
        );
        // Zones and pseudo counties.
        let text = "620000\t甘肃省\n620200\t嘉峪关市\n620201\t嘉峪关市\tp\n620700\t张掖市\n620702\t甘州区\n620771\t某开发区\tz\n";
        let index = RegionIndex::parse(text).unwrap();
        assert!(index.get("620771").unwrap().zone);
        assert_eq!(index.full_name("620771"), "甘肃省张掖市某开发区");
        assert_eq!(index.full_name("620201"), "甘肃省嘉峪关市");
        assert!(index.children("620200").is_empty());
        assert_eq!(codes(&index.children("620700")), ["620702", "620771"]);
    }

    #[test]
    fn parse_refuses_a_malformed_file_naming_the_line() {
        let cases = [
            ("110000\t北京市\n11010\t朝阳区\n", "line 2"),
            ("110000\t北京市\n110100 市辖区\n", "line 2"),
            ("110000\t北京市\n110100\t市辖区\tx\n", "line 2"),
            ("110000\t北京市\n110100\t市辖区\tp\tp\n", "line 2"),
            ("110000\t北京市\n110100\t\n", "line 2"),
            ("110000\t北京市\n120000\t天津市\n110100\t市辖区\n", "line 3"),
            ("110000\t北京市\n110000\t北京市\n", "line 2"),
            ("# c\n110000\t北京市\n110105\t朝阳区\n", "line 3"),
            ("110100\t市辖区\n", "line 1"),
            ("110000\t北京市\tp\n", "line 1"),
            ("110000\t北京市\tz\n", "line 1"),
            ("110000\t北京市\n110100\t市辖区\tz\n", "line 2"),
            (
                "110000\t北京市\n110100\t市辖区\n110171\t某区\tz\tp\n",
                "line 3",
            ),
            (
                "110000\t北京市\n110100\t市辖区\n\n110105\t朝阳区\n120105\t河北区\n",
                "line 5",
            ),
            ("000100\tx\n", "line 1"),
        ];
        for (text, line) in cases {
            let err = RegionIndex::parse(text).expect_err(text);
            assert!(err.starts_with(&format!("{line}:")), "{text:?} → {err}");
        }
        assert!(RegionIndex::parse("# nothing\n").is_err());
        assert!(RegionIndex::parse(BUILTIN_TSV).is_ok());
    }

    /// `cargo test -p yanglao-core --release --lib regions::tests::search_speed -- --ignored --nocapture`
    #[test]
    fn character_sets_never_change_a_search() {
        let index = RegionIndex::builtin();
        let codes = |found: Vec<Division<'_>>| -> Vec<String> {
            found.iter().map(|d| d.code.to_string()).collect()
        };
        let mut queries: Vec<String> = vec![
            "新乡延津".into(),
            "呼和浩特玉泉".into(),
            "北京朝阳区".into(),
            "xyz".into(),
        ];
        for (i, d) in index.iter().enumerate().filter(|(i, _)| i % 7 == 0) {
            let chars: Vec<char> = d.name.chars().collect();
            for len in 1..=chars.len().min(4) {
                let at = i % (chars.len() + 1 - len);
                queries.push(chars[at..at + len].iter().collect());
            }
            // Pieces of the chain: the parent's first two characters, then the name's.
            let full: Vec<char> = index.full_name(d.code).chars().collect();
            if full.len() > chars.len() + 2 {
                let mut q: String = full[..2].iter().collect();
                q.extend(&chars);
                queries.push(q);
            }
        }
        for q in &queries {
            assert_eq!(
                codes(index.search_in(q, usize::MAX, true)),
                codes(index.search_in(q, usize::MAX, false)),
                "{q}"
            );
        }
        assert!(queries.len() > 1_500, "{}", queries.len());
    }

    #[test]
    #[ignore]
    fn search_speed() {
        let queries = [
            "延",
            "延津",
            "新乡延津",
            "新乡市延津县",
            "河南省新乡市延津县",
            "玉泉",
            "朝阳",
            "县",
            "内蒙古",
            "呼和浩特玉泉",
            "410726",
            "4107",
            "克孜勒苏柯尔克孜",
            "xyz",
            "北京朝阳区",
        ];
        let index = RegionIndex::builtin();
        let rounds = 2_000;
        let start = std::time::Instant::now();
        let mut found = 0usize;
        for _ in 0..rounds {
            for q in queries {
                found += index.search(std::hint::black_box(q), 10).len();
            }
        }
        let per = start.elapsed() / (rounds * queries.len() as u32);
        println!(
            "search: {per:?} per query over {} divisions ({found} hits)",
            index.len()
        );
        for q in queries {
            let start = std::time::Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(index.search(std::hint::black_box(q), 10));
            }
            println!("  {q:<12} {:?}", start.elapsed() / rounds);
        }
        let start = std::time::Instant::now();
        let parsed = RegionIndex::parse(BUILTIN_TSV).unwrap();
        println!(
            "parse: {:?} for {} divisions",
            start.elapsed(),
            parsed.len()
        );
    }
}
