using GroupBot.People;

namespace GroupBot.Groups;

public enum JoinCodeKind
{
    Member = 0,
    Leader = 1,
    Facilitator = 2,
}

/// <summary>
/// A short code a person types to join. Member and leader codes belong to a group and can be
/// regenerated (the old one is revoked, never deleted, so we can say "this code was replaced").
/// Facilitator codes belong to a village and are single use.
/// </summary>
public sealed class JoinCode
{
    private JoinCode()
    {
    }

    public long Id { get; private set; }
    public string Code { get; private set; } = string.Empty;
    public JoinCodeKind Kind { get; private set; }
    public long? GroupId { get; private set; }
    public Group? Group { get; private set; }
    public long? VillageId { get; private set; }
    public Village? Village { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? RevokedUtc { get; private set; }

    /// <summary>A member or leader code of a group (saved with the group when it is new).</summary>
    public static JoinCode ForGroup(string code, JoinCodeKind kind, Group group, DateTime createdUtc)
    {
        if (kind == JoinCodeKind.Facilitator)
        {
            throw new ArgumentException("A facilitator code belongs to a village, not a group.", nameof(kind));
        }

        return new() { Code = code, Kind = kind, Group = group, CreatedUtc = createdUtc };
    }

    /// <summary>A single-use facilitator code for a village.</summary>
    public static JoinCode ForVillage(string code, long villageId, DateTime createdUtc) =>
        new() { Code = code, Kind = JoinCodeKind.Facilitator, VillageId = villageId, CreatedUtc = createdUtc };

    /// <summary>Replaced by a new code, or a facilitator code used up. It is kept, so a late comer hears why it no longer works.</summary>
    /// <exception cref="InvalidOperationException">It was revoked already.</exception>
    public void Revoke(DateTime nowUtc)
    {
        if (RevokedUtc is not null)
        {
            throw new InvalidOperationException($"Join code {Id} cannot go from Revoked to Revoked.");
        }

        RevokedUtc = nowUtc;
    }
}
