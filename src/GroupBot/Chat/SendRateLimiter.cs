using GroupBot.Data;

namespace GroupBot.Chat;

/// <summary>
/// A channel's sending limit: at most <see cref="Count"/> sends per <see cref="Per"/> for one key.
/// <paramref name="WholeChannel"/>: the limit is the channel's own for the whole deployment (Telegram's
/// 30 a second), shared out between the live instances; otherwise it is one chat's, and only the
/// instance holding that chat's outbox lease sends to it.
/// </summary>
public readonly record struct RateRule(string Key, int Count, TimeSpan Per, bool WholeChannel = false);

/// <summary>How long until a slot frees; <see cref="WholeChannel"/> when the channel's own limit is the one in the way.</summary>
public readonly record struct RateWait(TimeSpan Wait, bool WholeChannel);

/// <summary>
/// Sliding-window rate limits for sending, per key. A sender asks before each send; when a rule
/// is exhausted it gets the wait until a slot frees, and returns <see cref="SendResult.Throttled"/>
/// so the dispatcher moves on to other chats instead of sleeping. Bulk messages leave one slot of
/// each whole-channel window to replies, so a member who writes during an announcement is answered
/// before the wave goes on.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time, InstanceRegistry? instances = null)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, Queue<DateTime>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _periods = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>This instance's part of a whole-channel limit: an equal share of the live instances', bulk less one for replies.</summary>
    public int Allowed(RateRule rule, OutboxPriority priority)
    {
        if (!rule.WholeChannel)
        {
            return rule.Count;
        }

        var share = Math.Max(1, rule.Count / Math.Max(1, instances?.LiveInstances ?? 1));
        return priority == OutboxPriority.Bulk && share > 1 ? share - 1 : share;
    }

    /// <summary>Takes a slot under every rule, or none: returns null when the send may go now, else how long to wait.</summary>
    public RateWait? TryAcquire(IReadOnlyList<RateRule> rules, OutboxPriority priority = OutboxPriority.Reply)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            var wait = TimeSpan.Zero;
            var wholeChannel = false;
            foreach (var rule in rules)
            {
                var window = Window(rule.Key);
                while (window.Count > 0 && window.Peek() <= now - rule.Per)
                {
                    window.Dequeue();
                }

                var allowed = Allowed(rule, priority);
                if (window.Count >= allowed)
                {
                    // The oldest send in the window must age out first.
                    var free = window.ElementAt(window.Count - allowed) + rule.Per - now;
                    if (free > wait)
                    {
                        wait = free;
                        wholeChannel = rule.WholeChannel;
                    }
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return new RateWait(wait, wholeChannel);
            }

            foreach (var rule in rules)
            {
                Window(rule.Key).Enqueue(now);
                _periods[rule.Key] = rule.Per;
            }

            if (_windows.Count > PruneAbove)
            {
                Prune(now);
            }

            return null;
        }
    }

    private Queue<DateTime> Window(string key)
    {
        if (!_windows.TryGetValue(key, out var window))
        {
            window = new Queue<DateTime>();
            _windows[key] = window;
        }

        return window;
    }

    /// <summary>Forgets keys whose last send is older than their own rule's period: they no longer limit anything.</summary>
    private void Prune(DateTime now)
    {
        foreach (var key in _windows.Where(w => w.Value.Count == 0 || w.Value.Last() <= now - _periods.GetValueOrDefault(w.Key)).Select(w => w.Key).ToList())
        {
            _windows.Remove(key);
            _periods.Remove(key);
        }
    }
}
