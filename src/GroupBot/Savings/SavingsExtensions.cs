using GroupBot.Chat;
using GroupBot.Minutes;

namespace GroupBot.Savings;

public static class SavingsExtensions
{
    /// <summary>Savings reports (versioned, cash-checked) and meeting minutes.</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<ReportFlow>();
        s.AddFlow<MinutesFlow>();
        s.AddCommand<ReportCommand>();
        s.AddCommand<ReportHistoryCommand>();
        s.AddCommand<LastReportCommand>();
        s.AddCommand<MinutesCommand>();
        return builder;
    }
}
