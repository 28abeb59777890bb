using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Faults;

/// <summary>
/// Another connection holds groupbot.db's write lock (BEGIN EXCLUSIVE, as a long backup or a
/// stuck tool would) for four times the busy timeout, while messages arrive over the simulator
/// and the Telegram webhook. SQLITE_BUSY is transient: every message must be handled exactly
/// once and answered, none dropped, and nobody gets the "something went wrong" apology.
/// </summary>
public sealed class BusyDatabaseTests
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(1);

    private int _refused;

    /// <param name="holdMs">
    /// 1.5 × the timeout: a handler's write times out while the lock is held and the lock is gone
    /// a moment later (the old code then apologised and dropped the message). 4 ×: several rounds.
    /// </param>
    [Theory]
    [InlineData(1500)]
    [InlineData(4000)]
    public async Task A_write_lock_held_past_the_busy_timeout_delays_messages_but_loses_and_garbles_none(int holdMs)
    {
        var ct = TestContext.Current.CancellationToken;
        var holdFor = TimeSpan.FromMilliseconds(holdMs);
        var settings = TelegramWire.WebhookSettings("placeholder");
        var api = new FakeBotApi(); // the test bed disposes it
        settings["Telegram:ApiBaseUrl"] = api.BaseUrl;
        settings["GroupBot:DatabaseBusyTimeout"] = BusyTimeout.ToString();
        settings["Logging:LogLevel:Default"] = "Critical";
        settings["Logging:Console:LogLevel:Default"] = "Critical";
        await using var bed = await TelegramTestBed.StartAsync(settings, api);
        var bot = bed.Bot;
        var codes = await bed.GroupMeetingNowAsync();
        foreach (var (user, name) in new[] { ("siti", "Siti"), ("ani", "Ani"), ("rina", "Rina") })
        {
            await Scenario.JoinAsync(bot, user, codes.Member, name);
        }

        var processor = bot.Services.GetRequiredService<ChatProcessor>();
        var apology = bot.Services.GetRequiredService<Texts>().Get("id", "Error.Unexpected");

        // Messages already recorded when the lock is taken, about to be handled: their chats are
        // held (as a slow earlier update would) until the lock is in place.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new[] { "simulator:siti", "simulator:ani", "telegram:701", "telegram:702" }
            .Select(key => processor.WithChatLockAsync(key, () => release.Task, ct)).ToList();
        var siti = SimulatorAsync(bot, "siti", "hadir", "busy-siti");
        var ani = SimulatorAsync(bot, "ani", "hadir", "busy-ani");
        var early = new[] { WebhookAsync(bot, TelegramWire.Text(9001, 701, "bantuan")), WebhookAsync(bot, TelegramWire.Text(9002, 702, "/start")) };
        await Task.WhenAll(early);
        var recorded = new[] { "busy-siti", "busy-ani", "9001", "9002" };
        await WaitUntilAsync(bot, async db => await db.Inbox.CountAsync(e => recorded.Contains(e.ExternalId)) == recorded.Length);

        var lockedAt = Stopwatch.GetTimestamp();
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(bot.Folder, DataExtensions.DatabaseFileName)};Pooling=False"))
        {
            await blocker.OpenAsync(ct);
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync(ct);
            }

            release.SetResult();
            await Task.WhenAll(held);

            // And messages that arrive while the lock is held: recording them fails, so the
            // webhook must answer 5xx (Telegram delivers again) and the simulator must not say 200.
            var rina = SimulatorAsync(bot, "rina", "hadir", "busy-rina");
            var late = WebhookAsync(bot, TelegramWire.Text(9003, 703, "bantuan"));
            await Task.Delay(holdFor, ct);
            await using (var rollback = blocker.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync(ct);
            }

            var replies = await Task.WhenAll(siti, ani, rina);
            await late;
            var unlocked = Stopwatch.GetElapsedTime(lockedAt);

            Assert.All(replies, r => Assert.Contains(r, t => t.StartsWith("Tercatat: Hadir", StringComparison.Ordinal)));
            Assert.All(replies, r => Assert.DoesNotContain(apology, r));
            Assert.True(holdFor < 3 * BusyTimeout || _refused > 0, "nothing arrived while the database was locked");
            TestContext.Current.SendDiagnosticMessage($"busy: lock held {holdFor.TotalSeconds} s, {_refused} deliveries refused with 5xx, all answered after {unlocked.TotalSeconds:0.0} s");
        }

        await api.WaitForAsync(a => new long[] { 701, 702, 703 }.All(chat => a.TextsTo(chat).Count > 0), seconds: 30);
        await WaitUntilAsync(bot, async db => !await db.Inbox.AnyAsync(e => e.ProcessedUtc == null));

        var inbox = await bot.DbAsync(db => db.Inbox.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(inbox, e => e.Error != null);
        foreach (var id in recorded.Append("busy-rina").Append("9003"))
        {
            Assert.Single(inbox, e => e.ExternalId == id);
        }

        var present = await bot.DbAsync(db => db.Attendance.Select(a => db.Set<Person>().Single(p => p.Id == a.PersonId).Name).ToListAsync());
        Assert.Equal(["Ani", "Rina", "Siti"], present.Order());
        var outbox = await bot.DbAsync(db => db.Outbox.AsNoTracking().ToListAsync());
        Assert.DoesNotContain(outbox, o => Outbox.Read(o).Text == apology);
        Assert.All(new long[] { 701, 702, 703 }, chat => Assert.DoesNotContain(apology, api.TextsTo(chat)));
    }

    /// <summary>
    /// Friday 4 December 2026 on the fake clock: Melati's 12.00 reminder comes due while another
    /// connection holds the write lock for three busy timeouts. It must go out once the lock is
    /// gone, not be lost with the job's failed first run.
    /// </summary>
    [Fact]
    public async Task A_reminder_due_while_the_database_is_locked_goes_out_when_it_is_free()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bot = await BotHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["GroupBot:DatabaseBusyTimeout"] = BusyTimeout.ToString(),
            ["Logging:LogLevel:Default"] = "Critical",
            ["Logging:Console:LogLevel:Default"] = "Critical",
        });
        var codes = await Scenario.CreateGroupAsync(bot);
        foreach (var (user, name) in new[] { ("siti", "Siti"), ("ani", "Ani"), ("rina", "Rina") })
        {
            await Scenario.JoinAsync(bot, user, codes.Member, name);
        }

        var group = await bot.DbAsync(db => db.Groups.Select(g => g.Id).SingleAsync());
        await using (var blocker = new SqliteConnection($"Data Source={Path.Combine(bot.Folder, DataExtensions.DatabaseFileName)};Pooling=False"))
        {
            await blocker.OpenAsync(ct);
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN EXCLUSIVE;";
            await begin.ExecuteNonQueryAsync(ct);

            bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 12, 0, 1, TimeSpan.FromHours(7)));
            await Task.Delay(3 * BusyTimeout, ct);
            await using var rollback = blocker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync(ct);
        }

        var prefix = $"meeting:{group}:20261204:day:";
        await WaitUntilAsync(bot, async db => await db.Outbox.CountAsync(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)) >= 3);
        await Task.Delay(500, ct);
        Assert.Equal(3, await bot.DbAsync(db => db.Outbox.CountAsync(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix))));
    }

    /// <summary>Posts like a client that re-sends (with the same id) until it gets an answer.</summary>
    private async Task<List<string>> SimulatorAsync(BotHost bot, string user, string text, string id)
    {
        while (true)
        {
            using var response = await bot.Http.PostAsJsonAsync("/simulator/messages", new { user, text, id }, TestContext.Current.CancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                Interlocked.Increment(ref _refused);
                await Task.Delay(200, TestContext.Current.CancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            return [.. json.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()!)];
        }
    }

    /// <summary>Delivers like Telegram: again after any 5xx, until 200.</summary>
    private async Task WebhookAsync(BotHost bot, JsonObject update)
    {
        while (true)
        {
            var status = await TelegramWire.PostAsync(bot.Http, update, TestContext.Current.CancellationToken);
            if (status == 200)
            {
                return;
            }

            Assert.True(status >= 500, $"webhook answered {status}");
            Interlocked.Increment(ref _refused);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task WaitUntilAsync(BotHost bot, Func<GroupBotDb, Task<bool>> condition)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        while (!await bot.DbAsync(condition))
        {
            Assert.False(deadline.Passed, "timed out waiting for the bot");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
