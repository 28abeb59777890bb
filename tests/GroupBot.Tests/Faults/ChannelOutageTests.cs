using GroupBot.Chat;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Faults;

/// <summary>
/// The Telegram Bot API answers 502 to everything for ten minutes of the bot's (fake) clock,
/// while people keep writing. Nothing may be marked failed or lost, and afterwards every reply
/// goes out exactly once, each chat's in the order it was queued.
/// </summary>
public class ChannelOutageTests
{
    private static readonly long[] Chats = [501, 502, 503, 504, 505];

    [Fact]
    public async Task A_ten_minute_Telegram_outage_fails_nothing_and_the_outbox_drains_in_order_afterwards()
    {
        await using var api = new FakeBotApi();
        await using var bot = await BotHost.StartAsync(settings: TelegramTestBed.Settings(api, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await api.WaitForAsync(a => a.Sent("setMyCommands").Count() >= 3);
        var outbox = bot.Services.GetRequiredService<Outbox>();

        // Sending breaks first (getUpdates still works), so replies pile up in the outbox.
        var sendsDown = true;
        var allDown = false;
        api.Script = (method, _) =>
            allDown || (sendsDown && !method.Equals("getUpdates", StringComparison.OrdinalIgnoreCase))
                ? FakeBotApi.FakeResponse.Error(502, "Bad Gateway")
                : null;
        foreach (var chat in Chats)
        {
            api.PushText(chat, chat, "halo");
            api.PushText(chat, chat, "bantuan");
            api.PushText(chat, chat, "mulai");
        }

        await WaitUntilAsync(bot, async db => await db.Inbox.CountAsync(e => e.ProcessedUtc != null) == Chats.Length * 3);
        await api.WaitForAsync(a => Chats.All(c => a.Sent("sendMessage").Any(s => s.Body!["chat_id"]!.GetValue<long>() == c)));

        // Then the whole API is down (getUpdates too) for ten minutes; people still write meanwhile.
        allDown = true;
        foreach (var chat in Chats)
        {
            api.PushText(chat, chat, "bahasa");
        }

        var outageEnd = bot.Time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (bot.Time.GetUtcNow() < outageEnd)
        {
            bot.Time.Advance(TimeSpan.FromSeconds(5));
            outbox.Wake();
            await Task.Delay(30, TestContext.Current.CancellationToken);
        }

        var during = await bot.DbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        var failedAttempts = api.Sent("sendMessage").Count(c => c.Body!["__message_id"] is null);
        Assert.DoesNotContain(during, r => r.Status == OutboxStatus.Failed);
        Assert.All(during, r => Assert.Equal(OutboxStatus.Pending, r.Status));
        Assert.True(during.Max(r => r.Attempts) > 8, $"the head of a chat was tried {during.Max(r => r.Attempts)} times in ten minutes");

        // Telegram is back: the updates written during the outage arrive, and everything drains.
        allDown = false;
        sendsDown = false;
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        while (await bot.DbAsync(async db => await db.Inbox.CountAsync(e => e.ProcessedUtc != null) < Chats.Length * 4
            || await db.Outbox.AnyAsync(o => o.Status != OutboxStatus.Sent)))
        {
            Assert.False(deadline.Passed, "the outbox did not drain after the outage");
            bot.Time.Advance(TimeSpan.FromSeconds(1)); // the poller's back-off; Telegram's one message per second per chat
            outbox.Wake();
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        var rows = await bot.DbAsync(db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync());
        Assert.Equal(Chats.Length * 4, rows.Select(r => r.InboxEntryId).Distinct().Count());
        foreach (var chat in Chats)
        {
            var queued = rows.Where(r => r.ChatId == chat.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(r => Outbox.Read(r).Text).ToList();
            var delivered = api.Sent("sendMessage")
                .Where(c => c.Body!["__message_id"] is not null && c.Body["chat_id"]!.GetValue<long>() == chat)
                .Select(c => c.Body!["text"]!.GetValue<string>())
                .ToList();
            Assert.True(queued.Count >= 4);
            Assert.Equal(queued, delivered); // each exactly once, in the order queued
        }

        TestContext.Current.SendDiagnosticMessage(
            $"outage: {failedAttempts} refused sends in 10 min, most attempts on one message {during.Max(r => r.Attempts)}, then {rows.Count} messages delivered");
    }

    private static async Task WaitUntilAsync(BotHost bot, Func<GroupBot.Data.GroupBotDb, Task<bool>> condition)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        while (!await bot.DbAsync(condition))
        {
            Assert.False(deadline.Passed, "timed out waiting for the bot");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
