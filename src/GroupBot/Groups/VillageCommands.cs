using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>"desa tambah Mungo": an admin adds a village (nagari/desa).</summary>
public sealed class AddVillageCommand : ICommand
{
    public const int MaxNameLength = 60;

    public CommandInfo Info { get; } = new("village.add", ["desa tambah", "nagari tambah", "village add"], Audience.Admin, "Menu.VillageAdd");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var name = Names.Tidy(args);
        if (!Names.IsPlausible(name, MaxNameLength))
        {
            turn.Say(turn.T("Village.AddExample"));
            return;
        }

        if (await turn.Db.Villages.AnyAsync(v => v.Name == name, ct))
        {
            turn.Say(turn.T("Village.Exists", name));
            return;
        }

        var village = new Village { Name = name, CreatedUtc = turn.Clock.UtcNow };
        turn.Db.Villages.Add(village);
        await turn.Db.SaveChangesAsync(ct);
        turn.Audit("create", "village", village.Id, name);
        turn.Say(turn.T("Village.Added", name), [new Choice("kelompok baru", turn.T("Button.NewGroup"))]);
    }
}

/// <summary>"desa": facilitators and admins see their villages and how many groups each has.</summary>
public sealed class ListVillagesCommand : ICommand
{
    public CommandInfo Info { get; } = new("village.list", ["desa", "nagari", "village", "villages"], Audience.Facilitator, "Menu.Villages");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var ids = turn.Caller.FacilitatorVillageIds;
        var all = turn.Caller.IsAdmin;
        var villages = await turn.Db.Villages
            .Where(v => all || ids.Contains(v.Id))
            .OrderBy(v => v.Name)
            .Select(v => new { v.Name, Groups = v.Groups.Count(g => g.DeletedUtc == null) })
            .ToListAsync(ct);
        if (villages.Count == 0)
        {
            turn.Say(turn.T(all ? "Village.NoneAdmin" : "Village.None"));
            return;
        }

        var sb = new StringBuilder(turn.T("Village.ListTitle"));
        foreach (var v in villages)
        {
            sb.Append('\n').Append(turn.T("Village.ListLine", v.Name, v.Groups));
        }

        turn.Say(sb.ToString());
    }
}
