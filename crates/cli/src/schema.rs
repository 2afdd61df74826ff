//! `yanglao rules schema`: the rule files' JSON Schemas (yanglao_core::schema)
//! written into the rules folder's `schema/`, and the `#:schema` line at the
//! top of every rule file that editors read them by.

use std::path::Path;
use yanglao_core::schema;
use yanglao_core::source;

/// The schemas as they should be, by file name, with the vocabulary of
/// `dir` (its vocabulary.toml, else the contract's) installed first.
pub fn generate(dir: &Path) -> Result<Vec<(&'static str, String)>, String> {
    let vocabulary = dir.join(source::VOCABULARY_FILE);
    if vocabulary.exists() {
        let text = std::fs::read_to_string(&vocabulary)
            .map_err(|e| format!("cannot read {}: {e}", vocabulary.display()))?;
        let shown = vocabulary.display().to_string();
        let v = source::vocabulary_from_toml(&shown, &text)
            .map_err(|errors| errors.first().map(|e| e.to_string()).unwrap_or_default())?;
        yanglao_core::vocab::install(v);
    }
    Ok(schema::FILES
        .iter()
        .map(|name| {
            let value = schema::generate(name).expect("every listed schema generates");
            (*name, schema::to_text(&value))
        })
        .collect())
}

/// A rule file's text with the `#:schema` line first (replacing one that
/// names another schema).
pub fn with_directive(file_name: &str, text: &str) -> String {
    let line = schema::directive_for(file_name);
    match text.split_once('\n') {
        Some((first, rest)) if first.starts_with("#:schema") => format!("{line}\n{rest}"),
        _ if text.starts_with("#:schema") => format!("{line}\n"),
        _ => format!("{line}\n{text}"),
    }
}

/// Writes what is out of date (or, with `check`, only finds it): the schema
/// files and the rule files' first lines. Returns the files concerned.
pub fn write(dir: &Path, check: bool) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    let out = dir.join("schema");
    for (name, text) in generate(dir)? {
        let path = out.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        stale.push(path.display().to_string());
        if !check {
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()))?;
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let wanted = with_directive(&name, &text);
        if wanted == text {
            continue;
        }
        stale.push(path.display().to_string());
        if !check {
            std::fs::write(&path, wanted)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(stale)
}

#[cfg(test)]
mod tests {
    use super::with_directive;

    #[test]
    fn the_schema_line_goes_first_once() {
        let region = "#:schema ./schema/rules.schema.json\n";
        assert_eq!(
            with_directive("150104.toml", "# 玉泉区\n"),
            format!("{region}# 玉泉区\n")
        );
        assert_eq!(
            with_directive("150104.toml", &format!("{region}# 玉泉区\n")),
            format!("{region}# 玉泉区\n")
        );
        assert_eq!(
            with_directive("terms.toml", "#:schema ./old.json\n[x]\n"),
            "#:schema ./schema/terms.schema.json\n[x]\n"
        );
    }
}
