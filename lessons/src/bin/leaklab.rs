//! `leaklab`: Leak Lab's lessons on the command line (see `lessons::cli`).

// Simulating many goroutines allocates many small objects; mimalloc is faster at that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::IsTerminal;

fn main() {
    lessons::cli::set_lang(lessons::cli::lang_from_env(|k| std::env::var(k).ok()));
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let start = std::time::Instant::now();
    let mut elapsed = move || start.elapsed();
    let mut host = lessons::cli::Host {
        stderr_is_terminal: std::io::stderr().is_terminal(),
        elapsed: &mut elapsed,
        notice_above_bytes: lessons::cli::ESTIMATE_NOTICE_BYTES,
    };
    let code = lessons::cli::main_with_host(&args, &mut std::io::stdout().lock(), &mut std::io::stderr(), &mut host);
    std::process::exit(code);
}
