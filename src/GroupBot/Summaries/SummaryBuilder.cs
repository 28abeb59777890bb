using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Grades;
using GroupBot.Ledger;
using GroupBot.Minutes;
using GroupBot.People;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GroupBot.Summaries;

/// <summary>One group's week, as a facilitator reads it.</summary>
public sealed record GroupWeek(
    long GroupId, string Group, string Village, GroupKind Kind,
    DateOnly? MeetingDate, int Present, int Members, int[] PresentPercentLast4Weeks,
    long Savings, long CumulativeSavings, long? LoansOutstanding, long Repayments, long FinesAndSocial, long? CashBalance, int? MembersSaved,
    bool HasMinutes, bool HasReport, bool CashMismatch, bool ReportOverdue, bool LeadersUnreachable, int ActiveMembers4Weeks, long PreviousSavings)
{
    public bool Held => MeetingDate is not null;

    /// <summary>For a group that keeps a business book: its latest month and the warnings.</summary>
    public BusinessGlance? Business { get; init; }

    /// <summary>For a group that keeps a member ledger: loans, arrears, return and the projected share-out, as its books stand.</summary>
    public LedgerGlance? Ledger { get; init; }
    public int? AttendancePercent => Held && Members > 0 ? (int)Math.Round(100.0 * Present / Members, MidpointRounding.AwayFromZero) : null;

    /// <summary>Three falls in a row over the last four weeks.</summary>
    public bool AttendanceFalling => PresentPercentLast4Weeks.Length == 4 && PresentPercentLast4Weeks[0] > PresentPercentLast4Weeks[1]
        && PresentPercentLast4Weeks[1] > PresentPercentLast4Weeks[2] && PresentPercentLast4Weeks[2] > PresentPercentLast4Weeks[3];
}

public sealed record WeekSummary(DateOnly Monday, IReadOnlyList<GroupWeek> Groups)
{
    /// <summary>Every group's health grade at the week's end (or today, in a week not over yet), worst first.</summary>
    public IReadOnlyList<GroupGrade> Grades { get; init; } = [];
}

/// <summary>
/// The weekly figures for a set of groups, from a handful of set-based queries (not one per
/// group): meetings and attendance of the last four weeks, the newest version of every report up
/// to the week's end, minutes, and who cannot be reached.
/// </summary>
public sealed class SummaryBuilder(IOptions<SummaryOptions> options, LocalClock clock, GroupGrades grades)
{
    public async Task<WeekSummary> BuildAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, DateOnly monday, CancellationToken ct)
    {
        var sunday = monday.AddDays(6);
        var from = monday.AddDays(-21);
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .Select(g => new { g.Id, g.Name, Village = g.Village!.Name, g.Kind, g.CycleStart, g.CreatedUtc }).ToListAsync(ct);
        var members = await db.Memberships.Where(m => groupIds.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId) && m.Date >= from && m.Date <= sunday && m.Status != MeetingStatus.Cancelled
                && (m.Status == MeetingStatus.Held || m.Attendance.Any()))
            .Select(m => new { m.Id, m.GroupId, m.Date, Present = m.Attendance.Count(a => a.Status == AttendanceStatus.Present) })
            .ToListAsync(ct);
        var active = (await db.Attendance.AsNoTracking()
                .Where(a => a.Status == AttendanceStatus.Present && groupIds.Contains(a.Meeting!.GroupId) && a.Meeting.Date >= from && a.Meeting.Date <= sunday)
                .Select(a => new { a.Meeting!.GroupId, a.PersonId }).Distinct().ToListAsync(ct))
            .GroupBy(x => x.GroupId).ToDictionary(g => g.Key, g => g.Count());

        // Only the newest version of each report counts (a correction replaces, never adds). The
        // four-week window is read row by row; everything older only as one sum per group, in SQL.
        var newest = db.SavingsReports.AsNoTracking()
            .Where(r => groupIds.Contains(r.GroupId) && r.Meeting!.Date <= sunday
                && r.Version == db.Set<SavingsReport>().Where(x => x.MeetingId == r.MeetingId).Max(x => x.Version));
        var reports = await newest.Where(r => r.Meeting!.Date >= from)
            .Select(r => new ReportRow(r.GroupId, r.MeetingId, r.Meeting!.Date, r.Savings, r.LoansOutstanding, r.Repayments, r.FinesAndSocial, r.CashBalance, r.CashMismatch, r.MembersSaved))
            .ToListAsync(ct);
        // Cumulative savings count from the group's cycle start (a group setting; by default its first report).
        var cumulative = await newest
            .Where(r => r.Meeting!.Group!.CycleStart == null || r.Meeting.Date >= r.Meeting.Group.CycleStart)
            .GroupBy(r => r.GroupId).Select(g => new { g.Key, Sum = g.Sum(r => r.Savings ?? 0) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var reported = await newest.Select(r => r.GroupId).Distinct().ToListAsync(ct);
        var quiet = reported.Except(reports.Select(r => r.GroupId)).ToList();
        if (quiet.Count > 0)
        {
            // Groups with no report in four weeks: their latest figures, however old.
            var latestDates = newest.Where(r => quiet.Contains(r.GroupId)).GroupBy(r => r.GroupId).Select(g => g.Max(r => r.Meeting!.Date));
            reports.AddRange(await newest.Where(r => quiet.Contains(r.GroupId) && latestDates.Contains(r.Meeting!.Date))
                .Select(r => new ReportRow(r.GroupId, r.MeetingId, r.Meeting!.Date, 0, r.LoansOutstanding, 0, 0, r.CashBalance, false, null))
                .ToListAsync(ct));
        }

        var weekMeetingIds = meetings.Where(m => m.Date >= monday).Select(m => m.Id).ToList();
        var withMinutes = (await db.Minutes.Where(m => weekMeetingIds.Contains(m.MeetingId)).Select(m => m.MeetingId).Distinct().ToListAsync(ct)).ToHashSet();
        var unreachable = await UnreachableGroupsAsync(db, groupIds, ct);
        var today = clock.Today;
        var books = await Books.SettingsAsync(db, groupIds, ct);
        var kept = books.Where(b => b.Value.Keeps).Select(b => b.Key).ToList();
        var business = kept.Count == 0 ? [] : await Books.StatesAsync(db, kept, Books.MonthOf(sunday).AddMonths(-12), sunday, ct);
        // Read once: the summary's ledger line and the grades' loans criterion use the same books.
        var ledgerBooks = await LedgerBooks.LoadAsync(db, groupIds, ct);
        var ledgers = await LedgerFigures.GlanceAsync(db, ledgerBooks, sunday < today ? sunday : today, ct);

        var byGroup = reports.GroupBy(r => r.GroupId).ToDictionary(x => x.Key, x => x.ToList());
        var meetingsByGroup = meetings.GroupBy(m => m.GroupId).ToDictionary(x => x.Key, x => x.ToList());
        var rows = new List<GroupWeek>(groups.Count);
        foreach (var g in groups.OrderBy(g => g.Village).ThenBy(g => g.Name))
        {
            var count = members.GetValueOrDefault(g.Id);
            var mine = meetingsByGroup.TryGetValue(g.Id, out var found) ? found : [];
            var thisWeek = mine.Where(m => m.Date >= monday).OrderBy(m => m.Date).LastOrDefault();
            var percents = Enumerable.Range(0, 4).Select(i =>
            {
                var start = monday.AddDays(-7 * (3 - i));
                var last = mine.Where(m => m.Date >= start && m.Date <= start.AddDays(6)).OrderBy(m => m.Date).LastOrDefault();
                return last is null || count == 0 ? -1 : (int)Math.Round(100.0 * last.Present / count, MidpointRounding.AwayFromZero);
            }).ToArray();
            var groupReports = byGroup.TryGetValue(g.Id, out var list) ? list : [];
            var weekReports = groupReports.Where(r => r.Date >= monday).ToList();
            var previousReports = groupReports.Where(r => r.Date >= monday.AddDays(-7) && r.Date < monday).ToList();
            var latest = groupReports.OrderBy(r => r.Date).LastOrDefault();
            var reportDue = thisWeek is not null && g.Kind == GroupKind.SavingsLoan && !weekReports.Any(r => r.MeetingId == thisWeek.Id)
                && today >= thisWeek.Date.AddDays(options.Value.ReportDueDays);
            rows.Add(new GroupWeek(
                g.Id, g.Name, g.Village, g.Kind,
                thisWeek?.Date, thisWeek?.Present ?? 0, count, percents.Contains(-1) ? [] : percents,
                weekReports.Sum(r => r.Savings ?? 0), cumulative.GetValueOrDefault(g.Id), latest?.LoansOutstanding,
                weekReports.Sum(r => r.Repayments ?? 0), weekReports.Sum(r => r.FinesAndSocial ?? 0), latest?.CashBalance,
                weekReports.LastOrDefault()?.MembersSaved,
                thisWeek is not null && withMinutes.Contains(thisWeek.Id), weekReports.Count > 0, weekReports.Any(r => r.CashMismatch),
                reportDue, unreachable.Contains(g.Id), active.GetValueOrDefault(g.Id), previousReports.Sum(r => r.Savings ?? 0))
            {
                Business = books.GetValueOrDefault(g.Id) is { Keeps: true } book
                    ? Books.Glance(business.GetValueOrDefault(g.Id), sunday < today ? sunday : today, KeptSince(g.CreatedUtc, g.Kind, book))
                    : null,
                Ledger = ledgers.GetValueOrDefault(g.Id),
            });
        }

        var graded = await grades.BuildAsync(db, [.. rows.Select(r => r.GroupId)], sunday < today ? sunday : today, ct, ledgerBooks);
        return new WeekSummary(monday, rows) { Grades = graded };
    }

    /// <summary>A business group's book started with the group; a side business's when it was turned on.</summary>
    private DateOnly KeptSince(DateTime createdUtc, GroupKind kind, BookSetting book)
    {
        var created = DateOnly.FromDateTime(clock.ToLocal(createdUtc));
        var set = kind != GroupKind.Business && book.ChangedUtc is { } changed ? DateOnly.FromDateTime(clock.ToLocal(changed)) : created;
        return set > created ? set : created;
    }

    private sealed record ReportRow(long GroupId, long MeetingId, DateOnly Date, long? Savings, long? LoansOutstanding, long? Repayments,
        long? FinesAndSocial, long CashBalance, bool CashMismatch, int? MembersSaved);

    /// <summary>Groups with an officer the bot cannot reach: blocked it, or WhatsApp messages waiting for her to write.</summary>
    private static async Task<HashSet<long>> UnreachableGroupsAsync(GroupBotDb db, IReadOnlyCollection<long> groupIds, CancellationToken ct)
    {
        var officers = await db.Memberships.Where(m => groupIds.Contains(m.GroupId) && m.Role != MemberRole.Member)
            .Select(m => new { m.GroupId, m.PersonId }).ToListAsync(ct);
        var personIds = officers.Select(o => o.PersonId).Distinct().ToList();
        var identities = await db.ChatIdentities.Where(i => personIds.Contains(i.PersonId))
            .Select(i => new { i.PersonId, i.Channel, i.Address, i.UnreachableUtc }).ToListAsync(ct);
        var addresses = identities.Select(i => i.Address).ToList();
        var waiting = (await db.Outbox.Where(o => o.Status == OutboxStatus.Waiting && addresses.Contains(o.ChatId))
            .Select(o => new { o.Channel, o.ChatId }).Distinct().ToListAsync(ct)).ToHashSet();
        // Unreachable only when none of her chat accounts reaches her (she may have moved from Telegram to WhatsApp).
        var cut = identities.GroupBy(i => i.PersonId)
            .Where(g => g.All(i => i.UnreachableUtc is not null || waiting.Contains(new { i.Channel, ChatId = i.Address })))
            .Select(g => g.Key).ToHashSet();
        return [.. officers.Where(o => cut.Contains(o.PersonId)).Select(o => o.GroupId)];
    }
}
