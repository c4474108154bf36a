//! Prints what the checker reports about a Go file: `cargo run --example gocheck FILE.go`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: gocheck FILE.go");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gocheck: {path}: {e}");
            std::process::exit(2);
        }
    };
    let report = gointerp::check(&src);
    print!("{}", report.render("main.go"));
    std::process::exit(if report.is_clean() { 0 } else { 1 });
}
