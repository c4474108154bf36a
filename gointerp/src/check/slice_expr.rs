//! Slice expressions and constant indices, as `types2` checks them (`index.go`):
//! an index is converted to `int`, must be an integer, not negative and within a
//! known length (a constant string's, an array's); constant slice indices must not
//! decrease; strings have no 3-index slices.

use super::*;
use num_traits::{Signed, ToPrimitive};

impl Checker {
    /// `types2`'s `index`: checks `index` (below `max` when `max >= 0`) and gives its
    /// constant value, or `-1` when it has none or is not valid.
    pub(super) fn const_index(&mut self, index: &Expr, max: i64) -> i64 {
        let mut x = self.expr(index);
        self.convert_untyped(&mut x, &Type::Basic(Basic::Int));
        if x.is_invalid() {
            return -1;
        }
        if !matches!(self.types.under(&x.typ), Type::Basic(b) if b.is_integer()) {
            self.error(x.pos, format!("invalid argument: index {} must be integer", describe(&self.types, &x)));
            return -1;
        }
        let Some(Const::Int(v)) = &x.val else { return -1 };
        if v.is_negative() {
            self.error(x.pos, format!("invalid argument: index {} must not be negative", describe(&self.types, &x)));
            return -1;
        }
        let Some(v) = v.to_i64() else {
            self.error(x.pos, format!("invalid argument: index {} overflows int", describe(&self.types, &x)));
            return -1;
        };
        if max >= 0 && v >= max {
            self.error(x.pos, format!("invalid argument: index {v} out of bounds [0:{max}]"));
            return -1;
        }
        v
    }

    /// [`Checker::const_index`] for an index already checked (`x[i]`).
    pub(super) fn index_bound(&mut self, x: &mut Operand, max: i64) {
        if x.is_invalid() {
            return;
        }
        self.convert_untyped(x, &Type::Basic(Basic::Int));
        if x.is_invalid() {
            return;
        }
        if !matches!(self.types.under(&x.typ), Type::Basic(b) if b.is_integer()) {
            self.error(x.pos, format!("invalid argument: index {} must be integer", describe(&self.types, x)));
            return;
        }
        let Some(Const::Int(v)) = &x.val else { return };
        if v.is_negative() {
            self.error(x.pos, format!("invalid argument: index {} must not be negative", describe(&self.types, x)));
        } else if let Some(v) = v.to_i64().filter(|&v| max >= 0 && v >= max) {
            self.error(x.pos, format!("invalid argument: index {v} out of bounds [0:{max}]"));
        } else if v.to_i64().is_none() {
            self.error(x.pos, format!("invalid argument: index {} overflows int", describe(&self.types, x)));
        }
    }

    /// `x[lo:hi]`, `x[lo:hi:max]`.
    pub(super) fn slice_expr(&mut self, x: &Expr, parts: [&Option<Box<Expr>>; 3], e: &Expr) -> Operand {
        let o = self.expr(x);
        if o.is_invalid() {
            for p in parts.into_iter().flatten() {
                self.expr(p);
            }
            return Operand::invalid();
        }
        let full = parts[2].is_some();
        let mut length: i64 = -1;
        let t = match self.types.under(&o.typ).clone() {
            Type::Basic(b) if b.canonical_string() => {
                if full {
                    let at = parts[2].as_ref().map_or(e.pos(), |m| m.pos());
                    self.error(at, "invalid operation: 3-index slice of string".into());
                    return Operand::invalid();
                }
                if let (Mode::Constant, Some(Const::Str(s))) = (o.mode, &o.val) {
                    length = s.len() as i64;
                }
                if o.typ.untyped().is_some() {
                    Type::Basic(Basic::String)
                } else {
                    o.typ.clone()
                }
            }
            Type::Slice(_) => o.typ.clone(),
            Type::Array(n, elem) => {
                if o.mode != Mode::Variable {
                    self.error(
                        x.pos(),
                        format!("invalid operation: {} (slice of unaddressable value)", describe(&self.types, &o)),
                    );
                    return Operand::invalid();
                }
                length = n as i64;
                Type::Slice(elem)
            }
            Type::Pointer(p) => match self.types.under(&p).clone() {
                Type::Array(n, elem) => {
                    length = n as i64;
                    Type::Slice(elem)
                }
                _ => Type::Invalid,
            },
            _ => Type::Invalid,
        };
        if t.is_invalid() {
            self.error(x.pos(), format!("invalid operation: cannot slice {}", describe(&self.types, &o)));
            return Operand::invalid();
        }
        let mut ind = [-1i64; 3];
        for (i, part) in parts.iter().enumerate() {
            ind[i] = match part {
                Some(p) => self.const_index(p, if length >= 0 { length + 1 } else { -1 }),
                None if i == 0 => 0,
                None => length,
            };
        }
        'l: for i in 0..2 {
            let x = ind[i];
            if x > 0 {
                for (j, &y) in ind.iter().enumerate().skip(i + 1) {
                    if y >= 0 && y < x {
                        if let Some(p) = parts[j] {
                            self.error(p.pos(), format!("invalid slice indices: {y} < {x}"));
                        }
                        break 'l;
                    }
                }
            }
        }
        self.operand(Mode::Value, t, e)
    }

    /// The elements of an array literal of `len` (`None` for `[...]`), as `types2`'s
    /// `indexedElts`: keys are constant indices, each index once; the literal's length.
    pub(super) fn array_elements(&mut self, elem: &Type, len: Option<u64>, elts: &[Expr]) -> u64 {
        let mut seen = std::collections::BTreeSet::new();
        let (mut index, mut max) = (0i64, 0i64);
        let limit = len.map_or(-1, |n| n.min(i64::MAX as u64) as i64);
        for el in elts {
            let mut valid = true;
            let value = match el {
                Expr::KeyValue { key, value } => {
                    let i = self.const_index(key, limit);
                    if i >= 0 {
                        index = i;
                    } else {
                        valid = false;
                    }
                    value.as_ref()
                }
                el => {
                    if limit >= 0 && index >= limit {
                        self.error(el.pos(), format!("index {index} is out of bounds (>= {limit})"));
                        valid = false;
                    }
                    el
                }
            };
            if valid {
                if !seen.insert(index) {
                    self.error(el.pos(), format!("duplicate index {index} in array or slice literal"));
                }
                index += 1;
                max = max.max(index);
            }
            self.element(value, elem, "array or slice literal");
        }
        if len.is_none() && max > 1 << 24 {
            if let Some(el) = elts.last() {
                self.error(el.pos(), "Leak Lab does not run arrays of more than 16777216 elements".into());
            }
        }
        len.unwrap_or(max as u64)
    }
}
