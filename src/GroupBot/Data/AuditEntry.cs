namespace GroupBot.Data;

/// <summary>Who changed what, when. Written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public long? ActorPersonId { get; set; }
    public required string Action { get; set; }
    public required string Entity { get; set; }
    public long EntityId { get; set; }
    public string? Detail { get; set; }
}
