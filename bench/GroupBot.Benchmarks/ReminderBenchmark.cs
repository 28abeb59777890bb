using System.Globalization;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Reminders;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GroupBot.Benchmarks;

/// <summary>Scheduling reminders for 2,000 groups (Quartz, SQLite store), and the lag from a trigger's time to the outbox rows.</summary>
public static class ReminderBenchmark
{
    public const int Groups = 2000;
    public const int LatencyGroups = 20;
    public const int Members = 25;

    public static async Task<List<string>> RunAsync()
    {
        await using var harness = await Harness.StartAsync();
        using (var c = harness.OpenRaw())
        {
            Seed.Groups(c, Groups, members: 0);
        }

        var sync = harness.App.Services.GetRequiredService<ReminderSync>();
        var rssBefore = Harness.PeakRssMb();
        var (time, allocated, scheduled) = await Harness.MeasureAsync(() => sync.RunAsync(CancellationToken.None));
        var results = new List<string>
        {
            $"Reminders: scheduled {scheduled} groups (2 cron triggers each) in {time.TotalSeconds:F1} s ({time.TotalMilliseconds / scheduled:F2} ms/group), {allocated} MB allocated, peak RSS {Harness.PeakRssMb()} MB (was {rssBefore} MB)",
        };

        // Fire-to-enqueue: 20 groups meeting later today, their same-day reminder triggered 3 s from now, all at once.
        var clock = harness.App.Services.GetRequiredService<LocalClock>();
        var today = clock.Today;
        long firstGroup;
        using (var c = harness.OpenRaw())
        {
            (firstGroup, _) = Seed.Groups(c, LatencyGroups, Members, clock.LocalNow.DayOfWeek, new TimeOnly(23, 59));
        }

        var scheduler = await harness.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var fireAt = TimeProvider.System.GetUtcNow().AddSeconds(3);
        for (var g = 0; g < LatencyGroups; g++)
        {
            var job = JobBuilder.Create<MeetingReminderJob>().WithIdentity($"bench-{g}", "bench")
                .UsingJobData("groupId", firstGroup + g).UsingJobData("date", today.ToString("O", CultureInfo.InvariantCulture)).Build();
            await scheduler.ScheduleJob(job, [TriggerBuilder.Create().ForJob(job).UsingJobData("kind", "day").StartAt(fireAt).Build()], ScheduleJobOptions.Replacing, CancellationToken.None);
        }

        var expected = LatencyGroups * Members;
        var deadline = Deadline.In(TimeSpan.FromSeconds(60));
        List<DateTime> created;
        do
        {
            await Task.Delay(100);
            created = await harness.WithDbAsync(db => db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith("meeting:")).Select(o => o.CreatedUtc).ToListAsync());
        }
        while (created.Count < expected && !deadline.Passed);

        var lags = created.Select(t => (t - fireAt.UtcDateTime).TotalMilliseconds).Order().ToList();
        results.Add($"Reminders: fire-to-enqueue lag for {LatencyGroups} groups x {Members} members ({created.Count} rows): p50 {lags[lags.Count / 2]:F0} ms, max {lags[^1]:F0} ms");
        return results;
    }
}
