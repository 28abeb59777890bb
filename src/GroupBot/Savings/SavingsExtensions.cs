using GroupBot.Chat;

namespace GroupBot.Savings;

public static class SavingsExtensions
{
    /// <summary>Savings reports (versioned, cash-checked), their history, and the latest report and minutes for members.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<ReportFlow>();
        s.AddCommand<ReportCommand>();
        s.AddCommand<ReportHistoryCommand>();
        s.AddCommand<LastReportCommand>();
        return builder;
    }
}
