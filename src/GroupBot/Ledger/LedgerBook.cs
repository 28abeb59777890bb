using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Ledger;

/// <summary>One member's book in the current cycle.</summary>
public sealed record MemberBook(long PersonId, string Name, int Shares, long Savings, long Social, long Fines,
    Loan? Loan, long LoanRepaid, Loan? Pending, bool EverBorrowed)
{
    /// <summary>What she still owes on her active loan (principal and its flat interest, less what she paid).</summary>
    public long LoanBalance => Loan is null ? 0 : Loan.TotalDue - LoanRepaid;
}

/// <summary>
/// A group's ledger in its current cycle, from the newest version of every meeting entry and the
/// loans: each member's book, the box without the social fund, the social fund, and the pool a
/// share-out would divide today (the box plus what borrowers still owe).
/// </summary>
public sealed record GroupBook(LedgerCycle Cycle, string GroupName, IReadOnlyList<MemberBook> Members, int MeetingsEntered,
    long Cash, long SocialBalance, DateOnly? LastEntry)
{
    public long Outstanding => Members.Sum(m => m.LoanBalance);
    public long Pool => Cash + Outstanding;
    public int TotalShares => Members.Sum(m => m.Shares);
    public long Savings => Members.Sum(m => m.Savings);

    public MemberBook? Of(long personId) => Members.FirstOrDefault(m => m.PersonId == personId);

    /// <summary>What each member would get if the cycle were shared out today, in the order of <see cref="Members"/>.</summary>
    public IReadOnlyList<ShareOutLine> Projection()
    {
        if (TotalShares == 0)
        {
            return [.. Members.Select(m => new ShareOutLine { PersonId = m.PersonId })];
        }

        var gross = LedgerMath.Split(Pool, [.. Members.Select(m => m.Shares)]);
        return [.. Members.Select((m, i) => new ShareOutLine
        {
            PersonId = m.PersonId,
            Shares = m.Shares,
            Gross = gross[i],
            LoanDeducted = Math.Min(m.LoanBalance, Math.Max(gross[i], 0)),
            Payout = Math.Max(gross[i] - m.LoanBalance, 0),
        })];
    }

    /// <summary>Members behind on a repayment on <paramref name="today"/>, the longest late first (arrears, the summary, the loans grade).</summary>
    public List<(MemberBook Member, long Amount, DateOnly Since)> Late(DateOnly today) =>
        [.. Members.Where(m => m.Loan is not null)
            .Select(m => (m, LedgerMath.Arrears(m.Loan!, m.LoanRepaid, today)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.m, x.Item2!.Value.Amount, x.Item2.Value.Since))
            .OrderBy(x => x.Since).ThenBy(x => x.m.Name)];

    /// <summary>Return on savings: what the pool earned over what was saved, as a whole percent (null before any saving).</summary>
    public int? ReturnPercent => Savings == 0 ? null : (int)Math.Round(100m * (Pool - Savings) / Savings, MidpointRounding.AwayFromZero);
}

/// <summary>Reads the ledger: every figure a passbook, a receipt, a summary or a share-out shows comes from here.</summary>
public static class LedgerBooks
{
    /// <summary>The group's open cycle, if it keeps a member ledger.</summary>
    public static Task<LedgerCycle?> CycleAsync(GroupBotDb db, long groupId, CancellationToken ct) =>
        db.LedgerCycles.Where(c => c.GroupId == groupId && c.ClosedUtc == null).OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);

    /// <summary>The newest version of each meeting entry of these cycles.</summary>
    public static IQueryable<LedgerMeeting> Newest(GroupBotDb db, IReadOnlyCollection<long> cycleIds) =>
        db.Set<LedgerMeeting>().Where(m => cycleIds.Contains(m.CycleId)
            && m.Version == db.Set<LedgerMeeting>().Where(x => x.MeetingId == m.MeetingId).Max(x => x.Version));

    public static async Task<GroupBook?> LoadAsync(GroupBotDb db, long groupId, CancellationToken ct) =>
        (await LoadAsync(db, [groupId], ct)).GetValueOrDefault(groupId);

    /// <summary>
    /// The books of every group among <paramref name="groupIds"/> that keeps a ledger, in a few
    /// set-based queries: SQLite adds up each member's lines and each loan's repayments (one row per
    /// member, not one per line: a year of weekly meetings is 1,300 lines a group).
    /// </summary>
    public static async Task<Dictionary<long, GroupBook>> LoadAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, CancellationToken ct)
    {
        var cycles = await db.LedgerCycles.AsNoTracking().Where(c => groupIds.Contains(c.GroupId) && c.ClosedUtc == null).ToListAsync(ct);
        if (cycles.Count == 0)
        {
            return [];
        }

        var cycleIds = cycles.Select(c => c.Id).ToList();
        var withLedger = cycles.Select(c => c.GroupId).ToList();
        var newest = Newest(db, cycleIds);
        var entered = await newest.GroupBy(m => m.CycleId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(m => m.Date) }).ToDictionaryAsync(x => x.Key, ct);
        // One pass over the lines: a row per member and loan she paid on (most members: one row).
        var parts = await (from l in db.Set<LedgerLine>()
                           join m in newest on l.LedgerMeetingId equals m.Id
                           group l by new { m.CycleId, l.PersonId, l.LoanId } into g
                           select new { g.Key.CycleId, g.Key.PersonId, g.Key.LoanId, Shares = g.Sum(x => x.Shares), Social = g.Sum(x => x.Social), Fines = g.Sum(x => x.Fine), Repaid = g.Sum(x => x.Repaid) })
            .ToListAsync(ct);
        var sums = parts.GroupBy(p => (p.CycleId, p.PersonId)).Select(g => new
        {
            g.Key.CycleId,
            g.Key.PersonId,
            Shares = g.Sum(x => x.Shares),
            Social = g.Sum(x => x.Social),
            Fines = g.Sum(x => x.Fines),
            Repaid = g.Sum(x => x.Repaid),
        }).ToList();
        var repaid = parts.Where(p => p.LoanId != null).GroupBy(p => p.LoanId!.Value).ToDictionary(g => g.Key, g => g.Sum(x => x.Repaid));
        var loans = await db.Loans.AsNoTracking().Where(l => cycleIds.Contains(l.CycleId)).ToListAsync(ct);
        var members = await db.Memberships.AsNoTracking().Where(m => withLedger.Contains(m.GroupId))
            .Select(m => new { m.GroupId, m.PersonId, m.Person!.Name }).ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().Where(g => withLedger.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        // Someone with lines who has left the group still has her book.
        var known = members.Select(m => (m.GroupId, m.PersonId)).ToHashSet();
        var groupOf = cycles.ToDictionary(c => c.Id, c => c.GroupId);
        var gone = sums.Where(s => !known.Contains((groupOf[s.CycleId], s.PersonId))).Select(s => s.PersonId).Distinct().ToList();
        var names = gone.Count == 0 ? [] : await db.People.AsNoTracking().Where(p => gone.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);

        var sumsOf = sums.ToLookup(s => s.CycleId);
        var loansOf = loans.ToLookup(l => l.CycleId);
        var membersOf = members.ToLookup(m => m.GroupId);
        var books = new Dictionary<long, GroupBook>();
        foreach (var cycle in cycles)
        {
            var own = sumsOf[cycle.Id].ToDictionary(s => s.PersonId);
            var groupLoans = loansOf[cycle.Id].ToList();
            var people = membersOf[cycle.GroupId].Select(m => (m.PersonId, m.Name))
                .Concat(own.Keys.Where(p => !known.Contains((cycle.GroupId, p))).Select(p => (PersonId: p, Name: names.GetValueOrDefault(p, "?"))))
                .DistinctBy(p => p.PersonId).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.PersonId).ToList();
            var book = people.Select(p =>
            {
                var line = own.GetValueOrDefault(p.PersonId);
                var active = groupLoans.FirstOrDefault(l => l.PersonId == p.PersonId && l.Status == LoanStatus.Active);
                var shares = line?.Shares ?? 0;
                return new MemberBook(p.PersonId, p.Name, shares, shares * cycle.ShareValue, line?.Social ?? 0, line?.Fines ?? 0,
                    active, active is null ? 0 : repaid.GetValueOrDefault(active.Id),
                    groupLoans.FirstOrDefault(l => l.PersonId == p.PersonId && l.Status == LoanStatus.Pending),
                    groupLoans.Any(l => l.PersonId == p.PersonId && l.Status is LoanStatus.Active or LoanStatus.Repaid or LoanStatus.WrittenOff));
            }).ToList();

            var given = groupLoans.Where(l => l.Status is LoanStatus.Active or LoanStatus.Repaid or LoanStatus.WrittenOff).Sum(l => l.Principal);
            var cash = book.Sum(m => m.Savings + m.Fines) + own.Values.Sum(s => s.Repaid) - given;
            var count = entered.GetValueOrDefault(cycle.Id);
            books[cycle.GroupId] = new GroupBook(cycle, groups[cycle.GroupId], book, count?.Count ?? 0, cash, cycle.SocialCarried + book.Sum(m => m.Social), count?.Last);
        }

        return books;
    }

    /// <summary>Members of the group who hold an officer role, for the two-key rule.</summary>
    public static Task<List<long>> OfficersAsync(GroupBotDb db, long groupId, CancellationToken ct) =>
        db.Memberships.Where(m => m.GroupId == groupId && m.Role != MemberRole.Member).Select(m => m.PersonId).ToListAsync(ct);
}
