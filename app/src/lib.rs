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
    // A learner who reads German gets its texts before the page renders (English is built in).
    if components::initial_lang(&browser::current_query()) == i18n::Lang::De && !i18n::german_loaded() {
        browser::fetch_text(components::GERMAN_UI, |text| {
            if let Err(e) = text.and_then(|t| i18n::load_german(&t)) {
                leptos::logging::warn!("German is not available ({e}); showing English");
            }
            mount();
        });
    } else {
        mount();
    }
}

fn mount() {
    let crash = url_state::parse_query(&browser::current_query()).state.crash;
    leptos::mount::mount_to_body(App);
    browser::remove_boot_message();
    if crash {
        // A test hook (`crash=1`): fail on a later frame, as a bug in the simulation loop would.
        leptos::prelude::request_animation_frame(|| panic!("the URL asked Leak Lab to crash (crash=1)"));
    }
}
