using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>"kelompok": facilitators and admins list the groups they follow, with meeting day and size.</summary>
public sealed class ListGroupsCommand : ICommand
{
    public CommandInfo Info { get; } = new("group.list", ["kelompok", "groups", "group"], Audience.Officer, "Menu.Groups");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        var groups = await GroupRefs.LeadableAsync(turn, ct);
        if (groups.Count == 0)
        {
            turn.Say(turn.T("Group.NoneToAct"));
            return;
        }

        var ids = groups.Select(g => g.Id).ToList();
        var sizes = await turn.Db.Memberships.Where(m => ids.Contains(m.GroupId))
            .GroupBy(m => m.GroupId).Select(x => new { x.Key, Count = x.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var sb = new StringBuilder(turn.T("Group.ListTitle"));
        foreach (var g in groups)
        {
            sb.Append('\n').Append(turn.T("Group.ListLine", GroupRefs.Label(g), turn.T($"Kind.{g.Kind}"),
                Format.Day(turn.Language, g.MeetingDay), Format.Time(turn.Language, g.MeetingTime), sizes.GetValueOrDefault(g.Id)));
        }

        turn.Say(sb.ToString());
    }
}

/// <summary>"kelompok hapus": a facilitator or admin retires a group. Its records stay; its codes stop working.</summary>
public sealed class DeleteGroupCommand(Reminders.ReminderScheduler scheduler) : ICommand
{
    private const string Confirm = "ya";

    public CommandInfo Info { get; } = new("group.delete", ["kelompok hapus", "group delete"], Audience.Facilitator, "Menu.GroupDelete");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "kelompok hapus", ct, overseenOnly: true) is not (var group, var rest))
        {
            return;
        }

        if (Words.Fold(rest) != Confirm)
        {
            turn.Say(turn.T("Group.DeleteConfirm", group.Name),
                [new Choice($"kelompok hapus #{group.Id} {Confirm}", turn.T("Button.YesDelete")), new Choice("batal", turn.T("Button.Cancel"))]);
            return;
        }

        group.Retire(turn.Clock.UtcNow);
        turn.Audit("delete", "group", group.Id, group.Name);
        turn.AfterCommit(c => scheduler.UnscheduleAsync(Reminders.ReminderScheduler.GroupJob(group.Id), c));
        turn.Say(turn.T("Group.Deleted", group.Name));
    }
}

/// <summary>"kode": officers see their group's join codes; "kode baru" replaces them (the old ones stop working).</summary>
public sealed class CodesCommand : ICommand
{
    public CommandInfo Info { get; } = new("group.codes", ["kode", "code", "codes"], Audience.Officer, "Menu.Codes");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "kode", ct) is not { Group: var group })
        {
            return;
        }

        var (member, leader) = await JoinCodes.CurrentAsync(turn.Db, group, ct);
        turn.Say(turn.T("Group.Codes", group.Name, member, leader), [new Choice($"kode baru #{group.Id}", turn.T("Button.NewCodes"))]);
    }
}

public sealed class NewCodesCommand : ICommand
{
    public CommandInfo Info { get; } = new("group.codes.new", ["kode baru", "code new", "new code"], Audience.Officer, "Menu.CodesNew");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "kode baru", ct) is not { Group: var group })
        {
            return;
        }

        await JoinCodes.RegenerateAsync(turn.Db, group, turn.Clock.UtcNow, ct);
        turn.Audit("regenerate-codes", "group", group.Id);
        var (member, leader) = await JoinCodes.CurrentAsync(turn.Db, group, ct);
        turn.Say(turn.T("Group.CodesRenewed", group.Name, member, leader));
    }
}
