using GroupBot.Attendance;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Reminders;

/// <summary>
/// Schedules what is missing: at start (after Quartz starts) and hourly. Extra meetings are saved
/// first and their Quartz jobs written after the commit (a separate file), so a crash in between
/// leaves a meeting without reminders: those jobs are put back here. Groups imported from CSV, or
/// created while Quartz was down, get their weekly job. The daily follow-up job is written here too.
/// </summary>
public sealed class ReminderSync(IServiceScopeFactory scopes, ReminderScheduler scheduler, JobSchedule jobs, LocalClock clock, IOptions<ReminderOptions> options, ILogger<ReminderSync> logger) : IScheduleSync
{
    public Task<int> SyncAsync(CancellationToken ct) => RunAsync(ct);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await jobs.EveryAsync<FollowUpJob>("follow-ups", options.Value.FollowUpAt, day: null, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var scheduled = 0;
        foreach (var group in await db.Groups.AsNoTracking().Where(g => g.DeletedUtc == null).ToListAsync(ct))
        {
            // One read of the stored triggers per group; written only when missing or out of date.
            scheduled += await scheduler.ScheduleGroupAsync(group, ct, onlyIfChanged: true) ? 1 : 0;
        }

        if (scheduled > 0)
        {
            logger.LogInformation("Scheduled or updated meeting reminders for {Count} groups", scheduled);
        }

        // Upcoming meetings off the group's weekly day or time are extra ones, with their own job.
        // A job that already ran is gone too; scheduling it again is harmless: its reminders that
        // went out are not sent twice (delivery keys), and past moments are skipped.
        var today = clock.Today;
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Group)
            .Where(m => m.Status == MeetingStatus.Scheduled && m.Date >= today && m.Group!.DeletedUtc == null)
            .ToListAsync(ct);
        var restored = 0;
        foreach (var meeting in meetings.Where(m => clock.ToUtc(m.Date, m.StartTime) > clock.UtcNow
            && (m.Date.DayOfWeek != m.Group!.MeetingDay || m.StartTime != m.Group.MeetingTime)))
        {
            if (!await scheduler.ExistsAsync(ReminderScheduler.ExtraMeetingJob(meeting.Id), ct))
            {
                await scheduler.ScheduleExtraMeetingAsync(meeting, ct);
                restored++;
            }
        }

        if (restored > 0)
        {
            logger.LogInformation("Scheduled reminders for {Count} extra meetings that had no reminder job", restored);
        }

        return scheduled + restored;
    }
}
