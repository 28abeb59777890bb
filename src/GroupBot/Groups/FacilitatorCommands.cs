using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>
/// "pendamping tambah Mungo": an admin makes a one-time facilitator code for a village. The
/// facilitator types "mulai" and the code, and is assigned to that village.
/// </summary>
public sealed class AddFacilitatorCommand : ICommand
{
    public CommandInfo Info { get; } = new("facilitator.add", ["pendamping tambah", "facilitator add"], Audience.Admin, "Menu.FacilitatorAdd");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var villages = await turn.Db.Villages.OrderBy(v => v.Name).ToListAsync(ct);
        if (villages.Count == 0)
        {
            turn.Say(turn.T("Village.NoneAdmin"));
            return;
        }

        var name = Names.Tidy(args);
        var village = args.StartsWith('#') && long.TryParse(args[1..], out var id)
            ? villages.FirstOrDefault(v => v.Id == id)
            : villages.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
        if (village is null)
        {
            turn.Say(turn.T("Facilitator.PickVillage"),
                [.. villages.Take(GroupRefs.MaxPickChoices).Select(v => new Choice($"pendamping tambah #{v.Id}", v.Name))]);
            return;
        }

        var code = JoinCode.ForVillage(await JoinCodes.NewCodeAsync(turn.Db, ct), village.Id, turn.Clock.UtcNow);
        turn.Db.JoinCodes.Add(code);
        await turn.Db.SaveChangesAsync(ct);
        turn.Audit("create-facilitator-code", "village", village.Id);
        turn.Say(turn.T("Facilitator.Code", village.Name, code.Code));
    }
}
