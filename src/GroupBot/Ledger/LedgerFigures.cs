using System.Globalization;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>
/// A ledger group's figures for summaries: loans outstanding, members with a loan and who ever
/// borrowed this cycle, arrears, return on savings, the projected share-out per member, and the
/// receipts flagged wrong and not yet settled.
/// </summary>
public sealed record LedgerGlance(long Outstanding, int Members, int Borrowing, int EverBorrowed, long Arrears, int Late, int? ReturnPercent, long ProjectedPerMember, int OpenFlags)
{
    public int BorrowingPercent => Percent(Borrowing);
    public int EverBorrowedPercent => Percent(EverBorrowed);

    private int Percent(int count) => Members == 0 ? 0 : (int)Math.Round(100.0 * count / Members, MidpointRounding.AwayFromZero);
}

public static class LedgerFigures
{
    /// <summary>The glance of every group among <paramref name="books"/>, as its books stand on <paramref name="today"/>.</summary>
    public static async Task<Dictionary<long, LedgerGlance>> GlanceAsync(GroupBotDb db, IReadOnlyDictionary<long, GroupBook> books, DateOnly today, CancellationToken ct)
    {
        if (books.Count == 0)
        {
            return [];
        }

        var flags = await ReceiptFlags.OpenAsync(db, [.. books.Keys], ct);
        return books.ToDictionary(b => b.Key, b =>
        {
            var book = b.Value;
            var late = book.Late(today);
            var members = book.Members.Count;
            return new LedgerGlance(book.Outstanding, members, book.Members.Count(m => m.Loan is not null), book.Members.Count(m => m.EverBorrowed),
                late.Sum(l => l.Amount), late.Count, book.ReturnPercent, members == 0 ? 0 : book.Projection().Sum(l => l.Payout) / members, flags.GetValueOrDefault(b.Key));
        });
    }
}

/// <summary>The member ledger in the export: each member's book in the current cycle, and the share-outs paid.</summary>
public static class LedgerExport
{
    public static readonly IReadOnlyList<string> MemberColumns =
    [
        "village", "group", "cycle", "cycle_start", "member", "shares", "savings", "social_fund", "fines", "loan_balance", "overdue", "overdue_since",
        "ever_borrowed", "projected_shareout",
    ];

    public static readonly IReadOnlyList<string> ShareOutColumns =
        ["village", "group", "cycle", "paid_date", "member", "shares", "gross", "loan_deducted", "payout", "pool", "social_fund_carried"];

    /// <summary>One row per member of every ledger group among <paramref name="groupIds"/>, as the books stand on <paramref name="today"/>.</summary>
    public static async Task<List<IReadOnlyList<object?>>> MembersAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly today, CancellationToken ct)
    {
        var books = await LedgerBooks.LoadAsync(db, groupIds, ct);
        var villages = await Villages(db, books.Keys, ct);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (groupId, book) in books.OrderBy(b => villages[b.Key], StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Value.GroupName, StringComparer.OrdinalIgnoreCase))
        {
            var projection = book.Projection();
            foreach (var (m, p) in book.Members.Zip(projection))
            {
                var late = m.Loan is null ? null : LedgerMath.Arrears(m.Loan, m.LoanRepaid, today);
                rows.Add(
                [
                    villages[groupId], book.GroupName, (long)book.Cycle.Number, Date(book.Cycle.Start), m.Name, (long)m.Shares, m.Savings, m.Social, m.Fines,
                    m.LoanBalance, late?.Amount ?? 0L, late is { } l ? Date(l.Since) : null, m.EverBorrowed ? "ya" : "tidak", p.Payout,
                ]);
            }
        }

        return rows;
    }

    /// <summary>One row per member of every share-out paid between the dates.</summary>
    public static async Task<List<IReadOnlyList<object?>>> ShareOutsAsync(GroupBotDb db, LocalClock clock, IReadOnlyCollection<long> groupIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = (clock.ToUtc(from, TimeOnly.MinValue), clock.ToUtc(to.AddDays(1), TimeOnly.MinValue));
        var paid = await db.ShareOuts.AsNoTracking().Include(s => s.Lines)
            .Where(s => groupIds.Contains(s.GroupId) && s.PaidUtc != null && s.PaidUtc >= start && s.PaidUtc < end).ToListAsync(ct);
        var groups = paid.Select(s => s.GroupId).Distinct().ToList();
        var villages = await Villages(db, groups, ct);
        var names = await db.Groups.Where(g => groups.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var cycles = await db.LedgerCycles.Where(c => groups.Contains(c.GroupId)).ToDictionaryAsync(c => c.Id, ct);
        var people = paid.SelectMany(s => s.Lines.Select(l => l.PersonId)).Distinct().ToList();
        var members = await db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return [.. paid.OrderBy(s => villages[s.GroupId], StringComparer.OrdinalIgnoreCase).ThenBy(s => names[s.GroupId], StringComparer.OrdinalIgnoreCase).ThenBy(s => s.PaidUtc)
            .SelectMany(s => s.Lines.OrderBy(l => members[l.PersonId], StringComparer.OrdinalIgnoreCase).Select(l => (IReadOnlyList<object?>)
            [
                villages[s.GroupId], names[s.GroupId], (long)cycles[s.CycleId].Number, Date(DateOnly.FromDateTime(clock.ToLocal(s.PaidUtc!.Value))), members[l.PersonId],
                (long)l.Shares, l.Gross, l.LoanDeducted, l.Payout, s.Pool, s.SocialFund,
            ]))];
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<Dictionary<long, string>> Villages(GroupBotDb db, IEnumerable<long> groupIds, CancellationToken ct)
    {
        var ids = groupIds.ToList();
        // Projected in SQL: a selector on the entity would run in memory, where its village is not loaded.
        return db.Groups.Where(g => ids.Contains(g.Id)).Select(g => new { g.Id, Village = g.Village!.Name }).ToDictionaryAsync(g => g.Id, g => g.Village, ct);
    }
}
