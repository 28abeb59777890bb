using GroupBot.Chat;
using GroupBot.Chat.Parsing;
using GroupBot.People;

namespace GroupBot.Summaries;

/// <summary>"siklus 1/1/2026": an officer sets when the group's savings cycle started (cumulative savings count from it).</summary>
public sealed class CycleCommand : ICommand
{
    public CommandInfo Info { get; } = new("cycle", ["siklus", "cycle"], Audience.Officer, "Menu.Cycle");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "siklus", ct) is not (var group, var rest))
        {
            return;
        }

        if (rest.Length == 0)
        {
            turn.Say(group.CycleStart is { } start ? turn.T("Cycle.Current", group.Name, Format.Date(turn.Language, start)) : turn.T("Cycle.Default", group.Name));
            return;
        }

        if (!DateParser.TryParse(rest, turn.Clock.Today, DateLean.Past, out var date) || date > turn.Clock.Today)
        {
            turn.Say(turn.T("Cycle.Example"));
            return;
        }

        group.StartCycle(date);
        turn.Audit("cycle-start", "group", group.Id, date.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        turn.Say(turn.T("Cycle.Set", group.Name, Format.Date(turn.Language, date)));
    }
}
