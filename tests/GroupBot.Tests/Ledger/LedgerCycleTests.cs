using GroupBot.Chat;
using GroupBot.Ledger;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static GroupBot.Tests.Ledger.LedgerSteps;

namespace GroupBot.Tests.Ledger;

/// <summary>
/// One whole cycle of Melati's member ledger, twelve Friday meetings from 4 December 2026, with
/// every rupiah worked out by hand in the comments: shares bought, the social fund, a fine, three
/// loans (one repaid late, one written off, one still running and taken from the share-out), a
/// correction, a flagged receipt, and the share-out.
/// </summary>
public class LedgerCycleTests
{
    private static readonly DateOnly First = new(2026, 12, 4);

    /// <summary>Meeting <paramref name="n"/> (1 to 12): a Friday.</summary>
    private static DateOnly Meeting(int n) => First.AddDays(7 * (n - 1));

    [Fact]
    public async Task A_ten_member_cycle_of_twelve_meetings_adds_up_to_the_hand_figures_and_shares_out_exactly_the_pool()
    {
        await using var bot = await MelatiAsync();
        var rules = await bot.TextAsync("siti", "aturan");
        Assert.Equal(
            "Aturan buku anggota Melati (siklus 1: Jumat, 4 Desember 2026 – Rabu, 3 Maret 2027):\nNilai saham Rp 10.000, paling banyak 5 saham per pertemuan\n"
            + "Dana sosial Rp 2.000 per pertemuan\nDenda telat Rp 1.000, denda absen Rp 2.000\nBunga 2% per bulan (flat)\nPinjaman paling banyak 3× tabungan, mulai pertemuan ke-4",
            rules);

        // Meeting 1, one by one: 22 shares (Ani 1, Dewi 5, Eka 1, Fitri 2, Gita 3, Hana 1, Rina 3, Sari 2, Siti 2, Tuti 2), everyone Rp 2.000 social.
        At(bot, Meeting(1));
        int[] shares = [1, 5, 1, 2, 3, 1, 3, 2, 2, 2];
        await bot.SayAsync("tuti", "lapor");
        var overview = await bot.SayAsync("tuti", "hari ini");
        Assert.Equal(
            "Melati, Jumat, 4 Desember 2026: 10 dari 10 anggota hadir.\nUsulan: semua seperti minggu lalu (saham yang sama, angsuran yang jatuh tempo, dana sosial, denda absen minggu lalu).\n"
            + "Total: 0 saham (Rp 0) · angsuran Rp 0 · sosial dan denda Rp 20.000 · pinjaman keluar Rp 0",
            overview[^1].Text);
        var ask = await bot.ChooseAsync("tuti", "entry:each");
        Assert.Equal("Ani: berapa saham hari ini? Minggu lalu 0. (1 saham = Rp 10.000, paling banyak 5)", ask[0].Text);
        foreach (var n in shares)
        {
            await bot.ChooseAsync("tuti", $"shares:{n}");
            await bot.ChooseAsync("tuti", "extra:social");
        }

        // No report before: the box holds what came in, 220.000 + 20.000.
        var cash = await bot.ChooseAsync("tuti", "entry:done");
        Assert.Equal("Total: 22 saham (Rp 220.000) · angsuran Rp 0 · sosial dan denda Rp 20.000 · pinjaman keluar Rp 0\nBerapa uang di kotak kas sekarang, setelah semua setoran?", cash[0].Text);
        await bot.SayAsync("tuti", "240rb");
        var saved = await bot.ChooseAsync("tuti", "confirm:save");
        Assert.Equal("Catatan Melati untuk Jumat, 4 Desember 2026 sudah disimpan. 10 anggota dikirimi tanda terima.", saved[0].Text);

        var receipts = await QueuedAsync(bot, "receipt:");
        Assert.Equal(10, receipts.Count);
        Assert.Contains(("Melati, Jumat, 4 Desember 2026: Hari ini: 2 saham (Rp 20.000), sosial Rp 2.000. Tabungan Rp 20.000, sisa pinjaman Rp 0.\n"
            + "Kalau ada yang salah, tekan Salah."), receipts.Select(r => r.Text));

        // Siti flags hers; Tuti and the facilitator hear it; it stays in "perlu perhatian" until settled.
        var flagged = await bot.SayAsync("siti", "salah");
        Assert.Equal("Terima kasih. Bendahara dan pendamping sudah diberi tahu dan akan memeriksanya.", flagged[0].Text);
        var notice = Assert.Single(await QueuedAsync(bot, "receipt-flag:"));
        Assert.StartsWith("Siti bilang tanda terimanya salah (Melati, Jumat, 4 Desember 2026).", notice.Text);
        Assert.Contains("⚠ Perlu perhatian:\n• Melati (Mungo): 1 tanda terima ditandai salah\n", await bot.TextAsync("tuti", "ringkasan"));
        var flagId = await bot.DbAsync(db => db.ReceiptFlags.Select(f => f.Id).SingleAsync());
        Assert.Equal("Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.", await bot.TextAsync("siti", $"salah beres {flagId}"));
        Assert.Equal("Baik, tanda itu sudah beres.", await bot.TextAsync("tuti", $"salah beres {flagId}"));
        Assert.DoesNotContain("ditandai salah", await bot.TextAsync("tuti", "ringkasan"));

        // Meeting 2 as last week, then a correction: Ani bought 2 shares, not 1 (version 2; only Ani gets a new receipt). From then on she buys 2.
        At(bot, Meeting(2));
        await SameAsLastWeekAsync(bot);
        await bot.SayAsync("tuti", "lapor");
        var existing = await bot.SayAsync("tuti", "hari ini");
        Assert.Equal("Pertemuan ini sudah dicatat (versi 1). Pilih nama yang mau diperbaiki; yang lama tetap disimpan.", existing[0].Text);
        await ChangeAsync(bot, "Ani", ["shares:2", "extra:social"]);
        await bot.ChooseAsync("tuti", "entry:done");
        await bot.ChooseAsync("tuti", "cash:expected");
        var corrected = await bot.ChooseAsync("tuti", "confirm:save");
        Assert.Equal("Perbaikan catatan Melati untuk Jumat, 11 Desember 2026 disimpan sebagai versi 2. 1 anggota dikirimi tanda terima baru.", corrected[0].Text);
        Assert.StartsWith("Diperbaiki – Melati, Jumat, 11 Desember 2026: Hari ini: 2 saham (Rp 20.000), sosial Rp 2.000. Tabungan Rp 30.000",
            (await QueuedAsync(bot, "receipt:")).Last().Text);

        // Meeting 3: Eka came late (Rp 1.000 fine). Too early for a loan (from the 4th meeting).
        At(bot, Meeting(3));
        await SameAsLastWeekAsync(bot, ("Eka", ["shares:1", "extra:late"]));
        Assert.Equal("Pinjaman baru bisa mulai pertemuan ke-4 siklus ini; sudah 3 pertemuan dicatat.", await bot.TextAsync("tuti", "pinjaman"));

        // Meeting 4, then Dewi's loan: 500.000 over 2 months at 2 %: interest 20.000, 260.000 a month from 25 January.
        // The box after meeting 4: 220.000 + 3 × 230.000 + 4 × 20.000 + 1.000 = 991.000; the social fund 80.000 is not lent: 911.000.
        At(bot, Meeting(4));
        await SameAsLastWeekAsync(bot);
        await bot.SayAsync("tuti", "pinjaman");
        var amount = await bot.SayAsync("tuti", "Dewi");
        Assert.Equal("Berapa pinjaman untuk Dewi? Paling banyak Rp 600.000 (batas Rp 600.000, kas tersedia Rp 911.000). Contoh: 500.000", amount[0].Text);
        Assert.Equal("Paling banyak Rp 600.000 untuk Dewi. Tulis jumlah lebih kecil, contoh: 500.000", (await bot.SayAsync("tuti", "700rb"))[0].Text);
        await bot.SayAsync("tuti", "500rb");
        var summary = await bot.ChooseAsync("tuti", "term:2");
        Assert.Equal(
            "Pinjaman Dewi: Rp 500.000, 2 bulan, bunga 2% per bulan (flat).\nBunga Rp 20.000, total dibayar Rp 520.000.\nAngsuran Rp 260.000 per bulan, pertama Senin, 25 Januari 2027.\nPerlu disetujui pengurus lain.",
            summary[0].Text);
        var requested = await bot.ChooseAsync("tuti", "confirm:save");
        Assert.Equal("Pinjaman Dewi (Rp 500.000) menunggu persetujuan pengurus lain. Saldo belum berubah.", requested[0].Text);
        var approval = await bot.DbAsync(db => db.Approvals.Select(a => a.Id).SingleAsync());
        Assert.Equal("Pinjaman Anda Rp 500.000 (2 bulan) menunggu persetujuan pengurus.", await bot.TextAsync("dewi", "pinjaman"));
        Assert.Equal("Anda yang mengajukan ini; pengurus lain yang harus menyetujuinya.", await bot.TextAsync("tuti", $"setujui {approval}"));
        Assert.Equal(LoanStatus.Pending, await bot.DbAsync(db => db.Loans.Select(l => l.Status).SingleAsync()));
        Assert.Equal("Disetujui: pinjaman Dewi Rp 500.000. Uang diserahkan hari ini; dihitung di kas pertemuan berikutnya.", await bot.TextAsync("rina", $"setujui {approval}"));
        Assert.Equal("Sudah disetujui oleh Rina.", await bot.TextAsync("sari", $"tolak {approval}"));
        Assert.Contains(await QueuedAsync(bot, "loan-approved:"),
            m => m.Text == "Pinjaman Anda Rp 500.000 di Melati disetujui. Total dibayar Rp 520.000 dalam 2 bulan: angsuran Rp 260.000, pertama Senin, 25 Januari 2027.");

        // Meetings 5 and 6; after 6, Siti borrows 150.000 for a month (interest 3.000, 153.000 due 8 February). She never pays it.
        for (var n = 5; n <= 6; n++)
        {
            At(bot, Meeting(n));
            await SameAsLastWeekAsync(bot);
        }

        await LoanAsync(bot, "Siti", "150rb", "term:1");

        // Meetings 7 and 8; after 8, Hana borrows 100.000 over 3 months (interest 6.000: 35.333, 35.333, 35.334 from 22 February).
        At(bot, Meeting(7));
        await SameAsLastWeekAsync(bot);

        // Meeting 8 (22 January) shows Dewi's first installment as due; she does not pay it.
        At(bot, Meeting(8));
        await SameAsLastWeekAsync(bot, ("Dewi", ["shares:5", "repay:none", "extra:social"]));

        // Dewi's first installment falls due on Monday 25 January; she is reminded on the Saturday before (two days ahead).
        await LoanAsync(bot, "Hana", "100rb", "term:3");
        Assert.Equal(1, await RemindAsync(bot, new DateOnly(2027, 1, 23)));
        Assert.Equal(0, await RemindAsync(bot, new DateOnly(2027, 1, 23)));
        Assert.Equal("Pengingat: angsuran pinjaman Rp 260.000 jatuh tempo Senin, 25 Januari 2027 (Melati). Sisa pinjaman Rp 520.000.",
            Assert.Single(await QueuedAsync(bot, "loan-due:")).Text);

        // On Tuesday 26 January it is one day late.
        At(bot, new DateOnly(2027, 1, 26), hour: 9);
        var late = await bot.TextAsync("tuti", "tunggakan");
        Assert.Equal("Tunggakan per Selasa, 26 Januari 2027\n\nMelati (Mungo): Rp 260.000 telat, 1 orang\n• Dewi: Rp 260.000, telat 1 hari (sisa pinjaman Rp 520.000)", late);
        Assert.Contains("tunggakan Rp 260.000 (1 orang)", await bot.TextAsync("admin", "ringkasan"));

        // Her whole 520.000 is at risk of the 520.000 + 153.000 + 106.000 = 779.000 owed: 66,8 % → 67 %.
        Assert.Contains("✗ Pinjaman lancar: 67% sisa pinjaman telat (paling banyak 10%)", await bot.TextAsync("tuti", "nilai kelompok"));

        // Meeting 9: she pays the late installment (it is due, so "as last week" takes it).
        At(bot, Meeting(9));
        await SameAsLastWeekAsync(bot);

        // Meetings 10 to 12: Siti's 153.000 falls due (8 February) and she pays nothing. At 12 (19 February)
        // Dewi pays her second installment (due 25 February) and Hana her first (due 22 February).
        for (var n = 10; n <= 12; n++)
        {
            At(bot, Meeting(n));
            await SameAsLastWeekAsync(bot, ("Siti", ["shares:2", "repay:none", "extra:social"]));
        }

        // Siti's 153.000 is written off: Tuti asks, Rina approves.
        Assert.Equal("Penghapusan sisa pinjaman Siti (Rp 153.000) menunggu persetujuan pengurus lain.", await bot.TextAsync("tuti", "pinjaman hapus Siti"));
        var writeOff = await bot.DbAsync(db => db.Approvals.Where(a => a.Kind == ApprovalKind.WriteOff).Select(a => a.Id).SingleAsync());
        Assert.Equal("Disetujui: sisa pinjaman Siti (Rp 153.000) dihapus.", await bot.TextAsync("rina", $"setujui {writeOff}"));

        // The books by hand. Shares: 22 + 23 × 11 = 275 (Ani 1 + 2 × 11 = 23), Rp 2.750.000. Social 10 × 2.000 × 12 = 240.000. Fines 1.000.
        // Repaid: Dewi 520.000, Hana 35.333. Lent: 500.000 + 150.000 + 100.000 = 750.000.
        // Box without the social fund: 2.750.000 + 1.000 + 520.000 + 35.333 − 750.000 = 2.556.333. Hana still owes 106.000 − 35.333 = 70.667.
        // Pool: 2.556.333 + 70.667 = 2.627.000 (= savings 2.750.000 + interest 20.000 + 6.000 + fines 1.000 − Siti's lost 150.000).
        var book = await bot.DbAsync(async db => (await LedgerBooks.LoadAsync(db, await db.Groups.Select(g => g.Id).SingleAsync(), TestContext.Current.CancellationToken))!);
        Assert.Equal((275, 2_750_000L, 240_000L, 2_556_333L, 70_667L, 2_627_000L), (book.TotalShares, book.Savings, book.SocialBalance, book.Cash, book.Outstanding, book.Pool));
        var lastReport = await bot.DbAsync(db => db.SavingsReports.OrderByDescending(r => r.Meeting!.Date).ThenByDescending(r => r.Version).FirstAsync());
        Assert.Equal((2_796_333L, false), (lastReport.CashBalance, lastReport.CashMismatch)); // the box with the social fund, as counted

        var passbook = await bot.TextAsync("hana", "tabunganku");
        Assert.Equal(
            "Buku Hana – Melati, siklus 1 (mulai Jumat, 4 Desember 2026)\nSaham: 12 (Rp 120.000)\nDana sosial dibayar Rp 24.000 · denda Rp 0\n"
            + "Pinjaman: sisa Rp 70.667. Angsuran berikut Rp 35.333 pada Senin, 22 Maret 2027.\nPerkiraan bagi hasil hari ini: Rp 43.966",
            passbook);
        Assert.All([rules, passbook, summary[0].Text, await bot.TextAsync("dewi", "pinjaman"), await bot.TextAsync("hana", "bagi hasil")], t => Assert.True(t.Length < 600, t));
        Assert.Equal("Anda hanya bisa melihat buku Anda sendiri. Ketik: tabunganku", await bot.TextAsync("siti", "buku Hana"));
        Assert.StartsWith("Buku Hana – Melati", await bot.TextAsync("rina", "buku Hana"));

        // Too early to share out (from 24 February); then on Friday 26 February Tuti asks and Rina approves.
        Assert.Equal("Bagi hasil bisa diajukan mulai Rabu, 24 Februari 2027 (siklus berakhir Rabu, 3 Maret 2027). Sekarang ini perkiraan saja.",
            await bot.TextAsync("tuti", "bagi hasil ajukan"));
        At(bot, new DateOnly(2027, 2, 26));

        // The week's summary: 1 of 10 borrowing (Hana), 3 ever (Dewi, Siti, Hana); (2.627.000 − 2.750.000) / 2.750.000 = −4,5 % → −4 %
        // (half away from zero only at ,5 exactly); payouts 2.627.000 − 70.667 = 2.556.333 over 10 members = 255.633.
        Assert.Contains(", buku anggota: 10% sedang meminjam, 30% pernah, hasil tabungan -4%, bagi hasil ≈ Rp 255.633/anggota", await bot.TextAsync("admin", "ringkasan"));

        // The export: each member's book as it stands, Hana's with her loan and her projected payout.
        var members = await ExportAsync(bot, "anggota-20270101-20270331.csv");
        Assert.Equal(LedgerExport.MemberColumns, members[0].Keys);
        Assert.Equal(10, members.Count);
        Assert.Equal("Melati|1|2026-12-04|Hana|12|120000|24000|0|70667|0||ya|43966",
            string.Join('|', new[] { "group", "cycle", "cycle_start", "member", "shares", "savings", "social_fund", "fines", "loan_balance", "overdue", "overdue_since", "ever_borrowed", "projected_shareout" }
                .Select(c => members.Single(r => (string)r["member"] == "Hana")[c])));

        // 2.627.000 / 275 shares, each her whole rupiah: 2.626.995. The 5 rupiah left go to the largest remainders (in 275ths):
        // Ani, Eka, Hana 200, Dewi 175, then the first of the 24-share four at 125 (Fitri). Hana: 114.633 − 70.667 = 43.966.
        var sheet = await bot.TextAsync("tuti", "bagi hasil");
        Assert.Equal(
            "Bagi hasil Melati, siklus 1 – perkiraan per Jumat, 26 Februari 2027 (siklus berakhir Rabu, 3 Maret 2027)\n"
            + "Tabungan Rp 2.750.000, hasil bersih -Rp 123.000: dibagi Rp 2.627.000. Dana sosial Rp 240.000 tidak dibagi.\n"
            + "1 saham ≈ Rp 9.552 (275 saham; hasil tabungan -4%)\n"
            + "• Ani: 23 saham → Rp 219.713\n• Dewi: 60 saham → Rp 573.164\n• Eka: 12 saham → Rp 114.633\n• Fitri: 24 saham → Rp 229.266\n• Gita: 36 saham → Rp 343.898\n"
            + "• Hana: 12 saham → Rp 114.633 − pinjaman Rp 70.667 = Rp 43.966\n• Rina: 36 saham → Rp 343.898\n• Sari: 24 saham → Rp 229.265\n• Siti: 24 saham → Rp 229.265\n• Tuti: 24 saham → Rp 229.265",
            sheet);
        Assert.Equal("Bagi hasil Rp 2.627.000 untuk 10 anggota menunggu persetujuan pengurus lain.", await bot.TextAsync("tuti", "bagi hasil ajukan"));
        var shareOut = await bot.DbAsync(db => db.Approvals.Where(a => a.Kind == ApprovalKind.ShareOut).Select(a => a.Id).SingleAsync());
        Assert.Equal("Anda yang mengajukan ini; pengurus lain yang harus menyetujuinya.", await bot.TextAsync("tuti", $"setujui {shareOut}"));
        Assert.Equal("Disetujui: Rp 2.627.000 dibagi ke 10 anggota; tiap anggota diberi tahu bagiannya. Siklus 2 mulai Jumat, 5 Maret 2027, dengan dana sosial Rp 240.000.",
            await bot.TextAsync("sari", $"setujui {shareOut}"));

        var paid = await bot.DbAsync(db => db.ShareOuts.Include(s => s.Lines).SingleAsync());
        Assert.Equal(2_627_000, paid.Lines.Sum(l => l.Gross));
        Assert.Equal(2_556_333, paid.Lines.Sum(l => l.Payout)); // exactly the box without the social fund
        var toMembers = await QueuedAsync(bot, "shareout:");
        Assert.Equal(10, toMembers.Count);
        Assert.Contains("Bagi hasil Melati siklus 1: Anda menerima Rp 43.966 untuk 12 saham, setelah dipotong sisa pinjaman Rp 70.667. Siklus baru mulai Jumat, 5 Maret 2027.", toMembers.Select(m => m.Text));
        var loans = await bot.DbAsync(db => db.Loans.OrderBy(l => l.Id).Select(l => new { l.Status, l.SettledAtShareOut, l.WrittenOff }).ToListAsync());
        Assert.Equal([LoanStatus.Repaid, LoanStatus.WrittenOff, LoanStatus.Repaid], loans.Select(l => l.Status));
        Assert.Equal((153_000L, 70_667L), (loans[1].WrittenOff, loans[2].SettledAtShareOut));

        // The share-out sheet in the export, one row per member.
        var sheetRows = await ExportAsync(bot, "bagi-hasil-20270101-20270331.csv");
        Assert.Equal(10, sheetRows.Count);
        Assert.Equal("1|2027-02-26|Hana|12|114633|70667|43966|2627000|240000",
            string.Join('|', new[] { "cycle", "paid_date", "member", "shares", "gross", "loan_deducted", "payout", "pool", "social_fund_carried" }
                .Select(c => sheetRows.Single(r => (string)r["member"] == "Hana")[c])));
        Assert.Equal(2_556_333, sheetRows.Sum(r => long.Parse((string)r["payout"], System.Globalization.CultureInfo.InvariantCulture)));

        // The next cycle: same rules, nothing saved yet, the social fund carried over.
        var next = await bot.DbAsync(async db => (await LedgerBooks.LoadAsync(db, await db.Groups.Select(g => g.Id).SingleAsync(), TestContext.Current.CancellationToken))!);
        Assert.Equal((2, 0L, 240_000L, 0L), (next.Cycle.Number, next.Savings, next.SocialBalance, next.Pool));

        // Its first meeting (5 March): the box held only the social fund, 240.000, and now 10 × 2.000 more;
        // the loans of cycle 1 stay as they were (Dewi's repaid loan is not reopened by a book that has no payments of hers).
        At(bot, new DateOnly(2027, 3, 5));
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:same");
        var newCycle = await bot.ChooseAsync("tuti", "entry:done");
        Assert.EndsWith("Menurut catatan: Rp 260.000.", newCycle[0].Text);
        await bot.ChooseAsync("tuti", "cash:expected");
        await bot.ChooseAsync("tuti", "confirm:save");
        Assert.Equal([LoanStatus.Repaid, LoanStatus.WrittenOff, LoanStatus.Repaid], await bot.DbAsync(db => db.Loans.OrderBy(l => l.Id).Select(l => l.Status).ToListAsync()));
        Assert.False(await bot.DbAsync(db => db.SavingsReports.OrderByDescending(r => r.Id).Select(r => r.CashMismatch).FirstAsync()));
    }

    /// <summary>Tuti asks for a loan for <paramref name="name"/>; Rina approves it.</summary>
    private static async Task LoanAsync(BotHost bot, string name, string amount, string term)
    {
        await bot.SayAsync("tuti", "pinjaman");
        await bot.SayAsync("tuti", name);
        await bot.SayAsync("tuti", amount);
        await bot.ChooseAsync("tuti", term);
        await bot.ChooseAsync("tuti", "confirm:save");
        var id = await bot.DbAsync(db => db.Approvals.OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
        Assert.StartsWith("Disetujui: pinjaman " + name, await bot.TextAsync("rina", $"setujui {id}"));
    }

    /// <summary>The admin's "ekspor" for this quarter: the rows of the CSV called <paramref name="file"/>.</summary>
    private static async Task<List<IDictionary<string, object>>> ExportAsync(BotHost bot, string file)
    {
        var mark = await bot.DbAsync(db => db.Outbox.MaxAsync(o => o.Id));
        await bot.SayAsync("admin", "ekspor");
        var files = await bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == "admin" && o.Id > mark).ToListAsync()).Select(Outbox.Read)
            .Where(m => m.Document is not null).Select(m => m.Document!).ToList());
        using var reader = new StreamReader(new MemoryStream(files.Single(f => f.FileName == file).Content));
        using var parser = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        return [.. parser.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r)];
    }

    private static async Task<int> RemindAsync(BotHost bot, DateOnly day)
    {
        At(bot, day, hour: 7);
        await using var scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LoanReminders>().SendAsync(day, TestContext.Current.CancellationToken);
    }
}
