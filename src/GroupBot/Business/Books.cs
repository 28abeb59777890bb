using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Business;

/// <summary>One month of a group's business: the newest version of every report in it, added up.</summary>
public sealed record MonthFigures(DateOnly Month, long Sales, long Materials, long Wages, long Transport, long OtherCosts, long CapitalAdded, int Reports)
{
    public long Costs => Materials + Wages + Transport + OtherCosts;

    /// <summary>Laba (positive) or rugi (negative).</summary>
    public long Profit => Sales - Costs;
}

/// <summary>A group's business up to a day: its months, capital since the cycle started, what is owed now, and its latest report (period end, and when it was sent).</summary>
public sealed record BusinessState(long GroupId, IReadOnlyList<MonthFigures> Months, long CapitalSinceCycle, long Receivable, long Payable, DateOnly? LastPeriodEnd, DateTime LastSentUtc)
{
    public MonthFigures? In(DateOnly month) => Months.FirstOrDefault(m => m.Month == Books.MonthOf(month));
}

/// <summary>
/// What a summary says of a business: its latest month (this one, or the last with a report) and
/// the month before it, a loss in both of the last two months that ended, and no report for
/// <see cref="Books.QuietDays"/> days.
/// </summary>
public sealed record BusinessGlance(MonthFigures? Month, MonthFigures? Before, bool LossTwoMonths, bool Quiet);

/// <summary>A group's business-book setting, with the defaults filled in; <paramref name="ChangedUtc"/> when it was last set (null: the default).</summary>
public readonly record struct BookSetting(bool Keeps, BookPeriod Period, DateTime? ChangedUtc = null);

/// <summary>
/// Reading the business book: who keeps one, and the figures by month. Summaries, grades, the
/// chart and the export all read it through here, so a correction replaces and never adds, and a
/// month with a monthly report counts that report instead of the month's meeting reports (a group
/// that switched from per-meeting to monthly is not counted twice).
/// </summary>
public static class Books
{
    /// <summary>Five weeks without a business report puts the group under "Perlu perhatian".</summary>
    public const int QuietDays = 35;

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <param name="keptSince">When the book started (the group's creation, or when the book was turned on): a group that never reported is quiet only five weeks after it.</param>
    /// <remarks>Quiet counts from the latest report's period end or the day it was sent, whichever is later (a month is reported after it ends).</remarks>
    public static BusinessGlance Glance(BusinessState? state, DateOnly day, DateOnly keptSince)
    {
        var thisMonth = MonthOf(day);
        var month = state?.In(thisMonth) ?? state?.Months.Where(m => m.Month < thisMonth).LastOrDefault();
        var before = month is null ? null : state!.In(month.Month.AddMonths(-1));
        var loss = state?.In(thisMonth.AddMonths(-1)) is { Profit: < 0 } && state.In(thisMonth.AddMonths(-2)) is { Profit: < 0 };
        var last = state is null ? keptSince : Max(state.LastPeriodEnd ?? keptSince, DateOnly.FromDateTime(state.LastSentUtc));
        var quiet = Max(last, keptSince) < day.AddDays(-QuietDays);
        return new BusinessGlance(month, before, loss, quiet);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    public static BookSetting Default(GroupKind kind) => new(kind == GroupKind.Business, BookPeriod.Meeting);

    public static async Task<BookSetting> SettingAsync(GroupBotDb db, Group group, CancellationToken ct) =>
        await db.BusinessBooks.AsNoTracking().Where(b => b.GroupId == group.Id).Select(b => (BookSetting?)new BookSetting(b.Keeps, b.Period, b.ChangedUtc)).FirstOrDefaultAsync(ct)
            ?? Default(group.Kind);

    /// <summary>The settings of several groups at once (for summaries and grades).</summary>
    public static async Task<Dictionary<long, BookSetting>> SettingsAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, CancellationToken ct)
    {
        var kinds = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.Kind }).ToListAsync(ct);
        var rows = await db.BusinessBooks.AsNoTracking().Where(b => groupIds.Contains(b.GroupId)).ToDictionaryAsync(b => b.GroupId, ct);
        return kinds.ToDictionary(g => g.Id, g => rows.TryGetValue(g.Id, out var b) ? new BookSetting(b.Keeps, b.Period, b.ChangedUtc) : Default(g.Kind));
    }

    /// <summary>The newest version of each period's report.</summary>
    public static IQueryable<BusinessReport> Newest(GroupBotDb db) =>
        db.BusinessReports.AsNoTracking().Where(r => r.Version == db.Set<BusinessReport>()
            .Where(x => x.GroupId == r.GroupId && x.PeriodKey == r.PeriodKey).Max(x => x.Version));

    /// <summary>The newest version of one period's report, tracked (for corrections).</summary>
    public static Task<BusinessReport?> NewestAsync(GroupBotDb db, long groupId, string periodKey, CancellationToken ct) =>
        db.BusinessReports.AsNoTracking().Where(r => r.GroupId == groupId && r.PeriodKey == periodKey).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Each group's months from <paramref name="fromMonth"/> to the month of <paramref name="to"/>
    /// (only months with a report), capital since its cycle started, and what was owed at its
    /// latest report up to <paramref name="to"/>. Groups without any report are left out.
    /// </summary>
    public static async Task<Dictionary<long, BusinessState>> StatesAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly fromMonth, DateOnly to, CancellationToken ct)
    {
        // A group's whole book up to the day is a few hundred rows at most (a report a week): read
        // it once, and add up in memory with the same rule everywhere.
        var rows = await Newest(db).Where(r => groupIds.Contains(r.GroupId) && r.PeriodStart <= to).ToListAsync(ct);
        var cycles = await db.Groups.Where(g => groupIds.Contains(g.Id)).Select(g => new { g.Id, g.CycleStart }).ToDictionaryAsync(g => g.Id, g => g.CycleStart, ct);
        var states = new Dictionary<long, BusinessState>();
        foreach (var book in rows.GroupBy(r => r.GroupId))
        {
            var all = book.GroupBy(r => MonthOf(r.PeriodStart)).OrderBy(m => m.Key).Select(m => (m.Key, Counted: Counted(m))).ToList();
            var cycle = cycles.GetValueOrDefault(book.Key);
            // A period that ends on or after the cycle's start counts (a month it started in included).
            var capital = all.SelectMany(m => m.Counted).Where(r => cycle is null || r.PeriodEnd >= cycle).Sum(r => r.CapitalAdded);
            var last = book.OrderBy(r => r.PeriodEnd).ThenBy(r => r.MeetingId is null).ThenBy(r => r.Id).Last();
            var months = all.Where(m => m.Key >= fromMonth).Select(m => Sum(m.Key, m.Counted)).ToList();
            states[book.Key] = new BusinessState(book.Key, months, capital, last.Receivable, last.Payable, last.PeriodEnd, book.Max(r => r.CreatedUtc));
        }

        return states;
    }

    /// <summary>A month's reports that count: a monthly report, when there is one, stands for the whole month.</summary>
    private static List<BusinessReport> Counted(IEnumerable<BusinessReport> month)
    {
        var list = month.ToList();
        var monthly = list.Where(r => r.MeetingId is null).ToList();
        return monthly.Count > 0 ? monthly : list;
    }

    private static MonthFigures Sum(DateOnly month, List<BusinessReport> counted) =>
        new(month, counted.Sum(r => r.Sales), counted.Sum(r => r.Materials), counted.Sum(r => r.Wages),
            counted.Sum(r => r.Transport), counted.Sum(r => r.OtherCosts), counted.Sum(r => r.CapitalAdded), counted.Count);
}
