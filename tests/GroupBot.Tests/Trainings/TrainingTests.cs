using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Tests.Support;
using GroupBot.Trainings;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Trainings;

/// <summary>A training on Monday 14 December 2026 at 09.00 WIB; the clock starts Friday 4 December, 07.00 WIB.</summary>
public sealed class TrainingTests
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    private static DateTimeOffset At(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Wib);

    /// <summary>Two groups in Mungo with a leader each, a facilitator for Mungo, and a training for all officers.</summary>
    private static async Task<(BotHost Bot, long TrainingId)> TrainingAsync()
    {
        var bot = await BotHost.StartAsync();
        var melati = await Scenario.CreateGroupAsync(bot);
        var mawar = await Scenario.CreateGroupAsync(bot, group: "Mawar");
        await Scenario.JoinAsync(bot, "rina", melati.Leader, "Rina");
        await Scenario.JoinAsync(bot, "ida", mawar.Leader, "Ida");
        await Scenario.JoinAsync(bot, "siti", melati.Member, "Siti");
        var code = System.Text.RegularExpressions.Regex.Match(await bot.TextAsync("admin", "pendamping tambah Mungo"), @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, "fitri", code, "Fitri");

        await bot.SayAsync("fitri", "pelatihan baru");
        await bot.SayAsync("fitri", "Pengelolaan kas kelompok");
        await bot.SayAsync("fitri", "14-15 Desember");
        await bot.SayAsync("fitri", "09.00");
        var audience = await bot.SayAsync("fitri", "Aula Nagari Mungo");
        var confirm = await bot.ChooseAsync("fitri", audience[0].Choice("Semua pengurus"));
        Assert.Equal("Pelatihan: Pengelolaan kas kelompok\n14–15 Desember 2026 jam 09.00\nTempat: Aula Nagari Mungo\nDiundang: 2 orang. Kirim undangan?", confirm[0].Text);
        var created = await bot.ChooseAsync("fitri", confirm[0].Choice("Kirim undangan"));
        Assert.Equal("Undangan pelatihan Pengelolaan kas kelompok dikirim ke 2 orang. Ketik pelatihan untuk melihat jawaban mereka.", created[0].Text);
        return (bot, await bot.DbAsync(db => db.Trainings.Select(t => t.Id).SingleAsync()));
    }

    private static async Task AdvanceAsync(BotHost bot, DateTimeOffset to)
    {
        while (bot.Time.GetUtcNow() < to)
        {
            var step = to - bot.Time.GetUtcNow();
            bot.Time.Advance(step < TimeSpan.FromMinutes(30) ? step : TimeSpan.FromMinutes(30));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
    }

    private static Task<List<string>> KeysAsync(BotHost bot, string prefix) =>
        bot.DbAsync(db => db.Outbox.Where(o => o.DeliveryKey != null && o.DeliveryKey.StartsWith(prefix)).OrderBy(o => o.Id).Select(o => o.DeliveryKey!).ToListAsync());

    [Fact]
    public async Task Officers_are_invited_with_rsvp_buttons_and_the_facilitator_sees_the_answers()
    {
        var (bot, id) = await TrainingAsync();
        await using var _ = bot;

        var invitation = (await bot.MessagesAsync("rina"))[^1];
        Assert.Equal("Undangan pelatihan: Pengelolaan kas kelompok, 14–15 Desember 2026 jam 09.00 di Aula Nagari Mungo. Apakah Anda bisa hadir?", invitation.Text);
        Assert.Equal(["Hadir", "Tidak bisa", "Belum tahu"], invitation.Choices.Select(c => c.Label));
        Assert.DoesNotContain(await bot.MessagesAsync("siti"), m => m.Text.StartsWith("Undangan", StringComparison.Ordinal)); // members are not invited

        var yes = await bot.ChooseAsync("rina", invitation.Choice("Hadir"));
        var no = await bot.ChooseAsync("ida", (await bot.MessagesAsync("ida"))[^1].Choice("Tidak bisa"));
        var status = await bot.TextAsync("fitri", "pelatihan");

        Assert.Equal("Terima kasih! Anda tercatat akan hadir di Pengelolaan kas kelompok.", yes[0].Text);
        Assert.Equal("Baik, Anda tercatat tidak bisa hadir di Pengelolaan kas kelompok. Tidak ada pengingat lagi untuk pelatihan ini.", no[0].Text);
        Assert.Equal("Pengelolaan kas kelompok (14–15 Desember 2026): hadir 1, tidak bisa 1, belum tahu 0, belum menjawab 0\nMawar: Ida ✗\nMelati: Rina ✓", status);
    }

    [Fact]
    public async Task Reminders_go_a_week_before_the_evening_before_and_two_hours_before_but_not_to_those_who_cannot_come()
    {
        var (bot, id) = await TrainingAsync();
        await using var _ = bot;
        await bot.ChooseAsync("ida", $"pelatihan jawab {id} tidak");

        await AdvanceAsync(bot, At(14, 7, 0).AddSeconds(1));

        Assert.Equal(
            [$"training:{id}:v1:week:p", $"training:{id}:v1:eve:p", $"training:{id}:v1:lead:p"],
            (await KeysAsync(bot, $"training:{id}:")).Select(k => k[..(k.LastIndexOf(":p", StringComparison.Ordinal) + 2)]));
        Assert.All(await KeysAsync(bot, $"training:{id}:"), k => Assert.EndsWith(":p" + bot.DbAsync(db => db.People.Where(p => p.Name == "Rina").Select(p => p.Id).SingleAsync()).Result, k));
    }

    [Fact]
    public async Task A_moved_training_tells_everyone_and_reminds_on_the_new_dates_only()
    {
        var (bot, id) = await TrainingAsync();
        await using var _ = bot;

        await bot.SayAsync("fitri", $"pelatihan ubah #{id}");
        await bot.SayAsync("fitri", "21 Desember");
        var moved = await bot.TextAsync("fitri", "10.00");
        await AdvanceAsync(bot, At(14, 12, 0)); // the old dates pass

        Assert.Equal("Pelatihan Pengelolaan kas kelompok dipindah ke Senin, 21 Desember 2026. 2 orang diberi tahu; pengingat ikut pindah.", moved);
        Assert.All(await bot.DbAsync(db => db.Invitations.Select(i => i.Rsvp).ToListAsync()), r => Assert.Equal(Rsvp.None, r)); // asked again
        Assert.Contains(await bot.MessagesAsync("rina"), m => m.Text.StartsWith("Pelatihan Pengelolaan kas kelompok dipindah ke Senin, 21 Desember 2026 jam 10.00", StringComparison.Ordinal));
        var keys = await KeysAsync(bot, $"training:{id}:");
        Assert.DoesNotContain(keys, k => k.Contains(":v1:", StringComparison.Ordinal));
        Assert.Equal(2, keys.Count(k => k.Contains(":v2:week:", StringComparison.Ordinal))); // 14 Dec 10.00 is a week before the new date
    }

    [Fact]
    public async Task A_cancelled_training_tells_everyone_and_sends_no_reminders()
    {
        var (bot, id) = await TrainingAsync();
        await using var _ = bot;

        var confirm = await bot.SayAsync("fitri", $"pelatihan batal #{id}");
        var done = await bot.ChooseAsync("fitri", confirm[0].Choice("Ya, batalkan"));
        await AdvanceAsync(bot, At(14, 12, 0));

        Assert.Equal("Pelatihan Pengelolaan kas kelompok dibatalkan. 2 orang diberi tahu.", done[0].Text);
        Assert.Contains(await bot.MessagesAsync("ida"), m => m.Text == "Pelatihan Pengelolaan kas kelompok (14–15 Desember 2026) dibatalkan. Mohon maaf.");
        Assert.Empty(await KeysAsync(bot, $"training:{id}:"));
        Assert.Equal(TrainingStatus.Cancelled, await bot.DbAsync(db => db.Trainings.Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task Dates_are_read_as_ranges()
    {
        var today = new DateOnly(2026, 7, 1);
        Assert.True(TrainingText.TryParseRange("26-28 Juli", today, out var s, out var e));
        Assert.Equal((new DateOnly(2026, 7, 26), new DateOnly(2026, 7, 28)), (s, e));
        Assert.True(TrainingText.TryParseRange("30 Juli sampai 2 Agustus", today, out s, out e));
        Assert.Equal((new DateOnly(2026, 7, 30), new DateOnly(2026, 8, 2)), (s, e));
        Assert.True(TrainingText.TryParseRange("besok", today, out s, out e));
        Assert.Equal(s, e);
        Assert.False(TrainingText.TryParseRange("28-26 Juli", today, out _, out _));
        await Task.CompletedTask;
    }
}
