//! The parser on real programs: every lesson listing, as rendered for the real-Go
//! oracle (`lessons/oracle/<scenario>/main.go`, the listing with default knobs), and on
//! the broken programs of `tests/check`.

use std::fs;
use std::path::Path;

use gointerp::syntax::ast::{Decl, Stmt};
use gointerp::syntax::parse_file;

fn oracle_listings() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/oracle");
    let mut out = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path().join("main.go");
        if path.exists() && path.parent().unwrap().join("oracle.go").exists() {
            out.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_lesson_listing_parses() {
    let listings = oracle_listings();
    // The 17 listings of the lessons, and the oracle's other servers (the GC and timer runs).
    assert!(listings.len() >= 17, "{} listings", listings.len());
    for (path, src) in listings {
        let file = parse_file(&src).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(file.package.name, "main");
        let funcs = file.decls.iter().filter(|d| matches!(d, Decl::Func(f) if f.name.name == "main")).count();
        assert_eq!(funcs, 1, "{path} has one func main");
    }
}

#[test]
fn positions_are_go_positions() {
    let src = "package main\n\nfunc main() {\n\tch := make(chan int, 1)\n\tch <- 1 // send\n}\n";
    let file = parse_file(src).unwrap();
    let Decl::Func(f) = &file.decls[0] else { panic!("a func") };
    let body = f.body.as_ref().unwrap();
    assert_eq!(body.end.to_string(), "6:1");
    let Stmt::Send { arrow, value, .. } = &body.stmts[1] else { panic!("a send: {:?}", body.stmts[1]) };
    assert_eq!((arrow.to_string(), value.pos().to_string()), ("5:5".to_string(), "5:8".to_string()));
}

#[test]
fn header_composite_literals_follow_go() {
    // In a header `T {` opens the block; inside parentheses it is a literal again.
    let src = "package main\n\ntype p struct{ x int }\n\nfunc main() {\n\tif (p{1}) == (p{2}) {\n\t}\n\tfor _, v := range []int{1, 2} {\n\t\t_ = v\n\t}\n}\n";
    parse_file(src).unwrap();
}
