using System.Text.Json;
using System.Threading.Channels;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>
/// The inbox and per-chat ordering. <see cref="AcceptAsync"/> records an update (ignoring
/// re-deliveries); <see cref="ProcessChatAsync"/> handles a chat's unprocessed updates one at a
/// time, in the order they were recorded. Different chats run concurrently (see <see cref="InboxWorker"/>).
/// </summary>
public sealed class ChatProcessor(IServiceScopeFactory scopes, Outbox outbox, Leases leases, BotMetrics metrics, TimeProvider time, ILogger<ChatProcessor> logger)
{
    /// <summary>
    /// How long an instance may go without handling one of a chat's updates before another
    /// instance can take the chat over (renewed with each update; a crashed instance's chats wait this long).
    /// </summary>
    public static readonly TimeSpan ChatLease = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly KeyedLock _locks = new();
    private readonly Channel<string> _work = Channel.CreateUnbounded<string>();

    internal ChannelReader<string> Work => _work.Reader;

    /// <summary>
    /// Records the update in the inbox. Returns its inbox id, or null when this (channel, external id)
    /// was seen before. When <paramref name="queue"/> is true the background worker handles it.
    /// </summary>
    public async Task<long?> AcceptAsync(IncomingMessage message, bool queue, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        // The unique index is the real guard (two deliveries racing); this check keeps the usual
        // re-delivery out of the error log.
        if (await db.Inbox.AnyAsync(e => e.Channel == message.Channel && e.ExternalId == message.ExternalId, ct))
        {
            logger.LogInformation("Ignored re-delivered update {ExternalId} on {Channel}", message.ExternalId, message.Channel);
            metrics.Redelivered(message.Channel);
            return null;
        }

        var entry = new InboxEntry
        {
            Channel = message.Channel,
            ExternalId = message.ExternalId,
            ChatKey = message.ChatKey,
            PayloadJson = JsonSerializer.Serialize(message, Json),
            ReceivedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.Inbox.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // The unique (Channel, ExternalId) index: a re-delivery that raced this one.
            logger.LogInformation("Ignored re-delivered update {ExternalId} on {Channel}", message.ExternalId, message.Channel);
            metrics.Redelivered(message.Channel);
            return null;
        }

        metrics.Received(message.Channel);

        if (queue)
        {
            _work.Writer.TryWrite(entry.ChatKey);
        }

        return entry.Id;
    }

    /// <summary>Queues a chat for the background worker (used at start for updates left unhandled).</summary>
    internal void Queue(string chatKey) => _work.Writer.TryWrite(chatKey);

    /// <summary>
    /// How many times in a row an update is tried while the database stays busy (each try has
    /// already waited the busy timeout) before the caller is told to come back later.
    /// </summary>
    private const int BusyTries = 3;

    /// <summary>
    /// On PostgreSQL a transaction that lost a race to another (a serialization failure) is normal
    /// under load and succeeds when run again: this many tries, a few random milliseconds apart.
    /// </summary>
    private const int ConflictTries = 12;

    /// <summary>
    /// Handles every unprocessed update of one chat, oldest first, holding the chat's lock, and,
    /// when several instances share the database, the chat's lease: an instance that cannot take it
    /// leaves the chat to the one that holds it, which handles everything recorded for the chat.
    /// Throws when the database stays busy; the update is then still unprocessed, to be tried again.
    /// </summary>
    public async Task ProcessChatAsync(string chatKey, CancellationToken ct)
    {
        var lease = $"in:{chatKey}";
        using (await _locks.AcquireAsync(chatKey, ct))
        {
            while (await leases.TryTakeAsync(lease, ChatLease, ct))
            {
                await HandleUnprocessedAsync(chatKey, lease, ct);
                if (!leases.Shared)
                {
                    break;
                }

                // Let go, then look once more: an update another instance recorded while we held
                // the lease was left to us, and nobody else would handle it.
                await leases.ReleaseAsync(lease, ct);
                if (!await HasUnprocessedAsync(chatKey, ct))
                {
                    break;
                }
            }
        }

        outbox.Wake();
    }

    private async Task HandleUnprocessedAsync(string chatKey, string lease, CancellationToken ct)
    {
        var busy = 0;
        var conflicts = 0;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            var entry = await db.Inbox
                .Where(e => e.ChatKey == chatKey && e.ProcessedUtc == null)
                .OrderBy(e => e.Id)
                .FirstOrDefaultAsync(ct);
            if (entry is null || !await leases.TryTakeAsync(lease, ChatLease, ct))
            {
                break;
            }

            try
            {
                await HandleEntryAsync(scope.ServiceProvider, db, entry, lastTry: conflicts + 1 >= ConflictTries, ct);
                busy = 0;
                conflicts = 0;
            }
            catch (Exception ex) when (DbErrors.IsConflict(ex) && ++conflicts < ConflictTries)
            {
                logger.LogDebug("Inbox entry {InboxId} lost a race to another transaction; running it again", entry.Id);
                await Task.Delay(Random.Shared.Next(2, 20) * conflicts, ct); // apart, so the two do not meet again
            }
            catch (Exception ex) when (DbErrors.IsBusy(ex) && !DbErrors.IsConflict(ex) && ++busy < BusyTries)
            {
                logger.LogWarning("Database busy while handling inbox entry {InboxId}; trying again", entry.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Handled meanwhile elsewhere (the entry's mark is checked when it is saved): this
                // transaction rolled back, so nothing was applied twice.
                logger.LogWarning("Inbox entry {InboxId} was handled by another instance meanwhile; not applied again", entry.Id);
            }
        }
    }

    private async Task<bool> HasUnprocessedAsync(string chatKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GroupBotDb>().Inbox.AnyAsync(e => e.ChatKey == chatKey && e.ProcessedUtc == null, ct);
    }

    /// <summary>Runs <paramref name="work"/> while holding a chat's lock (the idle-conversation sweeper uses it).</summary>
    public async Task WithChatLockAsync(string chatKey, Func<Task> work, CancellationToken ct)
    {
        using (await _locks.AcquireAsync(chatKey, ct))
        {
            await work();
        }
    }

    /// <param name="lastTry">A race lost this often is treated as what it then is: a bug (recorded, and she is told).</param>
    private async Task HandleEntryAsync(IServiceProvider services, GroupBotDb db, InboxEntry entry, bool lastTry, CancellationToken ct)
    {
        var handler = services.GetRequiredService<MessageHandler>();
        var message = JsonSerializer.Deserialize<IncomingMessage>(entry.PayloadJson, Json)!;
        using var logScope = logger.BeginScope(LogScope.Update(entry, message));
        var started = System.Diagnostics.Stopwatch.GetTimestamp(); // a physical duration, not domain time
        try
        {
            await handler.HandleAsync(db, entry, message, ct);
            metrics.Step(entry.Channel, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (DbUpdateConcurrencyException ex) when (ex.Entries.Any(e => e.Entity is InboxEntry))
        {
            throw; // not a bug: handled elsewhere meanwhile (see HandleUnprocessedAsync)
        }
        catch (Exception ex) when (DbErrors.IsConflict(ex) && !lastTry)
        {
            throw; // not a bug: another chat's transaction got there first; run again (see HandleUnprocessedAsync)
        }
        catch (Exception ex) when (DbErrors.IsBusy(ex))
        {
            // Not a bug: another writer held the database too long. The transaction rolled back,
            // so nothing of this update was applied; it stays unprocessed and is tried again.
            throw;
        }
        catch (Exception ex)
        {
            // A bug must not block the chat forever: record it, apologise, move on.
            logger.LogError(ex, "Handling inbox entry {InboxId} of {Channel} failed", entry.Id, entry.Channel);
            metrics.Failed("handler", entry.Channel);
            db.ChangeTracker.Clear();
            await using var scope = scopes.CreateAsyncScope();
            var fresh = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
            var stored = await fresh.Inbox.SingleAsync(e => e.Id == entry.Id, ct);
            var now = time.GetUtcNow().UtcDateTime;
            stored.MarkFailed(now, ex.GetType().Name);
            var texts = scope.ServiceProvider.GetRequiredService<Texts>();
            var language = await fresh.ChatIdentities.Where(i => i.Channel == message.Channel && i.Address == message.SenderId)
                .Select(i => i.Person!.Language).FirstOrDefaultAsync(ct) ?? "id";
            Outbox.Enqueue(fresh, message.Channel, message.ChatId, OutgoingMessage.Plain(texts.Get(language, "Error.Unexpected")),
                OutboxPriority.Reply, now, stored.Id);
            await fresh.SaveChangesAsync(ct);
        }
    }
}

/// <summary>Handles queued chats concurrently (one task per chat at a time), and picks up leftovers at start.</summary>
public sealed class InboxWorker(ChatProcessor processor, IServiceScopeFactory scopes, Leases leases, TimeProvider time, ILogger<InboxWorker> logger) : BackgroundService
{
    /// <summary>How many chats are handled at once. SQLite has one writer; more only adds waiting.</summary>
    private const int MaxConcurrentChats = 8;

    /// <summary>With several instances: how often chats with unhandled updates are looked for (a crashed instance's, once its lease expires).</summary>
    private static readonly TimeSpan LeftoverSweep = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await QueueLeftoversAsync(atStart: true, stoppingToken);
        if (leases.Shared)
        {
            _ = SweepLeftoversAsync(stoppingToken);
        }

        using var slots = new SemaphoreSlim(MaxConcurrentChats);
        var running = new List<Task>();
        try
        {
            await foreach (var chatKey in processor.Work.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunAsync(chatKey, slots, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(string chatKey, SemaphoreSlim slots, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await processor.ProcessChatAsync(chatKey, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down; the entry stays unprocessed and is picked up at the next start
        }
        catch (Exception ex)
        {
            // Even the fallback failed (the database is unavailable?): try this chat again shortly.
            logger.LogError(ex, "Processing chat queue failed; retrying in {Delay}", RetryDelay);
            _ = RequeueLaterAsync(chatKey, ct);
        }
        finally
        {
            slots.Release();
        }
    }

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private async Task RequeueLaterAsync(string chatKey, CancellationToken ct)
    {
        try
        {
            await Task.Delay(RetryDelay, time, ct);
            processor.Queue(chatKey);
        }
        catch (OperationCanceledException)
        {
            // shutting down: leftovers are picked up at the next start
        }
    }

    private async Task SweepLeftoversAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeftoverSweep, ct); // physical time: leases count it
                await QueueLeftoversAsync(atStart: false, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Looking for unhandled updates failed; trying again");
            }
        }
    }

    private async Task QueueLeftoversAsync(bool atStart, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var chats = await db.Inbox.Where(e => e.ProcessedUtc == null).Select(e => e.ChatKey).Distinct().ToListAsync(ct);
        foreach (var chat in chats)
        {
            processor.Queue(chat);
        }

        if (chats.Count > 0 && atStart)
        {
            logger.LogInformation("Resuming {Count} chats with unhandled updates", chats.Count);
        }
    }
}
