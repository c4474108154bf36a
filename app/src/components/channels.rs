use leptos::prelude::*;

use super::live::Live;
use super::region::Region;

/// How many buffer slots are drawn one by one; larger buffers are drawn as a bar.
const MAX_SLOTS: usize = 32;

/// Each channel of the program: its buffer (filled of capacity) and the goroutines
/// queued to send and to receive. The selected goroutines' channel is marked.
#[component]
pub fn ChannelsView(
    /// The variants on screen, by name (two in compare mode: each gets its list).
    #[prop(into)]
    names: Signal<Vec<String>>,
) -> impl IntoView {
    let lists = move || {
        let names = names.get();
        let n = names.len().max(1);
        (0..n)
            .map(|i| {
                let heading = (n > 1).then(|| {
                    view! { <h3 class="compare-label">{t!("Variant: {0}", crate::i18n::tr_variant(&names.get(i).cloned().unwrap_or_default()))}</h3> }
                });
                view! {
                    {heading}
                    <ChannelList session=i />
                }
            })
            .collect_view()
    };
    view! {
        <Region id="channels" title=|| t!("Channels")>
            {lists}
        </Region>
    }
}

/// The channels of one session.
#[component]
fn ChannelList(session: usize) -> impl IntoView {
    let live = expect_context::<Live>();
    let selected_goids = move || {
        if session != 0 {
            return None;
        }
        let g = live.selected_group.get()?;
        let mut ids = live.views.with(|v| v.first().and_then(|v| v.groups.get(g)).map(|g| g.goids.to_vec()))?;
        ids.sort_unstable();
        Some(ids)
    };
    let channels = move || live.views.with(|v| v.get(session).map(|v| v.channels.clone()).unwrap_or_default());
    let empty = move || channels().is_empty();
    view! {
        <Show when=empty>
            <p class="pending" data-testid=format!("channels-empty-{session}")>
                {t!("This program has made no channel yet: its goroutines wait on timers, the network or locks instead.")}
            </p>
        </Show>
        <ul class="channels" data-testid=if session == 0 { "channels".to_string() } else { format!("channels-{session}") }>
                {move || {
                    let sel = selected_goids().unwrap_or_default();
                    channels()
                        .into_iter()
                        .map(|c| {
                            let mine = !sel.is_empty()
                                && (c.senders.iter().chain(c.receivers.iter()).any(|g| sel.binary_search(g).is_ok()));
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
                            let queued = |ids: &[u64]| queue_text(ids);
                            view! {
                                <li class="channel" class:selected=mine data-testid=format!("channel-{}", c.name)>
                                    <p class="channel-name">
                                        {(c.count > 1).then(|| format!("{} × ", c.count))}
                                        <code>{c.name.clone()}</code>
                                        {t!(
                                            " len {0} of cap {1}{2}{3}",
                                            c.len,
                                            c.cap,
                                            if c.closed { t!(", closed") } else { "" },
                                            if c.count > 1 { t!(" each") } else { "" },
                                        )}
                                        {mine.then_some(t!(" ◀ selected goroutines wait here"))}
                                    </p>
                                    <div class="slots" aria-hidden="true">{slots}</div>
                                    <p class="queue">{t!("waiting to send: {0}", queued(&c.senders))}</p>
                                    <p class="queue">{t!("waiting to receive: {0}", queued(&c.receivers))}</p>
                                </li>
                            }
                        })
                        .collect_view()
                }}
        </ul>
    }
}

/// The goroutines queued on one side of a channel: a count first, then their ids.
pub fn queue_text(ids: &[u64]) -> String {
    let list = |ids: &[u64]| ids.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", ");
    match ids.len() {
        0 => t!("no goroutine").to_string(),
        1 => t!("1 goroutine (id {0})", ids[0]),
        n if n <= 5 => t!("{0} goroutines (ids {1})", n, list(ids)),
        n => t!("{0} goroutines (ids {1}, {2}, … {3})", crate::i18n::int(n as u64), ids[0], ids[1], ids[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::queue_text;

    #[test]
    fn queues_say_a_count_then_ids() {
        assert_eq!(queue_text(&[]), "no goroutine");
        assert_eq!(queue_text(&[6]), "1 goroutine (id 6)");
        assert_eq!(queue_text(&[6, 7]), "2 goroutines (ids 6, 7)");
        assert_eq!(queue_text(&[1, 2, 3, 4, 5, 6]), "6 goroutines (ids 1, 2, … 6)");
    }
}
