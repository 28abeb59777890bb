using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Reminders;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Reminders;

/// <summary>
/// <see cref="MeetingReminders"/> called the way its Quartz job calls it, without waiting for a
/// trigger. Melati meets Fridays 14.00 WIB; the clock stands at Friday 4 December 2026, 07.00 WIB.
/// </summary>
public class MeetingRemindersTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static async Task SendAsync(BotHost bot, long group, DateOnly date, string kind)
    {
        await using var scope = bot.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MeetingReminders>()
            .SendAsync(group, date, kind, bot.Time.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken);
    }

    private static Task<List<string>> KeysAsync(BotHost bot, string prefix) =>
        bot.DbAsync(db => db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).OrderBy(o => o.Id).Select(o => o.DeliveryKey!).ToListAsync());

    [Fact]
    public async Task A_reminder_sent_twice_reaches_each_member_once()
    {
        await using var bot = await Scenario.MelatiAsync();
        var group = await bot.DbAsync(db => db.Groups.Where(g => g.Name == "Melati").Select(g => g.Id).SingleAsync());
        var members = await bot.DbAsync(db => db.Memberships.OrderBy(m => m.Id).Select(m => m.PersonId).ToListAsync());

        await SendAsync(bot, group, Today, "day");
        await SendAsync(bot, group, Today, "day");

        Assert.Equal([.. members.Select(p => $"meeting:{group}:20261204:day:1400:p{p}")], await KeysAsync(bot, $"meeting:{group}:"));
    }

    [Fact]
    public async Task A_skipped_meeting_gets_no_reminder()
    {
        await using var bot = await Scenario.MelatiAsync();
        var group = await bot.DbAsync(db => db.Groups.Where(g => g.Name == "Melati").Select(g => g.Id).SingleAsync());
        await bot.SayAsync("rina", "pertemuan libur 11/12");

        await SendAsync(bot, group, Today.AddDays(7), "eve");

        Assert.Empty(await KeysAsync(bot, $"meeting:{group}:"));
    }
}
