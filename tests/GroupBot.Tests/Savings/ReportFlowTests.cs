using GroupBot.Attendance;
using GroupBot.Chat;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Tests.Savings;

/// <summary>Melati (simpan pinjam) meets Fridays 14.00 WIB; Rina leads it, Siti and Ani are members.</summary>
public class ReportFlowTests
{
    private static Task<BotHost> MelatiAsync() => Scenario.MelatiAsync();

    private static void AtWib(BotHost bot, int day, int hour) =>
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, day, hour, 0, 0, TimeSpan.FromHours(7)));

    /// <summary>Rina reports a meeting from the picker through to the summary, answering each question.</summary>
    private static async Task<Reply> ReportToSummaryAsync(BotHost bot, string date, params string[] answers)
    {
        await bot.SayAsync("rina", "lapor");
        var replies = await bot.SayAsync("rina", date);
        foreach (var answer in answers)
        {
            replies = await bot.SayAsync("rina", answer);
        }

        return replies[^1];
    }

    [Fact]
    public async Task A_leader_reports_a_meeting_and_the_report_is_stored_in_whole_rupiah()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 14);
        await bot.SayAsync("siti", "hadir");
        await bot.SayAsync("ani", "hadir");
        AtWib(bot, 4, 17);

        var picker = await bot.SayAsync("rina", "lapor");
        Assert.Equal("Untuk pertemuan yang mana? Pilih, atau ketik tanggalnya (contoh: 28/11 atau kemarin).", picker[0].Text);
        var first = await bot.ChooseAsync("rina", picker[0].Choices[0].Id);
        Assert.Equal("Berapa simpanan yang terkumpul? Contoh: 250.000", first[0].Text);
        await bot.SayAsync("rina", "250rb");
        await bot.SayAsync("rina", "1,5 juta");
        await bot.SayAsync("rina", "Rp 300.000,-");
        var outstanding = await bot.SayAsync("rina", "0"); // fines and social fund
        Assert.Equal("Berapa sisa pinjaman yang belum lunas? Contoh: 4 juta", outstanding[0].Text);
        await bot.SayAsync("rina", "4 jt");
        var saved = await bot.SayAsync("rina", "2.050.000");
        Assert.Equal("Berapa anggota yang menabung hari itu? Yang hadir: 2 dari 3.", saved[0].Text);
        var summary = await bot.ChooseAsync("rina", saved[0].Choice("Semua yang hadir (2)"));

        Assert.Equal(
            "Laporan Melati, Jumat, 4 Desember 2026:\nSimpanan: Rp 250.000\nPinjaman keluar: Rp 1.500.000\nAngsuran masuk: Rp 300.000\n"
            + "Denda/dana sosial: Rp 0\nSisa pinjaman: Rp 4.000.000\nSaldo kas: Rp 2.050.000\nAnggota menabung: 2",
            summary[0].Text);
        var done = await bot.ChooseAsync("rina", summary[0].Choice("Simpan"));
        Assert.Equal("Laporan Melati untuk Jumat, 4 Desember 2026 sudah disimpan. Terima kasih!", done[0].Text);

        var report = await bot.DbAsync(db => db.SavingsReports.SingleAsync());
        Assert.Equal((250_000L, 1_500_000L, 300_000L, 0L, 4_000_000L, 2_050_000L, 2, 1, false),
            (report.Savings, report.LoansDisbursed, report.Repayments, report.FinesAndSocial, report.LoansOutstanding, report.CashBalance, report.MembersSaved, report.Version, report.CashMismatch));
        Assert.Null(report.ExpectedCash); // the group's first report sets the baseline
        Assert.Equal(1, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Entity == "savings_report")));
    }

    [Fact]
    public async Task A_cash_mismatch_shows_the_difference_and_needs_an_explicit_confirmation()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await ReportToSummaryAsync(bot, "hari ini", "100rb", "0", "0", "0", "0", "2 juta", "0");
        await bot.SayAsync("rina", "simpan");
        AtWib(bot, 11, 17);

        // 2.000.000 + 100.000 savings + 50.000 repayments − 0 = 2.150.000 expected; 2.100.000 typed.
        var summary = await ReportToSummaryAsync(bot, "hari ini", "100rb", "0", "50rb", "lewati", "0", "2,1 juta", "3");
        Assert.EndsWith("⚠ Kas kurang Rp 50.000 dari hitungan", summary.Text);
        var warning = await bot.ChooseAsync("rina", summary.Choice("Simpan"));
        Assert.Equal("Saldo kas tidak cocok: menurut hitungan Rp 2.150.000, yang diketik Rp 2.100.000 (kurang Rp 50.000). Simpan juga?", warning[0].Text);
        Assert.Equal(0, await bot.DbAsync(db => db.SavingsReports.CountAsync(r => r.Meeting!.Date == new DateOnly(2026, 12, 11))));
        await bot.ChooseAsync("rina", warning[0].Choice("Simpan walau beda"));

        var report = await bot.DbAsync(db => db.SavingsReports.SingleAsync(r => r.Meeting!.Date == new DateOnly(2026, 12, 11)));
        Assert.Equal((true, 2_150_000L, 2_100_000L), (report.CashMismatch, report.ExpectedCash, report.CashBalance));
    }

    [Fact]
    public async Task A_matching_cash_balance_says_so_and_saves_without_asking()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await ReportToSummaryAsync(bot, "hari ini", "100rb", "0", "0", "0", "0", "2 juta", "0");
        await bot.SayAsync("rina", "simpan");
        AtWib(bot, 11, 17);

        var summary = await ReportToSummaryAsync(bot, "hari ini", "100rb", "500rb", "50rb", "10rb", "500rb", "1.660.000", "3");
        var saved = await bot.ChooseAsync("rina", summary.Choice("Simpan"));

        Assert.EndsWith("Kas cocok dengan laporan lalu ✓", summary.Text);
        Assert.StartsWith("Laporan Melati untuk Jumat, 11 Desember 2026 sudah disimpan.", saved[0].Text);
    }

    [Fact]
    public async Task Ubah_changes_one_field_and_keeps_the_others()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        var summary = await ReportToSummaryAsync(bot, "hari ini", "250rb", "1,5 juta", "300rb", "0", "4 jt", "2 juta", "2");

        var pick = await bot.ChooseAsync("rina", summary.Choice("Ubah"));
        var ask = await bot.ChooseAsync("rina", pick[0].Choice("Angsuran masuk"));
        var back = await bot.SayAsync("rina", "350.000");

        Assert.Equal("Berapa angsuran yang masuk? Contoh: 300rb (ketik 0 kalau tidak ada) (Sekarang: Rp 300.000)", ask[0].Text);
        Assert.Contains("Angsuran masuk: Rp 350.000", back[0].Text);
        Assert.Contains("Simpanan: Rp 250.000", back[0].Text);
        Assert.Contains("Anggota menabung: 2", back[0].Text);
        await bot.ChooseAsync("rina", back[0].Choice("Simpan"));
        Assert.Equal(350_000, await bot.DbAsync(db => db.SavingsReports.Select(r => r.Repayments).SingleAsync()));
    }

    [Fact]
    public async Task Kembali_goes_back_a_question_and_batal_saves_nothing()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");
        await bot.SayAsync("rina", "250rb");
        var back = await bot.TextAsync("rina", "kembali");
        var again = await bot.TextAsync("rina", "260rb");
        var cancelled = await bot.TextAsync("rina", "batal");

        Assert.Equal("Berapa simpanan yang terkumpul? Contoh: 250.000", back);
        Assert.Equal("Berapa pinjaman yang keluar? Contoh: 1,5 juta (ketik 0 kalau tidak ada)", again);
        Assert.Equal("Dibatalkan. Tidak ada yang disimpan.", cancelled);
        Assert.Equal(0, await bot.DbAsync(db => db.SavingsReports.CountAsync()));
    }

    [Fact]
    public async Task A_second_report_for_the_same_meeting_is_a_new_version_and_the_history_shows_both()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await ReportToSummaryAsync(bot, "hari ini", "250rb", "0", "0", "0", "0", "2 juta", "2");
        await bot.SayAsync("rina", "simpan");
        AtWib(bot, 5, 10);

        await bot.SayAsync("rina", "lapor");
        var existing = await bot.SayAsync("rina", "kemarin");
        Assert.StartsWith("Sudah ada laporan versi 1 untuk pertemuan ini.", existing[0].Text);
        var pick = await bot.ChooseAsync("rina", existing[1].Choice("Ubah"));
        await bot.ChooseAsync("rina", pick[0].Choice("Saldo kas"));
        var summary = await bot.SayAsync("rina", "2,25 juta");
        var saved = await bot.ChooseAsync("rina", summary[0].Choice("Simpan"));
        var history = await bot.TextAsync("rina", "lapor riwayat");

        Assert.Equal("Perbaikan laporan Melati untuk Jumat, 4 Desember 2026 disimpan sebagai versi 2. Versi lama tetap ada.", saved[0].Text);
        Assert.Equal("Riwayat laporan Melati:\nJumat, 4 Desember 2026:\n  v2 – Rina, 5/12 10.00 – saldo Rp 2.250.000\n  v1 – Rina, 4/12 17.00 – saldo Rp 2.000.000", history);
        var versions = await bot.DbAsync(db => db.SavingsReports.OrderBy(r => r.Version).Select(r => new { r.Version, r.CashBalance, r.Savings }).ToListAsync());
        Assert.Equal([(1, 2_000_000L, 250_000L), (2, 2_250_000L, 250_000L)], versions.Select(v => (v.Version, v.CashBalance, v.Savings!.Value)));
        Assert.Equal(2, await bot.DbAsync(db => db.Audit.CountAsync(a => a.Entity == "savings_report")));
    }

    [Fact]
    public async Task A_restart_mid_report_resumes_with_the_amounts_already_given()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");
        await bot.SayAsync("rina", "250rb");
        await bot.SayAsync("rina", "1,5 juta");

        await using var restarted = await bot.RestartAsync();
        await restarted.SayAsync("rina", "300rb");
        await restarted.SayAsync("rina", "0");
        await restarted.SayAsync("rina", "4 jt");
        await restarted.SayAsync("rina", "2 juta");
        var summary = await restarted.SayAsync("rina", "2");
        await restarted.ChooseAsync("rina", summary[0].Choice("Simpan"));

        var report = await restarted.DbAsync(db => db.SavingsReports.SingleAsync());
        Assert.Equal((250_000L, 1_500_000L, 300_000L), (report.Savings!.Value, report.LoansDisbursed!.Value, report.Repayments!.Value));
    }

    [Fact]
    public async Task A_member_cannot_report_and_is_told_who_can()
    {
        await using var bot = await MelatiAsync();
        Assert.Equal("Maaf, laporan hanya bisa dikirim oleh ketua atau bendahara kelompok (atau pendamping).", await bot.TextAsync("siti", "lapor"));
    }

    [Fact]
    public async Task Bad_answers_get_one_sentence_and_keep_the_draft()
    {
        await using var bot = await MelatiAsync();
        await Scenario.CreateGroupAsync(bot, group: "Mawar");
        AtWib(bot, 4, 17);
        await bot.SayAsync("ani", "hadir"); // makes Melati's meeting of the 4th
        var mawarMeeting = await bot.DbAsync(async db =>
        {
            var mawar = await db.Groups.SingleAsync(g => g.Name == "Mawar");
            var m = GroupBot.Attendance.Meeting.Plan(mawar.Id, new DateOnly(2026, 12, 4), new TimeOnly(14, 0), default);
            m.Hold();
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });

        await bot.SayAsync("rina", "lapor");
        Assert.Equal("Tanggal itu belum lewat. Pilih pertemuan yang sudah berlangsung, contoh: kemarin", await bot.TextAsync("rina", "besok"));
        Assert.Equal("Pertemuan itu bukan milik kelompok ini. Pilih dari tombol, atau ketik tanggalnya.",
            Assert.Single(await bot.ChooseAsync("rina", $"meeting:{mawarMeeting}")).Text);
        await bot.SayAsync("rina", "hari ini");
        await bot.SayAsync("rina", "250rb");
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", await bot.TextAsync("rina", "banyak sekali"));
        Assert.Equal("Pesan itu terlalu panjang. Jawab lebih singkat, atau kirim dalam beberapa pesan.", await bot.TextAsync("rina", new string('9', 5000)));
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", await bot.TextAsync("rina", new string('9', 3000)));
        Assert.Equal("Jumlah tidak boleh minus. Tulis angkanya saja, contoh: 50.000", await bot.TextAsync("rina", "-50000"));
        Assert.Equal("Jumlah itu terlalu besar, mungkin salah ketik. Contoh: 1.500.000", await bot.TextAsync("rina", "50 miliar"));
        Assert.Equal("Jumlah itu bisa dibaca dua cara. Tulis lengkap, contoh: 1.500.000 atau 1,5 juta", await bot.TextAsync("rina", "1.5"));

        var state = await bot.DbAsync(db => db.Conversations.SingleAsync(c => c.UserId == "rina"));
        Assert.Equal("LoansDisbursed", state.Step);
        Assert.Contains("250000", state.DraftJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_business_group_reports_sales_and_costs_and_a_religious_group_contributions()
    {
        await using var bot = await BotHost.StartAsync();
        var usaha = await Scenario.CreateGroupAsync(bot, group: "Usaha Kopi", kind: "usaha");
        var pengajian = await Scenario.CreateGroupAsync(bot, group: "Al Ikhlas", kind: "pengajian");
        await Scenario.JoinAsync(bot, "nur", usaha.Leader, "Nur");
        await Scenario.JoinAsync(bot, "ida", pengajian.Leader, "Ida");
        AtWib(bot, 4, 17);

        await bot.SayAsync("nur", "lapor");
        var sales = await bot.TextAsync("nur", "hari ini");
        await bot.SayAsync("nur", "750rb");
        await bot.SayAsync("nur", "400rb");
        await bot.SayAsync("nur", "lewati");
        var nurSummary = await bot.TextAsync("nur", "1 juta");
        await bot.SayAsync("ida", "lapor");
        var contributions = await bot.TextAsync("ida", "hari ini");

        Assert.Equal("Berapa hasil penjualan periode ini? Contoh: 750.000", sales);
        Assert.Equal("Laporan Usaha Kopi, Jumat, 4 Desember 2026:\nPenjualan: Rp 750.000\nBiaya: Rp 400.000\nSimpanan: Rp 0\nSaldo kas: Rp 1.000.000", nurSummary);
        Assert.Equal("Berapa iuran/infaq yang terkumpul? Contoh: 150.000", contributions);
    }

    [Fact]
    public async Task Opening_a_report_and_saving_it_unchanged_makes_no_new_version()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 4, 17);
        await ReportToSummaryAsync(bot, "hari ini", "250rb", "0", "0", "0", "0", "2 juta", "2");
        await bot.SayAsync("rina", "simpan");

        await bot.SayAsync("rina", "lapor");
        await bot.SayAsync("rina", "hari ini");
        var reply = await bot.TextAsync("rina", "simpan");

        Assert.Equal("Tidak ada yang diubah, jadi laporan versi 1 tetap berlaku.", reply);
        Assert.Equal(1, await bot.DbAsync(db => db.SavingsReports.CountAsync()));
    }

    [Fact]
    public async Task A_date_that_is_not_a_meeting_day_must_be_confirmed()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 9, 10); // Wednesday; Melati meets on Fridays

        await bot.SayAsync("rina", "lapor");
        var unclear = await bot.TextAsync("rina", "minggu lalu");
        var confirm = await bot.SayAsync("rina", "kemarin");
        var other = await bot.ChooseAsync("rina", confirm[0].Choice("Tanggal lain"));
        var friday = await bot.TextAsync("rina", "Jumat lalu");

        Assert.Equal("Tanggal tidak terbaca. Contoh: 28/11, kemarin, atau Jumat lalu", unclear);
        Assert.Equal("Tidak ada pertemuan tercatat pada Selasa, 8 Desember 2026, dan itu bukan hari pertemuan rutin. Benar tanggal itu?", confirm[0].Text);
        Assert.StartsWith("Belum ada pertemuan tercatat. Ketik tanggal pertemuannya", other[0].Text);
        Assert.Equal("Berapa simpanan yang terkumpul? Contoh: 250.000", friday);
    }

    [Fact]
    public async Task A_confirmed_unusual_date_gets_its_report()
    {
        await using var bot = await MelatiAsync();
        AtWib(bot, 9, 10);
        await bot.SayAsync("rina", "lapor");
        var confirm = await bot.SayAsync("rina", "8/12");
        await bot.ChooseAsync("rina", confirm[0].Choice("Ya, benar"));
        foreach (var answer in new[] { "250rb", "0", "0", "0", "0", "2 juta", "2", "simpan" })
        {
            await bot.SayAsync("rina", answer);
        }

        var date = await bot.DbAsync(db => db.SavingsReports.Select(r => r.Meeting!.Date).SingleAsync());
        Assert.Equal(new DateOnly(2026, 12, 8), date);
    }
}
