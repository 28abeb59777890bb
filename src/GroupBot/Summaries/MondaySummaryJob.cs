using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Reminders;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Summaries;

/// <summary>Mondays (07.00 local by default): every facilitator gets last week's summary of her villages.</summary>
public sealed class MondaySummaryJob(IServiceScopeFactory scopes, SummaryBuilder builder, Texts texts, LocalClock clock, Outbox outbox,
    IOptions<SummaryOptions> options, ILogger<MondaySummaryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var ct = cancellationToken;
        var fired = context.ScheduledFireTimeUtc?.UtcDateTime ?? clock.UtcNow;
        var monday = Weeks.MondayOf(DateOnly.FromDateTime(clock.ToLocal(fired))).AddDays(-7);
        if (clock.Today > monday.AddDays(8))
        {
            logger.LogInformation("Dropped the Monday summary of {Week}: fired too late", Weeks.Label(monday));
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroupBotDb>();
        var facilitators = await db.FacilitatorAssignments.GroupBy(f => f.PersonId)
            .Select(g => new { PersonId = g.Key, Villages = g.Select(f => f.VillageId).ToList() }).ToListAsync(ct);
        var chats = await Deliveries.ChatsAsync(db, [.. facilitators.Select(f => f.PersonId)], ct);
        var queued = 0;
        foreach (var f in facilitators.Where(f => chats.ContainsKey(f.PersonId)))
        {
            var language = await db.People.Where(p => p.Id == f.PersonId).Select(p => p.Language).SingleAsync(ct);
            var ids = await db.Groups.Where(g => f.Villages.Contains(g.VillageId) && g.DeletedUtc == null).Select(g => g.Id).ToListAsync(ct);
            var summary = await builder.BuildAsync(db, ids, monday, ct);
            var chat = chats[f.PersonId];
            var label = Weeks.Label(monday);
            var messages = SummaryText.Render(texts, language, summary, options.Value.LowAttendancePercent);
            queued += await Deliveries.EnqueueAsync(db, [.. messages.Select((m, i) => new Delivery($"weekly:{label}:p{f.PersonId}:{i + 1}", chat.Channel, chat.Address,
                new OutgoingMessage { Text = m, Template = i == 0 ? new TemplateRef(Templates.WeeklySummary, language, [label]) : null }))], clock.UtcNow, ct);
        }

        outbox.Wake();
        logger.LogInformation("Monday summaries of {Week}: {Count} messages queued", Weeks.Label(monday), queued);
    }
}

/// <summary>Writes the Monday job at start and hourly (a changed Reminders:MondaySummaryAt takes effect).</summary>
public sealed class MondaySummarySchedule(JobSchedule jobs, IOptions<ReminderOptions> options) : IScheduleSync
{
    public async Task<int> SyncAsync(CancellationToken ct) =>
        await jobs.EveryAsync<MondaySummaryJob>("monday-summary", options.Value.MondaySummaryAt, DayOfWeek.Monday, ct) ? 1 : 0;
}
