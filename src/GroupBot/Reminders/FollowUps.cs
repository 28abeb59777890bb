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
/// The morning after a meeting: leaders are nudged once if it has attendance but no minutes, or
/// (savings groups) no report; again after a few days; never once the record is in.
/// </summary>
public sealed class FollowUps(GroupBotDb db, LocalClock clock, Texts texts, Broadcast broadcast, IOptions<ReminderOptions> options, ILogger<FollowUps> logger)
{
    /// <param name="today">The local date the nudges were due on; a day late, they are dropped.</param>
    public async Task SendAsync(DateOnly today, CancellationToken ct)
    {
        if (DateOnly.FromDateTime(clock.LocalNow) != today)
        {
            logger.LogInformation("Dropped follow-ups of {Date}: fired a day late", today);
            return;
        }

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
                    .Select(x => new Recipient.Person(x.PersonId, x.Person!.Language)).ToListAsync(ct);
                var missing = !m.HasMinutes && m.Kind == GroupKind.SavingsLoan && !m.HasReport ? "both" : m.HasMinutes ? "report" : "minutes";
                queued += await broadcast.SendAsync(db, officers, o => $"nudge:{m.Id}:{nudge}:p{o.PersonId}", o =>
                {
                    var dateText = Format.Date(o.Language, date);
                    return new OutgoingMessage
                    {
                        Text = texts.Get(o.Language, $"Reminder.Nudge.{missing}", m.Name, dateText),
                        Choices = missing == "minutes" ? [new Choice("notulen", texts.Get(o.Language, "Button.Minutes"))] : [new Choice("lapor", texts.Get(o.Language, "Button.Report"))],
                        Template = new TemplateRef(Templates.ReportNudge, o.Language, [m.Name, dateText]),
                    };
                }, ct);
            }
        }

        logger.LogInformation("Follow-up nudges for {Date}: {Count} queued", today, queued);
    }
}

/// <summary>Daily at Reminders:FollowUpAt: <see cref="FollowUps"/> for the day it was due.</summary>
public sealed class FollowUpJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<FollowUpJob> logger) : ScopedJob<FollowUps>(scopes, clock, logger)
{
    protected override Task RunAsync(FollowUps followUps, JobDataMap data, Fired fired, CancellationToken ct) => followUps.SendAsync(fired.LocalDate, ct);
}
