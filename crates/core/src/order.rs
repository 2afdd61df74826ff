//! Sorting, done one way everywhere. The standard library's sort is generic:
//! each element type sorted gets its own copy of it in the wasm, 2 to 5 KB
//! apiece, 22 KB for the seven sorts of the browser's code (2026-12-07).
//! Here every sort is a sort of `u64` keys, one copy, with the order to keep
//! written into the keys: a stable sort by a key carries each element's
//! place in its low half.

/// Sorts `v` by `key`, keeping the order of elements with equal keys.
pub fn by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u32) {
    if v.len() < 2 {
        return;
    }
    let mut keys: Vec<u64> = v
        .iter()
        .enumerate()
        .map(|(i, x)| (u64::from(key(x)) << 32) | i as u64)
        .collect();
    keys.sort_unstable();
    // Each element moved once, to its place in the order.
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        keys.iter()
            .filter_map(|k| slots.get_mut(*k as u32 as usize)?.take()),
    );
}

/// Sorts `v` ascending and drops repeated values.
pub fn unique(v: &mut Vec<i32>) {
    // i32 → u64 keeping the order (the sign bit flipped).
    let mut keys: Vec<u64> = v
        .iter()
        .map(|x| u64::from((*x as u32) ^ 0x8000_0000))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    v.clear();
    v.extend(keys.iter().map(|k| ((*k as u32) ^ 0x8000_0000) as i32));
}

/// Sorts keys the caller has packed with what it orders by in the high bits.
pub fn keys(v: &mut [u64]) {
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_key_is_a_stable_sort() {
        let mut v: Vec<(u32, &str)> = vec![(2, "a"), (1, "b"), (2, "c"), (0, "d"), (1, "e")];
        by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(0, "d"), (1, "b"), (1, "e"), (2, "a"), (2, "c")]);
        // Against the standard library's stable sort, on many small cases.
        let mut seed = 7u64;
        for n in 0..60 {
            let mut w: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    (((seed >> 33) % 5) as u32, i)
                })
                .collect();
            let mut expected = w.clone();
            expected.sort_by_key(|x| x.0);
            by_key(&mut w, |x| x.0);
            assert_eq!(w, expected);
        }
    }

    #[test]
    fn unique_sorts_negative_numbers_first_and_drops_repeats() {
        let mut v = vec![3, -1, i32::MAX, 0, -1, i32::MIN, 3, 65];
        unique(&mut v);
        assert_eq!(v, vec![i32::MIN, -1, 0, 3, 65, i32::MAX]);
        let mut empty: Vec<i32> = Vec::new();
        unique(&mut empty);
        assert!(empty.is_empty());
    }
}
