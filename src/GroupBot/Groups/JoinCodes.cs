using System.Security.Cryptography;
using GroupBot.Data;
using GroupBot.People;
using Microsoft.EntityFrameworkCore;

namespace GroupBot.Groups;

/// <summary>
/// Short join codes people can read aloud and type on a cheap phone: six characters from an
/// alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G), matched case-insensitively.
/// </summary>
public static class JoinCodes
{
    public const string Alphabet = "ACDEFHJKMNPRTUVWXY34679";
    public const int Length = 6;

    /// <summary>Upper-cases and drops spaces and dashes: "k7m 2qx" → "K7M2QX".</summary>
    public static string Normalize(string text) =>
        new([.. text.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);

    public static async Task<string> NewCodeAsync(GroupBotDb db, CancellationToken ct)
    {
        while (true)
        {
            var code = new string(RandomNumberGenerator.GetItems<char>(Alphabet, Length));
            if (!db.JoinCodes.Local.Any(c => c.Code == code) && !await db.JoinCodes.AnyAsync(c => c.Code == code, ct))
            {
                return code;
            }
        }
    }

    /// <summary>Gives a new group its member and leader codes.</summary>
    public static async Task IssueAsync(GroupBotDb db, Group group, DateTime nowUtc, CancellationToken ct)
    {
        foreach (var kind in new[] { JoinCodeKind.Member, JoinCodeKind.Leader })
        {
            db.JoinCodes.Add(JoinCode.ForGroup(await NewCodeAsync(db, ct), kind, group, nowUtc));
        }
    }

    /// <summary>Revokes a group's current codes of both kinds and issues new ones.</summary>
    public static async Task RegenerateAsync(GroupBotDb db, Group group, DateTime nowUtc, CancellationToken ct)
    {
        var current = await db.JoinCodes.Where(c => c.GroupId == group.Id && c.RevokedUtc == null).ToListAsync(ct);
        foreach (var code in current)
        {
            code.Revoke(nowUtc);
        }

        await IssueAsync(db, group, nowUtc, ct);
    }

    /// <summary>The current codes of a group, including codes added in this unit of work.</summary>
    public static async Task<(string Member, string Leader)> CurrentAsync(GroupBotDb db, Group group, CancellationToken ct)
    {
        if (group.Id != 0)
        {
            await db.JoinCodes.Where(c => c.GroupId == group.Id).LoadAsync(ct);
        }

        var active = db.JoinCodes.Local
            .Where(c => (c.Group == group || (group.Id != 0 && c.GroupId == group.Id)) && c.RevokedUtc == null)
            .ToList();
        if (!active.Any(c => c.Kind == JoinCodeKind.Member) || !active.Any(c => c.Kind == JoinCodeKind.Leader))
        {
            // A group made outside the chat (seeded, or from an older import) gets its codes on first use.
            await IssueAsync(db, group, group.CreatedUtc, ct);
            return await CurrentAsync(db, group, ct);
        }

        return (active.Last(c => c.Kind == JoinCodeKind.Member).Code, active.Last(c => c.Kind == JoinCodeKind.Leader).Code);
    }
}
