using GroupBot.Attendance;
using GroupBot.Ledger;
using GroupBot.People;
using GroupBot.Savings;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static GroupBot.Tests.Ledger.LedgerSteps;

namespace GroupBot.Tests.Ledger;

/// <summary>The ledger's conversations when things go wrong: bad input, a re-delivered update, a restart, two officers at once.</summary>
public class LedgerConversationTests
{
    private static readonly int[] Shares = [1, 5, 1, 2, 3, 1, 3, 2, 2, 2];

    [Fact]
    public async Task Bad_input_in_the_meeting_entry_gets_one_sentence_with_the_buttons_and_keeps_what_was_given()
    {
        await using var bot = await MelatiAsync();
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:each");
        await bot.ChooseAsync("tuti", "shares:1");
        await bot.ChooseAsync("tuti", "extra:social");

        // Dewi: "banyak", then 7 (the most is 5), then "3 saham".
        foreach (var bad in new[] { "banyak", "7" })
        {
            var retry = await bot.SayAsync("tuti", bad);
            Assert.Equal("Tulis jumlah saham 0 sampai 5, contoh: 2", retry[0].Text);
            Assert.Equal(["0 (sama)", "1", "2", "3", "4", "5", "Tidak hadir"], retry[0].Choices.Select(c => c.Label));
        }

        var extra = await bot.SayAsync("tuti", "3 saham");
        Assert.Equal("Dewi: dana sosial Rp 2.000 dan denda?", extra[0].Text);
        Assert.Equal("Pilih tombol, atau tulis jumlah denda (dengan dana sosial Rp 2.000), contoh: 1.000", (await bot.SayAsync("tuti", "entah"))[0].Text);
        await bot.SayAsync("tuti", "500");

        // Everything given so far is still there: Ani 1 share, Dewi 3 and a Rp 500 fine; Eka 1, the rest nothing.
        await bot.ChooseAsync("tuti", "shares:1");
        await bot.ChooseAsync("tuti", "extra:social");
        for (var i = 3; i < Members.Length; i++)
        {
            await bot.ChooseAsync("tuti", "shares:0");
            await bot.ChooseAsync("tuti", "extra:nothing");
        }

        var cash = await bot.ChooseAsync("tuti", "entry:done");
        Assert.StartsWith("Total: 5 saham (Rp 50.000) · angsuran Rp 0 · sosial dan denda Rp 6.500", cash[0].Text);
        Assert.Equal("Jumlah uang tidak terbaca. Contoh: 50.000 atau 50rb atau 1,5 juta", (await bot.SayAsync("tuti", "sejuta lebih"))[0].Text);
        await bot.SayAsync("tuti", "56.500");
        await bot.ChooseAsync("tuti", "confirm:save");
        var lines = await bot.DbAsync(db => db.LedgerLines.OrderBy(l => l.Id).Select(l => new { l.Shares, l.Social, l.Fine }).ToListAsync());
        Assert.Equal([(1, 2_000L, 0L), (3, 2_000L, 500L), (1, 2_000L, 0L)], lines.Take(3).Select(l => (l.Shares, l.Social, l.Fine)));
    }

    [Fact]
    public async Task A_save_delivered_twice_and_a_restart_in_the_middle_record_the_meeting_once()
    {
        await using var bot = await MelatiAsync();
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:each");
        foreach (var n in Shares[..5])
        {
            await bot.ChooseAsync("tuti", $"shares:{n}");
            await bot.ChooseAsync("tuti", "extra:social");
        }

        // The bot stops half-way through the members; after the restart she carries on where she was.
        await using var restarted = await bot.RestartAsync();
        var next = await restarted.ChooseAsync("tuti", "shares:1");
        Assert.Equal("Hana: dana sosial Rp 2.000 dan denda?", next[0].Text);
        await restarted.ChooseAsync("tuti", "extra:social");
        foreach (var n in Shares[6..])
        {
            await restarted.ChooseAsync("tuti", $"shares:{n}");
            await restarted.ChooseAsync("tuti", "extra:social");
        }

        await restarted.ChooseAsync("tuti", "entry:done");
        await restarted.SayAsync("tuti", "240rb");

        // Telegram or Meta delivers the press of Simpan twice: one entry, one report, one receipt each.
        var first = await restarted.PostAsync(new { user = "tuti", choice = "confirm:save", id = "save-1" });
        var again = await restarted.PostAsync(new { user = "tuti", choice = "confirm:save", id = "save-1" });
        Assert.Equal(first.Select(r => r.Text), again.Select(r => r.Text));
        Assert.Equal((1, 1, 22), await restarted.DbAsync(async db => (await db.LedgerMeetings.CountAsync(), await db.SavingsReports.CountAsync(), await db.LedgerLines.SumAsync(l => l.Shares))));
        Assert.Equal(10, (await QueuedAsync(restarted, "receipt:")).Count);
        var report = await restarted.DbAsync(db => db.SavingsReports.SingleAsync());
        Assert.Equal((220_000L, 20_000L, 240_000L, 10), (report.Savings!.Value, report.FinesAndSocial!.Value, report.CashBalance, report.MembersSaved!.Value));
    }

    [Fact]
    public async Task Two_officers_pressing_Setujui_at_once_approve_the_loan_once()
    {
        await using var bot = await MelatiAsync(firstLoan: 1);
        await FirstMeetingAsync(bot, Shares);

        // Dewi saved 50.000: up to 150.000. The box: 240.000 less the social fund 20.000.
        await bot.SayAsync("tuti", "pinjaman Dewi");
        Assert.Equal("Paling banyak Rp 150.000 untuk Dewi. Tulis jumlah lebih kecil, contoh: 500.000", (await bot.SayAsync("tuti", "200rb"))[0].Text);
        await bot.SayAsync("tuti", "150rb");
        await bot.ChooseAsync("tuti", "term:3");
        await bot.ChooseAsync("tuti", "confirm:save");
        var id = await bot.DbAsync(db => db.Approvals.Select(a => a.Id).SingleAsync());
        Assert.Equal(2, (await QueuedAsync(bot, $"approval:{id}:")).Count); // Rina and Sari, not Tuti who asked

        var both = await Task.WhenAll(bot.TextAsync("rina", $"setujui {id}"), bot.TextAsync("sari", $"setujui {id}"));
        Assert.Single(both, r => r.StartsWith("Disetujui: pinjaman Dewi Rp 150.000.", StringComparison.Ordinal));
        Assert.Single(both, r => r is "Sudah disetujui oleh Rina." or "Sudah disetujui oleh Sari.");
        var loan = await bot.DbAsync(db => db.Loans.SingleAsync());
        Assert.Equal((LoanStatus.Active, 150_000L), (loan.Status, loan.Principal));
        Assert.Single(await QueuedAsync(bot, "loan-approved:"));
        Assert.Single(await QueuedAsync(bot, "approval-decided:"));
    }

    [Fact]
    public async Task A_member_reads_her_own_book_in_English_and_only_her_own()
    {
        await using var bot = await MelatiAsync();
        await FirstMeetingAsync(bot, Shares);
        await bot.SayAsync("ani", "bahasa");
        await bot.ChooseAsync("ani", "bahasa en");

        Assert.Equal(
            "Book of Ani – Melati, cycle 1 (from Friday, 4 December 2026)\nShares: 1 (Rp 10.000)\nSocial fund paid Rp 2.000 · fines Rp 0\nLoan: none\n"
            + "Projected share-out today: Rp 10.000",
            await bot.TextAsync("ani", "mysavings"));
        Assert.Equal("You can see only your own book. Type: mysavings", await bot.TextAsync("ani", "book Dewi"));
        Assert.StartsWith("Book of Ani", await bot.TextAsync("ani", "book Ani"));
        Assert.StartsWith("Buku Dewi – Melati", await bot.TextAsync("sari", "buku dewi"));
    }

    [Fact]
    public async Task Changing_the_rules_in_a_running_cycle_keeps_the_share_value_and_start_and_the_loans_their_interest()
    {
        await using var bot = await MelatiAsync(firstLoan: 1);
        await FirstMeetingAsync(bot, Shares);
        await LoanAsync(bot, "Dewi", "100rb", "term:2");

        var rules = await bot.SayAsync("rina", "aturan");
        var ask = await bot.ChooseAsync("rina", rules[0].Choice("Ubah aturan"));
        Assert.Equal("Apa yang mau diubah?", ask[0].Text);
        Assert.DoesNotContain(ask[0].Choices, c => c.Id is "edit:share" or "edit:start");
        await bot.ChooseAsync("rina", "edit:interest");
        Assert.Equal("Tulis bunga per bulan dari 0 sampai 10%, contoh: 2% atau 1,5%", (await bot.SayAsync("rina", "dua persen"))[0].Text);
        var summary = await bot.SayAsync("rina", "1,5%");
        Assert.Contains("Bunga 1,5% per bulan (flat)", summary[0].Text);
        Assert.Equal("Aturan buku anggota Melati sudah diubah. Siklus tetap mulai Jumat, 4 Desember 2026.", (await bot.ChooseAsync("rina", "confirm:save"))[0].Text);

        // Dewi's loan keeps its 2 %: 100.000 + 4.000 over 2 months.
        var loan = await bot.DbAsync(db => db.Loans.SingleAsync());
        Assert.Equal((200, 104_000L), (loan.InterestBasisPoints, loan.TotalDue));
        Assert.Equal(150, await bot.DbAsync(db => db.LedgerCycles.Select(c => c.InterestBasisPoints).SingleAsync()));
        Assert.Equal("Maaf, perintah ini hanya untuk pengurus kelompok (ketua, bendahara, sekretaris) atau pendamping.", await bot.TextAsync("siti", "setujui 1"));
    }

    [Fact]
    public async Task A_member_marked_absent_pays_nothing_that_day_and_her_absence_fine_is_offered_the_next_week()
    {
        await using var bot = await MelatiAsync();
        await FirstMeetingAsync(bot, Shares);

        // Meeting 2: Eka did not come (no roll call, so the treasurer marks her).
        At(bot, new DateOnly(2026, 12, 11));
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:same");
        await ChangeAsync(bot, "Eka", ["shares:absent"]);
        var done = await bot.ChooseAsync("tuti", "entry:done");
        Assert.StartsWith("Total: 21 saham (Rp 210.000) · angsuran Rp 0 · sosial dan denda Rp 18.000", done[0].Text);
        await bot.ChooseAsync("tuti", "cash:expected");
        await bot.ChooseAsync("tuti", "confirm:save");
        var eka = await PersonKeyAsync(bot, "Eka");
        Assert.StartsWith("Melati, Jumat, 11 Desember 2026: Tidak hadir. Tabungan Rp 10.000",
            (await QueuedAsync(bot, "receipt:")).Single(r => r.Key.EndsWith(eka, StringComparison.Ordinal) && r.Text.Contains("11 Desember", StringComparison.Ordinal)).Text);

        // Meeting 3, as last week: Eka's shares are last week's 0; her line asks for last week's absence fine, and one press takes it.
        At(bot, new DateOnly(2026, 12, 18));
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:same");
        await bot.ChooseAsync("tuti", $"member:{Array.IndexOf(Members, "Eka")}");
        var extra = await bot.ChooseAsync("tuti", "shares:1");
        Assert.Equal("Eka: dana sosial Rp 2.000, dan denda absen minggu lalu?", extra[0].Text);
        await bot.ChooseAsync("tuti", "extra:absent");
        var totals = await bot.ChooseAsync("tuti", "entry:done");
        Assert.StartsWith("Total: 22 saham (Rp 220.000) · angsuran Rp 0 · sosial dan denda Rp 22.000", totals[0].Text);
        var lines = await bot.DbAsync(db => db.LedgerLines.CountAsync());
        Assert.Equal(20, lines); // a line for every member at each saved meeting, absent or not
    }

    [Fact]
    public async Task An_officer_who_borrows_cannot_be_the_second_key_on_her_own_loan()
    {
        await using var bot = await MelatiAsync(firstLoan: 1);
        await FirstMeetingAsync(bot, Shares);

        // Tuti asks a loan for Rina, the leader (3 shares: up to 90.000); Rina may not approve it, Sari may.
        await bot.SayAsync("tuti", "pinjaman Rina");
        await bot.SayAsync("tuti", "90rb");
        await bot.ChooseAsync("tuti", "term:1");
        await bot.ChooseAsync("tuti", "confirm:save");
        var id = await bot.DbAsync(db => db.Approvals.Select(a => a.Id).SingleAsync());
        Assert.Equal("Ini pinjaman Anda sendiri; pengurus lain yang harus menyetujuinya.", await bot.TextAsync("rina", $"setujui {id}"));
        Assert.Equal(LoanStatus.Pending, await bot.DbAsync(db => db.Loans.Select(l => l.Status).SingleAsync()));
        Assert.StartsWith("Disetujui: pinjaman Rina Rp 90.000.", await bot.TextAsync("sari", $"setujui {id}"));
    }

    [Fact]
    public async Task A_correction_of_an_earlier_meeting_never_lets_a_loan_be_paid_twice()
    {
        await using var bot = await MelatiAsync(firstLoan: 1);
        await FirstMeetingAsync(bot, Shares);
        await LoanAsync(bot, "Dewi", "100rb", "term:1"); // 102.000 due 4 January

        // A week later she pays it all off early.
        At(bot, new DateOnly(2026, 12, 11));
        await bot.SayAsync("tuti", "lapor");
        await bot.SayAsync("tuti", "hari ini");
        await bot.ChooseAsync("tuti", "entry:same");
        await bot.ChooseAsync("tuti", $"member:{Array.IndexOf(Members, "Dewi")}");
        var repay = await bot.ChooseAsync("tuti", "shares:5");
        Assert.Equal("Dewi: angsuran jatuh tempo Rp 0 (sisa pinjaman Rp 102.000). Dibayar berapa?", repay[0].Text);
        await bot.SayAsync("tuti", "102rb");
        await bot.ChooseAsync("tuti", "extra:social");
        await bot.ChooseAsync("tuti", "entry:done");
        await bot.ChooseAsync("tuti", "cash:expected");
        await bot.ChooseAsync("tuti", "confirm:save");
        Assert.Equal(LoanStatus.Repaid, await bot.DbAsync(db => db.Loans.Select(l => l.Status).SingleAsync()));

        // Correcting the first meeting: her loan is paid, so there is nothing to repay there.
        var first = await bot.DbAsync(db => db.Meetings.Where(m => m.Date == new DateOnly(2026, 12, 4)).Select(m => m.Id).SingleAsync());
        await bot.SayAsync("tuti", "lapor");
        await bot.ChooseAsync("tuti", $"meeting:{first}");
        await bot.ChooseAsync("tuti", $"member:{Array.IndexOf(Members, "Dewi")}");
        Assert.Equal("Dewi: dana sosial Rp 2.000 dan denda?", (await bot.ChooseAsync("tuti", "shares:5"))[0].Text);
        Assert.Equal(102_000, await bot.DbAsync(db => db.LedgerLines.SumAsync(l => l.Repaid)));
    }

    private static Task<string> PersonKeyAsync(BotHost bot, string name) =>
        bot.DbAsync(async db => $":p{await db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync()}");

    private static async Task LoanAsync(BotHost bot, string name, string amount, string term)
    {
        await bot.SayAsync("tuti", $"pinjaman {name}");
        await bot.SayAsync("tuti", amount);
        await bot.ChooseAsync("tuti", term);
        await bot.ChooseAsync("tuti", "confirm:save");
        var id = await bot.DbAsync(db => db.Approvals.OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
        Assert.StartsWith($"Disetujui: pinjaman {name}", await bot.TextAsync("rina", $"setujui {id}"));
    }
}
