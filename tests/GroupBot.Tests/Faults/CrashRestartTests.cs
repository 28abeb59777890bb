using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Faults;

/// <summary>
/// The bot runs as a child process and is killed (SIGKILL, the whole process tree) at random
/// moments while people join, report attendance and send savings reports over the simulator and
/// the Telegram webhook (against a loopback fake Bot API); each time a new process starts on the
/// same data folder (groupbot.db and scheduler.db). Clients behave like the channels: they deliver
/// again, with the same id, until the bot answers 200, which is what acknowledged means. Afterwards
/// every acknowledged record exists exactly once, every queued message was sent (replies at least
/// once, reminders at most once: see the README, Data), and no reminder went out twice.
/// The seed (printed; GROUPBOT_FAULT_SEED repeats it) fixes the kill schedule and the pauses
/// between messages; where in the bot's work each kill lands still varies from run to run.
/// </summary>
public class CrashRestartTests
{
    private const int Kills = 4;
    private static readonly TimeZoneInfo Wib = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
    private static readonly string[] Digits = ["Nol", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan"];
    private static readonly string[] Report = ["lapor", "hari ini", "100rb", "0", "0", "0", "0", "2 juta", "0", "simpan"];

    private readonly Load _load = new();

    /// <summary>The groups' meeting day as a date ("01-12-2026"), not "hari ini": a run that crosses midnight WIB still reports that meeting.</summary>
    private string _meetingDay = "hari ini";

    [Fact]
    public async Task Killing_the_bot_under_load_loses_and_doubles_no_acknowledged_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GROUPBOT_FAULT_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var log = new List<string> { $"seed {seed} (set GROUPBOT_FAULT_SEED to repeat)" };
        var folder = Directory.CreateTempSubdirectory("groupbot-crash-").FullName;
        await using var api = new FakeBotApi();
        var address = new Uri($"http://127.0.0.1:{BotProcess.FreePort()}");
        var settings = new Dictionary<string, string?>(TelegramWire.WebhookSettings(api.BaseUrl))
        {
            ["GroupBot:DataDirectory"] = folder,
            ["GroupBot:Admins:0"] = "simulator:admin",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var bot = await BotProcess.StartAsync(address, settings, ct);
        var pids = new List<int> { bot.Id };
        try
        {
            // Four groups, made by the admin before the trouble starts. Three meet now (attendance
            // is open); Kenanga meets on another day and gets an extra meeting during the load.
            var localNow = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Wib);
            var startedAt = localNow.TimeOfDay < TimeSpan.FromMinutes(30) ? TimeSpan.Zero : localNow.TimeOfDay - TimeSpan.FromMinutes(30);
            _meetingDay = localNow.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
            var meetingGroups = new[] { "Mawar", "Melati", "Anggrek" };
            var codes = new Dictionary<string, Scenario.GroupCodes>();
            foreach (var name in meetingGroups)
            {
                codes[name] = await CreateGroupAsync(http, name, $"day:{(int)localNow.DayOfWeek}", $"{startedAt.Hours:00}.{startedAt.Minutes:00}");
            }

            codes["Kenanga"] = await CreateGroupAsync(http, "Kenanga", $"day:{((int)localNow.DayOfWeek + 3) % 7}", "10.00");

            // The load: every person's messages in order, each delivered until acknowledged.
            var members = meetingGroups.SelectMany(g => Enumerable.Range(1, 4).Select(i => (User: $"{g.ToLowerInvariant()}{i}", Name: $"Ibu {g} {Digits[i]}", Group: g))).ToList();
            var leaders = meetingGroups.Select(g => (User: $"ketua{g.ToLowerInvariant()}", Name: $"Ketua {g}", Group: g)).ToList();
            var telegramUsers = Enumerable.Range(1, 6).Select(i => (Id: 7000L + i, Name: $"Ibu Kenanga {Digits[i]}")).ToList();
            var seeds = telegramUsers.Select(_ => random.Next()).ToList();
            async Task JoinOnTelegramAsync()
            {
                await Task.WhenAll(telegramUsers.Select((u, i) => TelegramJoinAsync(http, u.Id, u.Name, codes["Kenanga"].Member, seeds[i], ct)));
                await api.WaitForAsync(a => telegramUsers.All(u => a.TextsTo(u.Id).Any(t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal))), seconds: 60);
            }

            var telegramJoins = JoinOnTelegramAsync();
            var extraMeeting = ExtraMeetingStartLocal();
            var load = Task.WhenAll(
                [.. members.Select(m => MemberAsync(http, m.User, m.Name, codes[m.Group].Member, random.Next(), ct)),
                 .. leaders.Select(l => LeaderAsync(http, l.User, l.Name, codes[l.Group].Leader, random.Next(), ct)),
                 telegramJoins,
                 KenangaLeaderAsync(http, codes["Kenanga"].Leader, telegramJoins, extraMeeting, random.Next(), ct)]);

            for (var kill = 1; kill <= Kills; kill++)
            {
                var runFor = TimeSpan.FromMilliseconds(random.Next(250, 1_500));
                await Task.WhenAny(load, Task.Delay(runFor, ct));
                bot.Kill();
                await bot.DisposeAsync();
                var downFor = TimeSpan.FromMilliseconds(random.Next(0, 400));
                log.Add($"kill {kill}: after {runFor.TotalMilliseconds} ms (load {(load.IsCompleted ? "done" : "running")}; {_load.Acknowledged} acknowledged so far), down {downFor.TotalMilliseconds} ms");
                await Task.Delay(downFor, ct);
                bot = await BotProcess.StartAsync(address, settings, ct);
                pids.Add(bot.Id);
            }

            await load.WaitAsync(TimeSpan.FromSeconds(60), ct);

            // The last process drains: every update handled, every message out.
            var reminders = telegramUsers.Count + 1; // Kenanga's members and her leader
            await WaitAsync(folder, async db => !await db.Inbox.AnyAsync(e => e.ProcessedUtc == null, ct)
                && !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Sending, ct)
                && await db.Outbox.CountAsync(o => o.DeliveryKey != null, ct) == reminders, bot);
            await Task.Delay(500, ct); // a send the fake answered but the bot has not marked yet
            bot.Kill(); // the files are read directly, as the next start would find them
            log.Add($"load: {_load.Acknowledged} deliveries acknowledged, {_load.Refused} refused (5xx), {_load.Dropped} dropped (connection refused or reset); processes {string.Join(", ", pids)}");

            await using var db = Open(folder);
            await AssertRecordsExactlyOnceAsync(db, members, leaders, telegramUsers, meetingGroups, ct);
            var duplicates = await AssertEverythingSentAsync(db, api, ct);
            log.Add($"outbox: {await db.Outbox.CountAsync(ct)} messages, {await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Sent, ct)} sent; "
                + $"{await db.Outbox.CountAsync(o => o.DeliveryKey != null, ct)} reminders, none twice ({await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Failed, ct)} interrupted mid-send); "
                + $"{duplicates} reply duplicates (at least once; limit {Kills})");
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{string.Join('\n', log)}\n{ex}\n--- last bot output ---\n{bot.Output}");
        }
        finally
        {
            await bot.DisposeAsync();
            TestContext.Current.SendDiagnosticMessage(string.Join('\n', log));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', log));
            TempFolder.Delete(folder);
        }
    }

    /// <summary>
    /// The narrowest window, hit on purpose: Telegram has accepted a reminder and the bot is killed
    /// before it can mark the row sent (the fake kills it while answering). The restarted bot must
    /// not send that reminder again; it records it as interrupted instead.
    /// </summary>
    [Fact]
    public async Task A_crash_after_Telegram_accepted_a_reminder_does_not_send_it_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("groupbot-crash-").FullName;
        await using var api = new FakeBotApi();
        var address = new Uri($"http://127.0.0.1:{BotProcess.FreePort()}");
        var settings = new Dictionary<string, string?>(TelegramWire.WebhookSettings(api.BaseUrl))
        {
            ["GroupBot:DataDirectory"] = folder,
            ["GroupBot:Admins:0"] = "simulator:admin",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var bot = await BotProcess.StartAsync(address, settings, ct);
        try
        {
            var localNow = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Wib);
            var codes = await CreateGroupAsync(http, "Kenanga", $"day:{((int)localNow.DayOfWeek + 3) % 7}", "10.00");
            var random = new Random(1);
            await JoinAsOfficerAsync(http, "ketuakenanga", "Ketua Kenanga", codes.Leader, random, ct);
            long[] members = [7201, 7202];
            foreach (var member in members)
            {
                await TelegramJoinAsync(http, member, $"Ibu Kenanga {Digits[member % 10]}", codes.Member, random.Next(), ct);
            }

            await api.WaitForAsync(a => members.All(m => a.TextsTo(m).Any(t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal))));

            var killed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var victim = bot;
            api.Script = (method, body) =>
            {
                if (method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase)
                    && body?["text"]?.GetValue<string>().StartsWith("Pengingat", StringComparison.Ordinal) == true
                    && !killed.Task.IsCompleted)
                {
                    victim.Kill(); // Telegram has the message; the bot never hears back
                    killed.TrySetResult(body["chat_id"]!.GetValue<long>());
                }

                return null;
            };
            var extra = KenangaLeaderAsync(http, codes.Leader, Task.CompletedTask, ExtraMeetingStartLocal(), random.Next(), ct, join: false);
            var chat = await killed.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            await bot.DisposeAsync();
            bot = await BotProcess.StartAsync(address, settings, ct);
            await extra;

            await WaitAsync(folder, async db => await db.Outbox.CountAsync(o => o.DeliveryKey != null, ct) == members.Length + 1
                && !await db.Outbox.AnyAsync(o => o.Status == OutboxStatus.Pending || o.Status == OutboxStatus.Sending, ct), bot);
            await Task.Delay(500, ct);
            bot.Kill();

            await using var db = Open(folder);
            var rows = await db.Outbox.AsNoTracking().Where(o => o.DeliveryKey != null).ToListAsync(ct);
            var lost = Assert.Single(rows, r => r.ChatId == chat.ToString(CultureInfo.InvariantCulture));
            Assert.Equal((OutboxStatus.Failed, OutboxDispatcher.InterruptedError), (lost.Status, lost.LastError));

            // Several chats are sent to at once, so the crash may have caught another reminder in
            // flight too: that one is interrupted as well, never sent again. Each went at most once;
            // one recorded as sent went exactly once.
            // (The leader's reminder goes to the simulator, which keeps no record of sends to count.)
            foreach (var row in rows.Where(r => r.Channel == ChannelNames.Telegram))
            {
                var text = Outbox.Read(row).Text;
                var sends = api.Sent("sendMessage").Count(c => c.Body!["chat_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture) == row.ChatId
                    && c.Body["text"]!.GetValue<string>() == text);
                if (row.Status == OutboxStatus.Sent || row == lost)
                {
                    Assert.True(sends == 1, $"{row.ChatId} {row.Status} \"{text}\" went {sends} times");
                }
                else
                {
                    Assert.Equal((OutboxStatus.Failed, OutboxDispatcher.InterruptedError), (row.Status, row.LastError));
                    Assert.True(sends <= 1, $"an interrupted reminder went {sends} times");
                }
            }

            Assert.All(members, m => Assert.Contains(rows, r => r.ChatId == m.ToString(CultureInfo.InvariantCulture)));
            Assert.All(rows, r => Assert.True(r.Status == OutboxStatus.Sent || r.LastError == OutboxDispatcher.InterruptedError, $"{r.ChatId}: {r.Status}"));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex}\n--- last bot output ---\n{bot.Output}");
        }
        finally
        {
            await bot.DisposeAsync();
            TempFolder.Delete(folder);
        }
    }

    private static async Task AssertRecordsExactlyOnceAsync(GroupBotDb db,
        List<(string User, string Name, string Group)> members, List<(string User, string Name, string Group)> leaders,
        List<(long Id, string Name)> telegramUsers, string[] meetingGroups, CancellationToken ct)
    {
        var inbox = await db.Inbox.AsNoTracking().ToListAsync(ct);
        Assert.DoesNotContain(inbox, e => e.ProcessedUtc == null || e.Error != null);

        // Joins: one person, one chat account, one membership each.
        var identities = await db.ChatIdentities.AsNoTracking().Include(i => i.Person).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Include(m => m.Group).ToListAsync(ct);
        foreach (var (user, name, group) in members.Concat(leaders))
        {
            var identity = Assert.Single(identities, i => i.Channel == ChannelNames.Simulator && i.Address == user);
            Assert.Equal(name, identity.Person!.Name);
            Assert.Equal(group, Assert.Single(memberships, m => m.PersonId == identity.PersonId).Group!.Name);
        }

        foreach (var (id, name) in telegramUsers)
        {
            var identity = Assert.Single(identities, i => i.Channel == ChannelNames.Telegram && i.Address == id.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(name, identity.Person!.Name);
            Assert.Equal("Kenanga", Assert.Single(memberships, m => m.PersonId == identity.PersonId).Group!.Name);
        }

        Assert.Equal(members.Count + leaders.Count + telegramUsers.Count + 2, await db.People.CountAsync(ct)); // + admin, Kenanga's leader

        // Attendance: one meeting per group today, one "hadir" per member.
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Group).Include(m => m.Attendance).ToListAsync(ct);
        foreach (var group in meetingGroups)
        {
            var meeting = Assert.Single(meetings, m => m.Group!.Name == group);
            var present = meeting.Attendance.Select(a => identities.Single(i => i.PersonId == a.PersonId).Address).Order().ToList();
            Assert.Equal(members.Where(m => m.Group == group).Select(m => m.User).Order(), present);
            Assert.All(meeting.Attendance, a => Assert.Equal(AttendanceStatus.Present, a.Status));
        }

        Assert.Single(meetings, m => m.Group!.Name == "Kenanga"); // the extra meeting

        // Savings reports: one version per group, with exactly the answers given (an answer
        // handled twice or skipped would shift them).
        var reports = await db.SavingsReports.AsNoTracking().Include(r => r.Meeting).ThenInclude(m => m!.Group).ToListAsync(ct);
        Assert.Equal(meetingGroups.Order(), reports.Select(r => r.Meeting!.Group!.Name).Order());
        Assert.All(reports, r => Assert.Equal((1, 100_000L, 0L, 0L, 0L, 0L, 2_000_000L, 0),
            (r.Version, r.Savings, r.LoansDisbursed, r.Repayments, r.FinesAndSocial, r.LoansOutstanding, r.CashBalance, r.MembersSaved)));
    }

    /// <summary>
    /// The guarantee: every message is sent, except a reminder a crash interrupted mid-send, which
    /// is marked failed and never repeated. Telegram received every sent message, reminders at most
    /// once, replies at least once (a crash between Telegram's answer and the row being marked
    /// sends that reply again: at most one per crash). Returns the reply duplicates.
    /// </summary>
    private static async Task<int> AssertEverythingSentAsync(GroupBotDb db, FakeBotApi api, CancellationToken ct)
    {
        var outbox = await db.Outbox.AsNoTracking().ToListAsync(ct);
        var interrupted = outbox.Where(o => o.Status != OutboxStatus.Sent).ToList();
        Assert.All(interrupted, o => Assert.Equal((OutboxStatus.Failed, OutboxDispatcher.InterruptedError, true), (o.Status, o.LastError, o.DeliveryKey is not null)));
        Assert.True(interrupted.Count <= Kills);
        var inbox = await db.Inbox.AsNoTracking().Select(e => e.Id).ToListAsync(ct);
        Assert.All(inbox, id => Assert.Contains(outbox, o => o.InboxEntryId == id)); // every update was answered

        // What Telegram accepted (a call the bot died waiting for included).
        var received = api.Sent("sendMessage").Where(c => c.Body!["__message_id"] is not null).ToList();
        var telegram = outbox.Where(o => o.Channel == ChannelNames.Telegram).ToList();
        foreach (var row in telegram.Where(o => o.Status == OutboxStatus.Sent))
        {
            var call = Assert.Single(received, c => c.Body!["__message_id"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture) == row.ExternalId);
            Assert.Equal(row.ChatId, call.Body!["chat_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
            Assert.Equal(Outbox.Read(row).Text, call.Body["text"]!.GetValue<string>());
        }

        var rowsPerMessage = telegram.GroupBy(o => (o.ChatId, Outbox.Read(o).Text)).ToDictionary(g => g.Key, g => g.ToList());
        var duplicates = 0;
        foreach (var sent in received.GroupBy(c => (c.Body!["chat_id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture), c.Body["text"]!.GetValue<string>())))
        {
            var rows = Assert.Contains(sent.Key, rowsPerMessage); // nothing the bot did not queue
            if (rows.Any(r => r.DeliveryKey is not null))
            {
                Assert.True(sent.Count() <= rows.Count, $"reminder sent {sent.Count()} times: {sent.Key}");
                continue;
            }

            Assert.True(sent.Count() >= rows.Count);
            duplicates += sent.Count() - rows.Count;
        }

        Assert.True(duplicates <= Kills, $"{duplicates} duplicate replies after {Kills} crashes");
        return duplicates;
    }

    private async Task MemberAsync(HttpClient http, string user, string name, string code, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        await SimulatorAsync(http, user, "mulai", null, random, ct);
        await SimulatorAsync(http, user, null, "lang:id", random, ct);
        await SimulatorAsync(http, user, code, null, random, ct);
        Assert.Contains(await SimulatorAsync(http, user, name, null, random, ct), t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal));
        Assert.Contains(await SimulatorAsync(http, user, "hadir", null, random, ct), t => t.StartsWith("Tercatat: Hadir", StringComparison.Ordinal));
    }

    private async Task LeaderAsync(HttpClient http, string user, string name, string code, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        await JoinAsOfficerAsync(http, user, name, code, random, ct);
        var replies = new List<string>();
        foreach (var answer in Report)
        {
            replies = await SimulatorAsync(http, user, answer == "hari ini" ? _meetingDay : answer, null, random, ct);
        }

        Assert.Contains(replies, t => t.Contains("sudah disimpan", StringComparison.Ordinal));
    }

    /// <summary>Kenanga's leader adds an extra meeting once her Telegram members have joined: its reminder goes out at once.</summary>
    private async Task KenangaLeaderAsync(HttpClient http, string code, Task membersJoined, DateTime start, int seed, CancellationToken ct, bool join = true)
    {
        var random = new Random(seed);
        if (join)
        {
            await JoinAsOfficerAsync(http, "ketuakenanga", "Ketua Kenanga", code, random, ct);
        }

        await membersJoined;
        await SimulatorAsync(http, "ketuakenanga", "pertemuan tambah", null, random, ct);
        await SimulatorAsync(http, "ketuakenanga", start.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture), null, random, ct);
        Assert.Contains(await SimulatorAsync(http, "ketuakenanga", start.ToString("HH.mm", CultureInfo.InvariantCulture), null, random, ct),
            t => t.StartsWith("Pertemuan tambahan Kenanga", StringComparison.Ordinal));
    }

    private async Task JoinAsOfficerAsync(HttpClient http, string user, string name, string code, Random random, CancellationToken ct)
    {
        await SimulatorAsync(http, user, "mulai", null, random, ct);
        await SimulatorAsync(http, user, null, "lang:id", random, ct);
        await SimulatorAsync(http, user, code, null, random, ct);
        await SimulatorAsync(http, user, name, null, random, ct);
        Assert.Contains(await SimulatorAsync(http, user, null, "role:Leader", random, ct), t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal));
    }

    private async Task TelegramJoinAsync(HttpClient http, long user, string name, string code, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var id = (int)(user * 10);
        await WebhookAsync(http, TelegramWire.Text(id + 1, user, "/start"), random, ct);
        await WebhookAsync(http, TelegramWire.Button(id + 2, user, "lang:id"), random, ct);
        await WebhookAsync(http, TelegramWire.Text(id + 3, user, code), random, ct);
        await WebhookAsync(http, TelegramWire.Text(id + 4, user, name), random, ct);
    }

    /// <summary>One simulator message, sent again with the same id until the bot answers 200. Returns the reply texts.</summary>
    private async Task<List<string>> SimulatorAsync(HttpClient http, string user, string? text, string? choice, Random random, CancellationToken ct)
    {
        await Task.Delay(random.Next(40, 300), ct); // people take a moment between messages
        var id = $"{user}-{Interlocked.Increment(ref _load.Sequence)}";
        object body = text is null ? new { user, choice, id } : new { user, text, id };
        while (true)
        {
            try
            {
                using var response = await http.PostAsJsonAsync("/simulator/messages", body, ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _load.Acknowledged);
                    var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
                    return [.. json.GetProperty("replies").EnumerateArray().Select(r => r.GetProperty("text").GetString()!)];
                }

                Assert.True((int)response.StatusCode >= 500, $"{user}: {(int)response.StatusCode}");
                Interlocked.Increment(ref _load.Refused);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _load.Dropped);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref _load.Dropped);
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>One Telegram update, delivered again until the webhook answers 200 (as Telegram does).</summary>
    private async Task WebhookAsync(HttpClient http, JsonObject update, Random random, CancellationToken ct)
    {
        await Task.Delay(random.Next(40, 300), ct); // people take a moment between messages
        while (true)
        {
            try
            {
                var status = await TelegramWire.PostAsync(http, update, ct);
                if (status == 200)
                {
                    Interlocked.Increment(ref _load.Acknowledged);
                    return;
                }

                Assert.True(status >= 500, $"webhook answered {status}");
                Interlocked.Increment(ref _load.Refused);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _load.Dropped);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref _load.Dropped);
            }

            await Task.Delay(100, ct);
        }
    }

    private static async Task<Scenario.GroupCodes> CreateGroupAsync(HttpClient http, string group, string day, string time)
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<List<(string Text, List<string> Choices)>> Say(string text)
        {
            using var response = await http.PostAsJsonAsync("/simulator/messages", new { user = "admin", text }, ct);
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            return [.. json.GetProperty("replies").EnumerateArray().Select(r => (r.GetProperty("text").GetString()!,
                r.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("label").GetString()!).ToList()))];
        }

        await Say("desa tambah Mungo");
        var replies = await Say("kelompok baru");
        if (replies[^1].Choices.Contains("Mungo"))
        {
            using var response = await http.PostAsJsonAsync("/simulator/messages", new { user = "admin", text = "Mungo" }, ct);
            response.EnsureSuccessStatusCode();
        }

        foreach (var answer in new[] { group, "simpan pinjam", day, time })
        {
            await Say(answer);
        }

        return Scenario.Codes(string.Join('\n', (await Say("lewati")).Select(r => r.Text)));
    }

    /// <summary>An hour from now, local time: its same-day reminder moment has passed, so it is reminded at once.</summary>
    private static DateTime ExtraMeetingStartLocal()
    {
        var start = TimeZoneInfo.ConvertTimeFromUtc(TimeProvider.System.GetUtcNow().UtcDateTime, Wib).AddHours(1);
        return start.AddSeconds(-start.Second).AddMinutes(start.Minute % 5 == 0 ? 0 : 5 - start.Minute % 5);
    }

    private static GroupBotDb Open(string folder) =>
        new(new DbContextOptionsBuilder<GroupBotDb>().UseSqlite(DataExtensions.ConnectionString(folder, DataExtensions.DatabaseFileName)).Options);

    private static async Task WaitAsync(string folder, Func<GroupBotDb, Task<bool>> condition, BotProcess bot)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = Open(folder))
            {
                if (await condition(db))
                {
                    return;
                }
            }

            if (deadline.Passed)
            {
                await using var db = Open(folder);
                var state = $"unhandled updates {await db.Inbox.CountAsync(e => e.ProcessedUtc == null)}, "
                    + $"pending messages {await db.Outbox.CountAsync(o => o.Status == OutboxStatus.Pending)}, "
                    + $"reminders {await db.Outbox.CountAsync(o => o.DeliveryKey != null)}, meetings {string.Join(", ", await db.Meetings.Select(m => $"{m.GroupId} {m.Date} {m.StartTime}").ToListAsync())}";
                throw new TimeoutException($"The last bot did not drain: {state}\n{bot.Output}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private sealed class Load
    {
        public int Sequence;
        public int Acknowledged;
        public int Refused;
        public int Dropped;
    }
}
