//! `leaklab`: Leak Lab's lessons on the command line (see `lessons::cli`).

// Simulating many goroutines allocates many small objects; mimalloc is faster at that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    std::process::exit(lessons::cli::main_with(&args, &mut std::io::stdout().lock(), &mut std::io::stderr()));
}
