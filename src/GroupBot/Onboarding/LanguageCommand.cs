using GroupBot.Chat;
using GroupBot.People;

namespace GroupBot.Onboarding;

/// <summary>"bahasa": choose Bahasa Indonesia or English. Someone not yet joined goes on to join.</summary>
public sealed class LanguageCommand(OnboardingFlow onboarding) : ICommand
{
    public CommandInfo Info { get; } = new("language", ["bahasa", "language", "lang"], Audience.Anyone, "Menu.Language");

    public Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (turn.Caller.Person is null)
        {
            var chosen = LanguageWords.Parse(Words.Fold(args));
            if (chosen is null)
            {
                turn.Start(onboarding, new OnboardingFlow.Draft { Language = turn.Language });
                return Task.CompletedTask;
            }

            turn.Language = chosen;
            turn.Start(onboarding, new OnboardingFlow.Draft { Language = chosen }, OnboardingFlow.CodeStep);
            return Task.CompletedTask;
        }

        var language = LanguageWords.Parse(Words.Fold(args));
        if (language is null)
        {
            turn.Say(turn.T("Language.Pick"), [new Choice("bahasa id", "Bahasa Indonesia"), new Choice("bahasa en", "English")]);
            return Task.CompletedTask;
        }

        turn.Caller.Person.Language = language;
        turn.Language = language;
        turn.Say(turn.T("Language.Set"));
        return Task.CompletedTask;
    }
}

public static class LanguageWords
{
    /// <summary>"id", "en", or null when the text names neither.</summary>
    public static string? Parse(string value) => value switch
    {
        "lang:id" or "id" or "indonesia" or "bahasa indonesia" or "indonesian" or "bahasa id" or "1" => "id",
        "lang:en" or "en" or "english" or "inggris" or "bahasa inggris" or "bahasa en" or "2" => "en",
        _ => null,
    };
}
