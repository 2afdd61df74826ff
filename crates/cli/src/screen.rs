//! `yanglao screen`: 服务找人. Screens a whole list of people in one run:
//! one result per input line, in order; a bad line becomes an error record
//! naming its line, and screening goes on. JSON lines are read in blocks of
//! whole lines, screened on every core, and written back in input order, the
//! same bytes whatever the number of threads.

use crate::json::amount_json;
use crate::jsonline::{self, KeyCache};
use serde_json::json;
use std::io::{BufRead, Read, Write};
use yanglao_core::{Answers, Date, Fact, FactSet, Plan, RawValue, Status};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

/// Counts for the summary on standard error.
pub struct Summary {
    pub people: usize,
    pub errors: usize,
    /// Per service (in plan order): eligible, maybe.
    pub counts: Vec<(usize, usize)>,
}

impl Summary {
    fn new(services: usize) -> Summary {
        Summary {
            people: 0,
            errors: 0,
            counts: vec![(0, 0); services],
        }
    }
    fn add(&mut self, other: &Summary) {
        self.people += other.people;
        self.errors += other.errors;
        for (c, o) in self.counts.iter_mut().zip(&other.counts) {
            c.0 += o.0;
            c.1 += o.1;
        }
    }
    pub fn print(&self, plan: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "screened {} people, {} error line(s)",
            self.people, self.errors
        )?;
        for ((_, s), (e, m)) in plan.services.iter().zip(&self.counts) {
            writeln!(out, "  {:<36} eligible {:>7}  maybe {:>7}", s.id, e, m)?;
        }
        Ok(())
    }
}

/// One person's statuses, or why the line could not be read.
fn screen_one(
    plan: &Plan,
    date: Date,
    answers: Result<Answers, String>,
) -> Result<Vec<yanglao_core::eval::Quick>, String> {
    let answers = answers?.on(date).map_err(|e| e.0)?;
    Ok(plan.quick(date, &answers))
}

fn tally(summary: &mut Summary, quick: &[yanglao_core::eval::Quick]) {
    summary.people += 1;
    for (q, c) in quick.iter().zip(summary.counts.iter_mut()) {
        match q.status {
            Status::Eligible => c.0 += 1,
            Status::Maybe => c.1 += 1,
            _ => {}
        }
    }
}

fn missing_union(quick: &[yanglao_core::eval::Quick]) -> FactSet {
    quick
        .iter()
        .filter(|q| q.status == Status::Maybe)
        .fold(FactSet::EMPTY, |acc, q| acc.union(q.missing))
}

/// One JSON line read straight into answers, borrowing from the line: no
/// JSON tree, and no allocation for keys, values or `ref` on the usual path.
struct Line<'de> {
    reference: Option<&'de serde_json::value::RawValue>,
    answers: Result<Answers, String>,
}

/// An answer key, matched without allocating.
enum Key<'de> {
    Ref,
    Answer(std::borrow::Cow<'de, str>),
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(if v == "ref" {
                    Key::Ref
                } else {
                    Key::Answer(v.into())
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                // Only keys written with escapes get here.
                Ok(if v == "ref" {
                    Key::Ref
                } else {
                    Key::Answer(v.to_string().into())
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// An answer value as JSON gives it, text borrowed from the line.
struct Raw<'de>(RawValue<'de>);

impl<'de> serde::Deserialize<'de> for Raw<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw<'de>, E> {
                Ok(Raw(i64::try_from(v)
                    .map(RawValue::Int)
                    .unwrap_or(RawValue::Float(v as f64))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Float(v)))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Text(v.into())))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Text(v.to_string().into())))
            }
            fn visit_unit<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Null))
            }
            fn visit_none<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Null))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Raw<'de>, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Raw(RawValue::Other("a list")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Raw<'de>, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Raw(RawValue::Other("an object")))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> serde::Deserialize<'de> for Line<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Line<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Line<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object of answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Line<'de>, A::Error> {
                let mut line = Line {
                    reference: None,
                    answers: Ok(Answers::new()),
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let key = match key {
                        Key::Ref => {
                            line.reference = Some(map.next_value()?);
                            continue;
                        }
                        Key::Answer(key) => key,
                    };
                    let Raw(value) = map.next_value()?;
                    if let Ok(answers) = &mut line.answers {
                        if let Err(e) = answers.set_raw(&key, &value) {
                            line.answers = Err(e.0);
                        }
                    }
                }
                Ok(line)
            }
        }
        d.deserialize_map(V)
    }
}

/// A JSON-lines screening: the plan, the date, and what never changes between
/// people, rendered once: each service's record up to its status, and from
/// its status to the end.
struct Screener<'p> {
    plan: &'p Plan<'p>,
    date: Date,
    heads: Vec<String>,
    tails: Vec<String>,
}

impl<'p> Screener<'p> {
    fn new(plan: &'p Plan<'p>, date: Date) -> Screener<'p> {
        Screener {
            plan,
            date,
            heads: plan
                .services
                .iter()
                .map(|(_, s)| {
                    format!(
                        "{{\"id\":{},\"kind\":\"{}\",\"status\":\"",
                        json!(s.id),
                        s.kind.key()
                    )
                })
                .collect(),
            tails: plan
                .services
                .iter()
                .map(|(_, s)| format!("\",\"amount\":{}}}", amount_json(&s.amount)))
                .collect(),
        }
    }

    /// Screens the lines of `block`, numbered from `first`: each line's record
    /// goes to `out`, its counts to `summary`. The block holds whole lines (the
    /// last one may lack its newline).
    fn block(
        &self,
        keys: &mut KeyCache,
        block: &[u8],
        first: usize,
        out: &mut Vec<u8>,
        summary: &mut Summary,
    ) {
        // A block that is UTF-8 throughout (the usual case) is checked once,
        // and its plain lines are read in place.
        let text = std::str::from_utf8(block).ok();
        let mut number = first - 1;
        let mut at = 0;
        while at < block.len() {
            number += 1;
            // Line 1 may start with a byte-order mark: read it the long way.
            if let (Some(text), false) = (text, number == 1) {
                if let Some(line) = jsonline::read_plain(text, at, keys) {
                    at = line.next;
                    self.record(line.reference, line.answers, number, out, summary);
                    continue;
                }
            }
            let rest = &block[at..];
            let mut bytes = match rest.iter().position(|b| *b == b'\n') {
                Some(end) => {
                    at += end + 1;
                    &rest[..end]
                }
                None => {
                    at = block.len();
                    rest
                }
            };
            while let [line @ .., b'\r'] = bytes {
                bytes = line;
            }
            if number == 1 {
                bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let (reference, parsed) = read_line(bytes, keys);
            self.record(reference, parsed, number, out, summary);
        }
    }

    /// One person's record, or the error record of a line that could not be read.
    fn record(
        &self,
        reference: Option<&str>,
        parsed: Result<Answers, String>,
        number: usize,
        out: &mut Vec<u8>,
        summary: &mut Summary,
    ) {
        out.extend_from_slice(b"{\"ref\":");
        out.extend_from_slice(reference.unwrap_or("null").as_bytes());
        out.extend_from_slice(b",\"line\":");
        write_number(out, number);
        match screen_one(self.plan, self.date, parsed) {
            Err(message) => {
                summary.errors += 1;
                out.extend_from_slice(b",\"error\":");
                serde_json::to_writer(&mut *out, &format!("line {number}: {message}"))
                    .expect("a string always prints");
                out.extend_from_slice(b"}\n");
            }
            Ok(quick) => {
                tally(summary, &quick);
                out.extend_from_slice(b",\"services\":[");
                let mut first = true;
                for (i, q) in quick.iter().enumerate() {
                    if matches!(q.status, Status::Eligible | Status::Maybe) {
                        if !first {
                            out.push(b',');
                        }
                        first = false;
                        out.extend_from_slice(self.heads[i].as_bytes());
                        out.extend_from_slice(q.status.key().as_bytes());
                        out.extend_from_slice(self.tails[i].as_bytes());
                    }
                }
                out.extend_from_slice(b"],\"missing\":[");
                for (i, fact) in missing_union(&quick).iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    out.push(b'"');
                    out.extend_from_slice(fact.key().as_bytes());
                    out.push(b'"');
                }
                out.extend_from_slice(b"]}\n");
            }
        }
    }
}

fn write_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// One line's `ref` (its JSON text) and answers, or why it could not be read.
fn read_line<'a>(
    bytes: &'a [u8],
    keys: &mut KeyCache,
) -> (Option<&'a str>, Result<Answers, String>) {
    // UTF-8 is checked once for the whole line, not string by string.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return (None, Err("the line is not UTF-8 text".into()));
    };
    if let Some(line) = jsonline::read_plain(text, 0, keys) {
        return (line.reference, line.answers);
    }
    match serde_json::from_str::<Line>(text) {
        Ok(line) => (line.reference.map(|r| r.get()), line.answers),
        Err(e) if e.is_syntax() || e.is_eof() => (None, Err(format!("not valid JSON: {e}"))),
        Err(_) => (
            None,
            Err("expected a JSON object of answers, such as {\"age\": 72}".into()),
        ),
    }
}

/// How a JSON-lines screen is shared out: blocks of about `block_bytes` of
/// whole lines, screened by `threads` threads, written in input order.
#[derive(Clone, Copy, Debug)]
pub struct Split {
    pub threads: usize,
    pub block_bytes: usize,
}

impl Split {
    /// Every core, in blocks of 256 KiB (about 750 lines of full answers):
    /// big enough that handing them out costs nothing, small enough to keep
    /// every thread busy to the end and the memory in use to a few MiB.
    pub fn all_cores() -> Split {
        Split {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            block_bytes: 256 * 1024,
        }
    }
}

/// JSON lines in, JSON lines out, on every core.
pub fn jsonl(
    plan: &Plan,
    date: Date,
    input: impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Summary> {
    jsonl_split(plan, date, input, out, Split::all_cores())
}

/// A block of input lines on its way to a thread and back with their records.
struct Block {
    index: usize,
    first: usize,
    lines: Vec<u8>,
    records: Vec<u8>,
    summary: Summary,
}

/// Reads whole lines into `block`, after `carry` (what the last read left past
/// its last newline), until it holds `size` bytes and a newline, or the input
/// ends. Returns whether the input ended; on an error the block keeps the
/// whole lines read before it.
fn fill_block(
    input: &mut impl BufRead,
    carry: &mut Vec<u8>,
    block: &mut Vec<u8>,
    size: usize,
) -> (bool, std::io::Result<()>) {
    block.clear();
    block.append(carry);
    // How much of the block is known to hold no newline (a line longer than a block).
    let mut searched = 0;
    loop {
        if block.len() >= size {
            if let Some(last) = block[searched..].iter().rposition(|b| *b == b'\n') {
                let whole = searched + last + 1;
                carry.extend_from_slice(&block[whole..]);
                block.truncate(whole);
                return (false, Ok(()));
            }
            searched = block.len();
        }
        let want = if block.len() < size {
            size - block.len()
        } else {
            size
        };
        // read_to_end fills the block without zeroing it first; it stops at
        // `want` bytes or where the input ends.
        match input.by_ref().take(want as u64).read_to_end(block) {
            Ok(0) => return (true, Ok(())),
            Ok(_) => {}
            Err(e) => {
                let whole = block.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                block.truncate(whole);
                return (true, Err(e));
            }
        }
    }
}

fn count_lines(bytes: &[u8]) -> usize {
    // Counted in chunks with a small counter, which the compiler turns into
    // wide vector adds.
    bytes
        .chunks(255)
        .map(|c| usize::from(c.iter().map(|b| u8::from(*b == b'\n')).sum::<u8>()))
        .sum()
}

/// [`jsonl`] shared out as `split` says. The output is the same, byte for
/// byte, whatever the split: each block's records are written in order.
pub fn jsonl_split(
    plan: &Plan,
    date: Date,
    mut input: impl BufRead,
    out: &mut impl Write,
    split: Split,
) -> std::io::Result<Summary> {
    let screener = Screener::new(plan, date);
    let services = plan.services.len();
    let size = split.block_bytes.max(1);
    let mut summary = Summary::new(services);
    let mut carry = Vec::new();
    let mut first_block = Vec::with_capacity(size);
    let (ended, read) = fill_block(&mut input, &mut carry, &mut first_block, size);
    if ended || split.threads <= 1 {
        // All in one block, or one thread: no threads to start.
        let mut keys = KeyCache::default();
        let mut records_out = Vec::with_capacity(size);
        let (mut ended, mut read, mut lines, mut first) = (ended, read, first_block, 1);
        loop {
            records_out.clear();
            screener.block(&mut keys, &lines, first, &mut records_out, &mut summary);
            out.write_all(&records_out)?;
            read?;
            if ended {
                return Ok(summary);
            }
            first += count_lines(&lines);
            (ended, read) = fill_block(&mut input, &mut carry, &mut lines, size);
            if lines.is_empty() && ended {
                read?;
                return Ok(summary);
            }
        }
    }
    let vocabulary = yanglao_core::vocab::current();
    // Blocks read but not yet written: enough to keep every thread busy while
    // this one reads and writes.
    let in_flight = split.threads * 4;
    let (to_screen, jobs) = std::sync::mpsc::sync_channel::<Block>(in_flight);
    let jobs = std::sync::Mutex::new(jobs);
    let (screened, done) = std::sync::mpsc::channel::<std::thread::Result<Block>>();
    std::thread::scope(|scope| {
        for _ in 0..split.threads {
            let (jobs, screened, screener) = (&jobs, screened.clone(), &screener);
            scope.spawn(move || {
                yanglao_core::vocab::share_here(vocabulary);
                let mut keys = KeyCache::default();
                loop {
                    let job = jobs.lock().expect("no thread panics holding it").recv();
                    let Ok(mut block) = job else { break };
                    // A panic is sent to the reading thread, which would
                    // otherwise wait for this block for ever.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        block.records.clear();
                        screener.block(
                            &mut keys,
                            &block.lines,
                            block.first,
                            &mut block.records,
                            &mut block.summary,
                        );
                        block
                    }));
                    let failed = result.is_err();
                    if screened.send(result).is_err() || failed {
                        break;
                    }
                }
            });
        }
        drop(screened);
        // Written in order: a block that comes back early waits here.
        let mut waiting: std::collections::BTreeMap<usize, Block> = Default::default();
        let mut spare: Vec<Block> = Vec::new();
        let mut next_to_write = 0;
        let mut write_error = None;
        let mut collect = |block: std::thread::Result<Block>,
                           waiting: &mut std::collections::BTreeMap<usize, Block>,
                           spare: &mut Vec<Block>,
                           next_to_write: &mut usize|
         -> Option<std::io::Error> {
            let block = block.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            waiting.insert(block.index, block);
            while let Some(mut block) = waiting.remove(next_to_write) {
                *next_to_write += 1;
                summary.add(&block.summary);
                block.summary = Summary::new(services);
                let written = out.write_all(&block.records);
                spare.push(block);
                if let Err(e) = written {
                    return Some(e);
                }
            }
            None
        };
        let (mut ended, mut read, mut lines) = (ended, read, first_block);
        let (mut index, mut first) = (0, 1);
        loop {
            if !lines.is_empty() {
                let line_count = count_lines(&lines);
                let mut block = spare.pop().unwrap_or_else(|| Block {
                    index: 0,
                    first: 0,
                    lines: Vec::new(),
                    records: Vec::with_capacity(size),
                    summary: Summary::new(services),
                });
                block.index = index;
                block.first = first;
                let recycled = std::mem::replace(&mut block.lines, lines);
                lines = recycled;
                index += 1;
                first += line_count;
                to_screen.send(block).expect("the threads wait for blocks");
            }
            // Write what is ready; wait when too much is read ahead.
            while write_error.is_none() {
                let next = if index - next_to_write >= in_flight {
                    done.recv().ok()
                } else {
                    done.try_recv().ok()
                };
                let Some(block) = next else { break };
                write_error = collect(block, &mut waiting, &mut spare, &mut next_to_write);
            }
            if ended || read.is_err() || write_error.is_some() {
                break;
            }
            (ended, read) = fill_block(&mut input, &mut carry, &mut lines, size);
        }
        drop(to_screen);
        while write_error.is_none() && next_to_write < index {
            let block = done.recv().expect("each block comes back");
            write_error = collect(block, &mut waiting, &mut spare, &mut next_to_write);
        }
        match (write_error, read) {
            (Some(e), _) | (None, Err(e)) => Err(e),
            (None, Ok(())) => Ok(summary),
        }
    })
}

/// A CSV cell as an answer: empty is "not answered"; numbers and yes/no as people type them.
fn cell_value(fact: Option<Fact>, cell: &str) -> RawValue<'_> {
    let cell = cell.trim();
    if cell.is_empty() {
        return RawValue::Null;
    }
    match fact.map(|f| &f.info().ty) {
        Some(yanglao_core::facts::FactType::Int { .. }) => cell
            .parse::<i64>()
            .map(RawValue::Int)
            .unwrap_or_else(|_| RawValue::Text(cell.into())),
        Some(yanglao_core::facts::FactType::Bool) => match cell.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "是" => RawValue::Bool(true),
            "false" | "0" | "no" | "否" => RawValue::Bool(false),
            _ => RawValue::Text(cell.into()),
        },
        _ => RawValue::Text(cell.into()),
    }
}

/// CSV in (header row of answer keys, optional `ref`), CSV out: one column per service.
/// The header is checked first: an unknown column is an error for the whole run.
pub fn csv(
    plan: &Plan,
    date: Date,
    mut input: impl std::io::Read,
    out: &mut impl Write,
) -> Result<Summary, String> {
    let mut data = Vec::new();
    input
        .read_to_end(&mut data)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    // Line numbers from byte offsets: the csv crate's own count lags with CRLF (Excel) endings.
    let newlines: Vec<usize> = data
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: u64| -> usize {
        let mut at = byte as usize;
        while at < data.len() && (data[at] == b'\r' || data[at] == b'\n') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) + 1
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(data.as_slice());
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err("the CSV is empty: the first row must name the answer keys".into()),
        Some(r) => r.map_err(|e| format!("cannot read the CSV header: {e}"))?,
    };
    let mut keys: Vec<String> = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let mut text = String::from_utf8(field.to_vec())
            .map_err(|_| "the CSV header is not UTF-8 text".to_string())?;
        if i == 0 {
            text = text.trim_start_matches('\u{feff}').to_string();
        }
        let key = text.trim().to_string();
        if key != "ref"
            && key != yanglao_core::facts::BIRTH_DATE_KEY
            && Fact::from_key(&key).is_none()
        {
            return Err(format!("CSV column \"{key}\" is not an answer key (use the keys of shared/CONTRACT.md, and ref)"));
        }
        keys.push(key);
    }
    let facts: Vec<Option<Fact>> = keys.iter().map(|k| Fact::from_key(k)).collect();
    let mut writer = csv::Writer::from_writer(out);
    let mut head: Vec<String> = vec!["ref".into(), "line".into(), "error".into()];
    head.extend(plan.services.iter().map(|(_, s)| s.id.clone()));
    head.push("missing".into());
    // A byte-order mark so that Excel reads the Chinese correctly.
    writer
        .write_field(format!("\u{feff}{}", head[0]))
        .map_err(|e| e.to_string())?;
    writer.write_record(&head[1..]).map_err(|e| e.to_string())?;
    let mut summary = Summary::new(plan.services.len());
    let mut line = 1usize;
    for record in records {
        let (number, parsed, reference) = match record {
            Err(e) => {
                let at = e.position().map(|p| line_at(p.byte())).unwrap_or(line + 1);
                line = at;
                (at, Err(format!("cannot read this row: {e}")), String::new())
            }
            Ok(r) => {
                let at = r.position().map(|p| line_at(p.byte())).unwrap_or(line + 1);
                line = at;
                if r.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue;
                }
                let mut reference = String::new();
                let parsed = (|| {
                    if r.len() != keys.len() {
                        return Err(format!(
                            "has {} cells, the header has {}",
                            r.len(),
                            keys.len()
                        ));
                    }
                    let mut answers = Answers::new();
                    for ((key, fact), cell) in keys.iter().zip(&facts).zip(r.iter()) {
                        let cell = std::str::from_utf8(cell)
                            .map_err(|_| format!("column {key} is not UTF-8 text"))?;
                        if key == "ref" {
                            reference = cell.to_string();
                            continue;
                        }
                        answers
                            .set_raw(key, &cell_value(*fact, cell))
                            .map_err(|e| e.0)?;
                    }
                    Ok(answers)
                })();
                (at, parsed, reference)
            }
        };
        let mut row: Vec<String> = vec![reference, number.to_string()];
        match screen_one(plan, date, parsed) {
            Err(message) => {
                summary.errors += 1;
                row.push(format!("line {number}: {message}"));
                row.extend(std::iter::repeat_n(String::new(), plan.services.len() + 1));
            }
            Ok(quick) => {
                tally(&mut summary, &quick);
                row.push(String::new());
                row.extend(quick.iter().map(|q| q.status.key().to_string()));
                row.push(
                    missing_union(&quick)
                        .iter()
                        .map(Fact::key)
                        .collect::<Vec<_>>()
                        .join(";"),
                );
            }
        }
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    Ok(summary)
}
