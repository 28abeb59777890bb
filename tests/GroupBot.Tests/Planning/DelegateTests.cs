using GroupBot.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Planning;

/// <summary>Delegates for a planning event, and who went. The clock starts Friday 4 December 2026, 07.00 WIB.</summary>
public sealed class DelegateTests
{
    [Fact]
    public async Task A_leader_picks_delegates_with_buttons_and_reports_who_went_and_the_turnout()
    {
        await using var bot = await Scenario.MelatiAsync();
        await PlanningSteps.FacilitatorAsync(bot);
        await bot.SayAsync("rina", "anggota tambah Yusnidar");

        Assert.StartsWith("Belum ada acara perencanaan yang akan datang", await bot.TextAsync("rina", "utusan"), StringComparison.Ordinal);
        await bot.SayAsync("rina", "batal");
        await PlanningSteps.AddEventAsync(bot, "Rembuk perempuan", "10 Desember");

        var events = await bot.SayAsync("rina", "utusan");
        Assert.Equal("Untuk acara mana?", events[^1].Text);
        var pick = await bot.ChooseAsync("rina", events[^1].Choice("Rembuk perempuan 10/12"));
        Assert.Equal("Siapa utusannya? Tekan nama untuk memilih atau membatalkan, lalu Selesai. Terpilih: 0.", pick[^1].Text);
        Assert.Equal(["Ani", "Rina", "Siti", "Yusnidar", "Selesai"], pick[^1].Choices.Select(c => c.Label));
        Assert.Equal("Pilih paling sedikit satu utusan, lalu tekan Selesai.", (await bot.ChooseAsync("rina", pick[^1].Choice("Selesai")))[^1].Text);
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Siti"));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Yusnidar"));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("Ani"));
        Assert.Equal(["✓ Ani", "Rina", "✓ Siti", "✓ Yusnidar", "Selesai"], pick[^1].Choices.Select(c => c.Label));
        pick = await bot.ChooseAsync("rina", pick[^1].Choice("✓ Ani"));
        Assert.Equal("Siapa utusannya? Tekan nama untuk memilih atau membatalkan, lalu Selesai. Terpilih: 2.", pick[^1].Text);
        Assert.Equal("Utusan untuk Rembuk perempuan (Kamis, 10 Desember 2026): Siti, Yusnidar.", (await bot.ChooseAsync("rina", pick[^1].Choice("Selesai")))[^1].Text);

        Assert.Equal("Tidak ada acara yang sudah lewat dengan utusan kelompok ini. Ketik batal untuk berhenti.", await bot.TextAsync("rina", "utusan hadir"));
        await bot.SayAsync("rina", "batal");

        // The event day, afternoon.
        bot.Time.Advance(new DateTimeOffset(2026, 12, 10, 16, 0, 0, TimeSpan.FromHours(7)) - bot.Time.GetUtcNow());
        var held = await bot.SayAsync("rina", "utusan hadir");
        var went = await bot.ChooseAsync("rina", held[^1].Choice("Rembuk perempuan 10/12"));
        Assert.Equal("Siapa yang datang? Tanda ✓ = datang. Tekan nama untuk mengubah, lalu Selesai.", went[^1].Text);
        Assert.Equal(["✓ Siti", "✓ Yusnidar", "Selesai"], went[^1].Choices.Select(c => c.Label));
        went = await bot.ChooseAsync("rina", went[^1].Choice("✓ Yusnidar"));
        var women = await bot.ChooseAsync("rina", went[^1].Choice("Selesai"));
        Assert.Equal("Berapa perempuan yang hadir di acara itu (semua peserta, bukan hanya kelompok kita)? Contoh: 24", women[^1].Text);
        Assert.Equal("Tulis angkanya saja, contoh: 24. Atau tekan Lewati kalau tidak tahu.", await bot.TextAsync("rina", "banyak"));
        Assert.Equal("Berapa orang yang hadir seluruhnya? Contoh: 60", await bot.TextAsync("rina", "24"));
        Assert.Equal("Jumlah seluruh peserta tidak boleh kurang dari 24 perempuan. Contoh: 60", await bot.TextAsync("rina", "20"));
        Assert.Equal("Tercatat: 1 dari 2 utusan datang ke Rembuk perempuan. Peserta: 24 perempuan dari 60 orang.", await bot.TextAsync("rina", "60"));

        var delegates = await bot.DbAsync(db => db.EventDelegates.OrderBy(d => d.Person!.Name).Select(d => new { d.Person!.Name, d.Attended }).ToListAsync());
        Assert.Equal([new { Name = "Siti", Attended = (bool?)true }, new { Name = "Yusnidar", Attended = (bool?)false }], delegates);
        Assert.Equal((24, 60), await bot.DbAsync(db => db.PlanningEvents.Select(e => new ValueTuple<int, int>(e.WomenAttended!.Value, e.PeopleAttended!.Value)).SingleAsync()));
    }

    [Fact]
    public void Turnout_and_attendance_wait_for_the_event_and_women_cannot_outnumber_everyone()
    {
        var now = new DateTime(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);
        var e = PlanningEvent.Schedule(1, PlanningEventKind.WomensForum, null, new DateOnly(2026, 12, 10), new TimeOnly(9, 0), "Aula", 7, now);
        e.ChooseDelegates(1, [11, 12], now);
        e.ChooseDelegates(1, [12, 13], now);
        Assert.Equal([12L, 13L], e.Delegates.Select(d => d.PersonId).Order());
        Assert.Throws<InvalidOperationException>(() => e.RecordTurnout(10, 30, new DateOnly(2026, 12, 9)));
        Assert.Throws<InvalidOperationException>(() => e.RecordAttendance(1, [12], new DateOnly(2026, 12, 9), now));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.RecordTurnout(31, 30, new DateOnly(2026, 12, 10)));
        e.RecordTurnout(10, 30, new DateOnly(2026, 12, 10));
        e.RecordAttendance(1, [12], new DateOnly(2026, 12, 10), now);
        Assert.Equal([(12L, (bool?)true), (13L, (bool?)false)], e.Delegates.OrderBy(d => d.PersonId).Select(d => (d.PersonId, d.Attended)));
        e.Cancel(now);
        Assert.Throws<InvalidOperationException>(() => e.ChooseDelegates(1, [12], now));
    }
}
