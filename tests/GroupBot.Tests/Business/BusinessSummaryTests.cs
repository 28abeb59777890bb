using System.Globalization;
using GroupBot.Business;
using GroupBot.Chat;
using GroupBot.Summaries;
using GroupBot.Tests.Planning;
using GroupBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GroupBot.Tests.Business;

/// <summary>
/// Kakao Sakato's book by month: October 500.000 − 600.000 = rugi 100.000, November 700.000 − 750.000
/// = rugi 50.000, December 1.000.000 − 600.000 = laba 400.000 (40 %). Fitri facilitates Mungo.
/// </summary>
public sealed class BusinessSummaryTests
{
    private static async Task<BotHost> ThreeMonthsAsync()
    {
        var bot = await BusinessSteps.KakaoAsync();
        await PlanningSteps.FacilitatorAsync(bot);
        foreach (var (month, sales, materials) in new[] { ("oktober", "500rb", "600rb"), ("november", "700rb", "750rb"), ("desember", "1 juta", "600rb") })
        {
            await BusinessSteps.MonthAsync(bot, month, sales, [materials, "lewati", "lewati", "lewati"], "lewati", null);
            await bot.ChooseAsync("rina", "confirm:save");
        }

        return bot;
    }

    [Fact]
    public async Task The_weekly_summary_shows_the_business_instead_of_empty_savings_and_flags_two_months_of_loss()
    {
        await using var bot = await ThreeMonthsAsync();
        await Scenario.CreateGroupAsync(bot, group: "Keripik Balado", kind: "usaha"); // on Friday 4 December, and it never reports
        bot.Time.SetUtcNow(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.FromHours(7))); // before the Monday job's own hour

        var week = await bot.TextAsync("fitri", "ringkasan lalu");
        Assert.Contains("• Kakao Sakato (Mungo): tidak ada pertemuan; usaha rugi 2 bulan berturut-turut\n", week);
        Assert.Contains("• Kakao Sakato: tidak ada pertemuan, usaha Des: omzet Rp 1.000.000, laba Rp 400.000 (margin 40%) ▲\n", week);
        Assert.DoesNotContain("simpanan Rp 0 (total Rp 0) ", week);

        // The Monday job says the same to Fitri.
        await using (var scope = bot.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MondaySummaries>().SendAsync(new DateOnly(2026, 12, 7), TestContext.Current.CancellationToken);
        }

        var monday = await bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == "fitri" && o.DeliveryKey!.StartsWith("weekly:")).ToListAsync()).Select(o => Outbox.Read(o).Text).First());
        Assert.Contains("• Kakao Sakato: tidak ada pertemuan, usaha Des: omzet Rp 1.000.000, laba Rp 400.000 (margin 40%) ▲\n", monday);
        Assert.Contains("usaha rugi 2 bulan berturut-turut", monday);

        // January: December made a profit, so the loss warning is gone; a business group that never
        // reported since it started on 4 December is five weeks quiet by Sunday 10 January.
        bot.Time.SetUtcNow(new DateTimeOffset(2027, 1, 11, 6, 0, 0, TimeSpan.FromHours(7)));
        var january = await bot.TextAsync("fitri", "ringkasan lalu");
        Assert.Contains("• Keripik Balado (Mungo): tidak ada pertemuan; tidak ada laporan usaha 5 minggu\n", january);
        Assert.Contains("• Kakao Sakato (Mungo): tidak ada pertemuan\n", january);
        Assert.Contains("• Kakao Sakato: tidak ada pertemuan, usaha Des: omzet Rp 1.000.000, laba Rp 400.000 (margin 40%) ▲\n", january);
        Assert.Contains("• Keripik Balado: tidak ada pertemuan, usaha: belum ada laporan\n", january);
    }

    [Fact]
    public async Task The_chart_and_the_export_carry_the_same_months()
    {
        await using var bot = await ThreeMonthsAsync();

        var chart = await bot.SayAsync("siti", "usaha grafik");
        Assert.Equal("Usaha Kakao Sakato, Jul 2026 – Des 2026: penjualan (hijau), biaya (oranye), laba (garis biru).", Assert.Single(chart).Text);
        var png = await bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == "siti").ToListAsync()).Select(Outbox.Read).Last(m => m.Photo is not null).Photo!.Content);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));

        // Fitri's villages, one line per group that keeps a book; the chart of her village adds them up.
        await Scenario.CreateGroupAsync(bot, group: "Keripik Balado", kind: "usaha");
        const string List = "Usaha kelompok, Des 2026:\n\nMungo\n• Kakao Sakato: Des omzet Rp 1.000.000, laba Rp 400.000 (margin 40%) ▲\n• Keripik Balado: belum ada laporan usaha";
        Assert.Equal(List, await bot.TextAsync("fitri", "usaha"));
        Assert.Equal(List, await bot.TextAsync("fitri", "laba Mungo"));
        Assert.StartsWith("Usaha Mungo, Jul 2026 – Des 2026:", await bot.TextAsync("fitri", "usaha grafik Mungo"));
        Assert.StartsWith("Usaha Keripik Balado (Mungo)\nDes 2026: belum ada laporan usaha\n", await bot.TextAsync("fitri", "usaha Keripik Balado"));

        var export = await bot.SayAsync("fitri", "ekspor 1/10/2026 - 31/12/2026");
        Assert.Contains(export, r => r.Text == "Buku usaha: 3 baris (satu per periode).");
        var files = await bot.DbAsync(async db => (await db.Outbox.Where(o => o.ChatId == "fitri").ToListAsync()).Select(Outbox.Read).Where(m => m.Document is not null).Select(m => m.Document!).ToList());
        var csv = files.Single(f => f.FileName == "usaha-20261001-20261231.csv");
        using var reader = new StreamReader(new MemoryStream(csv.Content));
        using var parser = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = parser.GetRecords<dynamic>().Select(r => (IDictionary<string, object>)r).ToList();
        Assert.Equal(BusinessExport.Columns, rows[0].Keys);
        Assert.Equal(
            ["2026-10|500000|600000|-100000|-20", "2026-11|700000|750000|-50000|-7", "2026-12|1000000|600000|400000|40"],
            rows.Select(r => $"{r["period"]}|{r["sales"]}|{r["costs"]}|{r["profit"]}|{r["margin_percent"]}"));

        var xlsx = files.Single(f => f.FileName.EndsWith(".xlsx", StringComparison.Ordinal));
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx.Content), useHeaderRow: true, sheetName: "Usaha").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([-100000d, -50000d, 400000d], sheet.Select(r => Convert.ToDouble(r["profit"], CultureInfo.InvariantCulture)));
    }
}
