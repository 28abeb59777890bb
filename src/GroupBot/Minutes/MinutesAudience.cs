using GroupBot.People;

namespace GroupBot.Minutes;

/// <summary>Who may write a group's meeting minutes: its leader or secretary, its facilitator, admins.</summary>
public static class MinutesAudience
{
    public static readonly IReadOnlyList<MemberRole> Roles = [MemberRole.Leader, MemberRole.Secretary];

    public static Audience MinutesWriter { get; } = Audience.ForRoles(nameof(MinutesWriter), Roles, "Refuse.MinutesWriter");
}
