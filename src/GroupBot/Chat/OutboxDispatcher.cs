using System.Collections.Concurrent;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Chat;

/// <summary>
/// Sends pending outbox rows through their channel's sender: many chats at once (up to
/// Outbox:MaxParallelSends), each chat's messages one at a time and in order (a chat whose first
/// message is waiting to retry holds the rest back), replies before bulk messages. With several
/// instances on one PostgreSQL, a chat's sending belongs to one instance at a time (a lease, see
/// <see cref="ChatLease"/>). Transient failures (5xx, timeouts, refused connections, 429) back off
/// exponentially up to <see cref="MaxBackoff"/>, honouring the channel's retry-after, and keep
/// being retried until the message is <see cref="MaxAge"/> old: an outage of minutes or hours
/// delays messages, it does not lose them. Permanent failures are recorded at once.
/// <para>
/// If the process dies after a channel accepted a message and before its row is marked sent, no
/// channel can tell us whether it arrived. Replies are therefore sent at least once: the row is
/// still pending and goes again (she may see a reply twice). Messages with a delivery key
/// (reminders, announcements, summaries) are sent at most once, as promised: the row is marked
/// <see cref="OutboxStatus.Sending"/> before the channel is called, and a row found so at start
/// (or, with several instances, once its chat's lease has expired) is not sent again but marked
/// failed as interrupted, where facilitators can see it. A crash can catch several such rows, one
/// per chat in flight.
/// </para>
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IChannelSender> senders,
    Outbox outbox,
    Leases leases,
    IOptions<OutboxOptions> options,
    BotMetrics metrics,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// A message the channel still refuses for a transient reason this long after it was queued is
    /// no longer useful (a reply to a question from yesterday, a reminder for a meeting that is over):
    /// it is marked failed, where facilitators can see it. Until then it is retried.
    /// </summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    /// <summary>
    /// Tries a message gets before <see cref="MaxAge"/> can end it: a message held for days (the
    /// WhatsApp window) and released when she writes is not dropped on its first hiccup.
    /// </summary>
    public const int MinAttempts = 8;

    /// <summary>The longest wait between two attempts, so messages go out within this long after an outage ends.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    /// <summary>The reason on a keyed message a crash left mid-send (see the class summary).</summary>
    public const string InterruptedError = "interrupted while sending (the bot stopped): not sent again, so that it is never sent twice; it may not have arrived";

    /// <summary>
    /// How long an instance keeps a chat's sending after its last send (several instances, see
    /// <see cref="Leases"/>): a chat's per-minute limit is then counted by one instance, and a
    /// crashed instance's chats go to another this long after its last send.
    /// </summary>
    public static readonly TimeSpan ChatLease = TimeSpan.FromSeconds(60);

    private const long PriorityStride = 1_000_000_000_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    /// <summary>Chats with a send in flight here ("channel:chat"): one at a time per chat.</summary>
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Until when a channel's whole limit is used up, per priority: no new sends of that kind start before.</summary>
    private readonly ConcurrentDictionary<(string Channel, OutboxPriority Priority), DateTime> _paused = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resolved = false;
        var lastResolved = System.Diagnostics.Stopwatch.StartNew(); // physical time, as leases
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // At start; with several instances also now and then, for an instance that crashed.
                if (!resolved || (leases.Shared && lastResolved.Elapsed > ChatLease / 2))
                {
                    await ResolveInterruptedAsync(stoppingToken);
                    resolved = true;
                    lastResolved.Restart();
                }

                var (_, more) = await StartDueAsync(stoppingToken);
                if (!more || _inFlight.Count >= options.Value.MaxParallelSends)
                {
                    // A finished send wakes the loop too (a slot is free).
                    await outbox.WaitAsync(NextWake(), stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying shortly");
                metrics.Failed("dispatch");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Stopping: the sends in flight finish and are recorded; no new one starts.
        await Task.WhenAll(_inFlight.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The poll interval, or sooner when a paused channel frees up.</summary>
    private TimeSpan NextWake()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var soonest = _paused.Values.Where(u => u > now).DefaultIfEmpty(now + PollInterval).Min() - now;
        return soonest < PollInterval ? soonest + TimeSpan.FromMilliseconds(1) : PollInterval;
    }

    /// <summary>
    /// At start, before sending anything: rows a stopped process left mid-send are failed, not
    /// repeated. With several instances only rows of chats whose lease has expired (their instance
    /// is gone); a live instance's sends in flight are left alone.
    /// </summary>
    public async Task ResolveInterruptedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        // Taken before the query: a send of ours that finishes meanwhile is not mistaken for a lost one.
        var busy = _inFlight.Keys.ToHashSet(StringComparer.Ordinal);
        var interrupted = await db.Outbox.Where(o => o.Status == OutboxStatus.Sending).ToListAsync(ct);
        var resolved = 0;
        foreach (var row in interrupted)
        {
            if (!busy.Contains(ChatOf(row)) && await leases.TryTakeAsync(LeaseOf(row), ChatLease, ct))
            {
                row.Interrupt();
                resolved++;
            }
        }

        await db.SaveChangesAsync(ct);
        if (resolved > 0)
        {
            logger.LogWarning("{Count} keyed outbox messages were interrupted mid-send by the last stop; marked failed, not sent again", resolved);
            metrics.Failed("send_interrupted", count: resolved);
        }
    }

    /// <summary>Sends what is due now and waits for those sends. Returns how many rows were attempted.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var (started, _) = await StartDueAsync(ct);
        await Task.WhenAll(_inFlight.Values);
        return started;
    }

    /// <summary>
    /// Starts a send for the first due row of as many chats as there are free slots, replies first.
    /// Returns how many started, and whether more may be due (every row asked for was found).
    /// </summary>
    private async Task<(int Started, bool More)> StartDueAsync(CancellationToken ct)
    {
        var free = options.Value.MaxParallelSends - _inFlight.Count;
        if (free <= 0)
        {
            return (0, true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        // Chats in flight when the query starts are left out of this round: the row it finds for
        // one may be the very one being sent, finished by the time the loop gets to it.
        var busy = _inFlight.Keys.ToHashSet(StringComparer.Ordinal);
        var take = free + busy.Count;
        var batch = await HeadsAsync(now, take, ct);
        var started = 0;
        foreach (var row in batch)
        {
            if (started >= free)
            {
                break;
            }

            // Stopping: finish the sends in flight, start no new one.
            ct.ThrowIfCancellationRequested();
            var chat = ChatOf(row);
            if (busy.Contains(chat) || !await leases.TryTakeAsync(LeaseOf(row), ChatLease, ct))
            {
                continue;
            }

            started++;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlight[chat] = done.Task;
            _ = RunAsync(row, chat, done);
        }

        return (started, batch.Count >= take);
    }

    /// <summary>
    /// The first row of each chat (so each chat's messages go in order), if it is due, replies
    /// first; chosen in SQL: one chat with thousands of waiting rows must not hide the rest. A row
    /// mid-send is a chat's first row too (its chat waits); with several instances, chats another
    /// instance holds are left out.
    /// </summary>
    private async Task<List<OutboxMessage>> HeadsAsync(DateTime now, int take, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var channels = _senders.Keys.ToList();
        List<string> Paused(OutboxPriority priority) => [.. _paused.Where(p => p.Value > now && p.Key.Priority == priority).Select(p => p.Key.Channel)];
        var pausedBulk = Paused(OutboxPriority.Bulk);
        var pausedReplies = Paused(OutboxPriority.Reply);

        // Within a chat, a reply goes before waiting bulk messages (priority first, then order):
        // the smallest (priority, id) per chat, packed into one number so SQL can take its minimum.
        var heads = db.Outbox
            .Where(o => (o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Sending) && channels.Contains(o.Channel))
            .GroupBy(o => new { o.Channel, o.ChatId })
            .Select(g => g.Min(o => (long)o.Priority * PriorityStride + o.Id) % PriorityStride);
        var due = db.Outbox.AsNoTracking()
            .Where(o => heads.Contains(o.Id) && o.Status == OutboxStatus.Pending && o.NextAttemptUtc <= now)
            .Where(o => !(o.Priority == OutboxPriority.Bulk && pausedBulk.Contains(o.Channel)) && !(o.Priority == OutboxPriority.Reply && pausedReplies.Contains(o.Channel)));
        if (leases.Shared)
        {
            var owner = leases.Owner;
            var wallNow = TimeProvider.System.GetUtcNow().UtcDateTime; // leases count physical time
            due = due.Where(o => !db.Set<Lease>().Any(l => l.Name == "out:" + o.Channel + ":" + o.ChatId && l.Owner != owner && l.ExpiresUtc >= wallNow));
        }

        return await due.OrderBy(o => o.Priority).ThenBy(o => o.Id).Take(take).ToListAsync(ct);
    }

    private async Task RunAsync(OutboxMessage row, string chat, TaskCompletionSource done)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            db.Outbox.Attach(row);
            await SendOneAsync(db, row, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Sending outbox message {OutboxId} failed; it is tried again", row.Id);
            metrics.Failed("dispatch");
        }
        finally
        {
            _inFlight.TryRemove(chat, out _);
            done.TrySetResult();
            outbox.Wake();
        }
    }

    /// <summary>A whole-channel slot that frees within this long is waited for in place, keeping the channel at its limit.</summary>
    private static readonly TimeSpan ShortWait = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The sender's rate limits; when the channel's own window frees within <see cref="ShortWait"/>,
    /// waits for it in place (a few times) instead of going back to the queue: a round of the
    /// dispatch loop per freed slot kept Telegram at ~90 % of its 30 a second. The wait is the bot's
    /// clock or a little real time, whichever ends first, so a stopped test clock cannot hold it.
    /// </summary>
    private async Task<RateWait?> ReserveAsync(IChannelSender sender, SendContext to)
    {
        for (var tries = 0; ; tries++)
        {
            var wait = sender.TryReserve(to);
            if (wait is not { WholeChannel: true } w || w.Wait > ShortWait || tries >= 3)
            {
                return wait;
            }

            await Task.WhenAny(Task.Delay(w.Wait, time), Task.Delay(w.Wait + TimeSpan.FromMilliseconds(20)));
        }
    }

    private static string ChatOf(OutboxMessage row) => $"{row.Channel}:{row.ChatId}";

    private static string LeaseOf(OutboxMessage row) => $"out:{row.Channel}:{row.ChatId}";

    private async Task SendOneAsync(GroupBotDb db, OutboxMessage row, CancellationToken ct)
    {
        var sender = _senders[row.Channel];
        var to = new SendContext(row.ChatId, row.Priority, row.Attempts, row.UseTemplate);

        // The rate limits first, before anything is written: a throttle's wait counts from here.
        var asked = time.GetUtcNow().UtcDateTime;
        if (await ReserveAsync(sender, to) is { } wait)
        {
            if (wait.WholeChannel)
            {
                // The channel's own limit: every chat of this kind waits, so nothing is written;
                // the row is simply still due when the window frees. The loop looks again a little
                // before that, so the next sends are lined up (waiting in place) when it does.
                _paused[(row.Channel, row.Priority)] = asked + wait.Wait - ShortWait / 2;
                return;
            }

            row.Throttle(asked + wait.Wait);
            await SaveOutcomeAsync(db, row);
            return;
        }

        if (row.DeliveryKey is not null)
        {
            // At most once: committed before the channel is called (see the class summary).
            row.MarkSending();
            await db.SaveChangesAsync(ct);
        }

        // From here on the stopping token is not passed: a send in flight when the bot stops is
        // finished and recorded (the channel clients have their own timeouts), never abandoned
        // with its outcome unknown.
        SendResult result;
        try
        {
            result = await sender.SendAsync(to, Outbox.Read(row), CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Send of outbox message {OutboxId} on {Channel} threw", row.Id, row.Channel);
            result = new SendResult.Transient(ex.GetType().Name);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (result is SendResult.Throttled throttled)
        {
            row.Throttle(asked + throttled.Wait);
            await SaveOutcomeAsync(db, row);
            return;
        }

        var attempt = row.Attempts + 1; // this one
        switch (result)
        {
            case SendResult.Sent sent:
                row.MarkSent(sent.ExternalId, now);
                metrics.Sent(row.Channel);
                break;

            case SendResult.Transient t when now - row.CreatedUtc < MaxAge || attempt < MinAttempts:
                var backoff = t.RetryAfter ?? Backoff(attempt);
                row.Retry(t.Reason, now + backoff);
                logger.LogInformation("Outbox message {OutboxId} on {Channel} will retry in {Delay}: {Reason}", row.Id, row.Channel, backoff, t.Reason);
                metrics.Failed("send_retry", row.Channel);
                break;

            case SendResult.Transient t:
                row.Fail($"gave up after {attempt} attempts over {MaxAge.TotalHours:0} hours: {t.Reason}");
                logger.LogWarning("Outbox message {OutboxId} on {Channel} failed: still refused after {Attempts} attempts over {MaxAge}", row.Id, row.Channel, row.Attempts, MaxAge);
                metrics.Failed("send_failed", row.Channel);
                break;

            case SendResult.Waiting w:
                row.Hold(w.Reason);
                break;

            case SendResult.Permanent p:
                row.Fail(p.Reason);
                logger.LogWarning("Outbox message {OutboxId} on {Channel} failed permanently: {Reason}", row.Id, row.Channel, p.Reason);
                metrics.Failed("send_failed", row.Channel);
                if (p.Unreachable)
                {
                    await MarkUnreachableAsync(db, row, now, CancellationToken.None);
                }

                break;
        }

        await SaveOutcomeAsync(db, row);
    }

    /// <summary>
    /// What the channel said is recorded even when the database is busy for a while: giving up
    /// would send a reply again, or leave a reminder looking interrupted.
    /// </summary>
    private async Task SaveOutcomeAsync(GroupBotDb db, OutboxMessage row)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (DbErrors.IsBusy(ex))
            {
                // Keep trying: a keyed row left "Sending" would never be retried, and nothing else
                // can be sent while the database is busy anyway.
                logger.LogWarning("Database busy while recording the send of outbox message {OutboxId}; trying again", row.Id);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 200 * attempt)), CancellationToken.None); // a lock is waited out in real time
            }
        }
    }

    private static async Task MarkUnreachableAsync(GroupBotDb db, OutboxMessage row, DateTime now, CancellationToken ct)
    {
        var identity = await db.ChatIdentities.SingleOrDefaultAsync(i => i.Channel == row.Channel && i.Address == row.ChatId, ct);
        if (identity is not null)
        {
            identity.UnreachableUtc ??= now;
        }
    }

    /// <summary>After the n-th attempt: 2 s, 4 s, 8 s … capped at <see cref="MaxBackoff"/>.</summary>
    public static TimeSpan Backoff(int attempts) => ExponentialBackoff.Delay(attempts, TimeSpan.FromSeconds(2), 2, MaxBackoff);
}
