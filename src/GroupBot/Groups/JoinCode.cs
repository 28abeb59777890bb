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
    public long Id { get; set; }
    public required string Code { get; set; }
    public JoinCodeKind Kind { get; set; }
    public long? GroupId { get; set; }
    public Group? Group { get; set; }
    public long? VillageId { get; set; }
    public Village? Village { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
}
