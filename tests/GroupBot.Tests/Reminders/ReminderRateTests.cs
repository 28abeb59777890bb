using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Reminders;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Reminders;

/// <summary>40 groups × 25 members get their reminders through a channel limited like Telegram (30 messages per second).</summary>
public sealed class ReminderRateTests
{
    private const int PerSecond = 30;

    /// <summary>A channel that only paces: the real rate limiter and dispatcher decide when each message goes.</summary>
    private sealed class PacedSender(SendRateLimiter limiter, TimeProvider time) : IChannelSender
    {
        public string Channel => "paced";

        /// <summary>The clock at each actual send (the moment the channel would see it).</summary>
        public System.Collections.Concurrent.ConcurrentBag<DateTimeOffset> Sends { get; } = [];

        /// <summary>
        /// Held while the limiter decides and the send is recorded, and by the test while it moves the
        /// clock: the recorded time is the one the limiter decided at (the clock cannot move in between).
        /// </summary>
        public Lock Clock { get; } = new();

        public Task<SendResult> SendAsync(SendContext to, OutgoingMessage message, CancellationToken ct)
        {
            lock (Clock)
            {
                if (limiter.TryAcquire([new RateRule("paced", PerSecond, TimeSpan.FromSeconds(1)), new RateRule($"paced:{to.ChatId}", 1, TimeSpan.FromSeconds(1))]) is { } wait)
                {
                    return Task.FromResult<SendResult>(new SendResult.Throttled(wait.Wait, wait.WholeChannel));
                }

                Sends.Add(time.GetUtcNow());
            }

            return Task.FromResult<SendResult>(new SendResult.Sent(null));
        }
    }

    [Fact]
    public async Task Reminders_for_40_groups_of_25_respect_the_channel_limit()
    {
        await using var bot = await BotHost.StartAsync(services: s => s.AddSingleton<PacedSender>().AddSingleton<IChannelSender>(sp => sp.GetRequiredService<PacedSender>()));
        await bot.DbAsync(async db =>
        {
            var village = new Village { Name = "Mungo" };
            for (var g = 0; g < 40; g++)
            {
                var group = new Group { Village = village, Name = $"Kelompok {g}", MeetingDay = DayOfWeek.Friday, MeetingTime = new TimeOnly(14, 0) };
                for (var m = 0; m < 25; m++)
                {
                    var person = new Person { Name = $"Ibu {g}-{m}" };
                    person.Identities.Add(new ChatIdentity { Channel = "paced", Address = $"{g}-{m}" });
                    db.Memberships.Add(new Membership { Person = person, Group = group });
                }
            }

            return await db.SaveChangesAsync();
        });
        // The start-up sync may already be at it; either way every group ends up with its job.
        await bot.Services.GetRequiredService<ReminderSync>().RunAsync(TestContext.Current.CancellationToken);
        var scheduler = bot.Services.GetRequiredService<ReminderScheduler>();
        foreach (var id in await bot.DbAsync(db => db.Groups.Select(g => g.Id).ToListAsync()))
        {
            Assert.True(await scheduler.ExistsAsync(ReminderScheduler.GroupJob(id), TestContext.Current.CancellationToken));
        }
        var outbox = bot.Services.GetRequiredService<Outbox>();
        var sender = bot.Services.GetRequiredService<PacedSender>();

        // Friday 12.00 WIB: the same-day reminders fire; then time moves on in 100 ms steps.
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 12, 0, 1, TimeSpan.FromHours(7)));
        var deadline = Deadline.In(TimeSpan.FromSeconds(90));
        while (await bot.DbAsync(db => db.Outbox.CountAsync(o => o.Channel == "paced" && o.Status == OutboxStatus.Sent)) < 1000 && !deadline.Passed)
        {
            lock (sender.Clock)
            {
                bot.Time.Advance(TimeSpan.FromMilliseconds(100));
            }

            outbox.Wake();
            await Task.Delay(15, TestContext.Current.CancellationToken);
        }

        Assert.Equal(1000, await bot.DbAsync(db => db.Outbox.CountAsync(o => o.Channel == "paced" && o.Status == OutboxStatus.Sent)));
        var times = sender.Sends.Order().ToList();
        Assert.Equal(1000, times.Count);
        // In any window of one second, at most 30 sends.
        for (var i = PerSecond; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - PerSecond] >= TimeSpan.FromSeconds(1), $"{PerSecond + 1} sends within {times[i] - times[i - PerSecond]}");
        }

        Assert.True(times[^1] - times[0] >= TimeSpan.FromSeconds(1000 / PerSecond - 1), "1,000 messages at 30/s take over 32 s");
    }
}
