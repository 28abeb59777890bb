using System.Globalization;
using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Reminders;
using GroupBot.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace GroupBot.Planning;

/// <summary>
/// Each morning: a reminder 7 days and 1 day before every planning event to each group's officers
/// and its delegates, with the group's proposals listed; the day after, each delegate who went is
/// asked, proposal by proposal with buttons, what became of it. Once each (delivery keys).
/// </summary>
public sealed class PlanningReminders(GroupBotDb db, LocalClock clock, Texts texts, Broadcast broadcast, ILogger<PlanningReminders> logger)
{
    /// <summary>Days before an event that its reminders go out.</summary>
    public static readonly int[] DaysBefore = [7, 1];

    /// <param name="today">The local date they were due on; a day late, they are dropped (the dates would be wrong).</param>
    public async Task<int> SendAsync(DateOnly today, CancellationToken ct)
    {
        if (clock.Today != today)
        {
            logger.LogInformation("Dropped planning reminders of {Date}: fired a day late", today);
            return 0;
        }

        var queued = 0;
        foreach (var days in DaysBefore)
        {
            var date = today.AddDays(days);
            foreach (var e in await db.PlanningEvents.Include(x => x.Delegates).Where(x => x.Date == date && x.CancelledUtc == null).ToListAsync(ct))
            {
                queued += await RemindAsync(e, days, ct);
            }
        }

        foreach (var e in await db.PlanningEvents.Include(x => x.Delegates).Where(x => x.Date == today.AddDays(-1) && x.CancelledUtc == null).ToListAsync(ct))
        {
            queued += await AskOutcomesAsync(e, ct);
        }

        logger.LogInformation("Planning reminders of {Date}: {Count} queued", today, queued);
        return queued;
    }

    private async Task<int> RemindAsync(PlanningEvent e, int days, CancellationToken ct)
    {
        var year = e.Date.Year;
        var groups = await db.Groups.Where(g => g.VillageId == e.VillageId && g.DeletedUtc == null).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var officers = await db.Memberships.Where(m => m.Group!.VillageId == e.VillageId && m.Group.DeletedUtc == null && m.Role != MemberRole.Member)
            .Select(m => new { m.PersonId, m.GroupId, m.Person!.Language }).ToListAsync(ct);
        var delegateIds = e.Delegates.Select(d => (d.PersonId, d.GroupId)).ToHashSet();
        var delegates = await db.Memberships.Where(m => e.Delegates.Select(d => d.PersonId).Contains(m.PersonId))
            .Select(m => new { m.PersonId, m.GroupId, m.Person!.Language }).ToListAsync(ct);
        // One reminder per person: a leader who is also her group's delegate gets it once.
        var recipients = officers.Concat(delegates.Where(d => delegateIds.Contains((d.PersonId, d.GroupId))))
            .DistinctBy(r => r.PersonId).ToList();
        var proposals = new Dictionary<long, List<string>>();
        foreach (var g in groups)
        {
            proposals[g.Id] = [.. (await ProposalsOfAsync(g.Id, year, ct)).Select(p => p.Title)];
        }

        var groupOf = recipients.ToDictionary(r => r.PersonId, r => r.GroupId);
        return await broadcast.SendAsync(db, [.. recipients.Select(r => new Recipient.Person(r.PersonId, r.Language))],
            r => $"planning:{e.Id}:d{days}:{e.Date:yyyyMMdd}:p{r.PersonId}",
            r => Reminder(e, days, groups.First(g => g.Id == groupOf[r.PersonId]).Name, proposals[groupOf[r.PersonId]], r.Language), ct);
    }

    private OutgoingMessage Reminder(PlanningEvent e, int days, string group, List<string> proposals, string language)
    {
        var name = Calendar.Name(texts, language, e);
        var date = Format.Date(language, e.Date);
        var time = Format.Time(language, e.StartTime);
        var sb = new StringBuilder(texts.Get(language, days == 1 ? "Planning.RemindTomorrow" : "Planning.RemindWeek", name, date, time, e.Venue));
        sb.Append('\n').Append(proposals.Count == 0
            ? texts.Get(language, "Planning.RemindNoProposal", group)
            : texts.Get(language, "Planning.RemindProposals", group, string.Join("; ", proposals.Select((p, i) => $"{i + 1}. {p}"))));
        return new OutgoingMessage
        {
            Text = sb.ToString(),
            Choices = proposals.Count == 0 ? [new Choice("usulan tambah", texts.Get(language, "Button.AddProposal"))] : [new Choice("usulan", texts.Get(language, "Button.Proposals"))],
        };
    }

    private async Task<int> AskOutcomesAsync(PlanningEvent e, CancellationToken ct)
    {
        var queued = 0;
        foreach (var byGroup in e.Delegates.Where(d => d.Attended != false).GroupBy(d => d.GroupId))
        {
            var first = (await ProposalsOfAsync(byGroup.Key, e.Date.Year, ct)).FirstOrDefault(p => p.Status is ProposalStatus.Proposed or ProposalStatus.Discussed);
            if (first is null)
            {
                continue;
            }

            var people = await db.People.Where(p => byGroup.Select(d => d.PersonId).Contains(p.Id)).Select(p => new { p.Id, p.Language }).ToListAsync(ct);
            queued += await broadcast.SendAsync(db, [.. people.Select(p => new Recipient.Person(p.Id, p.Language))],
                r => $"planning-outcome:{e.Id}:p{r.PersonId}",
                r => Outcomes.Question(texts, r.Language, e, first), ct);
        }

        return queued;
    }

    /// <summary>The group's proposals of that year in its order, without the withdrawn ones.</summary>
    private async Task<List<Proposal>> ProposalsOfAsync(long groupId, int year, CancellationToken ct) =>
        [.. (await Proposals.OfGroupAsync(db, groupId, year, ct)).Select(x => x.Proposal).Where(p => p.Counts)];
}

/// <summary>
/// "usulan hasil": the answer to the day-after question, from its buttons. The button repeats the
/// command with the proposal, the event and the answer, so no conversation has to be kept.
/// </summary>
public sealed class ProposalOutcomeCommand(Texts texts) : ICommand
{
    public CommandInfo Info { get; } = new("proposals.outcome", ["usulan hasil", "proposals outcome"], Audience.Member, null);

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (!Outcomes.TryRead(args, out var proposalId, out var eventId, out var answer))
        {
            turn.Say(turn.T("Proposal.OutcomeHow"), [new Choice("usulan", turn.T("Button.Proposals"))]);
            return;
        }

        var person = turn.Caller.Person!.Id;
        var proposal = await turn.Db.Proposals.Include(p => p.Groups).SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        var e = await turn.Db.PlanningEvents.Include(x => x.Delegates).SingleOrDefaultAsync(x => x.Id == eventId, ct);
        var groupIds = proposal?.Groups.Select(g => g.GroupId).ToList() ?? [];
        // Her group's delegate at that event, or one of its leaders.
        var allowed = proposal is not null && e is not null && e.VillageId == proposal.VillageId
            && (e.Delegates.Any(d => d.PersonId == person && groupIds.Contains(d.GroupId)) || turn.Caller.Memberships.Any(m => groupIds.Contains(m.GroupId) && m.IsOfficer));
        if (!allowed)
        {
            turn.Say(turn.T("Group.NotYours"));
            return;
        }

        var now = turn.Clock.UtcNow;
        var name = Calendar.Name(turn, e!);
        var p = proposal!;
        var applied = (answer, p.Status) switch
        {
            ("masuk", ProposalStatus.Proposed) => Do(() => { p.Discuss(e!.Id, person, now); p.PutInWorkPlan(person, now); }),
            ("masuk", ProposalStatus.Discussed) => Do(() => p.PutInWorkPlan(person, now)),
            ("dibahas", ProposalStatus.Proposed) => Do(() => p.Discuss(e!.Id, person, now)),
            ("ditolak", ProposalStatus.Proposed or ProposalStatus.Discussed) => Do(() => p.Reject(turn.T("Proposal.OutcomeReason.Rejected", name), e!.Id, person, now)),
            ("tidak", ProposalStatus.Proposed) => Do(() => p.LeaveOut(turn.T("Proposal.OutcomeReason.NotDiscussed", name), e!.Id, person, now)),
            _ => false,
        };
        e!.ReportBack(person, now);
        if (applied)
        {
            turn.Audit("status", "proposal", p.Id, $"{p.Status} (after {name})");
            turn.Say(turn.T("Proposal.Moved", p.Title, Proposals.Status(turn, p)));
        }
        else
        {
            // Another delegate (of a group carrying it too) or a leader answered first; her next question still comes.
            turn.Say(turn.T("Proposal.OutcomeAlready", p.Title, Proposals.Status(turn, p)));
        }

        // The next of her own group's proposals after this one (a joint proposal has a place in each group's order).
        var hers = e!.Delegates.Where(d => d.PersonId == person && groupIds.Contains(d.GroupId)).Select(d => d.GroupId)
            .Concat(turn.Caller.Memberships.Where(m => m.IsOfficer && groupIds.Contains(m.GroupId)).Select(m => m.GroupId)).First();
        var place = proposal!.Groups.Single(g => g.GroupId == hers).Priority;
        var next = await turn.Db.ProposalGroups.Where(x => x.GroupId == hers && (x.Priority > place || (x.Priority == place && x.ProposalId > p.Id)))
            .Join(turn.Db.Set<Proposal>().Where(x => x.Year == p.Year && x.Id != p.Id && (x.Status == ProposalStatus.Proposed || x.Status == ProposalStatus.Discussed)),
                x => x.ProposalId, x => x.Id, (x, q) => new { q, x.Priority })
            .OrderBy(x => x.Priority).ThenBy(x => x.q.Id).Select(x => x.q).FirstOrDefaultAsync(ct);
        if (next is not null)
        {
            turn.Say(Outcomes.Question(texts, turn.Language, e!, next));
        }
        else if (applied)
        {
            turn.Say(turn.T("Proposal.OutcomeThanks"));
        }
    }

    private static bool Do(Action change)
    {
        change();
        return true;
    }
}

/// <summary>The day-after question and the buttons that answer it.</summary>
public static class Outcomes
{
    public static readonly string[] Answers = ["masuk", "dibahas", "ditolak", "tidak"];

    public static OutgoingMessage Question(Texts texts, string language, PlanningEvent e, Proposal p) => new()
    {
        Text = texts.Get(language, "Proposal.OutcomeAsk", Calendar.Name(texts, language, e), p.Title, Rupiah.Format(p.EstimatedCost)),
        Choices = [.. Answers.Select(a => new Choice(string.Create(CultureInfo.InvariantCulture, $"usulan hasil #{p.Id} e{e.Id} {a}"), texts.Get(language, $"Proposal.Outcome.{a}")))],
    };

    /// <summary>"#12 e5 masuk".</summary>
    public static bool TryRead(string args, out long proposalId, out long eventId, out string answer)
    {
        proposalId = eventId = 0;
        answer = "";
        var parts = Words.Clean(args).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 3 || !parts[0].StartsWith('#') || !parts[1].StartsWith('e')
            || !long.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out proposalId)
            || !long.TryParse(parts[1][1..], NumberStyles.None, CultureInfo.InvariantCulture, out eventId)
            || !Answers.Contains(parts[2].ToLowerInvariant()))
        {
            return false;
        }

        answer = parts[2].ToLowerInvariant();
        return true;
    }
}

/// <summary>The daily job: one call to <see cref="PlanningReminders.SendAsync"/>.</summary>
public sealed class PlanningReminderJob(IServiceScopeFactory scopes, LocalClock clock, ILogger<PlanningReminderJob> logger) : ScopedJob<PlanningReminders>(scopes, clock, logger)
{
    protected override Task RunAsync(PlanningReminders reminders, JobDataMap data, Fired fired, CancellationToken ct) => reminders.SendAsync(fired.LocalDate, ct);
}

/// <summary>Writes the daily planning job at start and hourly, at Reminders:FollowUpAt (the morning).</summary>
public sealed class PlanningSchedule(JobSchedule jobs, IOptions<ReminderOptions> options) : IScheduleSync
{
    public async Task<int> SyncAsync(CancellationToken ct) =>
        await jobs.EveryAsync<PlanningReminderJob>("planning-reminders", options.Value.FollowUpAt, day: null, ct) ? 1 : 0;
}
