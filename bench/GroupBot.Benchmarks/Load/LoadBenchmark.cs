using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Support;

namespace GroupBot.Benchmarks.Load;

/// <summary>
/// 2,000 people living a week with the bot, compressed in time: the admin sets up villages and
/// groups, everyone joins, the meeting happens (attendance), leaders send the savings report and the
/// minutes, members look at the latest report, leaders and facilitators read summaries.
/// Telegram users go through the real Telegram.Bot client and webhook against <see cref="FakeBotApi"/>;
/// one group in ten uses the simulator API. A step is one message from a person until the bot's
/// last answer to it has arrived.
/// </summary>
public static partial class LoadBenchmark
{
    private const string Secret = "bench-webhook-secret";
    private static readonly TimeZoneInfo Jakarta = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public static async Task<IEnumerable<string>> RunAsync(string[] args)
    {
        var users = Option(args, "--users", 2000);
        var concurrency = Option(args, "--concurrency", 32);
        var groupSize = 25;
        var groups = Math.Max(2, users / groupSize);
        var villages = Math.Min(7, groups);
        Console.WriteLine($"Load: {groups} groups × {groupSize} people in {villages} villages, {concurrency} people active at once");

        var folder = Directory.CreateTempSubdirectory("groupbot-load-").FullName;
        // The fake keeps no call log: a run makes tens of thousands of calls, and the mailboxes are what the users read.
        await using var api = new FakeBotApi { KeepCalls = false };
        var settings = new Dictionary<string, string?>
        {
            ["GroupBot:DataDirectory"] = folder,
            ["GroupBot:Admins:0"] = "simulator:admin",
            ["Simulator:Enabled"] = "true",
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bench.example.org/webhooks/telegram",
            ["Telegram:WebhookSecret"] = Secret,
            // Telegram's own limits (30/s) would make this a benchmark of Telegram; the fake has none.
            ["Telegram:MaxPerChatPerSecond"] = "100",
            ["Telegram:MaxPerSecond"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        // --postgres SERVER: on a fresh database on that PostgreSQL server; --instances N: that many
        // bot processes on it, Telegram's webhooks sent to them in turn (the simulator talks to the first).
        var postgres = StringOption(args, "--postgres");
        var instances = Option(args, "--instances", 1);
        string? database = null;
        if (postgres is not null)
        {
            database = await CreateDatabaseAsync(postgres);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:GroupBot"] = database;
        }
        else if (instances > 1)
        {
            throw new ArgumentException("--instances needs --postgres: SQLite is one instance");
        }

        await using var bot = await Bots.StartAsync(instances, settings, Echo);
        Console.WriteLine($"  bot processes {bot.Id} on {string.Join(", ", bot.Urls)} ({(database is null ? "SQLite" : "PostgreSQL")})");
        var clients = bot.Urls.Select(u => new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = u,
            Timeout = TimeSpan.FromSeconds(120),
        }).ToList();
        var http = clients[0];
        var run = new Run(api, http, clients);

        var idleCpu = bot.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(10));
        Console.WriteLine($"  idle bot: {(bot.CpuTime() - idleCpu).TotalMilliseconds / 10:F0} ms CPU per second");

        // Setup: the admin creates villages and groups that meet today, half an hour ago.
        var setup = Stopwatch.StartNew();
        var admin = new SimulatorUser(run, "admin");
        var local = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Jakarta);
        var start = local.TimeOfDay < TimeSpan.FromMinutes(30) ? TimeSpan.Zero : local.TimeOfDay - TimeSpan.FromMinutes(30);
        var codes = new List<(string Member, string Leader)>();
        var facilitatorCodes = new List<string>();
        for (var v = 0; v < villages; v++)
        {
            await admin.SayAsync($"desa tambah Nagari {v + 1}");
            var code = FacilitatorCode().Match(await admin.SayAsync($"pendamping tambah Nagari {v + 1}"));
            facilitatorCodes.Add(code.Groups[1].Value);
        }

        for (var g = 0; g < groups; g++)
        {
            await admin.SayAsync("kelompok baru");
            await admin.PressAsync($"Nagari {g % villages + 1}");
            await admin.SayAsync($"Kelompok {g + 1}");
            await admin.SayAsync("simpan pinjam");
            await admin.SayAsync($"day:{(int)local.DayOfWeek}");
            await admin.SayAsync($"{start.Hours:00}.{start.Minutes:00}");
            var created = await admin.SayAsync("lewati");
            codes.Add((MemberCode().Match(created).Groups[1].Value, LeaderCode().Match(created).Groups[1].Value));
        }

        setup.Stop();
        var setupSteps = run.Steps;
        run.Reset();
        Console.WriteLine($"  setup: {setupSteps} admin steps in {setup.Elapsed.TotalSeconds:F1} s");

        // The cast: in each group one leader and members; every tenth group on the simulator.
        var people = new List<Person>();
        for (var g = 0; g < groups; g++)
        {
            for (var m = 0; m < groupSize; m++)
            {
                var n = g * groupSize + m;
                var onSimulator = g % 10 == 9;
                IUser user = onSimulator ? new SimulatorUser(run, $"u{n}") : new TelegramUser(run, 700_000 + n);
                people.Add(new Person(user, g, m == 0 ? Role.Leader : Role.Member, m == 0 ? codes[g].Leader : codes[g].Member, $"Ibu {n}"));
            }
        }

        for (var v = 0; v < villages; v++)
        {
            people.Add(new Person(new TelegramUser(run, 900_000 + v), -1, Role.Facilitator, facilitatorCodes[v], $"Pendamping {v + 1}"));
        }

        var phases = new (string Name, Func<Person, Step[]> Script)[]
        {
            ("onboarding", Scripts.Onboarding),
            ("meeting (attendance)", Scripts.Meeting),
            ("reports and minutes", Scripts.Reports),
            ("after the meeting", Scripts.AfterMeeting),
            ("summaries", Scripts.Summaries),
        };
        var results = new List<string>();
        var total = Stopwatch.StartNew();
        var cpuBefore = bot.CpuTime();
        var all = new List<double>();
        var timedTime = TimeSpan.Zero;
        foreach (var (name, script) in phases)
        {
            // The first group's people (and the first facilitator) show how many messages each step
            // gets back: they run one by one and wait for quiet. Their steps are not timed.
            var learners = people.Where(p => p.Group == 0 || p == people.First(q => q.Role == Role.Facilitator)).ToList();
            foreach (var person in learners)
            {
                await run.PlayAsync(person, script(person), learn: true);
            }

            run.Reset();
            var phaseCpu = bot.CpuTime();
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(people.Except(learners), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (person, _) => await run.PlayAsync(person, script(person), learn: false));
            watch.Stop();
            timedTime += watch.Elapsed;
            var latencies = run.Latencies();
            var stepCpu = (bot.CpuTime() - phaseCpu).TotalMilliseconds / Math.Max(1, latencies.Count);
            all.AddRange(latencies);
            var line = $"{name}: {latencies.Count} steps in {watch.Elapsed.TotalSeconds:F1} s = {latencies.Count / watch.Elapsed.TotalSeconds:F0} steps/s; p50 {Percentile(latencies, 50):F1} ms, p99 {Percentile(latencies, 99):F1} ms; bot CPU {stepCpu:F2} ms per step; bot RSS {bot.RssMb()} MB";
            Console.WriteLine("  " + line);
            results.Add(line);
        }

        total.Stop();
        var cpu = bot.CpuTime() - cpuBefore;
        var timed = all.Count;
        var idleCpu2 = bot.CpuTime();
        await Task.Delay(TimeSpan.FromSeconds(10));
        results.Add($"all timed phases: {timed} steps in {timedTime.TotalSeconds:F1} s = {timed / timedTime.TotalSeconds:F0} steps/s; p50 {Percentile(all, 50):F1} ms, p99 {Percentile(all, 99):F1} ms, max {all.Max():F0} ms");
        results.Add($"bot process: peak RSS {bot.PeakRssMb()} MB; CPU {cpu.TotalSeconds:F1} s over {total.Elapsed.TotalSeconds:F0} s (learning runs included) = {cpu.TotalMilliseconds / timed:F2} ms per timed step; idle afterwards {(bot.CpuTime() - idleCpu2).TotalMilliseconds / 10:F0} ms CPU per second");
        using (var health = await http.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            var memory = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("memory");
            results.Add($"bot memory now: RSS {bot.RssMb()} MB ({bot.RssBreakdown()}); GC heap {memory.GetProperty("gcHeapBytes").GetInt64() / 1024 / 1024} MB, GC committed {memory.GetProperty("gcCommittedBytes").GetInt64() / 1024 / 1024} MB");
        }

        results.Add(database is null
            ? $"database files {DatabaseBytes(folder) / 1024 / 1024.0:F1} MB; fake Telegram answered {api.Received} calls"
            : $"PostgreSQL, {instances} instance(s); fake Telegram answered {api.Received} calls");
        foreach (var client in clients)
        {
            client.Dispose();
        }

        results.Add($"mismatched steps (more or fewer answers than learned): {run.Mismatches}");
        return results.Select(r => "Load " + r);
    }

    private static readonly string[] DatabaseFiles = ["groupbot.db", "groupbot.db-wal", "scheduler.db", "scheduler.db-wal"];

    private static long DatabaseBytes(string folder) =>
        DatabaseFiles.Select(f => new FileInfo(Path.Combine(folder, f))).Where(f => f.Exists).Sum(f => f.Length);

    private static void Echo(string line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Console.Error.WriteLine($"  [bot] {line}");
        }
    }

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = "gbbench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new Npgsql.NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>One or more bot processes; CPU and memory are their sum (peak: the largest).</summary>
    private sealed class Bots : IAsyncDisposable
    {
        private readonly List<BotProcess> _all;

        private Bots(List<BotProcess> all, List<Uri> urls)
        {
            _all = all;
            Urls = urls;
        }

        public List<Uri> Urls { get; }

        public string Id => string.Join("+", _all.Select(b => b.Id));

        public static async Task<Bots> StartAsync(int count, Dictionary<string, string?> settings, Action<string> echo)
        {
            var all = new List<BotProcess>();
            var urls = new List<Uri>();
            for (var i = 0; i < count; i++)
            {
                var url = new Uri($"http://127.0.0.1:{BotProcess.FreePort()}");
                all.Add(await BotProcess.StartAsync(url, settings, CancellationToken.None, echo));
                urls.Add(url);
            }

            return new Bots(all, urls);
        }

        public TimeSpan CpuTime() => _all.Aggregate(TimeSpan.Zero, (sum, b) => sum + b.CpuTime());

        public long RssMb() => _all.Sum(b => b.RssMb());

        public long PeakRssMb() => _all.Max(b => b.PeakRssMb());

        public string RssBreakdown() => string.Join("; ", _all.Select(b => b.RssBreakdown()));

        public async ValueTask DisposeAsync()
        {
            foreach (var bot in _all)
            {
                await bot.DisposeAsync();
            }
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    [GeneratedRegex(@"Kode anggota: ([A-Z0-9]{6})")]
    private static partial Regex MemberCode();

    [GeneratedRegex(@"Kode pengurus: ([A-Z0-9]{6})")]
    private static partial Regex LeaderCode();

    [GeneratedRegex(@": ([A-Z0-9]{6})\.")]
    private static partial Regex FacilitatorCode();

    public enum Role { Member, Leader, Facilitator }

    public sealed record Person(IUser User, int Group, Role Role, string Code, string Name);

    /// <summary>Type a text, or press the button whose label or data is given.</summary>
    public sealed record Step(string? Text = null, string? Press = null)
    {
        public static Step Say(string text) => new(Text: text);

        public static Step Tap(string press) => new(Press: press);
    }

    /// <summary>What each kind of person does in each part of the week.</summary>
    public static class Scripts
    {
        public static Step[] Onboarding(Person p) => p.Role switch
        {
            Role.Leader => [Step.Say("/start"), Step.Tap("lang:id"), Step.Say(p.Code), Step.Say(p.Name), Step.Tap("role:Leader")],
            _ => [Step.Say("/start"), Step.Tap("lang:id"), Step.Say(p.Code), Step.Say(p.Name)],
        };

        public static Step[] Meeting(Person p) => p.Role == Role.Facilitator ? [Step.Say("kelompok")] : [Step.Say("hadir")];

        public static Step[] Reports(Person p) => p.Role switch
        {
            Role.Leader =>
            [
                Step.Say("lapor"), Step.Say("hari ini"), Step.Say("250rb"), Step.Say("500rb"), Step.Say("300.000"), Step.Say("20rb"),
                Step.Say("4 juta"), Step.Say("1.070.000"), Step.Say("20"), Step.Say("simpan"),
                Step.Say("notulen"), Step.Say("hari ini"), Step.Say("Membahas jadwal simpan pinjam."), Step.Say("selesai"),
                Step.Say("Iuran naik jadi 10rb."), Step.Say("selesai"), Step.Say("lewati"), Step.Say("lewati"), Step.Say("lewati"), Step.Say("simpan"),
            ],
            Role.Member => [Step.Say("jadwal")],
            _ => [],
        };

        public static Step[] AfterMeeting(Person p) => p.Role == Role.Facilitator ? [] : [Step.Say("laporan terakhir"), Step.Say("bantuan")];

        public static Step[] Summaries(Person p) => p.Role switch
        {
            Role.Leader => [Step.Say("ringkasan")],
            Role.Facilitator => [Step.Say("ringkasan"), Step.Say("ringkasan lalu")],
            _ => [Step.Say("dataku")],
        };
    }

    public interface IUser
    {
        string Key { get; }

        /// <summary>Sends the step and waits for its answers; returns the milliseconds it took.</summary>
        Task<double> PlayAsync(Step step, int? expected, Action<int> learned);
    }

    /// <summary>Shared state of one run: the HTTP client, the fake, learned answer counts and timings.</summary>
    public sealed class Run(FakeBotApi api, HttpClient http, IReadOnlyList<HttpClient> webhooks)
    {
        private int _nextWebhook;

        /// <summary>The instance the next webhook goes to (round robin, as a load balancer).</summary>
        public HttpClient Webhook => webhooks[(int)((uint)Interlocked.Increment(ref _nextWebhook) % webhooks.Count)];

        private readonly ConcurrentDictionary<string, int> _answers = new();
        private ConcurrentBag<double> _latencies = [];
        private int _steps;
        private int _updateId;
        private int _mismatches;

        public FakeBotApi Api => api;
        public HttpClient Http => http;
        public int Steps => _steps;
        public int Mismatches => _mismatches;

        public int NextUpdateId() => Interlocked.Increment(ref _updateId);

        public void Reset()
        {
            _latencies = [];
            _steps = 0;
        }

        public List<double> Latencies() => [.. _latencies];

        public void Count() => Interlocked.Increment(ref _steps);

        public void Mismatch() => Interlocked.Increment(ref _mismatches);

        public async Task PlayAsync(Person person, Step[] steps, bool learn)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                var key = $"{person.User.GetType().Name}|{person.Role}|{steps[i].Text ?? steps[i].Press}|{i}";
                var expected = learn ? (int?)null : _answers.GetValueOrDefault(key, 1);
                var ms = await person.User.PlayAsync(steps[i], expected, n => _answers[key] = n);
                Count();
                if (!learn)
                {
                    _latencies.Add(ms);
                }
            }
        }
    }

    /// <summary>A Telegram user: updates posted to the bot's webhook; answers arrive at the fake Bot API.</summary>
    public sealed class TelegramUser(Run run, long id) : IUser
    {
        public string Key => id.ToString(CultureInfo.InvariantCulture);

        public async Task<double> PlayAsync(Step step, int? expected, Action<int> learned)
        {
            var box = run.Api.Chat(id);
            var before = box.Count;
            var update = new JsonObject { ["update_id"] = run.NextUpdateId() };
            var from = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Ibu" };
            var chat = new JsonObject { ["id"] = id, ["type"] = "private" };
            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            if (step.Text is { } text)
            {
                var message = new JsonObject { ["message_id"] = run.NextUpdateId(), ["from"] = from, ["chat"] = chat, ["date"] = now, ["text"] = text };
                if (text.StartsWith('/'))
                {
                    message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
                }

                update["message"] = message;
            }
            else
            {
                var last = box.LastWithButtons() ?? throw new InvalidOperationException($"No buttons to press for {step.Press} in chat {id}");
                var button = last.Buttons.FirstOrDefault(b => b.Data == step.Press || b.Label == step.Press);
                if (button.Data is null)
                {
                    throw new InvalidOperationException($"No button {step.Press} in chat {id}: {string.Join(", ", last.Buttons.Select(b => $"{b.Label}={b.Data}"))}");
                }

                update["callback_query"] = new JsonObject
                {
                    ["id"] = $"cb{run.NextUpdateId()}",
                    ["from"] = from,
                    ["chat_instance"] = "bench",
                    ["data"] = button.Data,
                    ["message"] = new JsonObject { ["message_id"] = last.Id, ["date"] = now, ["chat"] = chat, ["text"] = last.Text },
                };
            }

            var started = Stopwatch.GetTimestamp();
            using var content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/telegram") { Content = content };
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
            using var response = await run.Webhook.SendAsync(request);
            response.EnsureSuccessStatusCode();
            if (expected is { } n)
            {
                var wait = box.UntilAsync(before + n);
                if (await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(60))) != wait)
                {
                    run.Mismatch();
                    return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                return Stopwatch.GetElapsedTime(started, box[before + n - 1].At).TotalMilliseconds;
            }

            // Learning: wait for the first answer (some presses get none), then for a quarter second of quiet.
            var first = box.UntilAsync(before + 1);
            if (await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(5))) != first)
            {
                Console.WriteLine($"  no answer in chat {id} to {step.Text ?? step.Press}");
            }

            var seen = box.Count;
            while (true)
            {
                await Task.Delay(250);
                if (box.Count == seen)
                {
                    break;
                }

                seen = box.Count;
            }

            learned(seen - before);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    /// <summary>A simulator user: POST /simulator/messages answers with the replies to that message.</summary>
    public sealed class SimulatorUser(Run run, string name) : IUser
    {
        private JsonElement _lastReplies;

        public string Key => name;

        public async Task<string> SayAsync(string text)
        {
            await PlayAsync(Step.Say(text), null, _ => { });
            return string.Join("\n", _lastReplies.EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        }

        public Task PressAsync(string press) => PlayAsync(Step.Tap(press), null, _ => { });

        public async Task<double> PlayAsync(Step step, int? expected, Action<int> learned)
        {
            object body;
            if (step.Text is { } text)
            {
                body = new { user = name, text };
            }
            else
            {
                var choices = _lastReplies.EnumerateArray().Where(r => r.TryGetProperty("choices", out var c) && c.GetArrayLength() > 0).Last().GetProperty("choices");
                var choice = choices.EnumerateArray().First(c => c.GetProperty("id").GetString() == step.Press || c.GetProperty("label").GetString() == step.Press);
                body = new { user = name, choice = choice.GetProperty("id").GetString() };
            }

            var started = Stopwatch.GetTimestamp();
            using var response = await run.Http.PostAsJsonAsync("/simulator/messages", body);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _lastReplies = json.GetProperty("replies").Clone();
            run.Count();
            learned(_lastReplies.GetArrayLength());
            return ms;
        }
    }
}
