using System.Text;

namespace GroupBot.Chat;

/// <summary>
/// Maps what a person typed outside a flow to a command, checks that they may use it, and runs it.
/// "bantuan"/"help" is answered here: the menu lists only what the caller may use.
/// </summary>
public sealed class Router
{
    private readonly IReadOnlyList<ICommand> _commands;
    private readonly Dictionary<string, ICommand> _byPhrase = new(StringComparer.Ordinal);

    public Router(IEnumerable<ICommand> commands)
    {
        _commands = [.. commands];
        foreach (var command in _commands)
        {
            foreach (var word in command.Info.Words)
            {
                if (!_byPhrase.TryAdd(word, command))
                {
                    throw new InvalidOperationException($"Command word '{word}' is used by both {_byPhrase[word].Info.Name} and {command.Info.Name}.");
                }
            }
        }
    }

    public IReadOnlyList<ICommand> Commands => _commands;

    /// <summary>Finds the command for a text: two-word phrases first ("kelompok baru"), then the first word.</summary>
    public (ICommand Command, string Args)? Find(string text)
    {
        var (first, rest) = Words.SplitCommand(text);
        if (first.Length == 0)
        {
            return null;
        }

        if (rest.Length > 0)
        {
            var (second, afterSecond) = Words.SplitCommand(rest);
            if (_byPhrase.TryGetValue($"{first} {second}", out var two))
            {
                return (two, afterSecond);
            }
        }

        return _byPhrase.TryGetValue(first, out var one) ? (one, rest) : null;
    }

    public async Task DispatchAsync(Turn turn, string text, CancellationToken ct)
    {
        if (GlobalWords.Match(text) == GlobalWord.Help)
        {
            ShowMenu(turn);
            return;
        }

        if (GlobalWords.Match(text) is GlobalWord.Cancel or GlobalWord.Back)
        {
            turn.Say(turn.T("Flow.NothingToCancel"));
            return;
        }

        var found = Find(text);
        if (found is null && turn.Message.IsGroupChat)
        {
            // In a group the bot sees every command, most of them meant for people or other bots.
            return;
        }

        if (found is null)
        {
            turn.Say(turn.T(turn.Caller.Person is null ? "Unknown.NotJoined" : "Unknown.Command"));
            return;
        }

        var (command, args) = found.Value;
        if (turn.Message.IsGroupChat && !command.Info.InGroupChat)
        {
            turn.Say(turn.T("Refuse.PrivateOnly"));
            return;
        }

        if (!command.Info.Audience.Allows(turn.Caller))
        {
            turn.Say(turn.T(command.Info.Audience.RefusalKey(turn.Caller)));
            return;
        }

        await command.RunAsync(turn, args, ct);
    }

    /// <summary>The role-aware menu: one line per command the caller may use.</summary>
    public void ShowMenu(Turn turn)
    {
        if (turn.Message.IsGroupChat)
        {
            turn.Say(turn.T("Menu.GroupChat"));
            return;
        }

        if (!turn.Caller.IsJoined)
        {
            turn.Say(turn.T("Menu.Welcome"), [new Choice("mulai", turn.T("Button.Start")), new Choice("bahasa", turn.T("Button.Language"))]);
            return;
        }

        var sb = new StringBuilder(turn.T("Menu.Title"));
        foreach (var command in _commands)
        {
            if (command.Info.MenuKey is { } key && command.Info.Audience.Allows(turn.Caller))
            {
                sb.Append('\n').Append("• ").Append(turn.T(key));
            }
        }

        sb.Append('\n').Append(turn.T("Menu.Footer"));
        var choices = turn.Caller.IsMember
            ? new[] { new Choice("hadir", turn.T("Button.Present")), new Choice("pertemuan", turn.T("Button.Meeting")) }
            : [];
        turn.Say(sb.ToString(), choices);
    }
}
