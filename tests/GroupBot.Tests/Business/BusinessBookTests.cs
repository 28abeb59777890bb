using GroupBot.Attendance;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Business;

/// <summary>
/// Kakao Sakato (a business group in Mungo, Fridays 14.00) keeps its business book by month;
/// Rina leads it. The fake clock starts on Friday 4 December 2026.
/// </summary>
public class BusinessBookTests
{
    [Fact]
    public async Task Three_months_with_a_loss_and_a_correction_add_up_to_the_hand_figures()
    {
        await using var bot = await BusinessSteps.KakaoAsync();

        // October: 1.200.000 − (700.000 + 200.000 + 50.000 + 0) = 250.000 profit; 250/1200 = 20,8 % → 21 %.
        var october = await BusinessSteps.MonthAsync(bot, "oktober", "1,2 juta", ["700rb", "200.000", "50rb", "tidak ada"], "60 55", ["500rb", "150rb", "0"]);
        Assert.Equal(
            "Buku usaha Kakao Sakato, Oktober 2026:\nPenjualan: Rp 1.200.000\nBiaya: Rp 950.000 (bahan Rp 700.000, upah Rp 200.000, transport Rp 50.000)\n"
            + "Laba Rp 250.000 (margin 21%)\nUnit: dibuat 60, terjual 55\nModal masuk Rp 500.000 · piutang Rp 150.000 · utang Rp 0",
            october.Text);
        var saved = await bot.ChooseAsync("rina", "confirm:save");
        Assert.Equal("Buku usaha Kakao Sakato untuk Oktober 2026 sudah disimpan. Terima kasih!\nLaba Rp 250.000 (margin 21%)", saved[0].Text);

        // November: 800.000 − (650.000 + 200.000 + 40.000 + 10.000) = −100.000; nothing new owed, so piutang stays 150.000.
        var november = await BusinessSteps.MonthAsync(bot, "bulan lalu", "800rb", ["650rb", "200rb", "40rb", "10rb"], "lewati", null);
        Assert.Contains("Rugi Rp 100.000 (margin -13%)", november.Text);
        Assert.EndsWith("Modal masuk Rp 0 · piutang Rp 150.000 · utang Rp 0", november.Text);
        await bot.ChooseAsync("rina", "confirm:save");

        // December so far: 1.500.000 − (800.000 + 250.000 + 0 + 50.000) = 400.000; 400/1500 = 26,7 % → 27 %.
        var december = await BusinessSteps.MonthAsync(bot, "bulan ini", "1.500.000", ["800rb", "250rb", "lewati", "50rb"], "lewati", ["tidak ada", "200rb", "100rb"]);
        Assert.Contains("Laba Rp 400.000 (margin 27%)", december.Text);
        await bot.ChooseAsync("rina", "confirm:save");

        // The November transport was 140.000, not 40.000: −200.000, margin −25 %, as version 2.
        await bot.SayAsync("rina", "lapor usaha");
        var existing = await bot.SayAsync("rina", "november");
        Assert.Equal("Sudah ada buku usaha versi 1 untuk periode ini. Periksa, lalu tekan Ubah untuk memperbaiki; yang lama tetap disimpan.", existing[0].Text);
        await bot.ChooseAsync("rina", "confirm:edit");
        await bot.ChooseAsync("rina", "edit:Transport");
        var corrected = await bot.SayAsync("rina", "140rb");
        Assert.Contains("Rugi Rp 200.000 (margin -25%)", corrected[0].Text);
        var version = await bot.ChooseAsync("rina", "confirm:save");
        Assert.StartsWith("Perbaikan buku usaha Kakao Sakato untuk November 2026 disimpan sebagai versi 2.", version[0].Text);

        var overview = await bot.TextAsync("siti", "laba");
        Assert.Equal(
            "Usaha Kakao Sakato (Mungo)\n"
            + "Des 2026: omzet Rp 1.500.000, biaya Rp 1.100.000, laba Rp 400.000 (margin 27%) ▲\n"
            + "Nov 2026: omzet Rp 800.000, biaya Rp 1.000.000, rugi Rp 200.000 (margin -25%) ▼\n"
            + "Okt 2026: omzet Rp 1.200.000, biaya Rp 950.000, laba Rp 250.000 (margin 21%)\n"
            + "Sep 2026: belum ada laporan usaha\n"
            + "Modal sejak awal siklus: Rp 500.000\n"
            + "Piutang Rp 200.000, utang Rp 100.000 (per Jumat, 4 Desember 2026)",
            overview);
        Assert.True(overview.Length < 600);

        var rows = await bot.DbAsync(db => db.BusinessReports.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["month:2026-10:1", "month:2026-11:1", "month:2026-12:1", "month:2026-11:2"], rows.Select(r => $"{r.PeriodKey}:{r.Version}"));
        Assert.Equal(1_000_000, rows[3].Costs);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (rows[3].PeriodStart, rows[3].PeriodEnd));
        Assert.Equal((60, 55), (rows[0].UnitsMade!.Value, rows[0].UnitsSold!.Value));
    }

    [Fact]
    public async Task A_business_report_and_the_savings_report_of_the_same_meeting_follow_each_other_without_picking_it_again()
    {
        await using var bot = await BusinessSteps.KakaoAsync(period: string.Empty); // by meeting, the default
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 4, 16, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("siti", "hadir");

        var picker = await bot.SayAsync("rina", "lapor usaha");
        await bot.ChooseAsync("rina", picker[0].Choices[0].Id);
        foreach (var answer in new[] { "900rb", "500rb", "100rb", "lewati", "lewati", "lewati" })
        {
            await bot.SayAsync("rina", answer);
        }

        await bot.ChooseAsync("rina", "extras:no");
        var saved = await bot.ChooseAsync("rina", "confirm:save");
        Assert.Equal("Buku usaha Kakao Sakato untuk Jumat, 4 Desember 2026 sudah disimpan. Terima kasih!\nLaba Rp 300.000 (margin 33%)", saved[0].Text);

        // One button to the savings report: sales and costs come from the book, so it asks savings first.
        var savings = await bot.ChooseAsync("rina", saved[0].Choice("Lapor simpanan"));
        Assert.Equal("Berapa simpanan yang terkumpul? Contoh: 250.000 Ketik 0 atau lewati kalau tidak ada.", savings[0].Text);
        await bot.SayAsync("rina", "100rb");
        var summary = await bot.SayAsync("rina", "1.400.000");
        Assert.Equal(
            "Laporan Kakao Sakato, Jumat, 4 Desember 2026:\nPenjualan: Rp 900.000\nBiaya: Rp 600.000\nSimpanan: Rp 100.000\nSaldo kas: Rp 1.400.000\n"
            + "(penjualan dan biaya dari buku usaha)",
            summary[0].Text);
        await bot.ChooseAsync("rina", "confirm:save");
        var report = await bot.DbAsync(db => db.SavingsReports.SingleAsync());
        var book = await bot.DbAsync(db => db.BusinessReports.SingleAsync());
        Assert.Equal((900_000L, 600_000L, book.MeetingId), (report.Sales!.Value, report.Costs!.Value, (long?)report.MeetingId));

        // The other way round, a week later: the savings report ends with the book's button, on that meeting.
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 11, 16, 0, 0, TimeSpan.FromHours(7)));
        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");
        foreach (var answer in new[] { "0", "0", "lewati", "1,4 juta" })
        {
            await bot.SayAsync("rina", answer);
        }

        var done = await bot.ChooseAsync("rina", "confirm:save");
        var sales = await bot.ChooseAsync("rina", done[^1].Choice("Isi buku usaha"));
        Assert.Equal("Berapa hasil penjualan (omzet)? Contoh: 1.500.000 atau 1,5 juta", sales[0].Text);
        foreach (var answer in new[] { "0", "lewati", "lewati", "lewati", "lewati", "lewati" })
        {
            await bot.SayAsync("rina", answer);
        }

        await bot.ChooseAsync("rina", "extras:no");
        await bot.ChooseAsync("rina", "confirm:save");
        var second = await bot.DbAsync(db => db.BusinessReports.OrderBy(r => r.Id).LastAsync());
        Assert.Equal(new DateOnly(2026, 12, 11), second.PeriodStart);
        Assert.Equal(2, await bot.DbAsync(db => db.Meetings.CountAsync()));
    }

    [Fact]
    public async Task Bad_answers_get_one_sentence_with_an_example_and_a_re_delivered_save_stores_one_version()
    {
        await using var bot = await BusinessSteps.KakaoAsync();
        await bot.SayAsync("rina", "lapor usaha");

        var month = await bot.SayAsync("rina", "kemarin dulu");
        Assert.Equal("Bulan tidak terbaca. Contoh: November, atau 11/2026, atau bulan lalu", month[0].Text);
        Assert.Equal(["Nov 2026", "Des 2026"], month[0].Choices.Select(c => c.Label));
        Assert.Equal("Bulan itu belum datang. Pilih bulan ini atau yang sudah lewat, contoh: bulan lalu", await bot.TextAsync("rina", "maret 2027"));
        Assert.Equal("Berapa hasil penjualan (omzet)? Contoh: 1.500.000 atau 1,5 juta", await bot.TextAsync("rina", "november"));
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", await bot.TextAsync("rina", "banyak sekali"));
        var materials = await bot.SayAsync("rina", "900rb");
        Assert.Equal("Berapa biaya bahan baku? Contoh: 600rb", materials[0].Text);
        Assert.Equal("Tidak ada", materials[0].Choices.Single().Label);
        var retry = await bot.SayAsync("rina", "-5000");
        Assert.Equal("Jumlah tidak boleh minus. Tulis angkanya saja, contoh: 50.000", retry[0].Text);
        Assert.Equal(CommonSteps.NoAmount, retry[0].Choices.Single().Id);
        foreach (var answer in new[] { "400rb", "lewati", "lewati", "lewati" })
        {
            await bot.SayAsync("rina", answer);
        }

        Assert.Equal("Tulis dua angka: dibuat lalu terjual, contoh: 50 40. Atau tekan Lewati.", await bot.TextAsync("rina", "lima puluh"));
        await bot.SayAsync("rina", "50 45");
        var extras = await bot.SayAsync("rina", "mungkin");
        Assert.Equal("Tekan Tidak ada perubahan, atau Ya kalau ada modal baru atau piutang/utang berubah.", extras[0].Text);
        Assert.Equal(["Tidak ada perubahan", "Ya"], extras[0].Choices.Select(c => c.Label));
        var summary = await bot.SayAsync("rina", "Tidak ada perubahan"); // the button's words, typed
        Assert.Contains("Laba Rp 500.000 (margin 56%)", summary[0].Text); // 900.000 − 400.000; 500/900 = 55,6 %
        var stay = await bot.SayAsync("rina", "oke deh");
        Assert.Equal("Tekan Simpan, Ubah, atau Batal.", stay[0].Text);
        Assert.Equal(["Simpan", "Ubah", "Batal"], stay[0].Choices.Select(c => c.Label));

        // The save arrives twice (the client sent it again): one version; the simulator answers with the first reply.
        var first = await bot.SayAsync("rina", "simpan", id: "save-1");
        var again = await bot.SayAsync("rina", "simpan", id: "save-1");
        Assert.StartsWith("Buku usaha Kakao Sakato untuk November 2026 sudah disimpan.", first[0].Text);
        Assert.Equal(first.Select(r => r.Text), again.Select(r => r.Text));
        Assert.Equal(1, await bot.DbAsync(db => db.BusinessReports.CountAsync()));
        Assert.Equal(1, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Entity == "business_report")));
    }

    [Fact]
    public async Task A_savings_group_turns_on_a_side_business_and_a_business_group_cannot_turn_it_off()
    {
        await using var bot = await Scenario.MelatiAsync();
        Assert.StartsWith("Kelompok Melati belum mencatat usaha.", await bot.TextAsync("rina", "lapor usaha"));
        Assert.Equal("Buku usaha Melati: dicatat tiap bulan. Tersimpan.", await bot.TextAsync("rina", "usaha atur bulanan"));
        Assert.Equal("Buku usaha bulan apa? Tekan tombol, atau ketik bulannya, contoh: November", await bot.TextAsync("rina", "lapor usaha"));
        await bot.SayAsync("rina", "batal");
        Assert.Equal("Buku usaha Melati: tidak ada usaha. Tersimpan.", await bot.TextAsync("rina", "usaha atur tidak"));
        Assert.Equal("Belum ada kelompok Anda yang mencatat usaha. Kelompok yang punya usaha bisa mulai dengan: usaha atur ya", await bot.TextAsync("siti", "usaha"));

        await using var kakao = await BusinessSteps.KakaoAsync(period: string.Empty);
        var refused = await kakao.SayAsync("rina", "usaha atur tidak");
        Assert.Equal("Pilih dari tombol. Buku usaha Kakao Sakato sekarang: dicatat tiap pertemuan. Contoh: usaha atur bulanan", refused[0].Text);
        Assert.Equal(["Tiap pertemuan", "Tiap bulan"], refused[0].Choices.Select(c => c.Label));
    }
}
