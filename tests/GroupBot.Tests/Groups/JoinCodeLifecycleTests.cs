using GroupBot.Groups;
using GroupBot.People;

namespace GroupBot.Tests.Groups;

/// <summary>Join codes on plain objects: which kind belongs where, and revoking once.</summary>
public sealed class JoinCodeLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 4, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Group Melati = new() { Name = "Melati" };

    [Fact]
    public void A_group_code_belongs_to_its_group_and_a_facilitator_code_to_its_village()
    {
        var member = JoinCode.ForGroup("K7M2QX", JoinCodeKind.Member, Melati, Now);
        var facilitator = JoinCode.ForVillage("AC3DEF", villageId: 4, Now);

        Assert.Equal(("K7M2QX", JoinCodeKind.Member, Melati, (long?)null, (DateTime?)null), (member.Code, member.Kind, member.Group, member.VillageId, member.RevokedUtc));
        Assert.Equal(("AC3DEF", JoinCodeKind.Facilitator, (Group?)null, (long?)4), (facilitator.Code, facilitator.Kind, facilitator.Group, facilitator.VillageId));
    }

    [Fact]
    public void A_facilitator_code_for_a_group_is_refused()
    {
        Assert.Throws<ArgumentException>(() => JoinCode.ForGroup("K7M2QX", JoinCodeKind.Facilitator, Melati, Now));
    }

    [Fact]
    public void A_revoked_code_keeps_when_it_was_revoked_and_is_not_revoked_twice()
    {
        var code = JoinCode.ForVillage("AC3DEF", villageId: 4, Now);

        code.Revoke(Now.AddHours(1));
        var refused = Assert.Throws<InvalidOperationException>(() => code.Revoke(Now.AddHours(2)));

        Assert.Equal(Now.AddHours(1), code.RevokedUtc);
        Assert.Contains("from Revoked to Revoked", refused.Message, StringComparison.Ordinal);
    }
}
