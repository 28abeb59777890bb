using GroupBot.Chat;

namespace GroupBot.Minutes;

public static class MinutesExtensions
{
    /// <summary>Meeting minutes ("notulen"): versioned, with photos.</summary>
    public static IHostApplicationBuilder AddMinutes(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<MinutesFlow>();
        s.AddCommand<MinutesCommand>();
        return builder;
    }
}
