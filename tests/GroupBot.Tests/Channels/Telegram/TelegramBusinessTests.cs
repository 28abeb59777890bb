using GroupBot.Business;
using GroupBot.Data;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Channels.Telegram;

/// <summary>The business book on Telegram: the real Telegram.Bot client against the loopback fake Bot API, inline buttons, and a restart halfway.</summary>
public sealed class TelegramBusinessTests
{
    private const long Rina = 50;

    [Fact]
    public async Task A_treasurer_fills_a_month_with_buttons_across_a_restart_and_reads_her_profit()
    {
        await using var bed = await TelegramTestBed.StartAsync();
        var codes = await Scenario.CreateGroupAsync(bed.Bot, group: "Kakao Sakato", kind: "usaha");
        await bed.JoinAsync(Rina, codes.Leader, "Rina");
        Assert.Equal("Buku usaha Kakao Sakato: dicatat tiap bulan. Tersimpan.", await bed.SayAsync(Rina, Rina, "/usaha atur bulanan"));

        // This test bed runs on the real clock: the month buttons are this month and the last.
        var month = Books.MonthOf(bed.Bot.Services.GetRequiredService<LocalClock>().Today);
        Assert.Equal("Buku usaha bulan apa? Tekan tombol, atau ketik bulannya, contoh: November", await bed.SayAsync(Rina, Rina, "lapor usaha"));
        Assert.Equal("Berapa hasil penjualan (omzet)? Contoh: 1.500.000 atau 1,5 juta", await bed.PressAsync(Rina, BusinessFlow.MonthLabel("id", month)));
        await bed.SayAsync(Rina, Rina, "2 juta");
        await bed.SayAsync(Rina, Rina, "1,2 jt");

        // The bot restarts between two answers: the conversation and the amounts given are kept.
        await bed.RestartAsync();
        Assert.Equal("Berapa biaya transport? Contoh: 50rb", await bed.PressAsync(Rina, "Tidak ada"));
        await bed.PressAsync(Rina, "Tidak ada");
        await bed.SayAsync(Rina, Rina, "150rb");
        await bed.PressAsync(Rina, "Lewati");
        var summary = await bed.PressAsync(Rina, "Tidak ada perubahan");

        // 2.000.000 − (1.200.000 + 0 + 0 + 150.000) = 650.000; 650/2000 = 32,5 % → 33 %.
        Assert.Contains("Biaya: Rp 1.350.000 (bahan Rp 1.200.000, lainnya Rp 150.000)\nLaba Rp 650.000 (margin 33%)", summary);
        Assert.StartsWith("Buku usaha Kakao Sakato untuk ", await bed.PressAsync(Rina, "Simpan"));
        Assert.Contains($"{BusinessFlow.MonthLabel("id", month)}: omzet Rp 2.000.000, biaya Rp 1.350.000, laba Rp 650.000 (margin 33%)", await bed.PressAsync(Rina, "Lihat usaha"));
        var report = await bed.Bot.DbAsync(db => db.BusinessReports.SingleAsync());
        Assert.Equal((2_000_000L, 1_200_000L, 0L, 0L, 150_000L, 1), (report.Sales, report.Materials, report.Wages, report.Transport, report.OtherCosts, report.Version));
    }
}
