using GroupBot.Chat;

namespace GroupBot.Business;

public static class BusinessExtensions
{
    /// <summary>The business book (per meeting or per month), "usaha"/"laba", its chart and its setting.</summary>
    public static IHostApplicationBuilder AddBusiness(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<BusinessFlow>();
        s.AddCommand<BusinessReportCommand>();
        s.AddCommand<BusinessCommand>();
        s.AddCommand<BusinessChartCommand>();
        s.AddCommand<BusinessSettingsCommand>();
        return builder;
    }
}
