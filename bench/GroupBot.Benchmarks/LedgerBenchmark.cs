using System.Globalization;
using GroupBot.Ledger;
using GroupBot.People;
using GroupBot.Summaries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Benchmarks;

/// <summary>
/// The member ledger at district scale: 1,000 groups x 25 members x 52 weekly meetings with a ledger
/// line per member per meeting (1.3 M lines), 5 loans per group repaid at meetings, 1 meeting in 20
/// corrected once. Measures the books of every group (summaries and grades read them), one group's
/// book (a passbook, a receipt), the summary with its ledger line, and the member export.
/// </summary>
public static class LedgerBenchmark
{
    public const int Groups = 1000;
    public const int Members = 25;
    public const int WeekCount = 52;

    public static async Task<List<string>> RunAsync()
    {
        await using var harness = await Harness.StartAsync();
        var lastFriday = new DateOnly(2026, 11, 27);
        var seedTime = System.Diagnostics.Stopwatch.StartNew();
        using (var c = harness.OpenRaw())
        {
            var (firstGroup, firstPerson) = Seed.Groups(c, Groups, Members);
            Seed.History(c, firstGroup, Groups, firstPerson, Members, lastFriday, WeekCount);
            Lines(c, firstGroup, firstPerson, lastFriday.AddDays(-7 * (WeekCount - 1)));
        }

        seedTime.Stop();
        var lines = await harness.WithDbAsync(db => db.LedgerLines.CountAsync());
        var results = new List<string> { $"Ledger: seeded {Groups} groups x {WeekCount} meetings x {Members} members ({lines} lines) in {seedTime.Elapsed.TotalSeconds:F0} s; database {new FileInfo(Path.Combine(harness.Folder, "groupbot.db")).Length / 1024 / 1024} MB" };
        var ids = await harness.WithDbAsync(db => db.Groups.Select(g => g.Id).ToListAsync());

        results.Add(await MedianAsync("Ledger: the books of all groups (LedgerBooks.LoadAsync)", () => harness.WithDbAsync(async db => (await LedgerBooks.LoadAsync(db, ids, CancellationToken.None)).Count)));
        results.Add(await MedianAsync("Ledger: one group's book (a passbook)", () => harness.WithDbAsync(async db => (await LedgerBooks.LoadAsync(db, [ids[500]], CancellationToken.None)).Count)));
        var builder = harness.App.Services.GetRequiredService<SummaryBuilder>();
        var monday = Weeks.MondayOf(lastFriday);
        results.Add(await MedianAsync("Ledger: ringkasan for all groups, with the ledger line and the loans criterion", () => harness.WithDbAsync(async db => (await builder.BuildAsync(db, ids, monday, CancellationToken.None)).Groups.Count)));
        results.Add(await MedianAsync("Ledger: the member export (anggota sheet)", () => harness.WithDbAsync(async db => (await LedgerExport.MembersAsync(db, ids, lastFriday, CancellationToken.None)).Count)));
        results.Add($"Ledger: peak RSS {Harness.PeakRssMb()} MB");
        return results;
    }

    private static async Task<string> MedianAsync(string what, Func<Task<int>> work)
    {
        await work(); // warm-up: EF model and query compilation
        var runs = new List<(double Ms, long Mb)>();
        for (var i = 0; i < 5; i++)
        {
            var (time, alloc, _) = await Harness.MeasureAsync(work);
            runs.Add((time.TotalMilliseconds, alloc));
        }

        var sorted = runs.OrderBy(r => r.Ms).ToList();
        return $"{what}: median {sorted[2].Ms:F0} ms (min {sorted[0].Ms:F0}, max {sorted[^1].Ms:F0}), {sorted[2].Mb} MB allocated per run";
    }

    /// <summary>A cycle per group from its first meeting; each meeting's entry (1 in 20 corrected once), a line per member, 5 loans per group repaid monthly.</summary>
    private static void Lines(SqliteConnection c, long firstGroup, long firstPerson, DateOnly start)
    {
        using var tx = c.BeginTransaction();
        using var cycle = Seed.Prepare(c, """
            INSERT INTO LedgerCycles (GroupId, Number, Start, Months, ShareValue, MaxShares, SocialFund, FineLate, FineAbsent, InterestBasisPoints, LoanCapTimes, FirstLoanMeeting, SocialCarried, ChangedByPersonId, CreatedUtc)
            VALUES ($g, 1, $s, 12, 10000, 5, 2000, 1000, 2000, 200, 3, 4, 0, 1, '2026-01-01 00:00:00') RETURNING Id
            """, "$g", "$s");
        using var entry = Seed.Prepare(c, "INSERT INTO LedgerMeetings (CycleId, GroupId, MeetingId, Date, Version, EnteredByPersonId, CreatedUtc) VALUES ($c, $g, $m, $d, $v, 1, '2026-01-01 00:00:00') RETURNING Id",
            "$c", "$g", "$m", "$d", "$v");
        using var line = Seed.Prepare(c, "INSERT INTO LedgerLines (LedgerMeetingId, PersonId, Present, Shares, Social, Fine, Repaid, LoanId) VALUES ($e, $p, 1, $s, 2000, 0, $r, $l)",
            "$e", "$p", "$s", "$r", "$l");
        using var loan = Seed.Prepare(c, """
            INSERT INTO Loans (GroupId, CycleId, PersonId, Principal, InterestBasisPoints, TermMonths, Status, StartDate, CountedMeetingId, WrittenOff, SettledAtShareOut, RequestedByPersonId, RequestedUtc)
            VALUES ($g, $c, $p, 500000, 200, 6, 1, $s, NULL, 0, 0, 1, '2026-01-01 00:00:00') RETURNING Id
            """, "$g", "$c", "$p", "$s");
        var meetings = new List<(long Id, long GroupId, string Date)>();
        using (var read = c.CreateCommand())
        {
            read.CommandText = "SELECT Id, GroupId, Date FROM Meetings ORDER BY GroupId, Date";
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                meetings.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2)));
            }
        }

        var random = new Random(7);
        foreach (var group in meetings.GroupBy(m => m.GroupId))
        {
            var groupId = group.Key;
            var cycleId = Seed.Scalar(cycle, groupId, start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var personBase = firstPerson + ((groupId - firstGroup) * Members);
            // Five borrowers from the 10th meeting, repaying 88.000 every fourth meeting (6 months of 500.000 at 2 %: 560.000).
            var loans = Enumerable.Range(0, 5).ToDictionary(k => personBase + k, k => Seed.Scalar(loan, groupId, cycleId, personBase + k, start.AddDays(63).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            var n = 0;
            foreach (var m in group)
            {
                n++;
                var versions = random.Next(20) == 0 ? 2 : 1;
                for (var v = 1; v <= versions; v++)
                {
                    var entryId = Seed.Scalar(entry, cycleId, groupId, m.Id, m.Date, v);
                    for (var p = 0; p < Members; p++)
                    {
                        var person = personBase + p;
                        var repays = loans.TryGetValue(person, out var loanId) && n > 10 && n % 4 == 0 && n <= 34;
                        Seed.Run(line, entryId, person, 1 + ((p + v) % 5), repays ? 88_000 : 0, repays ? loanId : DBNull.Value);
                    }
                }
            }
        }

        tx.Commit();
    }
}
