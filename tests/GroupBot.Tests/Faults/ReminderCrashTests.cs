using System.Text.RegularExpressions;
using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.Reminders;
using GroupBot.Tests.Channels.Telegram;
using GroupBot.Tests.Support;
using GroupBot.Trainings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GroupBot.Tests.Faults;

/// <summary>
/// Reminders across a stop, on the fake clock (Friday 4 December 2026, 07.00 WIB; Melati meets
/// Fridays 14.00, reminded Thursday 18.00 and Friday 12.00). A stopped in-process host stands in
/// for the crash: what matters is the state it leaves in the two SQLite files.
/// </summary>
public class ReminderCrashTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);
    private static readonly long[] Members = [801, 802, 803];

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Wib);

    [Fact]
    public async Task Reminders_queued_but_not_sent_when_the_bot_went_down_go_out_once_after_the_restart()
    {
        await using var api = new FakeBotApi();
        var settings = TelegramTestBed.Settings(api, new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            // The fake clock stands still between steps: Telegram's per-chat pace would hold everything.
            ["Telegram:MaxPerChatPerSecond"] = "100",
            ["Telegram:MaxPerSecond"] = "1000",
        });
        await using var first = await BotHost.StartAsync(settings: settings);
        await api.WaitForAsync(a => a.Sent("setMyCommands").Count() >= 3);
        var codes = await Scenario.CreateGroupAsync(first);
        foreach (var member in Members)
        {
            var name = string.Join(' ', member.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => Digits[d - '0']));
            await JoinOnTelegramAsync(api, member, codes.Member, $"Ibu {name}");
        }

        // Telegram refuses the reminders (502) when they are due; then the bot goes down.
        var down = true;
        api.Script = (method, body) => down && method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase)
            && body?["text"]?.GetValue<string>().StartsWith("Pengingat", StringComparison.Ordinal) == true
                ? FakeBotApi.FakeResponse.Error(502, "Bad Gateway")
                : null;
        await AdvanceAsync(first, At(4, 12, 0).AddSeconds(1));
        await api.WaitForAsync(a => Members.All(m => a.Sent("sendMessage").Any(c => IsReminderTo(c, m))));
        var queued = await first.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.DeliveryKey != null).ToListAsync());
        Assert.Equal(Members.Length, queued.Count);
        Assert.All(queued, r => Assert.Equal(OutboxStatus.Pending, r.Status));

        // Back up, Telegram working: each member gets the reminder once.
        await using var second = await first.RestartAsync();
        down = false;
        await AdvanceAsync(second, second.Time.GetUtcNow().AddSeconds(10));
        await api.WaitForAsync(a => Members.All(m => Delivered(a, m).Count == 1));

        // Down and up again after they went out, and on to Thursday's reminder: nothing repeats.
        await using var third = await second.RestartAsync();
        await AdvanceAsync(third, At(10, 18, 0).AddSeconds(1));
        await api.WaitForAsync(a => Members.All(m => Delivered(a, m).Count == 2));
        await Task.Delay(500, TestContext.Current.CancellationToken);

        foreach (var member in Members)
        {
            var texts = Delivered(api, member);
            Assert.Equal(2, texts.Count);
            Assert.Single(texts, t => t.StartsWith("Pengingat: hari ini jam 14.00", StringComparison.Ordinal));
            Assert.Single(texts, t => t.StartsWith("Pengingat: besok", StringComparison.Ordinal));
        }

        var rows = await third.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.DeliveryKey != null).ToListAsync());
        Assert.Equal(2 * Members.Length, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task An_extra_meeting_saved_just_before_a_crash_still_gets_its_reminders()
    {
        await using var bot = await Scenario.MelatiAsync();
        await bot.SayAsync("rina", "pertemuan tambah");
        await bot.SayAsync("rina", "8/12");
        Assert.StartsWith("Pertemuan tambahan Melati", await bot.TextAsync("rina", "15.00"), StringComparison.Ordinal);
        var meeting = await bot.DbAsync(db => db.Meetings.Where(m => m.Date == new DateOnly(2026, 12, 8)).Select(m => m.Id).SingleAsync());

        // The crash came between the meeting's commit and writing its Quartz job (scheduler.db).
        await LoseJobAsync(bot, ReminderScheduler.ExtraMeetingJob(meeting));
        await using var restarted = await bot.RestartAsync();
        await RestoredAsync(restarted, ReminderScheduler.ExtraMeetingJob(meeting));
        await AdvanceAsync(restarted, At(8, 13, 0).AddSeconds(1));

        var keys = await KeysAsync(restarted, "meeting:");
        Assert.Equal(3, keys.Count(k => k.Contains(":20261208:eve:", StringComparison.Ordinal)));
        Assert.Equal(3, keys.Count(k => k.Contains(":20261208:day:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_training_saved_just_before_a_crash_still_gets_its_reminders()
    {
        await using var bot = await BotHost.StartAsync();
        var melati = await Scenario.CreateGroupAsync(bot);
        await Scenario.JoinAsync(bot, "rina", melati.Leader, "Rina");
        var code = Regex.Match(await bot.TextAsync("admin", "pendamping tambah Mungo"), @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, "fitri", code, "Fitri");
        await bot.SayAsync("fitri", "pelatihan baru");
        await bot.SayAsync("fitri", "Pengelolaan kas kelompok");
        await bot.SayAsync("fitri", "14-15 Desember");
        await bot.SayAsync("fitri", "09.00");
        var audience = await bot.SayAsync("fitri", "Aula Nagari Mungo");
        var confirm = await bot.ChooseAsync("fitri", audience[0].Choice("Semua pengurus"));
        await bot.ChooseAsync("fitri", confirm[0].Choice("Kirim undangan"));
        var training = await bot.DbAsync(db => db.Trainings.Select(t => t.Id).SingleAsync());

        await LoseJobAsync(bot, TrainingScheduler.TrainingJob(training));
        await using var restarted = await bot.RestartAsync();
        await RestoredAsync(restarted, TrainingScheduler.TrainingJob(training));
        await AdvanceAsync(restarted, At(7, 9, 0).AddSeconds(1)); // a week before, at the start time

        Assert.Single(await KeysAsync(restarted, $"training:{training}:v1:week:"));
    }

    private static readonly string[] Digits = ["Nol", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan"];

    private static bool IsReminderTo(FakeBotApi.Call call, long chat) =>
        call.Body!["chat_id"]!.GetValue<long>() == chat && call.Body["text"]!.GetValue<string>().StartsWith("Pengingat", StringComparison.Ordinal);

    /// <summary>Reminder texts Telegram accepted for one chat.</summary>
    private static List<string> Delivered(FakeBotApi api, long chat) =>
        [.. api.Sent("sendMessage").Where(c => c.Body!["__message_id"] is not null && IsReminderTo(c, chat)).Select(c => c.Body!["text"]!.GetValue<string>())];

    private static async Task JoinOnTelegramAsync(FakeBotApi api, long user, string code, string name)
    {
        api.PushText(user, user, "/start", name);
        await api.WaitForAsync(a => a.TextsTo(user).Any(t => t.StartsWith("Pilih bahasa", StringComparison.Ordinal)));
        api.PushCallback(user, user, api.LastMessageIdTo(user), "lang:id");
        await api.WaitForAsync(a => a.TextsTo(user).Any(t => t.StartsWith("Ketik kode kelompok", StringComparison.Ordinal)));
        api.PushText(user, user, code, name);
        await api.WaitForAsync(a => a.TextsTo(user).Any(t => t.StartsWith("Siapa nama Anda", StringComparison.Ordinal)));
        api.PushText(user, user, name, name);
        await api.WaitForAsync(a => a.TextsTo(user).Any(t => t.StartsWith("Selamat bergabung", StringComparison.Ordinal)));
    }

    private static async Task LoseJobAsync(BotHost bot, JobKey job)
    {
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        Assert.True(await scheduler.DeleteJob(job, TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// The start-up sync puts the lost job back in the background; the fake clock is not moved
    /// before it has, or a busy machine moves it past the reminders' moments first.
    /// </summary>
    private static async Task RestoredAsync(BotHost bot, JobKey job)
    {
        var scheduler = await bot.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        var deadline = Deadline.In(TimeSpan.FromSeconds(30));
        while (!await scheduler.Exists(job, TestContext.Current.CancellationToken))
        {
            Assert.False(deadline.Passed, $"the start-up sync did not put {job} back");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static Task<List<string>> KeysAsync(BotHost bot, string prefix) =>
        bot.DbAsync(db => db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).Select(o => o.DeliveryKey!).ToListAsync());

    /// <summary>Moves the fake clock in steps, letting Quartz fire and the dispatcher send what is due.</summary>
    private static async Task AdvanceAsync(BotHost bot, DateTimeOffset to)
    {
        var outbox = bot.Services.GetRequiredService<Outbox>();
        while (bot.Time.GetUtcNow() < to)
        {
            var step = to - bot.Time.GetUtcNow();
            bot.Time.Advance(step < TimeSpan.FromMinutes(30) ? step : TimeSpan.FromMinutes(30));
            outbox.Wake();
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
    }
}
