using GroupBot.People;

namespace GroupBot.Chat;

/// <summary>
/// A command as people type it. <paramref name="Words"/> are every spelling that runs it
/// (Indonesian first, then English); a word may be two words ("kelompok baru").
/// <paramref name="MenuKey"/> is the help-menu line, or null to leave it out of the menu.
/// </summary>
public sealed record CommandInfo(string Name, IReadOnlyList<string> Words, Audience Audience, string? MenuKey)
{
    /// <summary>
    /// Works in a group chat too. Most commands are private-chat only: in a group the bot sees only
    /// commands (Telegram privacy mode), so a multi-step conversation cannot happen there.
    /// </summary>
    public bool InGroupChat { get; init; }
}

public interface ICommand
{
    CommandInfo Info { get; }

    /// <summary>Runs the command. <paramref name="args"/> is the text after the command words.</summary>
    Task RunAsync(Turn turn, string args, CancellationToken ct);
}
