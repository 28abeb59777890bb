using System.Text;
using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Planning;

/// <summary>One village's planning year in figures (or the total of several villages).</summary>
public sealed record PlanningFigures(
    string Village,
    int Groups,
    int GroupsProposing,
    int Proposals,
    IReadOnlyDictionary<ProposalField, int> ByField,
    int ReachedWorkPlan,
    int ReachedLongList,
    int ReachedBudget,
    long Budgeted,
    int DelegatesChosen,
    int DelegatesAttended,
    int Women,
    int People)
{
    /// <summary>Nothing proposed, nobody sent, nobody counted: a year the bot did not see.</summary>
    public bool IsEmpty => Proposals == 0 && DelegatesChosen == 0 && People == 0;

    /// <summary>Women among the participants of the events with a turnout, in whole percent; null when none was counted.</summary>
    public int? WomenPercent => People == 0 ? null : (int)Math.Round(100.0 * Women / People, MidpointRounding.AwayFromZero);

    public static PlanningFigures Sum(string name, IReadOnlyCollection<PlanningFigures> all) => new(
        name,
        all.Sum(f => f.Groups),
        all.Sum(f => f.GroupsProposing),
        all.Sum(f => f.Proposals),
        Enum.GetValues<ProposalField>().ToDictionary(x => x, x => all.Sum(f => f.ByField.GetValueOrDefault(x))),
        all.Sum(f => f.ReachedWorkPlan),
        all.Sum(f => f.ReachedLongList),
        all.Sum(f => f.ReachedBudget),
        all.Sum(f => f.Budgeted),
        all.Sum(f => f.DelegatesChosen),
        all.Sum(f => f.DelegatesAttended),
        all.Sum(f => f.Women),
        all.Sum(f => f.People));
}

/// <summary>Something a facilitator should act on before or after an event.</summary>
public abstract record PlanningAttention(string Village)
{
    /// <summary>A group with no proposal when its village's Musrenbang Nagari is 14 days away or nearer.</summary>
    public sealed record NoProposal(string Village, string Group, PlanningEvent Event) : PlanningAttention(Village);

    /// <summary>A coming event for which no group has chosen a delegate.</summary>
    public sealed record NoDelegate(string Village, PlanningEvent Event) : PlanningAttention(Village);

    /// <summary>Delegates of a past event who have not said what happened (nor has anyone recorded whether they went).</summary>
    public sealed record NotReported(string Village, PlanningEvent Event, IReadOnlyList<string> Names) : PlanningAttention(Village);
}

/// <summary>A planning year of some villages, against the year before, with what needs attention first.</summary>
public sealed record PlanningSummary(int Year, IReadOnlyList<PlanningFigures> Villages, IReadOnlyList<PlanningFigures> LastYear, IReadOnlyList<PlanningAttention> Attention)
{
    public PlanningFigures Total => PlanningFigures.Sum("", Villages);

    public PlanningFigures LastTotal => PlanningFigures.Sum("", LastYear);

    /// <summary>The village's year before, or null when nothing was planned then (no comparison to show).</summary>
    public PlanningFigures? LastYearOf(string village) => LastYear.FirstOrDefault(v => v.Village == village) is { IsEmpty: false } last ? last : null;
}

/// <summary>Builds the planning summary from the calendar, the proposals and their history, and the delegates.</summary>
public static class PlanningSummaries
{
    /// <summary>The Musrenbang Nagari is this close (days) and a group still has no proposal: it needs attention.</summary>
    public const int NoProposalWarningDays = 14;

    /// <summary>June to December: the season the Monday summary carries the planning summary in.</summary>
    public static bool InSeason(DateOnly day) => day.Month >= 6;

    public static async Task<PlanningSummary> BuildAsync(GroupBotDb db, IReadOnlyCollection<long> villageIds, int year, DateOnly today, CancellationToken ct)
    {
        var villages = await db.Villages.Where(v => villageIds.Contains(v.Id)).OrderBy(v => v.Name).Select(v => new { v.Id, v.Name }).ToListAsync(ct);
        var groups = await db.Groups.Where(g => villageIds.Contains(g.VillageId) && g.DeletedUtc == null)
            .Select(g => new { g.Id, g.Name, g.VillageId }).ToListAsync(ct);
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.Groups).Include(p => p.Changes)
            .Where(p => villageIds.Contains(p.VillageId) && (p.Year == year || p.Year == year - 1)
                && p.Status != ProposalStatus.Withdrawn && p.Status != ProposalStatus.Joined)
            .ToListAsync(ct);
        var events = await db.PlanningEvents.AsNoTracking().Include(e => e.Delegates).ThenInclude(d => d.Person)
            .Where(e => villageIds.Contains(e.VillageId) && e.CancelledUtc == null && (e.Date.Year == year || e.Date.Year == year - 1))
            .ToListAsync(ct);

        var live = groups.Select(g => g.Id).ToHashSet();
        PlanningFigures Figures(long villageId, string name, int y)
        {
            // Proposals of groups that were since deleted are left out with their groups.
            var ps = proposals.Where(p => p.VillageId == villageId && p.Year == y && p.Groups.Any(g => live.Contains(g.GroupId))).ToList();
            var es = events.Where(e => e.VillageId == villageId && e.Date.Year == y).ToList();
            var counted = es.Where(e => e.PeopleAttended is not null).ToList();
            bool Reached(Proposal p, ProposalStatus s) => p.Changes.Any(c => c.ToStatus == s);
            return new PlanningFigures(
                name,
                groups.Count(g => g.VillageId == villageId),
                ps.SelectMany(p => p.Groups.Select(g => g.GroupId)).Where(live.Contains).Distinct().Count(),
                ps.Count,
                Enum.GetValues<ProposalField>().ToDictionary(f => f, f => ps.Count(p => p.Field == f)),
                ps.Count(p => Reached(p, ProposalStatus.InWorkPlan)),
                ps.Count(p => Reached(p, ProposalStatus.InLongList)),
                ps.Count(p => Reached(p, ProposalStatus.InBudget)),
                ps.Where(p => p.Status is ProposalStatus.InBudget or ProposalStatus.Done).Sum(p => p.BudgetedAmount ?? 0),
                es.Sum(e => e.Delegates.Count),
                es.Sum(e => e.Delegates.Count(d => d.Attended == true)),
                counted.Sum(e => e.WomenAttended ?? 0),
                counted.Sum(e => e.PeopleAttended ?? 0));
        }

        var attention = new List<PlanningAttention>();
        if (year == today.Year)
        {
            foreach (var v in villages)
            {
                var ofVillage = events.Where(e => e.VillageId == v.Id && e.Date.Year == year).OrderBy(e => e.Date).ThenBy(e => e.StartTime).ToList();
                var musrenbang = ofVillage.FirstOrDefault(e => e.Kind == PlanningEventKind.VillagePlanning && e.Date >= today && e.Date.DayNumber - today.DayNumber <= NoProposalWarningDays);
                if (musrenbang is not null)
                {
                    var proposing = proposals.Where(p => p.VillageId == v.Id && p.Year == year).SelectMany(p => p.Groups.Select(g => g.GroupId)).ToHashSet();
                    attention.AddRange(groups.Where(g => g.VillageId == v.Id && !proposing.Contains(g.Id)).OrderBy(g => g.Name)
                        .Select(g => new PlanningAttention.NoProposal(v.Name, g.Name, musrenbang)));
                }

                attention.AddRange(ofVillage.Where(e => e.Date >= today && e.Delegates.Count == 0).Select(e => new PlanningAttention.NoDelegate(v.Name, e)));
                // Only delegates who had something to report: their group had a proposal that year (they were asked the day after).
                var proposingGroups = proposals.Where(p => p.VillageId == v.Id && p.Year == year).SelectMany(p => p.Groups.Select(g => g.GroupId)).ToHashSet();
                bool Owes(EventDelegate d) => d.ReportedUtc is null && proposingGroups.Contains(d.GroupId);
                attention.AddRange(ofVillage.Where(e => e.Date < today && e.Delegates.Any(Owes))
                    .Select(e => new PlanningAttention.NotReported(v.Name, e, [.. e.Delegates.Where(Owes).Select(d => d.Person?.Name ?? "?").Order(StringComparer.OrdinalIgnoreCase)])));
            }
        }

        return new PlanningSummary(
            year,
            [.. villages.Select(v => Figures(v.Id, v.Name, year))],
            [.. villages.Select(v => Figures(v.Id, v.Name, year - 1))],
            attention);
    }

    /// <summary>
    /// "Perlu perhatian" first, then each village (and the total of several) against last year, in
    /// phone-sized lines, split into messages under the channels' 4096 characters.
    /// </summary>
    public static IReadOnlyList<string> Render(Texts texts, string language, PlanningSummary s)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        string Event(PlanningEvent e) => $"{Calendar.Name(texts, language, e)} {Format.Date(language, e.Date)}";
        var sb = new StringBuilder(T("PlanningSummary.Title", s.Year));
        if (s.Villages.Count == 0)
        {
            sb.Append('\n').Append(T("PlanningSummary.NoVillages"));
            return Words.SplitAtLines(sb.ToString(), Words.MaxReportPart);
        }

        if (s.Attention.Count > 0)
        {
            sb.Append('\n').Append(T("PlanningSummary.Attention"));
            foreach (var a in s.Attention)
            {
                sb.Append("\n• ").Append(a switch
                {
                    PlanningAttention.NoProposal x => T("PlanningSummary.Attention.NoProposal", x.Group, x.Village, Event(x.Event)),
                    PlanningAttention.NoDelegate x => T("PlanningSummary.Attention.NoDelegate", Event(x.Event), x.Village),
                    PlanningAttention.NotReported x => T("PlanningSummary.Attention.NotReported", Event(x.Event), x.Village, x.Names.Count, string.Join(", ", x.Names)),
                    _ => throw new InvalidOperationException(a.GetType().Name),
                });
            }
        }

        foreach (var v in s.Villages)
        {
            sb.Append("\n\n").Append(Block(T, v, s.LastYearOf(v.Village), T("PlanningSummary.Village", v.Village), s.Year - 1));
        }

        if (s.Villages.Count > 1)
        {
            sb.Append("\n\n").Append(Block(T, s.Total, s.LastTotal.IsEmpty ? null : s.LastTotal, T("PlanningSummary.Total", s.Villages.Count), s.Year - 1));
        }

        return Words.SplitAtLines(sb.ToString(), Words.MaxReportPart);
    }

    private static string Block(Func<string, object?[], string> t, PlanningFigures f, PlanningFigures? last, string heading, int lastYear)
    {
        string T(string key, params object?[] args) => t(key, args);
        string Was(object? value) => last is null ? "" : T("PlanningSummary.Was", lastYear, value);
        string Pct(int? p) => p is null ? "–" : $"{p}%";
        var fields = f.ByField.Where(x => x.Value > 0).Select(x => $"{T($"Proposal.Field.{x.Key}")} {x.Value}").ToList();
        var lines = new List<string>
        {
            heading,
            T("PlanningSummary.Groups", f.GroupsProposing, f.Groups, Was(last?.GroupsProposing)),
            T("PlanningSummary.Proposals", f.Proposals, Was(last?.Proposals), fields.Count == 0 ? "" : ": " + string.Join(", ", fields)),
            T("PlanningSummary.Reached", f.ReachedWorkPlan, Was(last?.ReachedWorkPlan), f.ReachedLongList, Was(last?.ReachedLongList), f.ReachedBudget, Was(last?.ReachedBudget)),
            T("PlanningSummary.Budgeted", Rupiah.Format(f.Budgeted), Was(last is null ? null : Rupiah.Format(last.Budgeted))),
            T("PlanningSummary.Delegates", f.DelegatesChosen, f.DelegatesAttended, Was(last is null ? null : $"{last.DelegatesChosen}/{last.DelegatesAttended}")),
            T("PlanningSummary.Women", Pct(f.WomenPercent), f.Women, f.People, Was(last is null ? null : Pct(last.WomenPercent))),
        };
        return string.Join('\n', lines);
    }
}

/// <summary>One change of a proposal, as the export's proposals sheet lists it (the proposal as it is now on every row).</summary>
public sealed record ProposalExportRow(string Village, string Groups, int Year, long ProposalId, string Title, ProposalField Field, string Location,
    long EstimatedCost, string Beneficiaries, ProposalStatus Status, long? BudgetedAmount, DateTime ChangedLocal, string ChangedBy,
    ProposalStatus? From, ProposalStatus To, long? Amount, string? Reason, string? Detail);

public static class ProposalExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "village", "groups", "year", "proposal_id", "title", "field", "location", "estimated_cost", "beneficiaries", "status_now", "budgeted",
        "changed_at", "changed_by", "from_status", "to_status", "amount", "reason", "detail",
    ];

    /// <summary>Every change, made between the local dates, of the proposals these groups carry (or carried), oldest first.</summary>
    public static async Task<List<ProposalExportRow>> RowsAsync(GroupBotDb db, LocalClock clock, IReadOnlyCollection<long> groupIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var fromUtc = clock.ToUtc(from, TimeOnly.MinValue);
        var toUtc = clock.ToUtc(to.AddDays(1), TimeOnly.MinValue);
        var proposals = await db.Proposals.AsNoTracking().Include(p => p.Village).Include(p => p.Groups).ThenInclude(g => g.Group).Include(p => p.Changes)
            .Where(p => p.Groups.Any(g => groupIds.Contains(g.GroupId)) && p.Changes.Any(c => c.AtUtc >= fromUtc && c.AtUtc < toUtc))
            .ToListAsync(ct);
        var people = proposals.SelectMany(p => p.Changes.Select(c => c.ByPersonId)).Distinct().ToList();
        var names = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. proposals
            .SelectMany(p => p.Changes.Where(c => c.AtUtc >= fromUtc && c.AtUtc < toUtc).Select(c => new ProposalExportRow(
                p.Village?.Name ?? "", string.Join("; ", p.Groups.Select(g => g.Group?.Name).Order(StringComparer.OrdinalIgnoreCase)), p.Year, p.Id, p.Title, p.Field,
                p.Location, p.EstimatedCost, p.Beneficiaries, p.Status, p.BudgetedAmount, clock.ToLocal(c.AtUtc), names.GetValueOrDefault(c.ByPersonId) ?? "",
                c.FromStatus, c.ToStatus, c.Amount, c.Reason, c.Detail)))
            .OrderBy(r => r.ChangedLocal).ThenBy(r => r.ProposalId)];
    }

    /// <summary>The row's values in <see cref="Columns"/> order: numbers as numbers (a spreadsheet sums them), the rest as text (statuses and bidang by their code names).</summary>
    public static IReadOnlyList<object?> Values(ProposalExportRow r) =>
    [
        r.Village, r.Groups, (long)r.Year, r.ProposalId, r.Title, r.Field.ToString(), r.Location, r.EstimatedCost, r.Beneficiaries, r.Status.ToString(),
        r.BudgetedAmount, r.ChangedLocal.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.ChangedBy,
        r.From?.ToString(), r.To.ToString(), r.Amount, r.Reason, r.Detail,
    ];
}
