using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Reminders;

/// <summary>
/// Quartz with its SQLite store on a fake clock. Melati meets Fridays 14.00 WIB; the clock starts
/// Friday 4 December 2026, 07.00 WIB. Reminders: Thursday 18.00 and Friday 12.00 WIB.
/// </summary>
public class ReminderTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Wib);

    private static Task<BotHost> MelatiAsync() => Scenario.MelatiAsync();

    /// <summary>Moves the fake clock to <paramref name="to"/> in small steps, letting Quartz fire what is due.</summary>
    private static async Task AdvanceAsync(BotHost bot, DateTimeOffset to)
    {
        while (bot.Time.GetUtcNow() < to)
        {
            var step = to - bot.Time.GetUtcNow();
            bot.Time.Advance(step < TimeSpan.FromMinutes(30) ? step : TimeSpan.FromMinutes(30));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(300, TestContext.Current.CancellationToken);
    }

    private static async Task<List<OutboxMessage>> RemindersAsync(BotHost bot, string prefix, int expected)
    {
        var deadline = Deadline.In(TimeSpan.FromSeconds(15));
        while (true)
        {
            var rows = await bot.DbAsync(db => db.Outbox.AsNoTracking().Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).OrderBy(o => o.Id).ToListAsync());
            if (rows.Count >= expected || deadline.Passed)
            {
                return rows;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    private static async Task<long> GroupIdAsync(BotHost bot, string name = "Melati") =>
        await bot.DbAsync(db => db.Groups.Where(g => g.Name == name).Select(g => g.Id).SingleAsync());

    [Fact]
    public async Task Meeting_reminders_fire_at_the_exact_local_times_to_every_member()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);

        await AdvanceAsync(bot, At(4, 11, 59));
        var early = await RemindersAsync(bot, $"meeting:{group}:", 0);
        Assert.True(early.Count == 0, string.Join(", ", early.Select(r => $"{r.DeliveryKey}@{r.CreatedUtc:O}")));
        await AdvanceAsync(bot, At(4, 12, 0).AddSeconds(1));
        var sameDay = await RemindersAsync(bot, $"meeting:{group}:20261204:day:", 3);
        await AdvanceAsync(bot, At(10, 18, 0).AddSeconds(1));
        var eve = await RemindersAsync(bot, $"meeting:{group}:20261211:eve:", 3);

        Assert.Equal(3, sameDay.Count);
        Assert.All(sameDay, r => Assert.Equal(At(4, 12, 0).UtcDateTime, r.CreatedUtc, TimeSpan.FromMinutes(1)));
        Assert.Equal(3, eve.Count);
        Assert.All(eve, r => Assert.Equal(At(10, 18, 0).UtcDateTime, r.CreatedUtc, TimeSpan.FromMinutes(1)));
        var messages = await bot.MessagesAsync("siti");
        Assert.Contains(messages, m => m.Text == "Pengingat: hari ini jam 14.00 pertemuan Melati di -. Saat datang, ketik hadir.");
        Assert.Contains(messages, m => m.Text == "Pengingat: besok Jumat, 11 Desember 2026 jam 14.00 ada pertemuan Melati di -.");
    }

    [Fact]
    public async Task A_restart_keeps_the_schedule_and_sends_nothing_twice()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await AdvanceAsync(bot, At(4, 12, 0).AddSeconds(1));
        await RemindersAsync(bot, $"meeting:{group}:20261204:day:", 3);

        await using var restarted = await bot.RestartAsync();
        await AdvanceAsync(restarted, At(11, 12, 0).AddSeconds(1));
        await RemindersAsync(restarted, $"meeting:{group}:20261211:day:", 3);
        await Task.Delay(500, TestContext.Current.CancellationToken);

        var all = await RemindersAsync(restarted, $"meeting:{group}:", 9);
        Assert.Equal(9, all.Count); // Friday 4 (day), Thursday 10 (eve), Friday 11 (day): three members each
        Assert.Equal(all.Count, all.Select(r => r.DeliveryKey).Distinct().Count());
    }

    [Fact]
    public async Task A_reminder_missed_while_down_is_sent_late_only_while_still_useful()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await AdvanceAsync(bot, At(10, 17, 0));

        // Down from Thursday 17.00 to 20.00: the 18.00 reminder is late but the meeting is tomorrow.
        await using var late = await bot.RestartAsync();
        late.Time.SetUtcNow(At(10, 20, 0));
        var eve = await RemindersAsync(late, $"meeting:{group}:20261211:eve:", 3);
        Assert.Equal(3, eve.Count);

        // Down again over Friday 12.00 until 15.00: the meeting has started, so that one is dropped.
        await AdvanceAsync(late, At(11, 11, 0));
        await using var tooLate = await late.RestartAsync();
        tooLate.Time.SetUtcNow(At(11, 15, 0));
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        Assert.Empty(await RemindersAsync(tooLate, $"meeting:{group}:20261211:day:", 0));
    }

    [Fact]
    public async Task A_skipped_week_and_paused_reminders_send_nothing_and_resuming_sends_again()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        Assert.StartsWith("Pertemuan Melati pada Jumat, 11 Desember 2026 diliburkan.", await bot.TextAsync("rina", "pertemuan libur 11/12"));
        await AdvanceAsync(bot, At(11, 13, 0));
        Assert.Empty(await RemindersAsync(bot, $"meeting:{group}:20261211", 0));

        await bot.SayAsync("rina", "pengingat jeda");
        await AdvanceAsync(bot, At(18, 13, 0));
        Assert.Empty(await RemindersAsync(bot, $"meeting:{group}:20261218", 0));

        await bot.SayAsync("rina", "pengingat lanjut");
        await AdvanceAsync(bot, At(25, 12, 0).AddSeconds(1));
        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261225:day", 3)).Count);
    }

    [Fact]
    public async Task Changing_the_meeting_day_replaces_the_triggers()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await bot.SayAsync("rina", "pertemuan ubah");
        await bot.SayAsync("rina", "Selasa");
        Assert.Equal("Jadwal Melati diubah: setiap Selasa jam 09.00. Pengingat ikut berubah.", await bot.TextAsync("rina", "9 pagi"));

        await AdvanceAsync(bot, At(11, 13, 0)); // the old Friday times pass
        Assert.Empty(await RemindersAsync(bot, $"meeting:{group}:20261211", 0));
        await AdvanceAsync(bot, At(15, 7, 0).AddSeconds(1)); // Tuesday 07.00 = 9.00 − 2 h
        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261215:day", 3)).Count);
    }

    [Fact]
    public async Task An_extra_meeting_gets_its_own_reminders()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await bot.SayAsync("rina", "pertemuan tambah");
        await bot.SayAsync("rina", "8/12");
        Assert.Equal("Pertemuan tambahan Melati: Selasa, 8 Desember 2026 jam 15.00. Anggota akan diingatkan.", await bot.TextAsync("rina", "15.00"));

        await AdvanceAsync(bot, At(8, 13, 0).AddSeconds(1));

        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261208:eve", 3)).Count);
        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261208:day", 3)).Count);
    }

    [Fact]
    public async Task The_morning_after_a_meeting_leaders_are_nudged_once_then_again_after_three_days()
    {
        await using var bot = await MelatiAsync();
        await AdvanceAsync(bot, At(4, 14, 0));
        await bot.SayAsync("siti", "hadir");

        await AdvanceAsync(bot, At(5, 9, 0).AddSeconds(1));
        var first = await RemindersAsync(bot, "nudge:", 1);
        await AdvanceAsync(bot, At(7, 9, 0).AddSeconds(1));
        var second = await RemindersAsync(bot, "nudge:", 2);

        Assert.Single(first); // Rina, the only officer
        Assert.Equal("Pertemuan Melati tanggal Jumat, 4 Desember 2026 belum ada laporan dan notulennya. Ketik lapor dan notulen untuk mengisinya.",
            Outbox.Read(first[0]).Text);
        Assert.Equal(2, second.Count);
        Assert.Contains(":2:", second[1].DeliveryKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_nudge_once_the_minutes_and_report_are_in()
    {
        await using var bot = await MelatiAsync();
        await AdvanceAsync(bot, At(4, 14, 0));
        await bot.SayAsync("siti", "hadir");
        await AdvanceAsync(bot, At(4, 17, 0));
        foreach (var text in new[] { "lapor", "hari ini", "100rb", "0", "0", "0", "0", "1 juta", "1", "simpan", "notulen", "hari ini", "Jadwal.", "selesai", "Iuran.", "selesai", "lewati", "lewati", "lewati", "simpan" })
        {
            await bot.SayAsync("rina", text);
        }

        await AdvanceAsync(bot, At(7, 9, 0).AddSeconds(1));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(await RemindersAsync(bot, "nudge:", 0));
    }

    [Fact]
    public async Task A_nudge_whose_time_passed_while_the_bot_was_down_is_sent_when_it_starts()
    {
        await using var bot = await MelatiAsync();
        await AdvanceAsync(bot, At(4, 14, 0));
        await bot.SayAsync("siti", "hadir");
        await AdvanceAsync(bot, At(5, 8, 0));

        // Down from 08.00 to 10.00 on Saturday: the 09.00 follow-up is due when it comes back.
        await using var restarted = await bot.RestartAsync();
        restarted.Time.SetUtcNow(At(5, 10, 0));

        Assert.Single(await RemindersAsync(restarted, "nudge:", 1));
    }

    [Fact]
    public async Task An_extra_meeting_added_after_its_reminder_time_is_reminded_at_once()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await AdvanceAsync(bot, At(8, 9, 0));

        await bot.SayAsync("rina", "pertemuan tambah");
        await bot.SayAsync("rina", "hari ini");
        await bot.SayAsync("rina", "10.30");
        await AdvanceAsync(bot, At(8, 9, 1));

        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261208:day", 3)).Count);
    }

    [Fact]
    public async Task A_time_changed_after_the_reminder_went_out_sends_a_corrected_one()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await AdvanceAsync(bot, At(4, 12, 0).AddSeconds(1));
        await RemindersAsync(bot, $"meeting:{group}:20261204:day:1400", 3);

        await bot.SayAsync("rina", "pertemuan ubah");
        await bot.SayAsync("rina", "Jumat");
        await bot.SayAsync("rina", "16.00");
        await AdvanceAsync(bot, At(4, 14, 0).AddSeconds(1)); // 2 h before the new start

        Assert.Equal(3, (await RemindersAsync(bot, $"meeting:{group}:20261204:day:1600", 3)).Count);
    }

    [Fact]
    public async Task Skipping_a_meeting_after_its_reminder_went_out_tells_those_reminded()
    {
        await using var bot = await MelatiAsync();
        var group = await GroupIdAsync(bot);
        await AdvanceAsync(bot, At(10, 18, 0).AddSeconds(1));
        await RemindersAsync(bot, $"meeting:{group}:20261211:eve", 3);

        await bot.SayAsync("rina", "pertemuan libur 11/12");
        await Task.Delay(300, TestContext.Current.CancellationToken);

        Assert.Equal(3, (await RemindersAsync(bot, $"skip:{group}:20261211", 3)).Count);
        Assert.Contains(await bot.MessagesAsync("siti"), m => m.Text == "Pertemuan Melati pada Jumat, 11 Desember 2026 diliburkan. Sampai jumpa di pertemuan berikutnya.");
    }
}
