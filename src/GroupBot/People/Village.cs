namespace GroupBot.People;

/// <summary>A nagari or desa: the unit a facilitator is responsible for.</summary>
public sealed class Village
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; }
    public List<Group> Groups { get; } = [];
}

/// <summary>A facilitator (pendamping) follows every group of the villages assigned to them.</summary>
public sealed class FacilitatorAssignment
{
    public long Id { get; set; }
    public long PersonId { get; set; }
    public long VillageId { get; set; }
    public Village? Village { get; set; }
    public DateTime AssignedUtc { get; set; }
}
