using System.Collections.Concurrent;
using System.Globalization;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Faults;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GroupBot.Tests.ScaleOut;

/// <summary>
/// Two instances on one PostgreSQL behind a "load balancer" that sends Telegram's webhooks to them
/// in turn: each update handled once, each reply sent once and in order per chat, scheduled jobs
/// fired once, the webhook registered once.
/// </summary>
public sealed class ScaleOutTests
{
    private const int Chats = 24;
    private static readonly string[] Steps = ["halo", "bantuan", "/start", "Bahasa Indonesia", "bantuan"];

    private static Dictionary<string, string?> Settings(FakeBotApi api, string database, string folder) => new(TelegramWire.WebhookSettings(api.BaseUrl))
    {
        [DatabaseSettings.ProviderKey] = "Postgres",
        ["ConnectionStrings:GroupBot"] = database,
        ["GroupBot:DataDirectory"] = folder,
        ["GroupBot:Admins:0"] = "simulator:admin",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task Two_instances_behind_round_robin_webhooks_handle_each_update_once_and_answer_each_chat_once_in_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var bots = new List<BotHost>();
        try
        {
            bots.Add(await BotHost.StartAsync(settings: Settings(api, database, "unused"), realClock: true));
            bots.Add(await BotHost.StartAsync(settings: Settings(api, database, "unused"), realClock: true));
            await api.WaitForAsync(a => a.Sent("getMe").Count() >= 2);
            await WaitUntilAsync(() => bots[0].DbAsync(db => db.ChannelStates.AnyAsync(s => s.Key == "telegram.webhook")));
            await Task.Delay(1000, ct);

            // The deployment registers its webhook once, not once per instance.
            Assert.Single(api.Sent("setWebhook"));
            Assert.Equal(3, api.Sent("setMyCommands").Count());
            Assert.Equal(2, await bots[0].DbAsync(db => db.Set<BotInstance>().CountAsync()));

            // Each chat writes its steps one after another; deliveries alternate between the instances.
            var turn = 0;
            var updates = new ConcurrentDictionary<int, long>();
            await Task.WhenAll(Enumerable.Range(0, Chats).Select(async c =>
            {
                var chat = 9100L + c;
                for (var s = 0; s < Steps.Length; s++)
                {
                    var id = (c * 100) + s + 1;
                    updates[id] = chat;
                    var bot = bots[Interlocked.Increment(ref turn) % 2];
                    Assert.Equal(200, await TelegramWire.PostAsync(bot.Http, TelegramWire.Text(id, chat, Steps[s]), ct));
                }
            }));

            await WaitUntilAsync(() => bots[0].DbAsync(async db => await db.Inbox.CountAsync(e => e.ProcessedUtc == null) == 0
                && !await db.Outbox.AnyAsync(o => o.Status != OutboxStatus.Sent)), seconds: 60);
            await Task.Delay(500, ct);

            var inbox = await bots[0].DbAsync(db => db.Inbox.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
            var outbox = await bots[0].DbAsync(db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync());
            Assert.Equal(Chats * Steps.Length, inbox.Count);
            Assert.All(inbox, e => Assert.Null(e.Error));

            // Handled once: every update answered, and no answer twice (the language step answers
            // with two messages: the choice taken, then the question for the code).
            Assert.All(inbox, e => Assert.Contains(outbox, o => o.InboxEntryId == e.Id));
            Assert.Equal(outbox.Count, outbox.Select(o => (o.InboxEntryId, Outbox.Read(o).Text)).Distinct().Count());
            Assert.Equal(Chats * (Steps.Length + 1), outbox.Count);
            foreach (var chat in updates.Values.Distinct())
            {
                var key = chat.ToString(CultureInfo.InvariantCulture);
                var entries = inbox.Where(e => e.ChatKey == $"telegram:{key}").ToList();

                // In order: recorded and handled in the order the chat wrote.
                Assert.Equal(entries.Select(e => int.Parse(e.ExternalId, CultureInfo.InvariantCulture)).Order(), entries.Select(e => int.Parse(e.ExternalId, CultureInfo.InvariantCulture)));
                Assert.Equal(entries.Select(e => e.ProcessedUtc).Order(), entries.Select(e => e.ProcessedUtc));

                // Sent once each, in the order queued.
                var queued = outbox.Where(o => o.ChatId == key).Select(o => Outbox.Read(o).Text).ToList();
                var delivered = api.Sent("sendMessage").Where(m => m.Body!["chat_id"]!.GetValue<long>() == chat).Select(m => m.Body!["text"]!.GetValue<string>()).ToList();
                Assert.Equal(queued, delivered);
            }

            Assert.StartsWith("Pilih bahasa", Outbox.Read(outbox.Single(o => o.InboxEntryId == inbox.Single(e => e.ExternalId == "3").Id)).Text, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }

            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>Counts each firing of each trigger, across both instances.</summary>
    public sealed class CountingJob : IJob
    {
        public static readonly ConcurrentDictionary<string, int> Fired = new(StringComparer.Ordinal);

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Fired.AddOrUpdate(context.Trigger.Key.Name, 1, (_, n) => n + 1);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Both_instances_run_the_clustered_scheduler_and_every_trigger_fires_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var run = Guid.NewGuid().ToString("N")[..8];
        var bots = new List<BotHost>();
        try
        {
            bots.Add(await BotHost.StartAsync(settings: Settings(api, database, "unused"), realClock: true));
            bots.Add(await BotHost.StartAsync(settings: Settings(api, database, "unused"), realClock: true));
            var schedulers = new List<IScheduler>();
            foreach (var bot in bots)
            {
                var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
                schedulers.Add(scheduler);
            }

            // Clustered: each scheduler has an instance id of its own.
            Assert.DoesNotContain("NON_CLUSTERED", schedulers.Select(s => s.SchedulerInstanceId));
            Assert.NotEqual(schedulers[0].SchedulerInstanceId, schedulers[1].SchedulerInstanceId);
            var at = TimeProvider.System.GetUtcNow().AddSeconds(3);
            for (var i = 0; i < 20; i++)
            {
                var job = JobBuilder.Create<CountingJob>().WithIdentity($"count-{run}-{i}").Build();
                var trigger = TriggerBuilder.Create().WithIdentity($"{run}-{i}").ForJob(job.Key).StartAt(at.AddMilliseconds(i * 100)).Build();
                await schedulers[i % 2].ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
            }

            await WaitUntilAsync(() => Task.FromResult(Enumerable.Range(0, 20).All(i => CountingJob.Fired.ContainsKey($"{run}-{i}"))), seconds: 60);
            await Task.Delay(3000, ct); // time for a second firing, if there were one

            Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, CountingJob.Fired[$"{run}-{i}"]));
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }

            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_second_instance_in_polling_mode_is_refused_with_a_sentence_that_says_to_use_webhooks()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var polling = new Dictionary<string, string?>(Settings(api, database, "unused")) { ["Telegram:Mode"] = "Polling", ["Telegram:PollTimeoutSeconds"] = "1" };
        var first = await BotHost.StartAsync(settings: polling, realClock: true);
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BotHost.StartAsync(settings: polling, realClock: true));
            Assert.Contains("other GroupBot instance(s) are running", refused.Message, StringComparison.Ordinal);
            Assert.Contains("use webhooks (Telegram:Mode=Webhook", refused.Message, StringComparison.Ordinal);
            Assert.Equal(1, await first.DbAsync(db => db.Set<BotInstance>().CountAsync()));
        }
        finally
        {
            await first.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task When_one_of_two_instances_is_killed_during_load_the_other_finishes_its_work_and_nothing_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await TestPostgres.CreateDatabaseAsync();
        await using var api = new FakeBotApi();
        var folders = new[] { Directory.CreateTempSubdirectory("groupbot-kill-").FullName, Directory.CreateTempSubdirectory("groupbot-kill-").FullName };
        var addresses = folders.Select(_ => new Uri($"http://127.0.0.1:{BotProcess.FreePort()}")).ToArray();
        var bots = new BotProcess?[2];
        var http = addresses.Select(a => new HttpClient { BaseAddress = a, Timeout = TimeSpan.FromSeconds(10) }).ToArray();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                bots[i] = await BotProcess.StartAsync(addresses[i], Settings(api, database, folders[i]), ct);
            }

            // Sixteen chats write in turn to both; a third of the way through, the second instance dies
            // (SIGKILL: no drain, its leases stay behind). Telegram re-delivers what the dead one did
            // not answer; the balancer then sends everything to the one left.
            var posted = 0;
            var redelivered = 0;
            var total = 16 * Steps.Length;
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async c =>
            {
                var chat = 9300L + c;
                for (var s = 0; s < Steps.Length; s++)
                {
                    var id = 5000 + (c * 100) + s;
                    var n = Interlocked.Increment(ref posted);
                    if (n == total / 3)
                    {
                        bots[1]!.Kill();
                    }

                    var target = bots[1]!.HasExited ? 0 : n % 2;
                    int status;
                    try
                    {
                        status = await TelegramWire.PostAsync(http[target], TelegramWire.Text(id, chat, Steps[s]), ct);
                    }
                    catch (HttpRequestException)
                    {
                        status = 0;
                    }

                    if (status != 200)
                    {
                        Interlocked.Increment(ref redelivered);
                        status = await TelegramWire.PostAsync(http[0], TelegramWire.Text(id, chat, Steps[s]), ct);
                    }

                    Assert.Equal(200, status);
                }
            }));

            // The survivor takes over the dead one's chats once their leases expire.
            await using var db = new PostgresDb(new DbContextOptionsBuilder<PostgresDb>().UseNpgsql(database).Options);
            var deadline = Deadline.In(ChatProcessor.ChatLease + OutboxDispatcher.ChatLease + TimeSpan.FromSeconds(60));
            while (await db.Inbox.CountAsync(e => e.ProcessedUtc == null, ct) > 0 || await db.Outbox.AnyAsync(o => o.Status != OutboxStatus.Sent, ct))
            {
                Assert.False(deadline.Passed, $"the survivor did not finish:\n{bots[0]!.Output}");
                await Task.Delay(250, ct);
            }

            var inbox = await db.Inbox.AsNoTracking().ToListAsync(ct);
            var outbox = await db.Outbox.AsNoTracking().ToListAsync(ct);
            Assert.Equal(total, inbox.Count); // each update recorded once, re-deliveries dropped
            Assert.All(inbox, e => Assert.Null(e.Error));
            Assert.All(inbox, e => Assert.Contains(outbox, o => o.InboxEntryId == e.Id));
            Assert.Equal(total + 16, outbox.Count); // one answer per update, two for the language step: none doubled

            // Every answer reached Telegram (at least once: a reply the dead instance had handed over
            // but not recorded may go twice; nothing is lost).
            var delivered = api.Sent("sendMessage").Select(m => (m.Body!["chat_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), m.Body!["text"]!.GetValue<string>())).ToList();
            Assert.All(outbox, o => Assert.Contains((o.ChatId, Outbox.Read(o).Text), delivered));
            TestContext.Current.SendDiagnosticMessage($"kill -9 during load: {total} updates, {redelivered} re-delivered to the survivor, {outbox.Count} answers, {delivered.Count} sends");
        }
        finally
        {
            foreach (var bot in bots)
            {
                if (bot is not null)
                {
                    await bot.DisposeAsync();
                }
            }

            foreach (var client in http)
            {
                client.Dispose();
            }

            await TestPostgres.DropDatabaseAsync(database);
            foreach (var folder in folders)
            {
                TempFolder.Delete(folder);
            }
        }
    }

    [Fact]
    public void The_PostgreSQL_model_matches_its_migrations()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Contains(db.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(seconds));
        while (!await condition())
        {
            Assert.False(deadline.Passed, "timed out");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
