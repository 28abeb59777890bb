using System.Globalization;
using GroupBot.Attendance;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Reminders;

/// <summary>
/// Keeps Quartz's meeting-reminder triggers in step with the data: one job per group (two weekly
/// cron triggers) and one per extra meeting (one-off triggers). Every change deletes the job and
/// schedules it anew, so no old trigger is left behind.
/// </summary>
public sealed class ReminderScheduler(JobSchedule jobs, LocalClock clock, IOptions<ReminderOptions> options)
{
    public const string MeetingsGroup = "meetings";
    public const string ExtraMeetingsGroup = "extra-meetings";

    public static JobKey GroupJob(long groupId) => new($"group-{groupId}", MeetingsGroup);
    public static JobKey ExtraMeetingJob(long meetingId) => new($"meeting-{meetingId}", ExtraMeetingsGroup);

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
            jobs.Cron(key, "eve", o.EveningBefore.ToTimeSpan(), eveDay, dayOffset: 1),
            jobs.Cron(key, "day", dayFire, dayDay, dayOffset: wraps ? 1 : 0),
        ];
        if (onlyIfChanged)
        {
            return await jobs.ReplaceIfChangedAsync(job, triggers, ct);
        }

        await jobs.ReplaceAsync(job, triggers, ct);

        // A time changed on the meeting day, after its reminder moment: remind now, while it is still ahead.
        var today = clock.Today;
        var start = clock.ToUtc(today, group.MeetingTime);
        if (today.DayOfWeek == group.MeetingDay && start > clock.UtcNow && start - o.SameDayLead <= clock.UtcNow)
        {
            var now = JobBuilder.Create<MeetingReminderJob>().WithIdentity(new JobKey($"group-{group.Id}-now", MeetingsGroup))
                .UsingJobData("groupId", group.Id).UsingJobData("date", today.ToString("O", CultureInfo.InvariantCulture)).Build();
            await jobs.ReplaceAsync(now, [JobSchedule.Once(now.Key, "day", clock.UtcNow)], ct);
        }

        return true;
    }

    public Task UnscheduleAsync(JobKey key, CancellationToken ct) => jobs.UnscheduleAsync(key, ct);

    public Task<bool> ExistsAsync(JobKey key, CancellationToken ct) => jobs.ExistsAsync(key, ct);

    /// <summary>An extra one-off meeting: the same two reminders, at fixed instants (those still ahead).</summary>
    public async Task ScheduleExtraMeetingAsync(Meeting meeting, CancellationToken ct)
    {
        var o = options.Value;
        var key = ExtraMeetingJob(meeting.Id);
        var start = clock.ToUtc(meeting.Date, meeting.StartTime);
        var job = JobBuilder.Create<MeetingReminderJob>().WithIdentity(key)
            .UsingJobData("groupId", meeting.GroupId).UsingJobData("date", meeting.Date.ToString("O", CultureInfo.InvariantCulture)).Build();
        // A moment already past (the meeting was added late) fires now, while the meeting is still ahead.
        var triggers = new[]
            {
                ("eve", clock.ToUtc(meeting.Date.AddDays(-1), o.EveningBefore)),
                ("day", start - o.SameDayLead),
            }
            .Where(t => start > clock.UtcNow && (t.Item1 == "day" || t.Item2 > clock.UtcNow))
            .Select(t => JobSchedule.Once(key, t.Item1, t.Item2 > clock.UtcNow ? t.Item2 : clock.UtcNow))
            .ToArray();
        await jobs.ReplaceAsync(job, triggers, ct);
    }
}
