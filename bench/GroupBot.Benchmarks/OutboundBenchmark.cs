using System.Diagnostics;
using System.Globalization;
using System.Text;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Channels.WhatsApp;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Benchmarks;

/// <summary>
/// A 1,000-recipient announcement through the channel's real sender and limits (Telegram 30/s,
/// WhatsApp 80/s) against a fake API that answers after a round trip (0 or 150 ms), while members
/// who are not in the wave write to the bot once a second: messages per second for the wave,
/// and how long each member waited for her reply.
/// </summary>
public static class OutboundBenchmark
{
    private const int Recipients = 1000;

    public static async Task<IEnumerable<string>> RunAsync(string[] args)
    {
        var results = new List<string>();
        var parallel = args.SkipWhile(a => a != "--parallel").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(32).First();
        foreach (var latency in new[] { 0, 150 })
        {
            results.Add(await TelegramAsync(latency, parallel));
            results.Add(await WhatsAppAsync(latency, parallel));
        }

        return results.Select(r => "Outbound " + r);
    }

    private static async Task<string> TelegramAsync(int latencyMs, int parallel)
    {
        await using var api = new FakeBotApi();
        var folder = Directory.CreateTempSubdirectory("groupbot-outbound-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["GroupBot:DataDirectory"] = folder,
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bench.example.org/webhooks/telegram",
            ["Telegram:WebhookSecret"] = "bench-secret",
            ["Outbox:MaxParallelSends"] = parallel.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var url = new Uri($"http://127.0.0.1:{BotProcess.FreePort()}");
        await using var bot = await BotProcess.StartAsync(url, settings, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = url };
        api.Latency = TimeSpan.FromMilliseconds(latencyMs);

        var chats = Enumerable.Range(0, Recipients).Select(i => (700_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var wave = chats.ToHashSet();
        await EnqueueAsync(folder, ChannelNames.Telegram, chats, inWindow: false);
        var replies = new List<double>();
        var member = 0;
        var watch = Stopwatch.StartNew();
        while (Count(api, wave) < Recipients && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            // A member outside the wave writes; her reply is timed from her message to its arrival.
            var chat = 800_000L + member++;
            var started = Stopwatch.GetTimestamp();
            var update = new System.Text.Json.Nodes.JsonObject
            {
                ["update_id"] = member,
                ["message"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["message_id"] = member,
                    ["from"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["is_bot"] = false, ["first_name"] = "Ibu" },
                    ["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = chat, ["type"] = "private" },
                    ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                    ["text"] = "halo",
                },
            }.ToJsonString();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = new StringContent(update, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "bench-secret");
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            var reply = api.Chat(chat).UntilAsync(1);
            if (await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(60))) == reply)
            {
                replies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await Task.Delay(1000);
        }

        var sends = api.Sent("sendMessage").Where(c => wave.Contains(c.Body!["chat_id"]!.ToString())).Select(c => c.AtUtc).Order().ToList();
        var all = api.Sent("sendMessage").Select(c => c.AtUtc).ToList();
        TempFolder.Delete(folder);
        return Line("Telegram", 30, latencyMs, parallel, sends, all, replies);
    }

    private static async Task<string> WhatsAppAsync(int latencyMs, int parallel)
    {
        await using var api = new FakeGraphApi();
        var folder = Directory.CreateTempSubdirectory("groupbot-outbound-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["GroupBot:DataDirectory"] = folder,
            ["WhatsApp:AccessToken"] = FakeGraphApi.AccessToken,
            ["WhatsApp:PhoneNumberId"] = FakeGraphApi.PhoneNumberId,
            ["WhatsApp:AppSecret"] = FakeGraphApi.AppSecret,
            ["WhatsApp:VerifyToken"] = FakeGraphApi.VerifyToken,
            ["WhatsApp:ApiBaseUrl"] = api.BaseUrl,
            ["WhatsApp:ApiVersion"] = FakeGraphApi.Version,
            ["Outbox:MaxParallelSends"] = parallel.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var url = new Uri($"http://127.0.0.1:{BotProcess.FreePort()}");
        await using var bot = await BotProcess.StartAsync(url, settings, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = url };
        api.Latency = TimeSpan.FromMilliseconds(latencyMs);

        var numbers = Enumerable.Range(0, Recipients).Select(i => (62_811_000_000L + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var wave = numbers.ToHashSet();
        await EnqueueAsync(folder, ChannelNames.WhatsApp, numbers, inWindow: true);
        var replies = new List<double>();
        var member = 0;
        var watch = Stopwatch.StartNew();
        while (CountWhatsApp(api, wave) < Recipients && watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            var number = (62_812_000_000L + member++).ToString(CultureInfo.InvariantCulture);
            var started = Stopwatch.GetTimestamp();
            var body = FakeGraphApi.Text(number, $"wamid.bench{member}", "halo");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Hub-Signature-256", FakeGraphApi.Sign(body));
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
            var deadline = Stopwatch.StartNew();
            while (api.TextsTo(number).Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(5);
            }

            if (api.TextsTo(number).Count > 0)
            {
                replies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            await Task.Delay(1000);
        }

        var sends = api.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && wave.Contains(c.Body?["to"]?.GetValue<string>() ?? "")).Select(c => c.AtUtc).Order().ToList();
        var all = api.Calls.Where(c => c.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(c => c.AtUtc).ToList();
        TempFolder.Delete(folder);
        return Line("WhatsApp", 80, latencyMs, parallel, sends, all, replies);
    }

    private static int Count(FakeBotApi api, HashSet<string> wave) => api.Sent("sendMessage").Count(c => wave.Contains(c.Body!["chat_id"]!.ToString()));

    private static int CountWhatsApp(FakeGraphApi api, HashSet<string> wave) =>
        api.Calls.Count(c => c.Path.EndsWith("/messages", StringComparison.Ordinal) && wave.Contains(c.Body?["to"]?.GetValue<string>() ?? ""));

    /// <summary>The wave's rate, and the channel's (the wave and the replies sent while it went: they share the limit).</summary>
    private static string Line(string channel, int limit, int latencyMs, int parallel, List<DateTime> sends, List<DateTime> all, List<double> replies)
    {
        var seconds = sends.Count > 1 ? (sends[^1] - sends[0]).TotalSeconds : double.NaN;
        var rate = (sends.Count - 1) / seconds;
        var during = all.Count(t => t >= sends[0] && t <= sends[^1]);
        var channelRate = (during - 1) / seconds;
        var sorted = replies.Order().ToList();
        var p50 = sorted.Count == 0 ? double.NaN : sorted[sorted.Count / 2];
        var line = $"{channel}, {latencyMs} ms round trip, {parallel} in flight: {sends.Count} of {Recipients} sent in {seconds:F1} s = {rate:F1} msg/s for the wave, " +
            $"{channelRate:F1} msg/s with the replies ({channelRate / limit * 100:F0} % of {limit}/s); " +
            $"{replies.Count} members writing meanwhile (one a second) waited p50 {p50:F0} ms, max {(sorted.Count == 0 ? double.NaN : sorted[^1]):F0} ms for their reply";
        Console.WriteLine("  " + line);
        return line;
    }

    /// <summary>The announcement's rows, written into the running bot's outbox as an announcement writes them (bulk, one delivery key each).</summary>
    private static async Task EnqueueAsync(string folder, string channel, List<string> chats, bool inWindow)
    {
        var options = new DbContextOptionsBuilder<GroupBotDb>().UseSqlite(DataExtensions.ConnectionString(folder, DataExtensions.DatabaseFileName)).Options;
        await using var db = new GroupBotDb(options);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        if (inWindow)
        {
            // WhatsApp sends free-form text only inside the 24-hour window: these members wrote today.
            for (var i = 0; i < chats.Count; i++)
            {
                var entry = new InboxEntry { Channel = channel, ExternalId = $"wamid.seed{i}", ChatKey = $"{channel}:{chats[i]}", PayloadJson = "{}", ReceivedUtc = now };
                entry.MarkHandled(now);
                db.Inbox.Add(entry);
            }

            await db.SaveChangesAsync();
        }

        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < chats.Count; i++)
        {
            Outbox.Enqueue(db, channel, chats[i], OutgoingMessage.Plain("Pengumuman: pertemuan gabungan Sabtu pukul 09.00 di balai desa."), OutboxPriority.Bulk, now, deliveryKey: $"bench:{run}:{i}");
        }

        await db.SaveChangesAsync();
    }
}
