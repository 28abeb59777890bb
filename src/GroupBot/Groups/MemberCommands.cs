using System.Text;
using GroupBot.Chat;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>"anggota": officers see their group's members, with who has no chat account.</summary>
public sealed class ListMembersCommand : ICommand
{
    public CommandInfo Info { get; } = new("members.list", ["anggota", "members"], Audience.Officer, "Menu.Members");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "anggota", ct) is not { Group: var group })
        {
            return;
        }

        var members = await turn.Db.Memberships.Where(m => m.GroupId == group.Id)
            .OrderBy(m => m.Role == MemberRole.Member).ThenBy(m => m.Person!.Name)
            .Select(m => new { m.Person!.Name, m.Role, HasChat = m.Person.Identities.Any() })
            .ToListAsync(ct);
        var sb = new StringBuilder(turn.T("Members.Title", group.Name, members.Count));
        foreach (var m in members)
        {
            sb.Append('\n').Append("• ").Append(m.Name);
            if (m.Role != MemberRole.Member)
            {
                sb.Append(" (").Append(turn.T($"Role.{m.Role}")).Append(')');
            }

            if (!m.HasChat)
            {
                sb.Append(' ').Append(turn.T("Members.NoPhone"));
            }
        }

        sb.Append('\n').Append(turn.T("Members.AddHint"));
        turn.Say(sb.ToString());
    }
}

/// <summary>
/// "anggota tambah Siti" or "anggota tambah Siti 0812…": an officer adds a member who has no phone,
/// or gives her number so the channels can recognise her when she writes.
/// </summary>
public sealed class AddMemberCommand : ICommand
{
    public const int MaxNameLength = 60;

    public CommandInfo Info { get; } = new("members.add", ["anggota tambah", "member add", "members add"], Audience.Officer, "Menu.MembersAdd");

    public async Task RunAsync(Turn turn, string args, CancellationToken ct)
    {
        if (await GroupRefs.FindAsync(turn, args, "anggota tambah", ct, matchName: false) is not (var group, var rest))
        {
            return;
        }

        var (name, phoneText) = SplitNameAndPhone(rest);
        name = Names.Tidy(name);
        if (!Names.IsPlausible(name, MaxNameLength))
        {
            turn.Say(turn.T("Members.AddExample"));
            return;
        }

        string? phone = null;
        if (phoneText.Length > 0 && !Phone.TryNormalize(phoneText, out phone!))
        {
            turn.Say(turn.T("Members.PhoneRetry"));
            return;
        }

        var db = turn.Db;
        if (await db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.Person!.Name == name, ct))
        {
            turn.Say(turn.T("Members.AlreadyThere", name, group.Name));
            return;
        }

        if (phone is not null && await db.Memberships.AnyAsync(m => m.GroupId == group.Id && m.Person!.Phone == phone, ct))
        {
            turn.Say(turn.T("Members.PhoneTaken", Phone.Display(phone), group.Name));
            return;
        }

        // Always a new person: matching a number to someone already known would show her name to
        // whoever typed it and enrol her without asking. She is recognised when she writes herself.
        var person = new Person { Name = name, Phone = phone, Language = "id", CreatedUtc = turn.Clock.UtcNow };
        var membership = new Membership { Person = person, GroupId = group.Id, Role = MemberRole.Member, JoinedUtc = turn.Clock.UtcNow };
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(ct);
        turn.Audit("add-member", "membership", membership.Id, $"group {group.Id}");
        var count = await db.Memberships.CountAsync(m => m.GroupId == group.Id, ct);
        turn.Say(phone is null
            ? turn.T("Members.Added", person.Name, group.Name, count)
            : turn.T("Members.AddedWithPhone", person.Name, group.Name, count, Phone.Display(phone)));
    }

    /// <summary>"Siti Aminah 0812 3456 7890" → ("Siti Aminah", "0812 3456 7890"): the phone starts at the first digit or "+".</summary>
    public static (string Name, string Phone) SplitNameAndPhone(string text)
    {
        var index = text.IndexOfAny(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+']);
        return index < 0 ? (text.Trim(), string.Empty) : (text[..index].Trim(), text[index..].Trim());
    }
}
