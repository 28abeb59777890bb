using Quartz;

namespace GroupBot.Scheduling;

/// <summary>
/// A feature's part in keeping Quartz in step with the data: write its daily jobs, and put back
/// the triggers a crash or an import left missing. Runs at start (after Quartz starts) and hourly.
/// </summary>
public interface IScheduleSync
{
    /// <returns>How many jobs were written.</returns>
    Task<int> SyncAsync(CancellationToken ct);
}

/// <summary>Runs every feature's <see cref="IScheduleSync"/>; one failing does not stop the others.</summary>
public sealed class ScheduleSync(IEnumerable<IScheduleSync> parts, ILogger<ScheduleSync> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var written = 0;
        foreach (var part in parts)
        {
            try
            {
                written += await part.SyncAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next hourly run tries again; the bot keeps answering meanwhile.
                logger.LogError(ex, "Schedule sync of {Part} failed", part.GetType().Name);
            }
        }

        return written;
    }
}

/// <summary>Hourly: <see cref="ScheduleSync"/>.</summary>
public sealed class ScheduleSyncJob(ScheduleSync sync) : IJob
{
    /// <summary>The key is the one the first versions used, so an existing scheduler.db keeps its hourly trigger.</summary>
    public static readonly JobKey Key = new("reminder-sync", JobSchedule.DailyGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => await sync.RunAsync(cancellationToken);
}

/// <summary>At start: the hourly sync job, then one sync.</summary>
public sealed class SchedulingStartup(JobSchedule schedule, ScheduleSync sync, TimeProvider time, ILogger<SchedulingStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await schedule.ExistsAsync(ScheduleSyncJob.Key, stoppingToken))
            {
                await schedule.ReplaceAsync(JobBuilder.Create<ScheduleSyncJob>().WithIdentity(ScheduleSyncJob.Key).Build(),
                    [TriggerBuilder.Create().WithIdentity("reminder-sync-hourly", JobSchedule.DailyGroup).ForJob(ScheduleSyncJob.Key)
                        .StartAt(time.GetUtcNow().AddHours(1))
                        .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build()],
                    stoppingToken);
            }

            await sync.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            // The hourly sync tries again; the bot keeps answering meanwhile.
            logger.LogError(ex, "Scheduling at start failed");
        }
    }
}
