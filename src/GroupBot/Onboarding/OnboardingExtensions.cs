using GroupBot.Chat;

namespace GroupBot.Onboarding;

public static class OnboardingExtensions
{
    /// <summary>Joining with a code ("mulai"), being recognised by the number a leader added, choosing a language.</summary>
    public static IHostApplicationBuilder AddOnboarding(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<OnboardingFlow>();
        s.AddFlow<RecognizeFlow>();
        s.AddSingleton<IFirstContact, RecognizeByPhone>();
        s.AddCommand<StartCommand>();
        s.AddCommand<LanguageCommand>();
        return builder;
    }
}
