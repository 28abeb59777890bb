using GroupBot.Chat;
using GroupBot.People;

namespace GroupBot.Planning;

/// <summary>
/// "ringkasan perencanaan [grafik] [tahun] [nagari]": the planning year of her villages (a facilitator's;
/// every village for an admin), per village and in total, against last year, with what needs attention first.
/// </summary>
public sealed class PlanningSummaryCommand(Texts texts) : ICommand
{
    public CommandInfo Info { get; } = new("summary.planning", ["ringkasan perencanaan", "summary planning", "ringkasan musrenbang", "planning summary"], Audience.Facilitator, "Menu.PlanningSummary");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var words = Words.Fold(args);
        var chart = words.StartsWith("grafik", StringComparison.Ordinal) || words.StartsWith("chart", StringComparison.Ordinal);
        if (chart)
        {
            words = words[(words.IndexOf(' ', StringComparison.Ordinal) is var i and >= 0 ? i + 1 : words.Length)..];
        }

        var (year, name) = Calendar.YearAndVillage(words, turn.Clock.Today.Year);
        var villages = await Calendar.OverseenAsync(turn, ct);
        if (villages.Count == 0)
        {
            turn.Say(turn.T("Planning.NoVillage"));
            return;
        }

        if (name.Length > 0)
        {
            var named = villages.Where(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 0)
            {
                turn.Say(turn.T("PlanningSummary.Example", string.Join(", ", villages.Select(v => v.Name)), villages[0].Name), [.. villages.Take(GroupRefs.MaxPickChoices)
                    .Select(v => new Choice($"ringkasan perencanaan {year} {v.Name}", v.Name))]);
                return;
            }

            villages = named;
        }

        var summary = await PlanningSummaries.BuildAsync(turn.Db, [.. villages.Select(v => v.Id)], year, turn.Clock.Today, ct);
        if (chart)
        {
            var png = PlanningChart.Render(texts, turn.Language, summary);
            turn.Say(new OutgoingMessage { Text = turn.T("PlanningSummary.ChartCaption", year), Photo = new OutgoingFile($"perencanaan-{year}.png", "image/png", png) });
            return;
        }

        foreach (var part in PlanningSummaries.Render(texts, turn.Language, summary))
        {
            turn.Say(part);
        }
    }
}

/// <summary>Per village: proposals, and how many reached the RKP and the APBNagari, as bars side by side.</summary>
public static class PlanningChart
{
    public const int Width = 800;
    public const int Height = 450;

    public static byte[] Render(Texts texts, string language, PlanningSummary s)
    {
        string T(string key, params object?[] args) => texts.Get(language, key, args);
        var plot = new ScottPlot.Plot();
        (string Key, Func<PlanningFigures, int> Value)[] series =
        [
            ("PlanningSummary.Chart.Proposals", f => f.Proposals),
            ("PlanningSummary.Chart.WorkPlan", f => f.ReachedWorkPlan),
            ("PlanningSummary.Chart.Budget", f => f.ReachedBudget),
        ];
        for (var k = 0; k < series.Length; k++)
        {
            var (key, value) = series[k];
            var bars = plot.Add.Bars(s.Villages.Select((v, i) => new ScottPlot.Bar { Position = i * (series.Length + 1) + k, Value = value(v) }).ToArray());
            bars.LegendText = T(key);
            bars.Color = ScottPlot.Color.FromHex(k switch { 0 => "#7a9cc6", 1 => "#e0a458", _ => "#5a9367" });
        }

        plot.Axes.Bottom.SetTicks([.. s.Villages.Select((v, i) => (double)(i * (series.Length + 1) + 1))], [.. s.Villages.Select(v => v.Village)]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title(T("PlanningSummary.ChartTitle", s.Year));
        return plot.GetImageBytes(Width, Height, ScottPlot.ImageFormat.Png);
    }
}
