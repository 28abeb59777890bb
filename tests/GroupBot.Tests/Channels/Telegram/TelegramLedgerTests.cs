using GroupBot.Data;
using GroupBot.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>The member ledger on Telegram: the real Telegram.Bot client against the loopback fake Bot API, inline buttons for the entry, the receipt and the second key.</summary>
public sealed class TelegramLedgerTests
{
    private const long Rina = 50;
    private const long Siti = 70;

    [Fact]
    public async Task A_leader_enters_a_meeting_with_buttons_the_member_gets_her_receipt_and_the_leader_approves_a_loan_by_button()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await bed.GroupMeetingNowAsync();
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        await bed.JoinAsync(Siti, codes.Member, "Siti");

        // The facilitator's stand-in (the admin, on the simulator) starts the ledger: loans from the first meeting.
        var none = await bed.Bot.SayAsync("admin", "aturan");
        await bed.Bot.ChooseAsync("admin", none[0].Choice("Mulai buku anggota"));
        foreach (var answer in new[] { "rp:10000", "n:5", "rp:2000", "rp:1000", "rp:2000", "bp:200", "n:3", "n:1", "start:next", "n:6" })
        {
            await bed.Bot.ChooseAsync("admin", answer);
        }

        await bed.Bot.ChooseAsync("admin", "confirm:save");

        // Rina enters today's meeting on her phone: Rina 2 shares, Siti 5, both the social fund.
        await bed.SayAsync(Rina, Rina, "lapor");
        Assert.StartsWith("Melati, ", await bed.SayAsync(Rina, Rina, "hari ini"));
        Assert.StartsWith("Rina: berapa saham hari ini?", await bed.PressAsync(Rina, "Satu per satu"));
        await bed.PressAsync(Rina, "2");
        await bed.PressAsync(Rina, "Sosial Rp 2.000");
        await bed.PressAsync(Rina, "5");
        await bed.PressAsync(Rina, "Sosial Rp 2.000");
        Assert.StartsWith("Total: 7 saham (Rp 70.000) · angsuran Rp 0 · sosial dan denda Rp 4.000", await bed.PressAsync(Rina, "Semua benar"));
        await bed.SayAsync(Rina, Rina, "74rb");
        Assert.Equal("Catatan Melati untuk " + Format(bed) + " sudah disimpan. 2 anggota dikirimi tanda terima.", await bed.PressAsync(Rina, "Simpan"));

        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Any(t => t.Contains("Hari ini: 5 saham (Rp 50.000)", StringComparison.Ordinal)));
        Assert.Equal("Terima kasih. Bendahara dan pendamping sudah diberi tahu dan akan memeriksanya.", await bed.PressAsync(Siti, "Salah"));

        // A loan for Siti asked on the simulator (the box: 74.000 less the social fund 4.000); Rina's second key is an inline button on Telegram.
        await bed.Bot.SayAsync("admin", "pinjaman Siti");
        Assert.Equal("Kas hanya punya Rp 70.000 untuk dipinjamkan. Tulis jumlah lebih kecil.", (await bed.Bot.SayAsync("admin", "100rb"))[0].Text);
        await bed.Bot.SayAsync("admin", "60rb");
        await bed.Bot.ChooseAsync("admin", "term:2");
        await bed.Bot.ChooseAsync("admin", "confirm:save");
        await bed.Api.WaitForAsync(a => a.TextsTo(Rina).Any(t => t.Contains("mengajukan pinjaman untuk Siti: Rp 60.000, 2 bulan", StringComparison.Ordinal)));
        Assert.Equal("Disetujui: pinjaman Siti Rp 60.000. Uang diserahkan hari ini; dihitung di kas pertemuan berikutnya.", await bed.PressAsync(Rina, "Setujui"));
        await bed.Api.WaitForAsync(a => a.TextsTo(Siti).Any(t => t.StartsWith("Pinjaman Anda Rp 60.000 di Melati disetujui. Total dibayar Rp 62.400", StringComparison.Ordinal)));
        Assert.Equal(LoanStatus.Active, await bed.Bot.DbAsync(db => db.Loans.Select(l => l.Status).SingleAsync()));
    }

    /// <summary>Today's date as the bot writes it (this test bed runs on the real clock).</summary>
    private static string Format(TelegramTestBed bed) => GroupBot.Chat.Format.Date("id", bed.Bot.Services.GetRequiredService<LocalClock>().Today);
}
