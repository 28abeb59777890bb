namespace GroupBot.Chat;

/// <summary>A channel's sending limit: at most <see cref="Count"/> sends per <see cref="Per"/> for one key (a chat, or everything).</summary>
public readonly record struct RateRule(string Key, int Count, TimeSpan Per);

/// <summary>
/// Sliding-window rate limits for sending, per key. A sender asks before each send; when a rule
/// is exhausted it gets the wait until a slot frees, and returns <see cref="SendResult.Throttled"/>
/// so the dispatcher moves on to other chats instead of sleeping.
/// </summary>
public sealed class SendRateLimiter(TimeProvider time)
{
    private const int PruneAbove = 10_000;
    private readonly Dictionary<string, Queue<DateTime>> _windows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeSpan> _periods = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Takes a slot under every rule, or none: returns null when sent may go now, else how long to wait.</summary>
    public TimeSpan? TryAcquire(IReadOnlyList<RateRule> rules)
    {
        var now = time.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            TimeSpan wait = TimeSpan.Zero;
            foreach (var rule in rules)
            {
                var window = Window(rule.Key);
                while (window.Count > 0 && window.Peek() <= now - rule.Per)
                {
                    window.Dequeue();
                }

                if (window.Count >= rule.Count)
                {
                    // The oldest send in the window must age out first.
                    var free = window.ElementAt(window.Count - rule.Count) + rule.Per - now;
                    wait = free > wait ? free : wait;
                }
            }

            if (wait > TimeSpan.Zero)
            {
                return wait;
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
