using GroupBot.Data;
using Quartz;

namespace GroupBot.Scheduling;

/// <summary>
/// Writing Quartz triggers the same way everywhere: in the deployment's time zone, from the
/// injected clock, replaced whole (no old trigger left behind), and left alone when the stored
/// ones already say the same (a fire missed while the bot was down then still fires late).
/// Features build their jobs; this knows no feature.
/// </summary>
public sealed class JobSchedule(ISchedulerFactory schedulers, LocalClock clock)
{
    /// <summary>Quartz group of the daily and weekly jobs (follow-ups, the Monday summary, backups, the hourly sync).</summary>
    public const string DailyGroup = "daily";

    private static readonly string[] CronDays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public async Task UnscheduleAsync(JobKey key, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(key, ct);
    }

    public async Task<bool> ExistsAsync(JobKey key, CancellationToken ct) => await (await schedulers.GetScheduler(ct)).Exists(key, ct);

    /// <summary>A job that runs every day (<paramref name="day"/> null) or every week on that day, at a local time.</summary>
    public Task<bool> EveryAsync<TJob>(string name, TimeOnly at, DayOfWeek? day, CancellationToken ct) where TJob : IJob
    {
        var key = new JobKey(name, DailyGroup);
        return ReplaceIfChangedAsync(JobBuilder.Create<TJob>().WithIdentity(key).Build(),
            [Cron(key, day is null ? "daily" : day.Value.ToString().ToLowerInvariant(), at.ToTimeSpan(), day, dayOffset: 0)], ct);
    }

    /// <summary>
    /// Replaces a job's triggers, unless the stored ones already say the same (then a fire missed
    /// while the bot was down is kept, and Quartz fires it late instead of losing it).
    /// </summary>
    /// <returns>Whether triggers were written.</returns>
    public async Task<bool> ReplaceIfChangedAsync(IJobDetail job, ITrigger[] triggers, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var stored = await scheduler.GetTriggersOfJob(job.Key, ct);
        var same = stored.Count == triggers.Length && triggers.All(t => stored.Any(s =>
            s.Key.Equals(t.Key) && s is ICronTrigger a && t is ICronTrigger b
            && a.CronExpressionString == b.CronExpressionString && a.TimeZone.Id == b.TimeZone.Id));
        if (!same)
        {
            await ReplaceAsync(job, triggers, ct);
        }

        return !same;
    }

    /// <summary>Deletes the job with all its triggers and schedules it anew (nothing, when there are no triggers).</summary>
    public async Task ReplaceAsync(IJobDetail job, ITrigger[] triggers, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(job.Key, ct);
        if (triggers.Length > 0)
        {
            await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, ct);
        }
    }

    /// <summary>A weekly (or daily, when <paramref name="day"/> is null) cron trigger in the deployment's time zone.</summary>
    public ITrigger Cron(JobKey job, string name, TimeSpan at, DayOfWeek? day, int dayOffset) =>
        TriggerBuilder.Create()
            .WithIdentity($"{job.Name}-{name}", job.Group)
            .ForJob(job)
            .UsingJobData("kind", name)
            .UsingJobData("dayOffset", dayOffset)
            // From the injected clock: TriggerBuilder's default start is the machine's clock.
            .StartAt(new DateTimeOffset(clock.UtcNow, TimeSpan.Zero))
            .WithCronSchedule($"0 {at.Minutes} {at.Hours} ? * {(day is { } d ? CronDays[(int)d] : "*")}", c => c
                .InTimeZone(clock.Zone)
                // Fired late (the bot was down): once, now. The job decides whether it is still useful.
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();

    /// <summary>A one-off trigger; one that fired late (the bot was down) fires at once.</summary>
    public static ITrigger Once(JobKey job, string name, DateTime atUtc) =>
        TriggerBuilder.Create()
            .WithIdentity($"{job.Name}-{name}", job.Group)
            .ForJob(job)
            .UsingJobData("kind", name)
            .StartAt(new DateTimeOffset(atUtc, TimeSpan.Zero))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
