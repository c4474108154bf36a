//! Writes the per-language texts (see the library) into `$TRUNK_STAGING_DIR`, or into the
//! directory given as the only argument. Run by Trunk's post-build hook.

use std::{env, fs, path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let Some(dir) = env::args().nth(1).or_else(|| env::var("TRUNK_STAGING_DIR").ok()).map(PathBuf::from) else {
        eprintln!("usage: sitetext DIR (or set TRUNK_STAGING_DIR)");
        return ExitCode::from(2);
    };
    let files = match sitetext::files(&sitetext::root()) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("sitetext: {e}");
            return ExitCode::FAILURE;
        }
    };
    for (path, text) in &files {
        let dest = dir.join(path);
        if let Err(e) = dest.parent().map_or(Ok(()), fs::create_dir_all).and_then(|()| fs::write(&dest, text)) {
            eprintln!("sitetext: writing {}: {e}", dest.display());
            return ExitCode::FAILURE;
        }
    }
    println!("sitetext: wrote {} files to {}", files.len(), dir.display());
    ExitCode::SUCCESS
}
