using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Planning;
using GroupBot.Reminders;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Summaries;

/// <summary>Mondays (07.00 local by default): every facilitator gets last week's summary of her villages (June–December also their planning year).</summary>
public sealed class MondaySummaries(GroupBotDb db, SummaryBuilder builder, Texts texts, LocalClock clock, Broadcast broadcast,
    IOptions<SummaryOptions> options, ILogger<MondaySummaries> logger)
{
    /// <param name="firedOn">The local date it was due on (a Monday); the summary is of the week before, and dropped once the next week is nearly over.</param>
    public async Task SendAsync(DateOnly firedOn, CancellationToken ct)
    {
        var monday = Weeks.MondayOf(firedOn).AddDays(-7);
        if (clock.Today > monday.AddDays(8))
        {
            logger.LogInformation("Dropped the Monday summary of {Week}: fired too late", Weeks.Label(monday));
            return;
        }

        var facilitators = await db.FacilitatorAssignments.GroupBy(f => f.PersonId)
            .Select(g => new { PersonId = g.Key, Villages = g.Select(f => f.VillageId).ToList() }).ToListAsync(ct);
        var ids = facilitators.Select(f => f.PersonId).ToList();
        var languages = await db.People.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Language, ct);
        var villages = facilitators.ToDictionary(f => f.PersonId, f => f.Villages);
        var label = Weeks.Label(monday);
        var queued = await broadcast.SendPartsAsync(db, [.. facilitators.Select(f => new Recipient.Person(f.PersonId, languages[f.PersonId]))],
            f => $"weekly:{label}:p{f.PersonId}",
            async (f, c) =>
            {
                var hers = villages[f.PersonId];
                var groups = await db.Groups.Where(g => hers.Contains(g.VillageId) && g.DeletedUtc == null).Select(g => g.Id).ToListAsync(c);
                var summary = await builder.BuildAsync(db, groups, monday, c);
                IEnumerable<string> parts = SummaryText.Render(texts, f.Language, summary, options.Value.LowAttendancePercent);
                if (PlanningSummaries.InSeason(firedOn))
                {
                    // June to December: the village planning year of her villages, after the week.
                    var planning = await PlanningSummaries.BuildAsync(db, hers, firedOn.Year, clock.Today, c);
                    parts = parts.Concat(PlanningSummaries.Render(texts, f.Language, planning));
                }

                return [.. parts.Select((m, i) =>
                    new OutgoingMessage { Text = m, Template = i == 0 ? new TemplateRef(Templates.WeeklySummary, f.Language, [label]) : null })];
            }, ct);
        logger.LogInformation("Monday summaries of {Week}: {Count} messages queued", label, queued);
    }
}

/// <summary>The weekly trigger: <see cref="MondaySummaries"/>.</summary>
public sealed class MondaySummaryJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<MondaySummaryJob> logger) : ScopedJob<MondaySummaries>(scopes, clock, logger)
{
    protected override Task RunAsync(MondaySummaries summaries, JobDataMap data, Fired fired, CancellationToken ct) => summaries.SendAsync(fired.LocalDate, ct);
}

/// <summary>Writes the Monday job at start and hourly (a changed Reminders:MondaySummaryAt takes effect).</summary>
public sealed class MondaySummarySchedule(JobSchedule jobs, IOptions<ReminderOptions> options) : IScheduleSync
{
    public async Task<int> SyncAsync(CancellationToken ct) =>
        await jobs.EveryAsync<MondaySummaryJob>("monday-summary", options.Value.MondaySummaryAt, DayOfWeek.Monday, ct) ? 1 : 0;
}
