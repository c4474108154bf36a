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
    // A learner who reads German gets its texts before the page renders (English is built in).
    if components::initial_lang(&query) == i18n::Lang::De && !i18n::german_loaded() {
        waits.set(waits.get() + 1);
        let arrived = arrived.clone();
        browser::fetch_text(components::GERMAN_UI, move |text| {
            if let Err(e) = text.and_then(|t| i18n::load_german(&t)) {
                leptos::logging::warn!("German is not available ({e}); showing English");
            }
            arrived();
        });
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
