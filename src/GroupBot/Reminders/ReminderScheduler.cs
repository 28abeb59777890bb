using GroupBot.Attendance;
using GroupBot.Data;
using GroupBot.Groups;
using GroupBot.Trainings;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Reminders;

/// <summary>
/// Keeps Quartz's triggers in step with the data: one job per group (two weekly cron triggers),
/// one per extra meeting and one per training (one-off triggers). Every change deletes the job
/// and schedules it anew, so no old trigger is left behind.
/// </summary>
public sealed class ReminderScheduler(ISchedulerFactory schedulers, LocalClock clock, IOptions<ReminderOptions> options, IOptions<Backups.BackupOptions> backups)
{
    public const string MeetingsGroup = "meetings";
    public const string ExtraMeetingsGroup = "extra-meetings";
    public const string TrainingsGroup = "trainings";
    public const string DailyGroup = "daily";

    private static readonly string[] CronDays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static JobKey GroupJob(long groupId) => new($"group-{groupId}", MeetingsGroup);
    public static JobKey ExtraMeetingJob(long meetingId) => new($"meeting-{meetingId}", ExtraMeetingsGroup);
    public static JobKey TrainingJob(long trainingId) => new($"training-{trainingId}", TrainingsGroup);

    /// <summary>The day-before reminder at EveningBefore, and the same-day one SameDayLead before the start.</summary>
    /// <returns>Whether triggers were written (false when <paramref name="onlyIfChanged"/> found them up to date).</returns>
    public async Task<bool> ScheduleGroupAsync(Group group, CancellationToken ct, bool onlyIfChanged = false)
    {
        var o = options.Value;
        var key = GroupJob(group.Id);
        var job = JobBuilder.Create<MeetingReminderJob>().WithIdentity(key).UsingJobData("groupId", group.Id).Build();
        var eveDay = (DayOfWeek)(((int)group.MeetingDay + 6) % 7);
        var dayOf = group.MeetingTime.ToTimeSpan() - o.SameDayLead;
        var wraps = dayOf < TimeSpan.Zero; // a meeting just after midnight: its same-day reminder is the evening before
        var dayFire = wraps ? dayOf + TimeSpan.FromDays(1) : dayOf;
        var dayDay = wraps ? eveDay : group.MeetingDay;
        ITrigger[] triggers =
        [
            Cron(key, "eve", o.EveningBefore.ToTimeSpan(), eveDay, dayOffset: 1),
            Cron(key, "day", dayFire, dayDay, dayOffset: wraps ? 1 : 0),
        ];
        if (onlyIfChanged)
        {
            return await ReplaceIfChangedAsync(job, triggers, ct);
        }

        await ReplaceAsync(job, triggers, ct);

        // A time changed on the meeting day, after its reminder moment: remind now, while it is still ahead.
        var today = clock.Today;
        var start = clock.ToUtc(today, group.MeetingTime);
        if (today.DayOfWeek == group.MeetingDay && start > clock.UtcNow && start - o.SameDayLead <= clock.UtcNow)
        {
            var now = JobBuilder.Create<MeetingReminderJob>().WithIdentity(new JobKey($"group-{group.Id}-now", MeetingsGroup))
                .UsingJobData("groupId", group.Id).UsingJobData("date", today.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Build();
            await ReplaceAsync(now, [Once(now.Key, "day", clock.UtcNow)], ct);
        }

        return true;
    }

    public async Task UnscheduleAsync(JobKey key, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(key, ct);
    }

    /// <summary>An extra one-off meeting: the same two reminders, at fixed instants (those still ahead).</summary>
    public async Task ScheduleExtraMeetingAsync(Meeting meeting, CancellationToken ct)
    {
        var o = options.Value;
        var key = ExtraMeetingJob(meeting.Id);
        var start = clock.ToUtc(meeting.Date, meeting.StartTime);
        var job = JobBuilder.Create<MeetingReminderJob>().WithIdentity(key)
            .UsingJobData("groupId", meeting.GroupId).UsingJobData("date", meeting.Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Build();
        // A moment already past (the meeting was added late) fires now, while the meeting is still ahead.
        var triggers = new[]
            {
                ("eve", clock.ToUtc(meeting.Date.AddDays(-1), o.EveningBefore)),
                ("day", start - o.SameDayLead),
            }
            .Where(t => start > clock.UtcNow && (t.Item1 == "day" || t.Item2 > clock.UtcNow))
            .Select(t => Once(key, t.Item1, t.Item2 > clock.UtcNow ? t.Item2 : clock.UtcNow))
            .ToArray();
        await ReplaceAsync(job, triggers, ct);
    }

    /// <summary>A week before (at the start time), the evening before, and TrainingLead before the start.</summary>
    public async Task ScheduleTrainingAsync(Training training, CancellationToken ct)
    {
        var o = options.Value;
        var key = TrainingJob(training.Id);
        if (training.Status == TrainingStatus.Cancelled)
        {
            await UnscheduleAsync(key, ct);
            return;
        }

        var start = clock.ToUtc(training.StartDate, training.StartTime);
        var job = JobBuilder.Create<TrainingReminderJob>().WithIdentity(key)
            .UsingJobData("trainingId", training.Id).UsingJobData("version", training.ScheduleVersion).Build();
        var triggers = new[]
            {
                ("week", start - o.TrainingWeekBefore),
                ("eve", clock.ToUtc(training.StartDate.AddDays(-1), o.EveningBefore)),
                ("lead", start - o.TrainingLead),
            }
            .Where(t => t.Item2 > clock.UtcNow)
            .Select(t => Once(key, t.Item1, t.Item2))
            .ToArray();
        await ReplaceAsync(job, triggers, ct);
    }

    /// <summary>Daily follow-up nudges, the Monday summary, and an hourly check that every group has its reminder job.</summary>
    public async Task ScheduleDailyJobsAsync(CancellationToken ct)
    {
        var o = options.Value;
        var followUps = new JobKey("follow-ups", DailyGroup);
        await ReplaceIfChangedAsync(JobBuilder.Create<FollowUpJob>().WithIdentity(followUps).Build(),
            [Cron(followUps, "daily", o.FollowUpAt.ToTimeSpan(), day: null, dayOffset: 0)], ct);
        var monday = new JobKey("monday-summary", DailyGroup);
        await ReplaceIfChangedAsync(JobBuilder.Create<Summaries.MondaySummaryJob>().WithIdentity(monday).Build(),
            [Cron(monday, "monday", o.MondaySummaryAt.ToTimeSpan(), DayOfWeek.Monday, dayOffset: 0)], ct);
        var backup = new JobKey("backup", DailyGroup);
        await ReplaceIfChangedAsync(JobBuilder.Create<Backups.BackupJob>().WithIdentity(backup).Build(),
            [Cron(backup, "daily", backups.Value.At.ToTimeSpan(), day: null, dayOffset: 0)], ct);
        var sync = new JobKey("reminder-sync", DailyGroup);
        if (await ExistsAsync(sync, ct))
        {
            return;
        }

        await ReplaceAsync(JobBuilder.Create<ReminderSyncJob>().WithIdentity(sync).Build(),
            [TriggerBuilder.Create().WithIdentity("reminder-sync-hourly", DailyGroup).ForJob(sync)
                .StartAt(new DateTimeOffset(clock.UtcNow.AddHours(1), TimeSpan.Zero))
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromHours(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)).Build()], ct);
    }

    public async Task<bool> ExistsAsync(JobKey key, CancellationToken ct) => await (await schedulers.GetScheduler(ct)).Exists(key, ct);

    /// <summary>
    /// Replaces a job's triggers, unless the stored ones already say the same (then a fire missed
    /// while the bot was down is kept, and Quartz fires it late instead of losing it).
    /// </summary>
    private async Task<bool> ReplaceIfChangedAsync(IJobDetail job, ITrigger[] triggers, CancellationToken ct)
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

    private async Task ReplaceAsync(IJobDetail job, ITrigger[] triggers, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(job.Key, ct);
        if (triggers.Length > 0)
        {
            await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, ct);
        }
    }

    /// <summary>A weekly (or daily, when <paramref name="day"/> is null) cron trigger in the deployment's time zone.</summary>
    private ITrigger Cron(JobKey job, string name, TimeSpan at, DayOfWeek? day, int dayOffset) =>
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

    private static ITrigger Once(JobKey job, string name, DateTime atUtc) =>
        TriggerBuilder.Create()
            .WithIdentity($"{job.Name}-{name}", job.Group)
            .ForJob(job)
            .UsingJobData("kind", name)
            .StartAt(new DateTimeOffset(atUtc, TimeSpan.Zero))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
