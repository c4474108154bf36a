//! Go's types for the checked subset, and the relations the checker needs:
//! identity, assignability, method sets, and the way Go's errors print a type.

use std::rc::Rc;

pub use crate::syntax::ast::ChanDir;

/// The basic types, typed and untyped.
#[allow(missing_docs)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basic {
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex128,
    String,
    /// `byte`, identical to `uint8` but printed as `byte`.
    Byte,
    /// `rune`, identical to `int32` but printed as `rune`.
    Rune,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedString,
    UntypedNil,
}

impl Basic {
    /// The name Go prints.
    pub fn name(self) -> &'static str {
        use Basic::*;
        match self {
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex128 => "complex128",
            String => "string",
            Byte => "byte",
            Rune => "rune",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    /// `byte` is `uint8` and `rune` is `int32`.
    fn canonical(self) -> Basic {
        match self {
            Basic::Byte => Basic::Uint8,
            Basic::Rune => Basic::Int32,
            b => b,
        }
    }

    /// An untyped constant's kind.
    pub fn is_untyped(self) -> bool {
        matches!(
            self,
            Basic::UntypedBool
                | Basic::UntypedInt
                | Basic::UntypedRune
                | Basic::UntypedFloat
                | Basic::UntypedString
                | Basic::UntypedNil
        )
    }

    /// An integer type, typed or untyped.
    pub fn is_integer(self) -> bool {
        use Basic::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | Byte
                | Rune
                | UntypedInt
                | UntypedRune
        )
    }

    /// A numeric type, typed or untyped.
    pub fn is_numeric(self) -> bool {
        self.is_integer() || matches!(self, Basic::Float32 | Basic::Float64 | Basic::Complex128 | Basic::UntypedFloat)
    }

    /// The range of an integer type, for representability.
    pub fn int_range(self) -> Option<(i128, i128)> {
        use Basic::*;
        Some(match self.canonical() {
            Int | Int64 => (i64::MIN as i128, i64::MAX as i128),
            Int8 => (i8::MIN as i128, i8::MAX as i128),
            Int16 => (i16::MIN as i128, i16::MAX as i128),
            Int32 => (i32::MIN as i128, i32::MAX as i128),
            Uint | Uint64 | Uintptr => (0, u64::MAX as i128),
            Uint8 => (0, u8::MAX as i128),
            Uint16 => (0, u16::MAX as i128),
            Uint32 => (0, u32::MAX as i128),
            _ => return None,
        })
    }

    /// The type an untyped constant gets where no other type is asked for.
    pub fn default_type(self) -> Basic {
        match self {
            Basic::UntypedBool => Basic::Bool,
            Basic::UntypedInt => Basic::Int,
            Basic::UntypedRune => Basic::Rune,
            Basic::UntypedFloat => Basic::Float64,
            Basic::UntypedString => Basic::String,
            b => b,
        }
    }
}

/// A function's signature.
#[derive(Clone, Debug, PartialEq)]
pub struct Sig {
    /// Parameter types; the last is a slice when `variadic`.
    pub params: Vec<Type>,
    /// Result types.
    pub results: Vec<Type>,
    /// `...T` as the last parameter.
    pub variadic: bool,
}

/// A struct field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldT {
    /// The name (for an embedded field, the type's name).
    pub name: String,
    /// The type.
    pub typ: Type,
    /// Embedded.
    pub embedded: bool,
}

/// A method of an interface or a named type.
#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    /// The name.
    pub name: String,
    /// The signature, receiver excluded.
    pub sig: Rc<Sig>,
    /// Declared with a pointer receiver.
    pub ptr_recv: bool,
}

/// A type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// The type of an expression that already has an error: it suppresses follow-up errors.
    Invalid,
    /// A basic type.
    Basic(Basic),
    /// A named (defined) type, by index into [`Named`]s.
    Named(usize),
    /// `*T`.
    Pointer(Rc<Type>),
    /// `[]T`.
    Slice(Rc<Type>),
    /// `[n]T`.
    Array(u64, Rc<Type>),
    /// `map[K]V`.
    Map(Rc<Type>, Rc<Type>),
    /// `chan T` and its directions.
    Chan(ChanDir, Rc<Type>),
    /// `func(...) ...`.
    Func(Rc<Sig>),
    /// `struct { ... }`.
    Struct(Rc<Vec<FieldT>>),
    /// `interface { ... }` (the method set, sorted by name; `any` is the empty one).
    Interface(Rc<Vec<Method>>),
    /// Several results of a call.
    Tuple(Rc<Vec<Type>>),
}

/// A defined type: `type result struct {...}`, `time.Duration`, `error`.
#[derive(Clone, Debug)]
pub struct Named {
    /// The package path (`""` for the predeclared `error`, `"main"` for the program).
    pub pkg: String,
    /// The package's name, which errors print (`http`).
    pub pkg_name: String,
    /// The type's name.
    pub name: String,
    /// The underlying type.
    pub underlying: Type,
    /// Declared methods.
    pub methods: Vec<Method>,
}

/// All named types of one check.
#[derive(Clone, Debug, Default)]
pub struct Types {
    /// Indexed by [`Type::Named`].
    pub named: Vec<Named>,
}

impl Type {
    /// `byte`, `int`, … as a type.
    pub fn basic(b: Basic) -> Type {
        Type::Basic(b)
    }

    /// The empty interface.
    pub fn any() -> Type {
        Type::Interface(Rc::new(Vec::new()))
    }

    /// Whether an error about this type would only repeat an earlier error.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Type::Invalid)
    }

    /// An untyped constant's type.
    pub fn untyped(&self) -> Option<Basic> {
        match self {
            Type::Basic(b) if b.is_untyped() => Some(*b),
            _ => None,
        }
    }
}

impl Types {
    /// The underlying type: the type itself unless it is named.
    pub fn under<'a>(&'a self, t: &'a Type) -> &'a Type {
        match t {
            Type::Named(i) => &self.named[*i].underlying,
            t => t,
        }
    }

    /// Go's type identity.
    pub fn identical(&self, a: &Type, b: &Type) -> bool {
        match (a, b) {
            (Type::Basic(x), Type::Basic(y)) => x.canonical() == y.canonical(),
            (Type::Named(x), Type::Named(y)) => x == y,
            (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => self.identical(x, y),
            (Type::Array(n, x), Type::Array(m, y)) => n == m && self.identical(x, y),
            (Type::Map(k1, v1), Type::Map(k2, v2)) => self.identical(k1, k2) && self.identical(v1, v2),
            (Type::Chan(d1, x), Type::Chan(d2, y)) => d1 == d2 && self.identical(x, y),
            (Type::Func(s1), Type::Func(s2)) => self.identical_sig(s1, s2),
            (Type::Struct(f1), Type::Struct(f2)) => {
                f1.len() == f2.len()
                    && f1
                        .iter()
                        .zip(f2.iter())
                        .all(|(a, b)| a.name == b.name && a.embedded == b.embedded && self.identical(&a.typ, &b.typ))
            }
            (Type::Interface(m1), Type::Interface(m2)) => {
                m1.len() == m2.len()
                    && m1.iter().zip(m2.iter()).all(|(a, b)| a.name == b.name && self.identical_sig(&a.sig, &b.sig))
            }
            (Type::Tuple(x), Type::Tuple(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| self.identical(a, b))
            }
            _ => false,
        }
    }

    fn identical_sig(&self, a: &Sig, b: &Sig) -> bool {
        a.variadic == b.variadic
            && a.params.len() == b.params.len()
            && a.results.len() == b.results.len()
            && a.params.iter().zip(b.params.iter()).all(|(x, y)| self.identical(x, y))
            && a.results.iter().zip(b.results.iter()).all(|(x, y)| self.identical(x, y))
    }

    /// Whether `t` is an interface type.
    pub fn is_interface(&self, t: &Type) -> bool {
        matches!(self.under(t), Type::Interface(_))
    }

    /// The interface's methods.
    pub fn interface_methods<'a>(&'a self, t: &'a Type) -> &'a [Method] {
        match self.under(t) {
            Type::Interface(m) => m,
            _ => &[],
        }
    }

    /// A method of `t` by name, with whether it needs an addressable (or pointer)
    /// receiver, looking through one pointer and through embedded fields.
    pub fn method(&self, t: &Type, name: &str) -> Option<Method> {
        let base = match t {
            Type::Pointer(inner) => inner,
            t => t,
        };
        if let Type::Named(i) = base {
            if let Some(m) = self.named[*i].methods.iter().find(|m| m.name == name) {
                return Some(m.clone());
            }
        }
        if let Type::Interface(ms) = self.under(base) {
            return ms.iter().find(|m| m.name == name).cloned();
        }
        if let Type::Struct(fields) = self.under(base) {
            for f in fields.iter().filter(|f| f.embedded) {
                if let Some(m) = self.method(&f.typ, name) {
                    return Some(m);
                }
            }
        }
        None
    }

    /// A field of a struct (or pointer to struct) by name, looking into embedded fields.
    pub fn field(&self, t: &Type, name: &str) -> Option<Type> {
        let base = match self.under(t) {
            Type::Pointer(inner) => inner,
            t => t,
        };
        let Type::Struct(fields) = self.under(base) else { return None };
        if let Some(f) = fields.iter().find(|f| f.name == name) {
            return Some(f.typ.clone());
        }
        fields.iter().filter(|f| f.embedded).find_map(|f| self.field(&f.typ, name))
    }

    /// Why `v` does not implement the interface `t`, in Go's words, or `None` if it does.
    pub fn missing_method(&self, v: &Type, t: &Type) -> Option<String> {
        for m in self.interface_methods(t) {
            let found = if self.is_interface(v) {
                self.interface_methods(v).iter().find(|x| x.name == m.name).cloned()
            } else {
                self.method(v, &m.name)
            };
            match found {
                None => return Some(format!("(missing method {})", m.name)),
                Some(f) => {
                    if !self.identical_sig(&f.sig, &m.sig) {
                        return Some(format!("(wrong type for method {})", m.name));
                    }
                    if f.ptr_recv && !matches!(v, Type::Pointer(_)) && !self.is_interface(v) {
                        return Some(format!("(method {} has pointer receiver)", m.name));
                    }
                }
            }
        }
        None
    }

    /// Whether a value of type `v` (not an untyped constant) may be assigned to `t`.
    pub fn assignable(&self, v: &Type, t: &Type) -> bool {
        if v.is_invalid() || t.is_invalid() || self.identical(v, t) {
            return true;
        }
        if let Some(u) = v.untyped() {
            return match (u, self.under(t)) {
                (
                    Basic::UntypedNil,
                    Type::Pointer(_)
                    | Type::Slice(_)
                    | Type::Map(..)
                    | Type::Chan(..)
                    | Type::Func(_)
                    | Type::Interface(_),
                ) => true,
                (Basic::UntypedNil, _) => false,
                (_, Type::Interface(_)) => self.missing_method(&Type::Basic(u.default_type()), t).is_none(),
                (Basic::UntypedBool, Type::Basic(b)) => b.canonical() == Basic::Bool || *b == Basic::UntypedBool,
                (Basic::UntypedString, Type::Basic(b)) => b.canonical() == Basic::String || *b == Basic::UntypedString,
                (Basic::UntypedInt | Basic::UntypedRune | Basic::UntypedFloat, Type::Basic(b)) => b.is_numeric(),
                _ => false,
            };
        }
        // Typed basic types are named types too: `int` is not assignable to `time.Duration`.
        let (vn, tn) = (matches!(v, Type::Named(_) | Type::Basic(_)), matches!(t, Type::Named(_) | Type::Basic(_)));
        if (!vn || !tn) && self.identical(self.under(v), self.under(t)) {
            return true;
        }
        if self.is_interface(t) {
            return self.missing_method(v, t).is_none();
        }
        if let (Type::Chan(ChanDir::Both, e1), Type::Chan(_, e2)) = (self.under(v), self.under(t)) {
            return (!vn || !tn) && self.identical(e1, e2);
        }
        false
    }

    /// The type as Go's compiler prints it in errors: the program's own types without a
    /// package (`result`), others with their package's name (`time.Duration`). With
    /// `main_path`, the program's types are qualified by it instead, as `go vet` does
    /// (`command-line-arguments.counter`).
    pub fn display(&self, t: &Type, main_path: Option<&str>) -> String {
        let mut s = String::new();
        self.write(&mut s, t, main_path);
        s
    }

    fn write(&self, s: &mut String, t: &Type, main_path: Option<&str>) {
        match t {
            Type::Invalid => s.push_str("invalid type"),
            Type::Basic(b) => s.push_str(b.name()),
            Type::Named(i) => {
                let n = &self.named[*i];
                if n.pkg == "main" {
                    if let Some(p) = main_path {
                        s.push_str(p);
                        s.push('.');
                    }
                } else if !n.pkg.is_empty() {
                    s.push_str(if main_path.is_some() { &n.pkg } else { &n.pkg_name });
                    s.push('.');
                }
                s.push_str(&n.name);
            }
            Type::Pointer(x) => {
                s.push('*');
                self.write(s, x, main_path);
            }
            Type::Slice(x) => {
                s.push_str("[]");
                self.write(s, x, main_path);
            }
            Type::Array(n, x) => {
                s.push_str(&format!("[{n}]"));
                self.write(s, x, main_path);
            }
            Type::Map(k, v) => {
                s.push_str("map[");
                self.write(s, k, main_path);
                s.push(']');
                self.write(s, v, main_path);
            }
            Type::Chan(d, x) => {
                s.push_str(match d {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                self.write(s, x, main_path);
            }
            Type::Func(sig) => {
                s.push_str("func");
                self.write_sig(s, sig, main_path);
            }
            Type::Struct(fields) => {
                s.push_str("struct{");
                for (i, f) in fields.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    if !f.embedded {
                        s.push_str(&f.name);
                        s.push(' ');
                    }
                    self.write(s, &f.typ, main_path);
                }
                s.push('}');
            }
            Type::Interface(ms) => {
                if ms.is_empty() {
                    s.push_str("any");
                    return;
                }
                s.push_str("interface{");
                for (i, m) in ms.iter().enumerate() {
                    if i > 0 {
                        s.push_str("; ");
                    }
                    s.push_str(&m.name);
                    self.write_sig(s, &m.sig, main_path);
                }
                s.push('}');
            }
            Type::Tuple(ts) => {
                s.push('(');
                for (i, t) in ts.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write(s, t, main_path);
                }
                s.push(')');
            }
        }
    }

    fn write_sig(&self, s: &mut String, sig: &Sig, main_path: Option<&str>) {
        s.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            match (sig.variadic && i + 1 == sig.params.len(), p) {
                (true, Type::Slice(elem)) => {
                    s.push_str("...");
                    self.write(s, elem, main_path);
                }
                _ => self.write(s, p, main_path),
            }
        }
        s.push(')');
        match sig.results.as_slice() {
            [] => {}
            [one] => {
                s.push(' ');
                self.write(s, one, main_path);
            }
            many => {
                s.push_str(" (");
                for (i, r) in many.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    self.write(s, r, main_path);
                }
                s.push(')');
            }
        }
    }

    /// What kind of type a named type is, as Go 1.24's errors say it ("variable of
    /// struct type result", "variable of int64 type time.Duration").
    pub fn kind_word(&self, t: &Type) -> Option<&'static str> {
        let Type::Named(_) = t else { return None };
        Some(match self.under(t) {
            Type::Basic(b) => b.name(),
            Type::Pointer(_) => "pointer",
            Type::Slice(_) => "slice",
            Type::Array(..) => "array",
            Type::Map(..) => "map",
            Type::Chan(..) => "chan",
            Type::Func(_) => "func",
            Type::Struct(_) => "struct",
            Type::Interface(_) => "interface",
            Type::Tuple(_) | Type::Named(_) | Type::Invalid => return None,
        })
    }
}
