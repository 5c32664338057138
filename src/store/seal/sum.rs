//! The running sum of row hashes that seals the record as a whole.

use sha2::{Digest, Sha256};

/// A 256-bit sum of row hashes: adding and removing rows in any order gives
/// the same digest, so it is kept up to date one transaction at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Sum([u64; 4]);

impl Sum {
    pub(super) fn parse(hex_text: &str) -> Option<Sum> {
        if hex_text.len() != 64 {
            return None;
        }
        let mut limbs = [0u64; 4];
        for (i, limb) in limbs.iter_mut().enumerate() {
            *limb = u64::from_str_radix(hex_text.get(i * 16..i * 16 + 16)?, 16).ok()?;
        }
        Some(Sum(limbs))
    }

    pub(super) fn to_hex(self) -> String {
        self.0.iter().map(|l| format!("{l:016x}")).collect()
    }

    pub(super) fn of_row(tbl: &str, pk: &str, state: &str) -> Sum {
        let mut h = Sha256::new();
        for part in [tbl, pk, state] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        let bytes = h.finalize();
        let mut limbs = [0u64; 4];
        for (i, limb) in limbs.iter_mut().enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[i * 8..i * 8 + 8]);
            *limb = u64::from_be_bytes(b);
        }
        Sum(limbs)
    }

    /// Adds (or, with `minus`, takes away) another sum, modulo 2^256.
    pub(super) fn add(&mut self, other: Sum, minus: bool) {
        let mut carry = false;
        for i in (0..4).rev() {
            let (a, b) = (self.0[i], other.0[i]);
            if minus {
                let (d, b1) = a.overflowing_sub(b);
                let (d, b2) = d.overflowing_sub(u64::from(carry));
                self.0[i] = d;
                carry = b1 || b2;
            } else {
                let (s, c1) = a.overflowing_add(b);
                let (s, c2) = s.overflowing_add(u64::from(carry));
                self.0[i] = s;
                carry = c1 || c2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_added_and_taken_away_in_any_order_give_the_same_sum() {
        let (a, b, c) = (
            Sum::of_row("action", "[1]", "[1,'x']"),
            Sum::of_row("action", "[2]", "[2,'y']"),
            Sum::of_row("kpi", "[1]", "[1,'otd']"),
        );
        let mut one = Sum::default();
        one.add(a, false);
        one.add(b, false);
        one.add(c, false);
        one.add(b, true);
        let mut other = Sum::default();
        other.add(c, false);
        other.add(a, false);
        assert_eq!(one, other);
        assert_eq!(Sum::parse(&one.to_hex()), Some(one));
        let mut back = one;
        back.add(a, true);
        back.add(c, true);
        assert_eq!(back, Sum::default());
    }
}
