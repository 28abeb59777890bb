using System.Globalization;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Chat;

/// <summary>
/// Which group a command is about. One candidate: that one. Several: the person picks a button,
/// whose id repeats the command with "#id" (e.g. "kode baru #12"), so no state is needed.
/// </summary>
public static class GroupRefs
{
    /// <summary>Buttons beyond this become a long list; channels render it as they can.</summary>
    public const int MaxPickChoices = 30;

    /// <summary>
    /// Groups the caller may run leader commands for, by name: where they hold one of
    /// <paramref name="roles"/> (any officer role by default), and every group they oversee.
    /// </summary>
    public static async Task<List<Group>> LeadableAsync(Turn turn, CancellationToken ct, IReadOnlyList<MemberRole>? roles = null)
    {
        var caller = turn.Caller;
        roles ??= Roles.Officers;
        var officerOf = caller.Memberships.Where(m => roles.Contains(m.Role)).Select(m => m.GroupId).ToList();
        var villages = caller.FacilitatorVillageIds;
        var all = caller.IsAdmin;
        return await turn.Db.Groups.Include(g => g.Village)
            .Where(g => g.DeletedUtc == null && (all || officerOf.Contains(g.Id) || villages.Contains(g.VillageId)))
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .ToListAsync(ct);
    }

    /// <summary>The groups the caller oversees (a facilitator's villages; every group for an admin), by name.</summary>
    public static async Task<List<Group>> OverseenAsync(Turn turn, CancellationToken ct) =>
        [.. (await LeadableAsync(turn, ct)).Where(g => turn.Caller.Oversees(g.VillageId))];

    /// <summary>The group a command is about, and what was typed after its "#id" or name.</summary>
    public sealed record Found(Group Group, string Rest);

    /// <summary>
    /// The opening of a command about one of the caller's groups: the groups she may lead (as one of
    /// <paramref name="roles"/>, or overseeing them), or with <paramref name="overseenOnly"/> only the
    /// ones she oversees; then <see cref="Resolve"/>. Null after saying what to do (pick, or not allowed).
    /// </summary>
    /// <param name="matchName">False where the args are free text that may equal a group's name (a person called Melati).</param>
    public static async Task<Found?> FindAsync(Turn turn, string args, string commandWords, CancellationToken ct,
        IReadOnlyList<MemberRole>? roles = null, bool overseenOnly = false, bool matchName = true)
    {
        var candidates = overseenOnly ? await OverseenAsync(turn, ct) : await LeadableAsync(turn, ct, roles);
        return Resolve(turn, args, candidates, commandWords, out var rest, matchName) is { } group ? new Found(group, rest) : null;
    }

    /// <summary>
    /// Resolves the group for a command. Returns null after saying what to do (pick, or not allowed).
    /// <paramref name="rest"/> is the args without the "#id".
    /// </summary>
    /// <param name="matchName">False where the args are free text that may equal a group's name (a person called Melati).</param>
    public static Group? Resolve(Turn turn, string args, IReadOnlyList<Group> candidates, string commandWords, out string rest, bool matchName = true)
    {
        rest = args;
        if (candidates.Count == 0)
        {
            turn.Say(turn.T("Group.NoneToAct"));
            return null;
        }

        var (first, after) = Words.SplitCommand(args);
        if (args.StartsWith('#'))
        {
            rest = after;
            if (long.TryParse(first.TrimStart('#'), out var id) && candidates.FirstOrDefault(g => g.Id == id) is { } picked)
            {
                return picked;
            }

            turn.Say(turn.T("Group.NotYours"));
            return null;
        }

        // A group named in full: that group, if it is one of hers; refused if it is someone else's
        // (never quietly acting on her own group instead).
        var named = matchName ? args.Trim() : string.Empty;
        if (named.Length > 0)
        {
            var match = candidates.Where(g => string.Equals(g.Name, named, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1)
            {
                rest = string.Empty;
                return match[0];
            }

            if (match.Count == 0 && turn.Db.Groups.Any(g => g.DeletedUtc == null && EF.Functions.Collate(g.Name, "NOCASE") == named))
            {
                turn.Say(turn.T("Group.NotYours"));
                return null;
            }
        }

        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var suffix = args.Length == 0 ? string.Empty : " " + args;
        turn.Say(turn.T("Group.Pick"), [.. candidates.Take(MaxPickChoices).Select(g => new Choice($"{commandWords} #{g.Id}{suffix}", Label(g)))]);
        return null;
    }

    /// <summary>Starts a flow for one of the caller's groups (asking which, if she leads several).</summary>
    public static Task StartForGroupAsync(Turn turn, string args, string commandWords, IFlow flow, Func<Group, object> draft, CancellationToken ct,
        IReadOnlyList<MemberRole>? roles = null) =>
        StartForGroupAsync(turn, args, commandWords, flow, (group, _) => Task.FromResult<object?>(draft(group)), ct, roles);

    /// <param name="draft">The flow's draft for the group, read from the database; null (after saying why) starts nothing.</param>
    public static async Task StartForGroupAsync(Turn turn, string args, string commandWords, IFlow flow, Func<Group, CancellationToken, Task<object?>> draft,
        CancellationToken ct, IReadOnlyList<MemberRole>? roles = null)
    {
        if (await FindAsync(turn, args, commandWords, ct, roles) is { } found && await draft(found.Group, ct) is { } started)
        {
            turn.Start(flow, started);
        }
    }

    /// <summary>The group whose own Telegram group chat this message came from, if the chat is linked.</summary>
    public static async Task<Group?> LinkedGroupAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Message.Channel != ChannelNames.Telegram || !long.TryParse(turn.Message.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
        {
            return null;
        }

        return await turn.Db.Groups.Include(g => g.Village).FirstOrDefaultAsync(g => g.TelegramChatId == chatId && g.DeletedUtc == null, ct);
    }

    /// <summary>The groups among <paramref name="groups"/> in a village she oversees named <paramref name="name"/> (none for an empty name).</summary>
    public static List<Group> InOverseenVillage(Turn turn, IEnumerable<Group> groups, string name) =>
        name.Length == 0 ? [] : [.. groups.Where(g => turn.Caller.Oversees(g.VillageId) && string.Equals(g.Village?.Name, name, StringComparison.OrdinalIgnoreCase))];

    public static string Label(Group g) => g.Village is null ? g.Name : $"{g.Name} ({g.Village.Name})";
}
