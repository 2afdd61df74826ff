//! The catalogue published: one static page per region with a list
//! (`list/<code>.html`), an index of them (`list/index.html`), their CSS
//! (`list/list.css`: style/theme.css and the pages' own rules), and the
//! machine-readable export (`catalogue.json` with `catalogue.schema.json`).
//!
//! The pages need no JavaScript: plain HTML in Chinese, large text, headings
//! for each service, and a print layout for A4. Who qualifies is worded by
//! the engine from the condition tree (`Say::spell_out`, as 怎么算的 shows
//! it), the texts come from the service itself (`Service::text`), so the page
//! says what the checker decides with. Their Content Security Policy is the
//! app's, less scripts: nothing runs, styles only from the site's own file.

use crate::catalogue::{self, InForce};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use yanglao_core::model::Need;
use yanglao_core::regions::RegionIndex;
use yanglao_core::words::{Lang, Say};
use yanglao_core::{Date, Region, RuleSet, Service};

/// The pages' CSS: the app's theme (its colours, sizes and contrast modes),
/// then the pages' own layout and print rules.
pub const CSS: &str = concat!(
    include_str!("../../../style/theme.css"),
    "\n",
    include_str!("list.css")
);

/// The pages' Content Security Policy: no scripts at all, styles only from
/// the site's own files (so no inline style), nothing fetched.
pub const CSP: &str =
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

/// The folder of the pages in the build.
pub const LIST_DIR: &str = "list";

/// HTML text: `&`, `<`, `>` and quotes escaped.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The start of a page: its title and description for search engines, the
/// CSP, the CSS, and a skip link.
fn head(title: &str, description: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<link rel="icon" href="../icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="list.css">
</head>
<body>
<a class="skip" href="#main">跳到正文</a>
"##,
        title = esc(title),
        description = esc(description),
    )
}

/// The site's name, after each page's own title.
const SITE: &str = "养老服务查询";

/// 2024年7月25日起 / 2019年1月1日至2020年12月31日.
fn period(from: Date, until: Option<Date>) -> String {
    match until {
        Some(u) => format!("{}至{}", from.zh(), u.zh()),
        None => format!("{}起", from.zh()),
    }
}

/// How a service's dates stand on the day the page was made.
fn standing(service: &Service, as_of: Date) -> String {
    let dates = period(service.effective_from, service.effective_until);
    match catalogue::in_force(service, as_of) {
        InForce::InForce => format!("{dates}（正在施行）"),
        InForce::Ended => format!("{dates}（<strong>已失效</strong>）"),
        InForce::NotYetInForce => format!(
            "{dates}（<strong>尚未施行</strong>，{}起施行）",
            service.effective_from.zh()
        ),
    }
}

fn anchor(service: &Service) -> String {
    format!("s-{}", service.id)
}

/// A document to bring, with who needs it when not everyone does.
fn need_line(need: &Need, service: &Service) -> String {
    let mut line = esc(&need.name);
    if let Some(c) = &need.when {
        let who = Say::new(Lang::Zh, service).describe(c);
        let _ = write!(line, "（{}的需要）", esc(&who));
    }
    line
}

/// One service: what it is, who qualifies, what it gives, how to apply, and its source.
fn service_html(region: &Region, s: &Service, as_of: Date) -> String {
    let t = s.text(Lang::Zh);
    let doc = &region.documents[s.document];
    let id = anchor(s);
    let mut h = String::new();
    let _ = writeln!(
        h,
        r#"<section class="service" id="{id}" aria-labelledby="{id}-h" data-service="{sid}">"#,
        sid = esc(&s.id)
    );
    let _ = writeln!(h, r#"<h3 id="{id}-h">{}</h3>"#, esc(t.name));
    let _ = writeln!(h, r#"<p class="service__kind">{}</p>"#, esc(s.kind.zh()));
    let _ = writeln!(h, "<p>{}</p>", esc(t.summary));
    h.push_str("<dl class=\"facts\">\n");
    let who = Say::new(Lang::Zh, s).spell_out(&s.when);
    let _ = writeln!(h, "<dt>谁可以申请</dt>\n<dd data-who>{}</dd>", esc(&who));
    if let Some(reading) = t.reading {
        let _ = writeln!(h, "<dt>怎么理解</dt>\n<dd>{}</dd>", esc(reading));
    }
    let gets = s.gets(Lang::Zh);
    let figures = s.amount_words(Lang::Zh);
    let mut amount = esc(&gets);
    if !figures.is_empty() && figures != gets {
        let _ = write!(amount, "（{}）", esc(&figures));
    }
    if let Some(note) = t.amount_note {
        let _ = write!(amount, "<br>{}", esc(note));
    }
    let _ = writeln!(h, "<dt>可以得到</dt>\n<dd data-amount>{amount}</dd>");
    let _ = writeln!(h, "<dt>有效期</dt>\n<dd>{}</dd>", standing(s, as_of));
    if !s.excludes.is_empty() {
        let names: Vec<String> = s
            .excludes
            .iter()
            .filter_map(|id| region.services.iter().find(|o| &o.id == id))
            .map(|o| format!("「{}」", esc(&o.name)))
            .collect();
        let _ = writeln!(
            h,
            "<dt>不重复享受</dt>\n<dd>可以享受本项的，不再享受{}</dd>",
            names.join("、")
        );
    }
    h.push_str("</dl>\n");

    h.push_str("<h4>怎么申请</h4>\n");
    let _ = writeln!(h, "<p><strong>到哪里办：</strong>{}</p>", esc(t.place));
    if s.apply.steps_usual {
        h.push_str(
            "<p class=\"hint\">文件没有写办理步骤，下面是一般的做法，以窗口要求为准。</p>\n",
        );
    }
    h.push_str("<ol>\n");
    for step in &t.steps {
        let _ = writeln!(h, "<li>{}</li>", esc(step));
    }
    h.push_str("</ol>\n");
    h.push_str("<h4>要带的材料</h4>\n");
    if !s.apply.documents.is_empty() && s.apply.documents.iter().all(|d| d.usual) {
        h.push_str(
            "<p class=\"hint\">文件没有写要带的材料，下面是一般需要的，以窗口要求为准。</p>\n",
        );
    }
    h.push_str("<ul>\n");
    for need in &s.apply.documents {
        let _ = writeln!(h, "<li>{}</li>", need_line(need, s));
    }
    h.push_str("</ul>\n");
    let _ = writeln!(
        h,
        "<p><strong>谁审核：</strong>{}<br><strong>不清楚时请问：</strong>{}</p>",
        esc(t.reviewer),
        esc(t.office)
    );

    h.push_str("<h4>政策依据</h4>\n");
    let number = if doc.number.is_empty() {
        String::new()
    } else {
        format!("（{}）", esc(&doc.number))
    };
    let _ = writeln!(
        h,
        "<p data-source>《{}》{number}，{}，条款：{}</p>",
        esc(&doc.title),
        esc(&doc.issuer),
        esc(t.clause)
    );
    if let Some(quote) = &s.quote {
        let _ = writeln!(
            h,
            "<blockquote lang=\"zh-CN\" data-quote><p>{}</p></blockquote>",
            esc(quote)
        );
    }
    h.push_str("</section>\n");
    h
}

/// The groups a list is shown in, in order: what can be claimed now, what
/// starts later, what has ended.
const GROUPS: [(InForce, &str, &str); 3] = [
    (InForce::InForce, "正在施行的服务", "now"),
    (InForce::NotYetInForce, "尚未施行的服务", "later"),
    (
        InForce::Ended,
        "已失效的服务（仅供了解，不一定还在办）",
        "ended",
    ),
];

/// A region's page.
pub fn region_page(rules: &RuleSet, region: &Region, as_of: Date) -> String {
    let short = &region.short_name;
    let n = region.services.len();
    let current = region
        .services
        .iter()
        .filter(|s| catalogue::in_force(s, as_of) == InForce::InForce)
        .count();
    let title = format!("{short}基本养老服务清单 — {SITE}");
    let description = format!(
        "{}的{n}项基本养老服务（{current}项正在施行）：谁可以申请、标准、怎么申请、要带的材料和政策依据。",
        region.name
    );
    let mut h = head(&title, &description);
    h.push_str(
        "<header class=\"top\"><nav aria-label=\"网站\"><a href=\"index.html\">全部地区的清单</a>",
    );
    let _ = writeln!(
        h,
        " <a href=\"../?region={}\">在线查询：老人能申请哪些</a></nav></header>",
        esc(&region.code)
    );
    h.push_str("<main id=\"main\">\n");
    let _ = writeln!(h, "<h1>{}基本养老服务清单</h1>", esc(short));
    let _ = writeln!(
        h,
        "<p class=\"lead\">{}，共{n}项服务，其中{current}项正在施行。本页按{}的政策整理，结果以当地民政部门的审核为准。</p>",
        esc(&region.name),
        as_of.zh()
    );
    for code in catalogue::above(rules, &region.code) {
        if let Some(up) = rules.region(&code) {
            let _ = writeln!(
                h,
                "<p>{}的政策在本地也适用，见<a href=\"{}.html\">{}基本养老服务清单</a>。</p>",
                esc(&up.name),
                esc(&up.code),
                esc(&up.short_name)
            );
        }
    }
    // Every document ended: one notice first, with whom to ask.
    let ended_docs: Vec<_> = region
        .documents
        .iter()
        .filter(|d| d.effective_until.is_some_and(|u| u < as_of))
        .collect();
    if current == 0 && !ended_docs.is_empty() {
        h.push_str("<div class=\"notice\" role=\"note\">\n");
        for d in &ended_docs {
            let until = d.effective_until.map(|u| u.zh()).unwrap_or_default();
            let _ = writeln!(
                h,
                "<p><strong>《{}》已于{until}到期。</strong>{}</p>",
                esc(&d.title),
                esc(d
                    .expired_note
                    .as_deref()
                    .unwrap_or("现在能申请什么，请向当地民政部门咨询。"))
            );
        }
        h.push_str("</div>\n");
    }

    // The services by whether they are in force, each group once, for the
    // contents and the sections; empty groups are left out of both.
    let groups: Vec<(&str, &str, Vec<&Service>)> = GROUPS
        .iter()
        .map(|&(status, title, key)| {
            let list: Vec<&Service> = region
                .services
                .iter()
                .filter(|s| catalogue::in_force(s, as_of) == status)
                .collect();
            (title, key, list)
        })
        .filter(|(_, _, list)| !list.is_empty())
        .collect();

    h.push_str("<nav class=\"toc\" aria-labelledby=\"toc-h\">\n<h2 id=\"toc-h\">目录</h2>\n");
    for (title, _, list) in &groups {
        let _ = writeln!(h, "<p class=\"toc__group\">{title}</p>\n<ol>");
        for s in list {
            let _ = writeln!(
                h,
                "<li><a href=\"#{}\">{}</a></li>",
                anchor(s),
                esc(&s.name)
            );
        }
        h.push_str("</ol>\n");
    }
    h.push_str("<p><a href=\"#documents-h\">政策文件</a></p>\n</nav>\n");

    for (title, key, list) in &groups {
        let _ = writeln!(
            h,
            "<section class=\"group group--{key}\" aria-labelledby=\"g-{key}\">\n<h2 id=\"g-{key}\">{title}</h2>"
        );
        for s in list {
            h.push_str(&service_html(region, s, as_of));
        }
        h.push_str("</section>\n");
    }

    h.push_str("<section class=\"documents\" aria-labelledby=\"documents-h\">\n<h2 id=\"documents-h\">政策文件</h2>\n<ul>\n");
    for d in &region.documents {
        let ended = d.effective_until.is_some_and(|u| u < as_of);
        let _ = write!(
            h,
            "<li data-document=\"{}\"><strong>《{}》</strong>",
            esc(&d.id),
            esc(&d.title)
        );
        if !d.number.is_empty() {
            let _ = write!(h, "（{}）", esc(&d.number));
        }
        let _ = write!(
            h,
            "<br>{}，{}成文；有效期{}",
            esc(&d.issuer),
            d.date.zh(),
            period(d.effective_from, d.effective_until)
        );
        if ended {
            h.push_str("（<strong>已失效</strong>）");
            if let Some(note) = &d.expired_note {
                let _ = write!(h, "<br>{}", esc(note));
            }
        }
        if let Some(gaps) = &d.gaps {
            let _ = write!(h, "<br>{}", esc(gaps));
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ul>\n</section>\n</main>\n");
    h.push_str(&footer());
    h
}

fn footer() -> String {
    "<footer class=\"bottom\">\n<p>本清单由养老服务查询根据各地公开的政策文件整理，仅供参考，以当地民政部门的审核为准。</p>\n<p>机器可读的全部清单：<a href=\"../catalogue.json\">catalogue.json</a>（格式说明：<a href=\"../catalogue.schema.json\">catalogue.schema.json</a>）</p>\n</footer>\n</body>\n</html>\n".to_string()
}

/// The index of every region's page.
pub fn index_page(rules: &RuleSet, index: &RegionIndex, as_of: Date) -> String {
    let regions = catalogue::regions(rules);
    let names: Vec<&str> = regions.iter().map(|r| r.short_name.as_str()).collect();
    let mut h = head(
        &format!("各地基本养老服务清单 — {SITE}"),
        &format!(
            "{}个地区的基本养老服务清单：{}。每项服务谁可以申请、标准、怎么申请和政策依据。",
            regions.len(),
            names.join("、")
        ),
    );
    h.push_str("<header class=\"top\"><nav aria-label=\"网站\"><a href=\"../\">在线查询：老人能申请哪些</a></nav></header>\n<main id=\"main\">\n<h1>各地基本养老服务清单</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"lead\">下面每个地区有一份自己的清单，写明每项服务谁可以申请、能得到什么、怎么申请和政策依据。本页按{}的政策整理。没有列出的地方，适用它所在的市、省的清单；请向当地民政部门咨询。</p>",
        as_of.zh()
    );
    // By province, in code order.
    let mut province = String::new();
    let mut open = false;
    for r in &regions {
        let p = format!("{}0000", &r.code[..2]);
        if p != province {
            if open {
                h.push_str("</ul>\n</section>\n");
            }
            let name = index.get(&p).map(|d| d.name).unwrap_or(&p);
            let _ = writeln!(
                h,
                "<section aria-labelledby=\"p-{p}\">\n<h2 id=\"p-{p}\">{}</h2>\n<ul class=\"regions\">",
                esc(name)
            );
            province = p;
            open = true;
        }
        let current = r
            .services
            .iter()
            .filter(|s| catalogue::in_force(s, as_of) == InForce::InForce)
            .count();
        let state = if current == 0 {
            "政策均已失效".to_string()
        } else {
            format!("{current}项正在施行")
        };
        let _ = writeln!(
            h,
            "<li data-region=\"{code}\"><a href=\"{code}.html\">{}基本养老服务清单</a><br><span class=\"meta\">{}，共{}项服务，{state}</span></li>",
            esc(&r.short_name),
            esc(&r.name),
            r.services.len(),
            code = esc(&r.code),
        );
    }
    if open {
        h.push_str("</ul>\n</section>\n");
    }
    h.push_str("</main>\n");
    h.push_str(&footer());
    h
}

/// Writes the pages, their CSS, the catalogue and its schema into `out`;
/// returns the files written, relative to `out`.
pub fn write_all(
    out: &Path,
    rules: &RuleSet,
    index: &RegionIndex,
    as_of: Date,
) -> Result<Vec<PathBuf>, String> {
    let dir = out.join(LIST_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for region in catalogue::regions(rules) {
        files.push((
            Path::new(LIST_DIR).join(format!("{}.html", region.code)),
            region_page(rules, region, as_of),
        ));
    }
    files.push((
        Path::new(LIST_DIR).join("index.html"),
        index_page(rules, index, as_of),
    ));
    files.push((Path::new(LIST_DIR).join("list.css"), CSS.to_string()));
    files.push((
        PathBuf::from("catalogue.json"),
        catalogue::to_text(&catalogue::build(rules, index, as_of)),
    ));
    files.push((
        PathBuf::from("catalogue.schema.json"),
        catalogue::schema_text(),
    ));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = out.join(&rel);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}
