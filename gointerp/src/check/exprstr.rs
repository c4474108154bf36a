//! Expressions printed as Go's type checker prints them inside error messages:
//! `r.URL.Query().Get("id")`, `a + b`, `func() {…}`, `T{…}`.

use crate::syntax::ast::{ChanDir, Expr, Field, FuncType};

/// The expression as `go build`'s messages quote it.
pub fn expr_string(e: &Expr) -> String {
    let mut s = String::new();
    write(&mut s, e);
    s
}

fn write(s: &mut String, e: &Expr) {
    match e {
        Expr::Ident(i) => s.push_str(&i.name),
        Expr::Lit(l) => s.push_str(&l.raw),
        Expr::Composite { typ, elts, .. } => {
            if let Some(t) = typ {
                write(s, t);
            }
            // Go elides a literal's elements, and prints an empty one as it is.
            s.push_str(if elts.is_empty() { "{}" } else { "{…}" });
        }
        Expr::KeyValue { key, value } => {
            write(s, key);
            s.push_str(": ");
            write(s, value);
        }
        Expr::FuncLit { typ, .. } => {
            s.push_str("func");
            write_sig(s, typ);
            s.push_str(" {…}");
        }
        Expr::Paren { x, .. } => {
            s.push('(');
            write(s, x);
            s.push(')');
        }
        Expr::Selector { x, sel } => {
            write(s, x);
            s.push('.');
            s.push_str(&sel.name);
        }
        Expr::Index { x, index, .. } => {
            write(s, x);
            s.push('[');
            write(s, index);
            s.push(']');
        }
        Expr::Slice { x, lo, hi, max, .. } => {
            write(s, x);
            s.push('[');
            if let Some(lo) = lo {
                write(s, lo);
            }
            s.push(':');
            if let Some(hi) = hi {
                write(s, hi);
            }
            if let Some(max) = max {
                s.push(':');
                write(s, max);
            }
            s.push(']');
        }
        Expr::TypeAssert { x, typ, .. } => {
            write(s, x);
            s.push_str(".(");
            match typ {
                Some(t) => write(s, t),
                None => s.push_str("type"),
            }
            s.push(')');
        }
        Expr::Call { fun, args, ellipsis, .. } => {
            write(s, fun);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write(s, a);
            }
            if *ellipsis {
                s.push_str("...");
            }
            s.push(')');
        }
        Expr::Star { x, .. } => {
            s.push('*');
            write(s, x);
        }
        Expr::Unary { op, x, .. } => {
            s.push_str(op);
            write(s, x);
        }
        Expr::Binary { op, x, y, .. } => {
            write(s, x);
            s.push(' ');
            s.push_str(op);
            s.push(' ');
            write(s, y);
        }
        Expr::ArrayType { len, elem, .. } => {
            s.push('[');
            if let Some(l) = len {
                write(s, l);
            }
            s.push(']');
            write(s, elem);
        }
        Expr::MapType { key, value, .. } => {
            s.push_str("map[");
            write(s, key);
            s.push(']');
            write(s, value);
        }
        Expr::ChanType { dir, elem, .. } => {
            s.push_str(match dir {
                ChanDir::Both => "chan ",
                ChanDir::Send => "chan<- ",
                ChanDir::Recv => "<-chan ",
            });
            write(s, elem);
        }
        Expr::FuncType(t) => {
            s.push_str("func");
            write_sig(s, t);
        }
        Expr::StructType { fields, .. } => {
            s.push_str(if fields.is_empty() { "struct{}" } else { "struct{…}" });
        }
        Expr::InterfaceType { methods, .. } => {
            s.push_str(if methods.is_empty() { "interface{}" } else { "interface{…}" });
        }
        Expr::Ellipsis { .. } => s.push_str("..."),
    }
}

fn write_fields(s: &mut String, fields: &[Field]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if let Some(n) = &f.name {
            s.push_str(&n.name);
            s.push(' ');
        }
        if f.variadic {
            s.push_str("...");
        }
        write(s, &f.typ);
    }
}

fn write_sig(s: &mut String, t: &FuncType) {
    s.push('(');
    write_fields(s, &t.params);
    s.push(')');
    match t.results.as_slice() {
        [] => {}
        [one] if one.name.is_none() => {
            s.push(' ');
            write(s, &one.typ);
        }
        many => {
            s.push_str(" (");
            write_fields(s, many);
            s.push(')');
        }
    }
}
