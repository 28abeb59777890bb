using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.People;
using ScottPlot;

namespace GroupBot.Business;

/// <summary>"usaha grafik [group | village]": monthly sales and costs (bars) and profit (line), the last six months.</summary>
public sealed class BusinessChartCommand(Texts texts, LocalClock clock) : ICommand
{
    public const int Months = 6;

    public CommandInfo Info { get; } = new("business-chart", ["usaha grafik", "laba grafik", "business chart", "profit chart"], Audience.Joined, "Menu.BusinessChart");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await BookScope.ResolveAsync(turn, args, "usaha grafik", ct) is not var (groups, one))
        {
            return;
        }

        var thisMonth = Books.MonthOf(clock.Today);
        var first = thisMonth.AddMonths(-(Months - 1));
        var states = await Books.StatesAsync(turn.Db, [.. groups.Select(g => g.Id)], first, clock.Today, ct);
        var months = Enumerable.Range(0, Months).Select(i => first.AddMonths(i)).ToList();
        var figures = months.Select(m => (
            Sales: states.Values.Sum(s => s.In(m)?.Sales ?? 0),
            Costs: states.Values.Sum(s => s.In(m)?.Costs ?? 0))).ToList();
        var title = one ? groups[0].Name : groups[0].Village?.Name ?? string.Empty;
        if (!one && groups.Select(g => g.VillageId).Distinct().Count() > 1)
        {
            title = turn.T("Business.ChartAll");
        }

        var png = Render(texts, turn.Language, title, months, figures);
        turn.Say(new OutgoingMessage
        {
            Text = turn.T("Business.ChartCaption", title, BusinessFlow.MonthLabel(turn.Language, first), BusinessFlow.MonthLabel(turn.Language, thisMonth)),
            Photo = new OutgoingFile($"usaha-{thisMonth:yyyy-MM}.png", "image/png", png),
        });
    }

    public static byte[] Render(Texts texts, string language, string title, IReadOnlyList<DateOnly> months, IReadOnlyList<(long Sales, long Costs)> figures)
    {
        var plot = new Plot();
        var sales = new Color(0x2E, 0x7D, 0x32);
        var costs = new Color(0xEF, 0x6C, 0x00);
        var bars = new List<Bar>();
        for (var i = 0; i < months.Count; i++)
        {
            bars.Add(new Bar { Position = i - 0.2, Value = figures[i].Sales, Size = 0.38, FillColor = sales });
            bars.Add(new Bar { Position = i + 0.2, Value = figures[i].Costs, Size = 0.38, FillColor = costs });
        }

        plot.Add.Bars(bars);
        var profit = plot.Add.Scatter(Enumerable.Range(0, months.Count).Select(i => (double)i).ToArray(),
            figures.Select(f => (double)(f.Sales - f.Costs)).ToArray());
        profit.LineWidth = 3;
        profit.Color = new Color(0x15, 0x65, 0xC0);
        plot.Add.HorizontalLine(0, 1, Colors.Gray);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, months.Count).Select(i => (double)i)], [.. months.Select(m => BusinessFlow.MonthLabel(language, m))]);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.Get(language, "Business.Field.Sales"), FillColor = sales });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.Get(language, "Business.Costs"), FillColor = costs });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = texts.Get(language, "Business.ProfitLegend"), LineColor = profit.Color, LineWidth = 3 });
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Title(texts.Get(language, "Business.ChartTitle", title));
        return plot.GetImageBytes(800, 450, ImageFormat.Png);
    }
}
