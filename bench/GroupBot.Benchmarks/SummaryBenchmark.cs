using GroupBot.Chat;
using GroupBot.Grades;
using GroupBot.People;
using GroupBot.Summaries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Benchmarks;

/// <summary>Summary and export for 1,000 groups x 52 weeks x 25 members (about a million attendance rows).</summary>
public static class SummaryBenchmark
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
        }

        seedTime.Stop();
        var results = new List<string> { $"Summary: seeded {Groups} groups x {WeekCount} weeks x {Members} members in {seedTime.Elapsed.TotalSeconds:F0} s; database {new FileInfo(Path.Combine(harness.Folder, "groupbot.db")).Length / 1024 / 1024} MB" };
        var builder = harness.App.Services.GetRequiredService<SummaryBuilder>();
        var texts = harness.App.Services.GetRequiredService<Texts>();
        var ids = await harness.WithDbAsync(db => db.Groups.Select(g => g.Id).ToListAsync());
        var monday = Weeks.MondayOf(lastFriday);

        // Warm-up (EF model and query compilation), then the measured runs.
        await harness.WithDbAsync(db => builder.BuildAsync(db, ids, monday, CancellationToken.None));
        var runs = new List<double>();
        var messages = 0;
        long allocated = 0;
        for (var i = 0; i < 5; i++)
        {
            var (time, alloc, count) = await Harness.MeasureAsync(async () =>
            {
                var summary = await harness.WithDbAsync(db => builder.BuildAsync(db, ids, monday, CancellationToken.None));
                return SummaryText.Render(texts, "id", summary, 50).Count;
            });
            runs.Add(time.TotalMilliseconds);
            messages = count;
            allocated = alloc;
        }

        runs.Sort();
        results.Add($"Summary: all {Groups} groups, one week -> {messages} messages: median {runs[2]:F0} ms (min {runs[0]:F0}, max {runs[^1]:F0}), {allocated} MB allocated per run");

        // The health grades alone (the summary builds them too): the same groups at the week's end.
        var grades = harness.App.Services.GetRequiredService<GroupGrades>();
        var gradeRuns = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var (time, _, _) = await Harness.MeasureAsync(async () => (await harness.WithDbAsync(db => grades.BuildAsync(db, ids, monday.AddDays(6), CancellationToken.None))).Count);
            gradeRuns.Add(time.TotalMilliseconds);
        }

        gradeRuns.Sort();
        results.Add($"Grades: all {Groups} groups over {grades.Options.Weeks} weeks: median {gradeRuns[2]:F0} ms (min {gradeRuns[0]:F0}, max {gradeRuns[^1]:F0})");

        var (from, to) = Export.Quarter(lastFriday);
        var (exportTime, exportAlloc, sizes) = await Harness.MeasureAsync(async () =>
        {
            var rows = await harness.WithDbAsync(db => Export.RowsAsync(db, ids, from, to, CancellationToken.None));
            var csv = Export.Csv(rows);
            var xlsx = await Export.XlsxAsync(rows, [], CancellationToken.None);
            return (rows.Count, csv.Length, xlsx.Length);
        });
        results.Add($"Export: {sizes.Item1} meeting rows ({from:yyyy-MM-dd}..{to:yyyy-MM-dd}) -> CSV {sizes.Item2 / 1024} KB + XLSX {sizes.Item3 / 1024} KB in {exportTime.TotalMilliseconds:F0} ms, {exportAlloc} MB allocated");
        results.Add($"Summary/export: peak RSS {Harness.PeakRssMb()} MB");
        return results;
    }
}
