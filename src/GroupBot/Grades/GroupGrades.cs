using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Data;
using GroupBot.Ledger;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Planning;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Grades;

/// <summary>What a strong group does, each checked from what the bot already knows.</summary>
public enum Criterion
{
    Meetings,
    Attendance,
    Records,
    Savings,
    Loans,
    Business,
    Planning,
}

/// <summary>One criterion for one group: met or not, and the figures that say why (for the reason line).</summary>
public sealed record Check(Criterion Criterion, bool Met, object[] Figures);

/// <summary>A group's grade (A–D), the share of its criteria met, and every check.</summary>
public sealed record GroupGrade(long GroupId, string Group, string Village, char Grade, int Percent, IReadOnlyList<Check> Checks)
{
    public IEnumerable<Check> Missed => Checks.Where(c => !c.Met);
}

/// <summary>Grades groups from a handful of set-based queries.</summary>
public sealed class GroupGrades(IOptions<GradeOptions> options, LocalClock clock)
{
    public GradeOptions Options => options.Value;

    /// <summary>Grades on <paramref name="day"/>: the window is the <see cref="GradeOptions.Weeks"/> weeks up to it. Worst first, then by name.</summary>
    /// <param name="ledgers">The member ledgers of these groups, when the caller has read them already.</param>
    public async Task<List<GroupGrade>> BuildAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly day, CancellationToken ct,
        IReadOnlyDictionary<long, GroupBook>? ledgers = null)
    {
        var o = options.Value;
        var start = day.AddDays(1 - (7 * o.Weeks));
        var half = day.AddDays(1 - (7 * (o.Weeks / 2)));
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, Village = g.Village!.Name, g.Kind, g.MeetingDay, g.CreatedUtc }).ToListAsync(ct);
        var members = await db.Memberships.Where(m => groupIds.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Flat reads and one GROUP BY, not a sub-query per meeting: this runs for every group in a
        // summary. Filtered by group and date, never by a list of thousands of meeting ids (SQLite
        // reads such a list through json_each, which measured eight times slower; docs/BENCHMARKS.md).
        var rows = await db.Meetings.AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Date >= start && m.Date <= day)
            .Select(m => new { m.Id, m.GroupId, m.Date, m.Status }).ToListAsync(ct);
        var dates = rows.ToDictionary(m => m.Id, m => m.Date);
        var marked = await db.Attendance
            .Where(a => groupIds.Contains(a.Meeting!.GroupId) && a.Meeting.Date >= start && a.Meeting.Date <= day)
            .GroupBy(a => a.MeetingId)
            .Select(x => new { x.Key, Present = x.Count(a => a.Status == AttendanceStatus.Present) })
            .ToDictionaryAsync(x => x.Key, x => x.Present, ct);
        var meetings = rows.Select(m => new
        {
            m.Id,
            m.GroupId,
            m.Date,
            Cancelled = m.Status == MeetingStatus.Cancelled,
            Held = m.Status != MeetingStatus.Cancelled && (m.Status == MeetingStatus.Held || marked.ContainsKey(m.Id)),
            Present = marked.GetValueOrDefault(m.Id),
        }).ToList();
        // Every version in the window, the newest kept in memory (a correction replaces, never adds).
        var reports = (await db.SavingsReports.AsNoTracking()
                .Where(r => groupIds.Contains(r.GroupId) && r.Meeting!.Date >= start && r.Meeting.Date <= day)
                .Select(r => new { r.GroupId, r.MeetingId, r.Version, Savings = r.Savings ?? 0 }).ToListAsync(ct))
            .GroupBy(r => r.MeetingId).Select(v => v.MaxBy(r => r.Version)!)
            .Select(r => new { r.GroupId, r.MeetingId, Date = dates[r.MeetingId], r.Savings }).ToList();
        var minutes = (await db.Minutes.Where(m => groupIds.Contains(m.GroupId) && m.Meeting!.Date >= start && m.Meeting.Date <= day)
            .Select(m => m.MeetingId).Distinct().ToListAsync(ct)).ToHashSet();
        var books = await Books.SettingsAsync(db, groupIds, ct);
        var kept = books.Where(b => b.Value.Keeps).Select(b => b.Key).ToList();
        var thisMonth = Books.MonthOf(day);
        var business = kept.Count == 0 ? [] : await Books.StatesAsync(db, kept, thisMonth.AddMonths(1 - o.BusinessMonths), day, ct);
        // June to December: this year's planning. January to May, last year's still counts (a new season has not begun).
        int[] years = PlanningSummaries.InSeason(day) ? [day.Year] : [day.Year - 1, day.Year];
        var planning = await PlanningAsync(db, groupIds, years, ct);
        ledgers ??= await LedgerBooks.LoadAsync(db, groupIds, ct);
        var yearsLabel = string.Join('/', years);

        var meetingsOf = meetings.ToLookup(m => m.GroupId);
        var reportsOf = reports.ToLookup(r => r.GroupId);
        var reported = reports.Select(r => r.MeetingId).ToHashSet();
        var grades = new List<GroupGrade>(groups.Count);
        foreach (var g in groups)
        {
            // The window starts when the group started with the bot (or its first meeting on record, if earlier).
            var all = meetingsOf[g.Id].ToList();
            var created = DateOnly.FromDateTime(clock.ToLocal(g.CreatedUtc));
            var from = Max(start, all.Count > 0 && all.Min(m => m.Date) < created ? all.Min(m => m.Date) : created);
            var mine = all.Where(m => m.Date >= from).ToList();
            var held = mine.Where(m => m.Held).ToList();
            // Meeting days passed in the window (today counts once it is held), less the ones called off.
            var days = Enumerable.Range(0, Math.Max(0, day.DayNumber - from.DayNumber + 1)).Select(from.AddDays)
                .Count(d => d.DayOfWeek == g.MeetingDay && (d < day || held.Any(m => m.Date == d)));
            var expected = Math.Max(held.Count, days - mine.Count(m => m.Cancelled));
            var count = members.GetValueOrDefault(g.Id);
            var checks = new List<Check>();
            if (expected > 0)
            {
                checks.Add(new Check(Criterion.Meetings, 100 * held.Count >= o.MeetingsHeldPercent * expected, [held.Count, expected]));
                if (held.Count > 0)
                {
                    // Attendance and records are of the meetings held; a group that did not meet fails on meetings.
                    var attendance = count == 0 ? 0 : (int)Math.Round(100.0 * held.Sum(m => m.Present) / (held.Count * count), MidpointRounding.AwayFromZero);
                    checks.Add(new Check(Criterion.Attendance, attendance >= o.AttendancePercent, [attendance, o.AttendancePercent]));
                    var recorded = held.Count(m => minutes.Contains(m.Id) && reported.Contains(m.Id));
                    checks.Add(new Check(Criterion.Records, 100 * recorded >= o.RecordsPercent * held.Count, [recorded, held.Count]));
                }

                if (g.Kind is GroupKind.SavingsLoan or GroupKind.Other)
                {
                    // Per meeting reported, so a meeting not yet held today does not make savings look smaller.
                    var recent = Average(reportsOf[g.Id].Where(r => r.Date >= half).Select(r => r.Savings));
                    var before = Average(reportsOf[g.Id].Where(r => r.Date < half).Select(r => r.Savings));
                    checks.Add(new Check(Criterion.Savings, recent > 0 && recent >= before, [recent, before, o.Weeks / 2]));
                }
            }

            if (ledgers.TryGetValue(g.Id, out var ledger) && ledger.Outstanding > 0)
            {
                // Portfolio at risk: what is still owed on loans behind on a repayment, over all that is owed (the books as they stand).
                var late = ledger.Late(day);
                var atRisk = (int)Math.Round(100m * late.Sum(l => l.Member.LoanBalance) / ledger.Outstanding, MidpointRounding.AwayFromZero);
                checks.Add(new Check(Criterion.Loans, atRisk <= o.LoansAtRiskPercent, [atRisk, o.LoansAtRiskPercent, late.Count]));
            }

            if (books.GetValueOrDefault(g.Id).Keeps)
            {
                var months = business.GetValueOrDefault(g.Id)?.Months ?? [];
                checks.Add(new Check(Criterion.Business, months.Count > 0 && months.Sum(m => m.Profit) > 0, [months.Sum(m => m.Profit), months.Count, o.BusinessMonths]));
            }

            checks.Add(new Check(Criterion.Planning, planning.Contains(g.Id), [yearsLabel]));
            var percent = 100 * checks.Count(c => c.Met) / checks.Count;
            grades.Add(new GroupGrade(g.Id, g.Name, g.Village, GradeOf(percent), percent, checks));
        }

        return [.. grades.OrderBy(x => x.Percent).ThenBy(x => x.Group, StringComparer.OrdinalIgnoreCase).ThenBy(x => x.GroupId)];
    }

    public char GradeOf(int percent) => percent >= options.Value.A ? 'A' : percent >= options.Value.B ? 'B' : percent >= options.Value.C ? 'C' : 'D';

    /// <summary>
    /// The next grade up and how many missed criteria must be met to reach it (the easiest first is
    /// the group's choice); null for an A.
    /// </summary>
    public (char Grade, int Needed)? NextUp(GroupGrade grade)
    {
        var met = grade.Checks.Count(c => c.Met);
        for (var more = 1; met + more <= grade.Checks.Count; more++)
        {
            var better = GradeOf(100 * (met + more) / grade.Checks.Count);
            if (better < grade.Grade)
            {
                return (better, more);
            }
        }

        return null;
    }

    /// <summary>Groups taking part in village planning: a proposal of one of the years (not withdrawn or joined into another), or a delegate to one of their events (not called off).</summary>
    private static async Task<HashSet<long>> PlanningAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, int[] years, CancellationToken ct)
    {
        var proposing = await db.Set<ProposalGroup>().Where(p => groupIds.Contains(p.GroupId)
                && db.Set<Proposal>().Any(x => x.Id == p.ProposalId && years.Contains(x.Year) && x.Status != ProposalStatus.Joined && x.Status != ProposalStatus.Withdrawn))
            .Select(p => p.GroupId).Distinct().ToListAsync(ct);
        var delegating = await db.Set<EventDelegate>().Where(d => groupIds.Contains(d.GroupId)
                && db.Set<PlanningEvent>().Any(e => e.Id == d.EventId && e.CancelledUtc == null && years.Contains(e.Date.Year)))
            .Select(d => d.GroupId).Distinct().ToListAsync(ct);
        return [.. proposing, .. delegating];
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>Whole rupiah, rounded down; 0 for none.</summary>
    private static long Average(IEnumerable<long> amounts)
    {
        var list = amounts.ToList();
        return list.Count == 0 ? 0 : list.Sum() / list.Count;
    }
}
