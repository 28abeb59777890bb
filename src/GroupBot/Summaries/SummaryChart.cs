using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Savings;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace GroupBot.Summaries;

/// <summary>"ringkasan grafik": attendance % per group this week (bars) above the savings trend of the last 8 weeks (line).</summary>
public static class SummaryChart
{
    public const int Width = 800;
    public const int PanelHeight = 400;
    public const int Weeks = 8;

    public static async Task<byte[]> RenderAsync(GroupBotDb db, Texts texts, string language, WeekSummary week, IReadOnlyCollection<long> groupIds, CancellationToken ct)
    {
        var attendance = new ScottPlot.Plot();
        var held = week.Groups.Where(g => g.Held).ToList();
        attendance.Add.Bars(held.Select(g => (double)(g.AttendancePercent ?? 0)).ToArray());
        attendance.Axes.Bottom.SetTicks([.. Enumerable.Range(0, held.Count).Select(i => (double)i)], [.. held.Select(g => g.Group)]);
        attendance.Axes.SetLimitsY(0, 100);
        attendance.Title(texts.Get(language, "Chart.Attendance", Summaries.Weeks.Label(week.Monday)));

        var first = week.Monday.AddDays(-7 * (Weeks - 1));
        var last = week.Monday.AddDays(6);
        var reports = await db.SavingsReports.AsNoTracking()
            .Where(r => groupIds.Contains(r.GroupId) && r.Meeting!.Date >= first && r.Meeting.Date <= last
                && r.Version == db.Set<SavingsReport>().Where(x => x.MeetingId == r.MeetingId).Max(x => x.Version))
            .Select(r => new { r.Meeting!.Date, r.Savings }).ToListAsync(ct);
        var totals = Enumerable.Range(0, Weeks)
            .Select(i => (double)reports.Where(r => Summaries.Weeks.MondayOf(r.Date) == first.AddDays(7 * i)).Sum(r => r.Savings ?? 0))
            .ToArray();
        var trend = new ScottPlot.Plot();
        trend.Add.Scatter(Enumerable.Range(0, Weeks).Select(i => (double)i).ToArray(), totals);
        trend.Axes.Bottom.SetTicks([.. Enumerable.Range(0, Weeks).Select(i => (double)i)],
            [.. Enumerable.Range(0, Weeks).Select(i => Summaries.Weeks.Label(first.AddDays(7 * i))[5..])]);
        trend.Title(texts.Get(language, "Chart.Savings", Weeks));

        using var top = SKBitmap.Decode(attendance.GetImageBytes(Width, PanelHeight, ScottPlot.ImageFormat.Png));
        using var bottom = SKBitmap.Decode(trend.GetImageBytes(Width, PanelHeight, ScottPlot.ImageFormat.Png));
        using var surface = SKSurface.Create(new SKImageInfo(Width, PanelHeight * 2));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(top, 0, 0);
        surface.Canvas.DrawBitmap(bottom, 0, PanelHeight);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        return png.ToArray();
    }
}
