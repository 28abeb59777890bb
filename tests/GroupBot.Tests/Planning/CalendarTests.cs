using System.Text.RegularExpressions;
using GroupBot.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Planning;

/// <summary>The village planning calendar. The clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public sealed class CalendarTests
{
    /// <summary>Melati in Mungo (Siti, Ani, leader Rina) and Fitri, facilitator of Mungo.</summary>
    private static async Task<BotHost> MungoAsync()
    {
        var bot = await Scenario.MelatiAsync();
        await FacilitatorAsync(bot, "fitri", "Fitri", "Mungo");
        return bot;
    }

    private static async Task FacilitatorAsync(BotHost bot, string user, string name, string village)
    {
        var code = Regex.Match(await bot.TextAsync("admin", $"pendamping tambah {village}"), @": ([A-Z0-9]{6})\.").Groups[1].Value;
        await Scenario.JoinAsync(bot, user, code, name);
    }

    private static async Task AddAsync(BotHost bot, string user, string kind, string? title, string date, string time, string venue)
    {
        var kinds = await bot.SayAsync(user, "musrenbang tambah");
        var next = await bot.ChooseAsync(user, kinds[^1].Choice(kind));
        if (title is not null)
        {
            await bot.SayAsync(user, title);
        }

        await bot.SayAsync(user, date);
        await bot.SayAsync(user, time);
        var confirm = await bot.SayAsync(user, venue);
        await bot.ChooseAsync(user, confirm[^1].Choice("Simpan"));
    }

    [Fact]
    public async Task A_facilitator_adds_events_and_members_see_their_village_calendar()
    {
        await using var bot = await MungoAsync();

        var kinds = await bot.SayAsync("fitri", "musrenbang tambah");
        Assert.Equal("Acara apa?", kinds[^1].Text);
        Assert.Equal(["Musyawarah jorong/dusun", "Rembuk perempuan", "Musyawarah Nagari", "Musrenbang Nagari", "Musrenbang Kecamatan", "Penetapan APBNagari", "Lainnya"],
            kinds[^1].Choices.Select(c => c.Label));
        Assert.Equal("Tanggal berapa? Contoh: 12 Agustus, atau 12/8", (await bot.ChooseAsync("fitri", kinds[^1].Choice("Rembuk perempuan")))[^1].Text);
        Assert.Equal("Mulai jam berapa? Contoh: 09.00", await bot.TextAsync("fitri", "15 Desember"));
        Assert.Equal("Di mana tempatnya? Contoh: Kantor Wali Nagari", await bot.TextAsync("fitri", "09.00"));
        var confirm = await bot.SayAsync("fitri", "Aula Kantor Wali Nagari");
        Assert.Equal("Rembuk perempuan\nSelasa, 15 Desember 2026 jam 09.00\nTempat: Aula Kantor Wali Nagari\nNagari: Mungo. Simpan?", confirm[^1].Text);
        var saved = await bot.ChooseAsync("fitri", confirm[^1].Choice("Simpan"));
        Assert.Equal("Tersimpan di jadwal: Rembuk perempuan, Selasa, 15 Desember 2026.", saved[^1].Text);

        await AddAsync(bot, "fitri", "Lainnya", "Sosialisasi dana desa", "10/12", "jam 2 siang", "Masjid Raya Mungo");

        var calendar = await bot.SayAsync("siti", "musrenbang");
        Assert.Equal(
            "Jadwal perencanaan desa 2026:\nMungo:\n• Kamis, 10 Desember 2026 jam 14.00: Sosialisasi dana desa, Masjid Raya Mungo\n• Selasa, 15 Desember 2026 jam 09.00: Rembuk perempuan, Aula Kantor Wali Nagari",
            calendar[^1].Text);
        Assert.Empty(calendar[^1].Choices);
        Assert.Equal(calendar[^1].Text, await bot.TextAsync("siti", "RAPAT DESA"));
        Assert.Equal(["Tambah acara", "Ubah acara"], (await bot.SayAsync("fitri", "musrenbang"))[^1].Choices.Select(c => c.Label));

        var events = await bot.DbAsync(db => db.PlanningEvents.OrderBy(e => e.Date).Select(e => new { e.Kind, e.Title, e.Date, e.StartTime, e.Venue, Village = e.Village!.Name }).ToListAsync());
        Assert.Equal(
            [
                new { Kind = PlanningEventKind.Other, Title = (string?)"Sosialisasi dana desa", Date = new DateOnly(2026, 12, 10), StartTime = new TimeOnly(14, 0), Venue = "Masjid Raya Mungo", Village = "Mungo" },
                new { Kind = PlanningEventKind.WomensForum, Title = (string?)null, Date = new DateOnly(2026, 12, 15), StartTime = new TimeOnly(9, 0), Venue = "Aula Kantor Wali Nagari", Village = "Mungo" },
            ],
            events);
        Assert.Equal(2, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Entity == "planning-event" && a.Action == "create")));
    }

    [Fact]
    public async Task A_date_that_cannot_be_read_or_is_years_off_is_asked_again_and_the_answers_are_kept()
    {
        await using var bot = await MungoAsync();
        var kinds = await bot.SayAsync("fitri", "musrenbang tambah");
        await bot.ChooseAsync("fitri", kinds[^1].Choice("Musrenbang Nagari"));

        const string retry = "Tanggal tidak terbaca, atau lebih dari setahun dari hari ini. Contoh: 12 Agustus";
        Assert.Equal(retry, await bot.TextAsync("fitri", "32/13"));
        Assert.Equal(retry, await bot.TextAsync("fitri", "15/8/2029"));
        Assert.Equal("Mulai jam berapa? Contoh: 09.00", await bot.TextAsync("fitri", "20 Agustus"));
        Assert.Equal("Jam tidak terbaca. Contoh: 14.00 atau jam 2 siang", await bot.TextAsync("fitri", "pagi-pagi"));
        await bot.SayAsync("fitri", "08.30");
        Assert.Equal("Tulis tempat singkat, contoh: Kantor Wali Nagari", await bot.TextAsync("fitri", "?"));
        var confirm = await bot.SayAsync("fitri", "Kantor Wali Nagari Mungo");
        Assert.Equal("Musrenbang Nagari\nJumat, 20 Agustus 2027 jam 08.30\nTempat: Kantor Wali Nagari Mungo\nNagari: Mungo. Simpan?", confirm[^1].Text);
        Assert.Equal(0, await bot.DbAsync(db => db.PlanningEvents.CountAsync()));
        await bot.ChooseAsync("fitri", confirm[^1].Choice("Simpan"));
        Assert.Equal(new DateOnly(2027, 8, 20), await bot.DbAsync(db => db.PlanningEvents.Select(e => e.Date).SingleAsync()));
    }

    [Fact]
    public async Task A_facilitator_moves_an_event_changes_its_place_and_cancels_another()
    {
        await using var bot = await MungoAsync();
        await AddAsync(bot, "fitri", "Rembuk perempuan", null, "15 Desember", "09.00", "Aula Kantor Wali Nagari");
        await AddAsync(bot, "fitri", "Musyawarah Nagari", null, "18 Desember", "10.00", "Kantor Wali Nagari");

        var pick = await bot.SayAsync("fitri", "musrenbang ubah");
        Assert.Equal("Acara mana yang diubah?", pick[^1].Text);
        Assert.Equal(["Rembuk perempuan 15/12", "Musyawarah Nagari 18/12"], pick[^1].Choices.Select(c => c.Label));
        var what = await bot.ChooseAsync("fitri", pick[^1].Choice("Rembuk perempuan 15/12"));
        Assert.Equal("• Selasa, 15 Desember 2026 jam 09.00: Rembuk perempuan (Mungo), Aula Kantor Wali Nagari\nApa yang diubah?", what[^1].Text);
        await bot.ChooseAsync("fitri", what[^1].Choice("Tanggal"));
        var moved = await bot.SayAsync("fitri", "16/12");
        Assert.Equal("Diubah:\n• Rabu, 16 Desember 2026 jam 09.00: Rembuk perempuan (Mungo), Aula Kantor Wali Nagari", moved[^1].Text);

        pick = await bot.SayAsync("fitri", "musrenbang ubah");
        what = await bot.ChooseAsync("fitri", pick[^1].Choice("Rembuk perempuan 16/12"));
        await bot.ChooseAsync("fitri", what[^1].Choice("Tempat"));
        Assert.Equal("Diubah:\n• Rabu, 16 Desember 2026 jam 09.00: Rembuk perempuan (Mungo), Rumah Gadang Jorong Koto", await bot.TextAsync("fitri", "Rumah Gadang Jorong Koto"));

        pick = await bot.SayAsync("fitri", "musrenbang ubah");
        what = await bot.ChooseAsync("fitri", pick[^1].Choice("Musyawarah Nagari 18/12"));
        var ask = await bot.ChooseAsync("fitri", what[^1].Choice("Batalkan acara"));
        Assert.Equal("Batalkan Musyawarah Nagari tanggal Jumat, 18 Desember 2026? Acara tetap terlihat di jadwal, dengan tanda dibatalkan.", ask[^1].Text);
        Assert.Equal("Musyawarah Nagari tanggal Jumat, 18 Desember 2026 dibatalkan.", (await bot.ChooseAsync("fitri", ask[^1].Choice("Batalkan acara")))[^1].Text);

        Assert.Equal(
            "Jadwal perencanaan desa 2026:\nMungo:\n• Rabu, 16 Desember 2026 jam 09.00: Rembuk perempuan, Rumah Gadang Jorong Koto\n• Jumat, 18 Desember 2026: Musyawarah Nagari (dibatalkan)",
            await bot.TextAsync("rina", "musrenbang"));
        // A cancelled event is no longer offered for changes; the rest are.
        Assert.Equal(["Rembuk perempuan 16/12"], (await bot.SayAsync("fitri", "musrenbang ubah"))[^1].Choices.Select(c => c.Label));
        Assert.Equal(["create", "create", "move", "venue", "cancel"], await bot.DbAsync(db => db.Audit.Where(a => a.Entity == "planning-event").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Another_village_sees_nothing_of_mungo_and_cannot_change_it()
    {
        await using var bot = await MungoAsync();
        await AddAsync(bot, "fitri", "Rembuk perempuan", null, "15 Desember", "09.00", "Aula Kantor Wali Nagari");
        await bot.SayAsync("admin", "desa tambah Ampalu");
        await FacilitatorAsync(bot, "yanti", "Yanti", "Ampalu");

        Assert.Equal("Belum ada jadwal perencanaan desa Ampalu untuk tahun 2026. Tambah acara: ketik musrenbang tambah", await bot.TextAsync("yanti", "musrenbang"));
        Assert.Equal("Nagari itu tidak ada dalam daftar Anda. Pilihan: Ampalu", await bot.TextAsync("yanti", "musrenbang Mungo"));
        Assert.Equal("Belum ada acara perencanaan yang bisa diubah.", await bot.TextAsync("yanti", "musrenbang ubah"));
        Assert.Equal("Maaf, perintah ini hanya untuk pendamping dan admin.", await bot.TextAsync("siti", "musrenbang tambah"));

        // The admin oversees every village: the next events of all, and one village's year by name.
        Assert.Equal("Acara perencanaan desa berikutnya:\n• Selasa, 15 Desember 2026 jam 09.00: Rembuk perempuan (Mungo), Aula Kantor Wali Nagari\nJadwal setahun satu nagari: ketik musrenbang Ampalu",
            await bot.TextAsync("admin", "musrenbang"));
        Assert.StartsWith("Jadwal perencanaan desa 2026:\nMungo:", await bot.TextAsync("admin", "musrenbang mungo"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_speakers_get_the_calendar_in_english()
    {
        await using var bot = await MungoAsync();
        await AddAsync(bot, "fitri", "Rembuk perempuan", null, "15 Desember", "09.00", "Aula Kantor Wali Nagari");
        var codes = Scenario.Codes(await bot.TextAsync("rina", "kode"));
        await Scenario.JoinAsync(bot, "maya", codes.Member, "Maya", language: "lang:en");
        Assert.Equal("Village planning calendar 2026:\nMungo:\n• Tuesday, 15 December 2026 at 09:00: Women's forum (rembuk perempuan), Aula Kantor Wali Nagari",
            await bot.TextAsync("maya", "planning"));
    }

    [Fact]
    public void A_cancelled_event_cannot_be_moved_or_cancelled_again()
    {
        var e = PlanningEvent.Schedule(1, PlanningEventKind.VillagePlanning, null, new DateOnly(2027, 8, 20), new TimeOnly(9, 0), "Kantor Wali Nagari", 7, new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc));
        e.MoveTo(new DateOnly(2027, 8, 21), new TimeOnly(10, 0));
        e.ChangeVenue("Aula");
        e.Cancel(new DateTime(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(e.IsCancelled);
        Assert.Equal((new DateOnly(2027, 8, 21), new TimeOnly(10, 0), "Aula"), (e.Date, e.StartTime, e.Venue));
        Assert.Throws<InvalidOperationException>(() => e.MoveTo(new DateOnly(2027, 8, 22), new TimeOnly(9, 0)));
        Assert.Throws<InvalidOperationException>(() => e.ChangeVenue("Masjid"));
        Assert.Throws<InvalidOperationException>(() => e.Cancel(new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Throws<ArgumentException>(() => PlanningEvent.Schedule(1, PlanningEventKind.Other, " ", new DateOnly(2027, 1, 1), new TimeOnly(9, 0), "x", 7, default));
    }
}
