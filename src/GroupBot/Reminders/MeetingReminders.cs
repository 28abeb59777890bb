using System.Globalization;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace GroupBot.Reminders;

/// <summary>
/// A meeting reminder: to every member (on her most recent chat) and the group's linked Telegram
/// chat. Sent only while useful (before the meeting starts), and at most once per (meeting,
/// reminder, person).
/// </summary>
public sealed class MeetingReminders(GroupBotDb db, MeetingSchedule schedule, LocalClock clock, Texts texts, Broadcast broadcast, BotMetrics metrics, ILogger<MeetingReminders> logger)
{
    /// <param name="kind">"eve" (the evening before) or "day" (on the day, before the start).</param>
    /// <param name="firedUtc">When the reminder was due, for the lag it went out with.</param>
    public async Task SendAsync(long groupId, DateOnly date, string kind, DateTime firedUtc, CancellationToken ct)
    {
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
        // The start time is in the key: a changed time sends a corrected reminder; a repeat still does not.
        var prefix = $"meeting:{groupId}:{date:yyyyMMdd}:{kind}:{occurrence.Start:HHmm}";
        List<Recipient> to = [.. members.Select(m => new Recipient.Person(m.PersonId, m.Language))];
        var groupChatKey = string.Empty;
        if (group.TelegramChatId is { } groupChat)
        {
            groupChatKey = $"{prefix}:tg{groupChat}";
            to.Add(new Recipient.Chat(ChannelNames.Telegram, groupChat.ToString(CultureInfo.InvariantCulture), "id"));
        }

        var added = await broadcast.SendAsync(db, to,
            r => r is Recipient.Person p ? $"{prefix}:p{p.PersonId}" : groupChatKey,
            r => Message(group, occurrence, kind, r.Language), ct);
        metrics.ReminderLag("meeting", clock.UtcNow - firedUtc);
        logger.LogInformation("Meeting reminder {Kind} for group {GroupId} on {Date}: {Count} queued, {Lag} after its time", kind, groupId, date, added, clock.UtcNow - firedUtc);
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
/// A group's weekly trigger ("eve", "day" with a day offset) or an extra meeting's one-off trigger
/// (a fixed "date"): <see cref="MeetingReminders"/>.
/// </summary>
public sealed class MeetingReminderJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<MeetingReminderJob> logger)
    : ScopedJob<MeetingReminders>(scopes, clock, logger)
{
    protected override Task RunAsync(MeetingReminders reminders, JobDataMap data, Fired fired, CancellationToken ct)
    {
        var date = data.TryGetString("date", out var fixedDate) && fixedDate is not null
            ? DateOnly.ParseExact(fixedDate, "O", CultureInfo.InvariantCulture)
            : fired.LocalDate.AddDays(data.GetInt("dayOffset"));
        return reminders.SendAsync(data.GetLong("groupId"), date, data.GetString("kind") ?? "day", fired.Utc, ct);
    }
}
