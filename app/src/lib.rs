//! Leak Lab in the browser: the page around the simulated Go server.
//!
//! `app` is thin. What the URL says is parsed in [`url_state`] (plain Rust, tested natively);
//! the components in [`components`] only render state and turn clicks into state changes.
//! The simulation itself lives in `sim-runtime` and the lessons in `lessons`.

#[macro_use]
pub mod i18n;
pub mod browser;
pub mod catalog;
pub mod components;
pub mod dump_i18n;
pub mod dump_protocol;
pub mod duration;
pub mod heap;
pub mod highlight;
pub mod lazy;
pub mod panic_panel;
pub mod state;
pub mod token_class;
pub mod url_state;

pub use components::App;

/// Every allocation goes through [`heap::Router`], so that the simulation's memory can be
/// checkpointed and restored for time travel.
#[global_allocator]
static ALLOCATOR: heap::Router = heap::Router;

/// Starts the page: installs the panic panel first, so that even a panic while mounting
/// leaves a readable message instead of a blank page, then mounts [`App`] into `<body>`.
pub fn start() {
    panic_panel::install();
    let query = browser::current_query();
    // Mounts once what the page waits for has come (`waits` of them).
    let waits = std::rc::Rc::new(std::cell::Cell::new(1u8));
    let arrived = {
        let waits = waits.clone();
        move || {
            waits.set(waits.get() - 1);
            if waits.get() == 0 {
                mount();
            }
        }
    };
    // The texts of the language the learner reads come before the page renders (the wasm
    // holds none): if they do not come, the other language's; if neither, the boot message
    // says so.
    let lang = components::initial_lang(&query);
    if !i18n::loaded(lang) {
        waits.set(waits.get() + 1);
        let arrived = arrived.clone();
        load_texts(lang, true, Box::new(arrived));
    }
    // A link to a lesson after the first gets that lesson's code before the page renders
    // (see `lazy`); a failure is shown where the lesson would be.
    let url = url_state::parse_query(&query).state;
    if !url.home && !url.your_dump && lazy::needed(url.lesson) && !lazy::ready() {
        waits.set(waits.get() + 1);
        lazy::load_then(arrived.clone());
    }
    arrived();
}

/// Fetches `lang`'s texts, then `done`; when they cannot be had, the other language's once
/// (`retry`), and when those fail too, a bilingual notice in place of the boot message.
fn load_texts(lang: i18n::Lang, retry: bool, done: Box<dyn FnOnce()>) {
    i18n::fetch(lang, move |loaded| match loaded {
        Ok(()) => done(),
        Err(e) if retry => {
            leptos::logging::warn!("{} is not available ({e}); trying the other language", i18n::ui_file(lang));
            load_texts(if lang == i18n::Lang::De { i18n::Lang::En } else { i18n::Lang::De }, false, done);
        }
        Err(e) => browser::show_boot_failure(&e),
    });
}

fn mount() {
    let url = url_state::parse_query(&browser::current_query()).state;
    leptos::mount::mount_to_body(App);
    browser::remove_boot_message();
    // The other lessons' code, fetched while the learner reads the first (an embedded lesson
    // shows only itself, and never needs it).
    if !url.embed {
        leptos::prelude::set_timeout(lazy::load, std::time::Duration::from_millis(500));
    }
    let crash = url.crash;
    if crash {
        // A test hook (`crash=1`): fail on a later frame, as a bug in the simulation loop would.
        leptos::prelude::request_animation_frame(|| panic!("the URL asked Leak Lab to crash (crash=1)"));
    }
}
