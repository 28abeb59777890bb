using System.Globalization;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Reminders;

/// <summary>
/// A meeting reminder fired: to every member (on her most recent chat) and the group's linked
/// Telegram chat. Sent only while useful (before the meeting starts), and at most once per
/// (meeting, reminder, person).
/// </summary>
public sealed class MeetingReminderJob(IServiceScopeFactory scopes, MeetingSchedule schedule, LocalClock clock, Texts texts, Outbox outbox, BotMetrics metrics, ILogger<MeetingReminderJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        BusyDatabase.RetryJobAsync(() => RunAsync(context, cancellationToken), logger);

    private async ValueTask RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var data = context.MergedJobDataMap;
        var groupId = data.GetLong("groupId");
        var kind = data.GetString("kind") ?? "day";
        var fired = context.ScheduledFireTimeUtc?.UtcDateTime ?? clock.UtcNow;
        var date = data.TryGetString("date", out var fixedDate) && fixedDate is not null
            ? DateOnly.ParseExact(fixedDate, "O", CultureInfo.InvariantCulture)
            : DateOnly.FromDateTime(clock.ToLocal(fired)).AddDays(data.GetInt("dayOffset"));

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var group = await db.Groups.SingleOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is null || group.DeletedUtc is not null || group.RemindersPaused)
        {
            return;
        }

        var occurrence = await schedule.OnAsync(db, group, date, ct);
        if (occurrence is null)
        {
            return; // skipped (a holiday) or moved
        }

        // Useful only before the meeting starts; the evening-before one ("besok") only before that day.
        if (clock.UtcNow >= occurrence.StartUtc || (kind == "eve" && clock.Today >= date))
        {
            logger.LogInformation("Dropped a late {Kind} reminder for group {GroupId}: too late for the meeting of {Date}", kind, groupId, date);
            return;
        }

        var members = await db.Memberships.Where(m => m.GroupId == groupId).Select(m => new { m.PersonId, m.Person!.Language }).ToListAsync(ct);
        var chats = await Deliveries.ChatsAsync(db, [.. members.Select(m => m.PersonId)], ct);
        // The start time is in the key: a changed time sends a corrected reminder; a repeat still does not.
        var prefix = $"meeting:{groupId}:{date:yyyyMMdd}:{kind}:{occurrence.Start:HHmm}";
        var deliveries = new List<Delivery>();
        foreach (var member in members)
        {
            if (chats.TryGetValue(member.PersonId, out var chat))
            {
                deliveries.Add(new Delivery($"{prefix}:p{member.PersonId}", chat.Channel, chat.Address, Message(group, occurrence, kind, member.Language)));
            }
        }

        if (group.TelegramChatId is { } groupChat)
        {
            deliveries.Add(new Delivery($"{prefix}:tg{groupChat}", ChannelNames.Telegram, groupChat.ToString(CultureInfo.InvariantCulture), Message(group, occurrence, kind, "id")));
        }

        var added = await Deliveries.EnqueueAsync(db, deliveries, clock.UtcNow, ct);
        outbox.Wake();
        metrics.ReminderLag("meeting", clock.UtcNow - fired);
        logger.LogInformation("Meeting reminder {Kind} for group {GroupId} on {Date}: {Count} queued, {Lag} after its time", kind, groupId, date, added, clock.UtcNow - fired);
    }

    private OutgoingMessage Message(Group group, MeetingSchedule.Occurrence o, string kind, string language)
    {
        var date = Format.Date(language, o.Date);
        var time = Format.Time(language, o.Start);
        var venue = group.Venue ?? "-";
        return new OutgoingMessage
        {
            // A meeting just after midnight gets its "2 hours before" reminder the evening before: say "besok".
            Text = texts.Get(language, kind == "eve" || o.Date > clock.Today ? "Reminder.MeetingEve" : "Reminder.MeetingDay", group.Name, date, time, venue),
            Template = new TemplateRef(Templates.MeetingReminder, language, [group.Name, date, time, venue]),
        };
    }
}

/// <summary>
/// The morning after a meeting: leaders are nudged once if it has attendance but no minutes, or
/// (savings groups) no report; again after a few days; never once the record is in.
/// </summary>
public sealed class FollowUpJob(IServiceScopeFactory scopes, LocalClock clock, Texts texts, Outbox outbox, IOptions<ReminderOptions> options, ILogger<FollowUpJob> logger) : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        BusyDatabase.RetryJobAsync(() => RunAsync(context, cancellationToken), logger);

    private async ValueTask RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var fired = context.ScheduledFireTimeUtc?.UtcDateTime ?? clock.UtcNow;
        var today = DateOnly.FromDateTime(clock.ToLocal(fired));
        if (DateOnly.FromDateTime(clock.LocalNow) != today)
        {
            logger.LogInformation("Dropped follow-ups of {Date}: fired a day late", today);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var queued = 0;
        foreach (var (nudge, date) in new[] { (1, today.AddDays(-1)), (2, today.AddDays(-options.Value.SecondNudgeAfterDays)) })
        {
            var meetings = await db.Meetings
                .Where(m => m.Date == date && m.Group!.DeletedUtc == null && m.Status != MeetingStatus.Cancelled && m.Attendance.Any())
                .Select(m => new
                {
                    m.Id,
                    m.GroupId,
                    m.Group!.Name,
                    m.Group.Kind,
                    HasMinutes = db.Set<MeetingMinutes>().Any(x => x.MeetingId == m.Id),
                    HasReport = db.Set<SavingsReport>().Any(x => x.MeetingId == m.Id),
                })
                .ToListAsync(ct);
            foreach (var m in meetings.Where(m => !m.HasMinutes || (m.Kind == GroupKind.SavingsLoan && !m.HasReport)))
            {
                var officers = await db.Memberships.Where(x => x.GroupId == m.GroupId && x.Role != MemberRole.Member)
                    .Select(x => new { x.PersonId, x.Person!.Language }).ToListAsync(ct);
                var chats = await Deliveries.ChatsAsync(db, [.. officers.Select(o => o.PersonId)], ct);
                var missing = !m.HasMinutes && m.Kind == GroupKind.SavingsLoan && !m.HasReport ? "both" : m.HasMinutes ? "report" : "minutes";
                var deliveries = officers.Where(o => chats.ContainsKey(o.PersonId)).Select(o =>
                {
                    var chat = chats[o.PersonId];
                    var dateText = Format.Date(o.Language, date);
                    return new Delivery($"nudge:{m.Id}:{nudge}:p{o.PersonId}", chat.Channel, chat.Address, new OutgoingMessage
                    {
                        Text = texts.Get(o.Language, $"Reminder.Nudge.{missing}", m.Name, dateText),
                        Choices = missing == "minutes" ? [new Choice("notulen", texts.Get(o.Language, "Button.Minutes"))] : [new Choice("lapor", texts.Get(o.Language, "Button.Report"))],
                        Template = new TemplateRef(Templates.ReportNudge, o.Language, [m.Name, dateText]),
                    });
                }).ToList();
                queued += await Deliveries.EnqueueAsync(db, deliveries, clock.UtcNow, ct);
            }
        }

        outbox.Wake();
        logger.LogInformation("Follow-up nudges for {Date}: {Count} queued", today, queued);
    }
}

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
