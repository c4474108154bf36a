use leptos::prelude::*;

use super::live::Live;
use super::region::Region;

/// How many buffer slots are drawn one by one; larger buffers are drawn as a bar.
const MAX_SLOTS: usize = 32;

/// Each channel of the program: its buffer (filled of capacity) and the goroutines
/// queued to send and to receive. The selected goroutines' channel is marked.
#[component]
pub fn ChannelsView() -> impl IntoView {
    let live = expect_context::<Live>();
    let selected_goids = move || {
        let g = live.selected_group.get()?;
        let mut ids = live.views.with(|v| v.first().and_then(|v| v.groups.get(g)).map(|g| g.goids.clone()))?;
        ids.sort_unstable();
        Some(ids)
    };
    let channels = move || live.views.with(|v| v.first().map(|v| v.channels.clone()).unwrap_or_default());
    view! {
        <Region id="channels" title="Channels">
            <ul class="channels" data-testid="channels">
                {move || {
                    let sel = selected_goids().unwrap_or_default();
                    channels()
                        .into_iter()
                        .map(|c| {
                            let mine = !sel.is_empty()
                                && (c.senders.iter().chain(&c.receivers).any(|g| sel.binary_search(g).is_ok()));
                            let slots = if c.cap <= MAX_SLOTS {
                                (0..c.cap)
                                    .map(|i| view! { <span class="slot" class:full=i < c.len></span> })
                                    .collect_view()
                                    .into_any()
                            } else {
                                let pct = c.len * 100 / c.cap.max(1);
                                view! {
                                    <span class="bar"><span class="bar-fill" style=format!("width:{pct}%")></span></span>
                                }
                                    .into_any()
                            };
                            let queued = |ids: &[u64]| match ids.len() {
                                0 => "none".to_string(),
                                n if n <= 5 => ids.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", "),
                                n => format!("{n} (goroutines {}, {}, … {})", ids[0], ids[1], ids[n - 1]),
                            };
                            view! {
                                <li class="channel" class:selected=mine data-testid=format!("channel-{}", c.name)>
                                    <p class="channel-name">
                                        {(c.count > 1).then(|| format!("{} × ", c.count))}
                                        <code>{c.name.clone()}</code>
                                        {format!(
                                            " len {} of cap {}{}{}",
                                            c.len,
                                            c.cap,
                                            if c.closed { ", closed" } else { "" },
                                            if c.count > 1 { " each" } else { "" },
                                        )}
                                        {mine.then_some(" ◀ selected goroutines wait here")}
                                    </p>
                                    <div class="slots" aria-hidden="true">{slots}</div>
                                    <p class="queue">{format!("queued to send: {}", queued(&c.senders))}</p>
                                    <p class="queue">{format!("queued to receive: {}", queued(&c.receivers))}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Region>
    }
}
