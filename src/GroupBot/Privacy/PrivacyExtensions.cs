using GroupBot.Chat;

namespace GroupBot.Privacy;

public static class PrivacyExtensions
{
    /// <summary>"dataku" (what GroupBot keeps about you) and "hapus data" (delete it).</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddCommand<MyDataCommand>();
        s.AddCommand<DeleteMyDataCommand>();
        return builder;
    }
}
