using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>
/// Sends pending outbox rows through their channel's sender. Replies go before bulk messages;
/// messages to one chat go in order (a chat whose first message is waiting to retry holds the
/// rest back). Transient failures (5xx, timeouts, refused connections, 429) back off
/// exponentially up to <see cref="MaxBackoff"/>, honouring the channel's retry-after, and keep
/// being retried until the message is <see cref="MaxAge"/> old: an outage of minutes or hours
/// delays messages, it does not lose them. Permanent failures are recorded at once.
/// <para>
/// If the process dies after a channel accepted a message and before its row is marked sent, no
/// channel can tell us whether it arrived. Replies are therefore sent at least once: the row is
/// still pending and goes again (she may see a reply twice). Messages with a delivery key
/// (reminders, announcements, summaries) are sent at most once, as promised: the row is marked
/// <see cref="OutboxStatus.Sending"/> before the channel is called, and a row found so at start
/// is not sent again but marked failed as interrupted, where facilitators can see it.
/// </para>
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<IChannelSender> senders,
    Outbox outbox,
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

    private const int BatchSize = 200;
    private const long PriorityStride = 1_000_000_000_000;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, IChannelSender> _senders = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);


    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var resolved = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!resolved)
                {
                    await ResolveInterruptedAsync(stoppingToken);
                    resolved = true;
                }

                var sent = await DispatchOnceAsync(stoppingToken);
                if (sent == 0)
                {
                    await outbox.WaitAsync(PollInterval, stoppingToken);
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
    }

    /// <summary>At start, before sending anything: rows the previous process left mid-send are failed, not repeated.</summary>
    public async Task ResolveInterruptedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        // A process sends one message at a time: a stop leaves at most one such row.
        var interrupted = await db.Outbox.Where(o => o.Status == OutboxStatus.Sending).ToListAsync(ct);
        foreach (var row in interrupted)
        {
            row.Interrupt();
        }

        await db.SaveChangesAsync(ct);
        if (interrupted.Count > 0)
        {
            logger.LogWarning("{Count} keyed outbox messages were interrupted mid-send by the last stop; marked failed, not sent again", interrupted.Count);
            metrics.Failed("send_interrupted", count: interrupted.Count);
        }
    }

    /// <summary>Sends what is due now. Returns how many rows were attempted.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var now = time.GetUtcNow().UtcDateTime;

        // The first pending row of each chat (so each chat's messages go in order), if it is due,
        // replies first. Chosen in SQL: one chat with thousands of waiting rows must not hide the rest.
        var channels = _senders.Keys.ToList();
        // Within a chat, a reply goes before waiting bulk messages (priority first, then order):
        // the smallest (priority, id) per chat, packed into one number so SQL can take its minimum.
        var heads = db.Outbox
            .Where(o => o.Status == OutboxStatus.Pending && channels.Contains(o.Channel))
            .GroupBy(o => new { o.Channel, o.ChatId })
            .Select(g => g.Min(o => (long)o.Priority * PriorityStride + o.Id) % PriorityStride);
        var batch = await db.Outbox
            .Where(o => heads.Contains(o.Id) && o.NextAttemptUtc <= now)
            .OrderBy(o => o.Priority).ThenBy(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(ct);

        foreach (var row in batch)
        {
            // Stopping: finish the send in flight (SendOneAsync), start no new one.
            ct.ThrowIfCancellationRequested();
            await SendOneAsync(db, row, ct);
        }

        return batch.Count;
    }

    private async Task SendOneAsync(GroupBotDb db, OutboxMessage row, CancellationToken ct)
    {
        var sender = _senders[row.Channel];
        if (row.DeliveryKey is not null)
        {
            // At most once: committed before the channel is called (see the class summary).
            row.MarkSending();
            await db.SaveChangesAsync(ct);
        }

        // From here on the stopping token is not passed: a send in flight when the bot stops is
        // finished and recorded (the channel clients have their own timeouts), never abandoned
        // with its outcome unknown. A throttle's wait counts from when the limiter was asked.
        var asked = time.GetUtcNow().UtcDateTime;
        SendResult result;
        try
        {
            result = await sender.SendAsync(new SendContext(row.ChatId, row.Priority, row.Attempts, row.UseTemplate), Outbox.Read(row), CancellationToken.None);
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
            catch (Exception ex) when (SqliteErrors.IsBusy(ex))
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
