using GroupBot.Chat;
using GroupBot.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GroupBot.Health;

/// <summary>GET /health: database, scheduler and channels, as JSON; 503 when something essential is down.</summary>
public static class HealthEndpoint
{
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapGet("/health", CheckAsync);
        return app;
    }

    private static async Task<IResult> CheckAsync(GroupBotDb db, ISchedulerFactory schedulers, IEnumerable<IChannelSender> senders, CancellationToken ct)
    {
        string database;
        int pendingOutbox = 0;
        try
        {
            pendingOutbox = await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending, ct);
            database = "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            database = "unavailable";
        }

        string scheduler;
        try
        {
            var s = await schedulers.GetScheduler(ct);
            scheduler = await s.GetStatus(ct) switch
            {
                SchedulerStatus.Running => "ok",
                SchedulerStatus.Created or SchedulerStatus.Standby => "starting",
                _ => "stopped",
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            scheduler = "unavailable";
        }

        var healthy = database == "ok" && scheduler is "ok" or "starting";
        var body = new
        {
            status = healthy ? "healthy" : "unhealthy",
            database,
            scheduler,
            channels = senders.Select(s => s.Channel).ToArray(),
            outbox = new { pending = pendingOutbox },
        };
        return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
