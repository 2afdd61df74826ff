//! The display choices a phone remembers for its owner: text size and
//! contrast. Nothing about the person or their answers is ever stored; a
//! kiosk stores nothing at all (the session never calls [`save`] there).

use crate::state::Display;

const KEY: &str = "yanglao.display";

fn storage() -> Option<web_sys::Storage> {
    // None where the page is rendered ahead (no browser there).
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered choice, or the default when none is (or storage is blocked).
pub fn load() -> Display {
    storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .map(|v| parse(&v))
        .unwrap_or_default()
}

/// Remembers the choice (`"t1c0"`: text size 1, contrast off).
pub fn save(display: Display) {
    if let Some(s) = storage() {
        let _ = s.set_item(
            KEY,
            &format!("t{}c{}", display.text_size, u8::from(display.contrast)),
        );
    }
}

/// Reads a stored value; anything odd gives the default.
pub fn parse(value: &str) -> Display {
    let b = value.as_bytes();
    match b {
        [b't', t @ b'0'..=b'2', b'c', c @ b'0'..=b'1'] => Display {
            text_size: t - b'0',
            contrast: *c == b'1',
        },
        _ => Display::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_choices_are_read_back_and_odd_values_ignored() {
        assert_eq!(
            parse("t2c1"),
            Display {
                text_size: 2,
                contrast: true
            }
        );
        for odd in ["", "t9c1", "t1c", "hello", "t1c0x"] {
            assert_eq!(parse(odd), Display::default(), "{odd}");
        }
    }
}
