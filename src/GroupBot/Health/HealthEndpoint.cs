using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Health;

/// <summary>
/// GET /health: database, scheduler, inbox, outbox and channels, as JSON; 503 when something
/// essential is down. It shows counts and times only, never names or numbers of people.
/// </summary>
public static class HealthEndpoint
{
    // Uptime is a physical duration since the process started: the system clock, not the injected
    // one (tests move that one by days).
    private static readonly DateTime StartedUtc = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(
        GroupBotDb db, DatabaseSettings databaseSettings, ISchedulerFactory schedulers, IEnumerable<IChannelSender> senders, TimeProvider time, IOptions<GroupBotOptions> options, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        object? inbox = null, outbox = null, channels = null;
        string database;
        try
        {
            var dayAgo = now.AddDays(-1);
            var oldestPending = await db.Outbox.Where(o => o.Status == OutboxStatus.Pending).MinAsync(o => (DateTime?)o.CreatedUtc, ct);
            outbox = new
            {
                pending = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending, ct),
                waiting = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Waiting, ct),
                failedLastDay = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed && o.CreatedUtc >= dayAgo, ct),
                oldestPendingSeconds = oldestPending is { } t ? (long)Math.Max(0, (now - t).TotalSeconds) : 0,
            };
            var received = await db.Inbox.GroupBy(e => e.Channel).Select(g => new { g.Key, Last = g.Max(e => e.ReceivedUtc) }).ToListAsync(ct);
            inbox = new
            {
                unhandled = await db.Inbox.CountAsync(e => e.ProcessedUtc == null, ct),
                lastReceivedUtc = received.Count == 0 ? (DateTime?)null : received.Max(r => r.Last),
            };
            var sent = await db.Outbox.Where(o => o.SentUtc != null).GroupBy(o => o.Channel).Select(g => new { g.Key, Last = g.Max(o => o.SentUtc) }).ToListAsync(ct);
            channels = senders.Select(s => new
            {
                name = s.Channel,
                lastReceivedUtc = received.FirstOrDefault(r => r.Key == s.Channel)?.Last,
                lastSentUtc = sent.FirstOrDefault(r => r.Key == s.Channel)?.Last,
            }).ToArray();
            database = "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            database = "unavailable";
        }

        string scheduler;
        int jobs = 0;
        try
        {
            var s = await schedulers.GetScheduler(ct);
            scheduler = await s.GetStatus(ct) switch
            {
                SchedulerStatus.Running => "ok",
                SchedulerStatus.Created or SchedulerStatus.Standby => "starting",
                _ => "stopped",
            };
            if (scheduler == "ok")
            {
                jobs = (await s.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), ct)).Count;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scheduler = "unavailable";
        }

        var healthy = database == "ok" && scheduler is "ok" or "starting";
        var gc = GC.GetGCMemoryInfo();
        var databaseBytes = await DatabaseBytesAsync(db, databaseSettings, options.Value, ct);
        var body = new
        {
            status = healthy ? "healthy" : "unhealthy",
            version = typeof(HealthEndpoint).Assembly.GetName().Version?.ToString(),
            uptimeSeconds = (long)(TimeProvider.System.GetUtcNow().UtcDateTime - StartedUtc).TotalSeconds,
            database,
            databaseProvider = databaseSettings.Provider.ToString(),
            databaseBytes,
            memory = new
            {
                workingSetBytes = Environment.WorkingSet,
                gcHeapBytes = gc.HeapSizeBytes,
                gcCommittedBytes = gc.TotalCommittedBytes,
            },
            scheduler,
            reminders = new { jobs },
            inbox,
            outbox,
            channels,
        };
        return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<long> DatabaseBytesAsync(GroupBotDb db, DatabaseSettings settings, GroupBotOptions options, CancellationToken ct)
    {
        if (!settings.IsPostgres)
        {
            var file = new FileInfo(Path.Combine(options.DataDirectory, DataExtensions.DatabaseFileName));
            return file.Exists ? file.Length : 0;
        }

        try
        {
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        }
        catch (Exception ex) when (DbErrors.IsUnavailable(ex))
        {
            return 0;
        }
    }
}
